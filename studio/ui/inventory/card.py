"""The dashboard's stock card: the items at or under their threshold and the lots that
expire soon (or have expired with stock), with a way to the Inventory page. It hides
itself when all is well."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from studio.services.common import _, ngettext, number
from studio.services.inventory import Alerts
from studio.ui.inventory.model import amount_of
from studio.ui.kit.format import short_date
from studio.ui.kit.widgets import ElidedLabel, button, label
from studio.ui.shell.page import PageHost

SHOWN = 4  # names on each line; the page has the rest


class LowStockCard(QFrame):
    columns = 2  # of the dashboard's grid: the names need the room

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WarningCard")
        self.host = host
        self.alerts: Alerts | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        top = QHBoxLayout()
        self.heading = label(_("STOCK"), "fieldLabel")
        top.addWidget(self.heading, 1)
        # An arrow named in its tooltip, as on the dashboard's other cards.
        self.open_button = button("", icon_name="chevron-right", variant="link", tooltip=_("Open Inventory"),
                                  on_click=lambda: host.open_page("inventory"))
        self.open_button.setAccessibleName(_("Open Inventory"))
        self.open_button.setObjectName("OpenInventory")
        top.addWidget(self.open_button)
        layout.addLayout(top)
        self.summary = label("", "muted", wrap=True)
        self.summary.setObjectName("StockSummary")
        layout.addWidget(self.summary)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(2)
        layout.addLayout(self.rows)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # the grid's share
        self.setVisible(False)  # until there is something to say
        host.ctx.runner("inventory").low_changed.connect(lambda _n: self.isVisible() and self.refresh())

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override: take the press, so the release comes here
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override: a click on the card opens the page
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.host.open_page("inventory")
            return
        super().mouseReleaseEvent(event)

    def refresh(self) -> None:
        self.host.call(lambda s, a: s.inventory.alerts(a), self._show, lambda _e: self.setVisible(False))

    def _show(self, alerts: Alerts) -> None:
        self.alerts = alerts
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        lots = alerts.expired + alerts.expiring
        if not alerts.low and not lots:
            self.setVisible(False)
            return
        low, soon = len(alerts.low), len(lots)
        # Translators: {low} is e.g. "3 items low on stock", {lots} e.g. "2 lots expiring".
        self.summary.setText(_("{low} · {lots}").format(
            low=ngettext("{n} item low on stock", "{n} items low on stock", low).format(n=number(low)),
            lots=ngettext("{n} lot expiring or expired", "{n} lots expiring or expired", soon).format(n=number(soon))))
        if alerts.low:
            # Translators: the dashboard's low-stock line, e.g. "Low: Nitrile gloves (3 box), Black ink (2 bottle)".
            self._line(_("Low: {items}").format(items=", ".join(
                _("{name} ({left})").format(name=item.name, left=amount_of(item.on_hand, item.unit))
                for item in alerts.low[:SHOWN])), "warning")
        if alerts.expired:
            self._line(_("Expired, still on the shelf: {lots}").format(lots=", ".join(
                _("{name} lot {lot}").format(name=lot.item_name, lot=lot.lot_number)
                for lot in alerts.expired[:SHOWN])),
                "error")
        if alerts.expiring:
            self._line(_("Expiring: {lots}").format(lots=", ".join(
                _("{name} lot {lot} on {day}").format(name=lot.item_name, lot=lot.lot_number,
                                                      day=short_date(lot.expires_on))
                for lot in alerts.expiring[:SHOWN])), None)
        self.setVisible(True)

    def _line(self, text: str, role: str | None) -> None:
        line = ElidedLabel(text)
        line.setProperty("role", role or "small")
        self.rows.addWidget(line)
