"""The History tab's "Lots used" section: which lots of ink, needles and cartridges touched
the client, session by session (what a recall asks), for everyone who sees the stock."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from studio.services.common import N_, _, short_date
from studio.ui.clients.money import RIGHT, _fill, _table
from studio.ui.kit.widgets import label

LOT_COLUMNS = (N_("Date"), N_("Item"), N_("Lot"), N_("Quantity"))


class LotsSection(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ClientLots")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(label(_("Lots used"), "title"))
        self.table = _table(LOT_COLUMNS, "ClientLotsTable", 3)
        self.table.horizontalHeaderItem(3).setTextAlignment(RIGHT)
        layout.addWidget(self.table)

    def show_lots(self, hits, timezone: str) -> None:
        _fill(self.table, [(short_date(h.starts_at, timezone), h.item_name, h.lot_number or "—", str(h.quantity))
                           for h in hits])
