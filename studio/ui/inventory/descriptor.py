"""What the inventory area adds to the window."""

from studio.services.common import N_, Permission
from studio.ui.shell.extensions import AreaDescriptor, BackgroundRunner, DashboardCard, SidebarPage

DESCRIPTOR = AreaDescriptor(
    name="inventory",
    pages=(SidebarPage("inventory", N_("Inventory"), "package", Permission.VIEW_STOCK,
                       "studio.ui.inventory:InventoryPage", order=50,
                       badge="studio.ui.inventory.watch:low_stock_badge"),),
    dashboard_cards=(DashboardCard("low-stock", Permission.VIEW_STOCK, "studio.ui.inventory.card:LowStockCard",
                                   order=30),),
    runners=(BackgroundRunner("inventory", "studio.ui.inventory.watch:StockWatch"),),
)
