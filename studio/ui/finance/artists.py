"""The finance page's artists view: each artist's figures for the range in a sortable
table, and their sales as bars in their colours."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView, QVBoxLayout, QWidget

from studio.services.common import _
from studio.services.finance import ArtistFigures
from studio.ui.finance.charts import ArtistBars
from studio.ui.finance.model import ArtistTableModel
from studio.ui.kit.widgets import card, configure_table, label


class ArtistsView(QWidget):
    def __init__(self, currency: str) -> None:
        super().__init__()
        self.setObjectName("FinanceArtists")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 12, 0, 0)
        outer.setSpacing(12)
        self.model = ArtistTableModel(currency)
        self.table = QTableView()
        self.table.setObjectName("ArtistsTable")
        self.table.setModel(self.model)
        configure_table(self.table, {0: 170, 1: 110, 2: 70, 3: 120, 4: 100, 5: 110, 6: 110, 7: 120}, stretch=8)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.model.layoutChanged.connect(self._draw_bars)  # re-sorted: the bars follow the rows
        outer.addWidget(self.table, 3)
        self.empty = label(_("No sales or appointments in this range."), "muted")
        self.empty.setObjectName("ArtistsEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setVisible(False)
        outer.addWidget(self.empty)
        frame, inside = card(margins=12, spacing=4)
        inside.addWidget(label(_("Sales by artist"), "title"))
        self.bars = ArtistBars()
        inside.addWidget(self.bars, 1)
        outer.addWidget(frame, 2)

    def show_artists(self, figures: tuple[ArtistFigures, ...], colors: dict[int | None, str]) -> None:
        self.model.show(figures, colors)
        self._draw_bars()
        self.empty.setVisible(not self.model.rows)

    def _draw_bars(self, *_args) -> None:
        rows = self.model.rows
        self.bars.set_artists([self.model.name_of(f) for f in rows], [f.sales_cents for f in rows],
                              [self.model.color_of(f) for f in rows])
