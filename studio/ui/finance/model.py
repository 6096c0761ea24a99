"""The per-artist table: each artist's figures for the range (a studio has a handful of
artists, so all rows are held), with their colour beside their name, sortable by any column."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studio.services.common import N_, _, money, number
from studio.services.finance import ArtistFigures
from studio.ui.kit import icons, theme
from studio.ui.kit.table_model import RecordTableModel

# What each column sorts by (the figure, not its text: "10,00 €" sorts before "9,00 €" as text).
SORT_KEYS = (
    lambda f: (f.artist_id is None, f.artist_name.casefold()),
    lambda f: f.appointments,
    lambda f: f.minutes,
    lambda f: f.sales_cents,
    lambda f: f.tips_cents,
    lambda f: f.commission_cents,
    lambda f: f.studio_cents,
    lambda f: f.average_ticket_cents,
    lambda f: f.no_shows,
)


class ArtistTableModel(RecordTableModel[ArtistFigures]):
    COLUMNS = (N_("Artist"), N_("Appointments"), N_("Hours"), N_("Sales"), N_("Tips"), N_("Commission"),
               N_("Studio share"), N_("Average ticket"), N_("No-shows"))
    NUMERIC_COLUMNS = frozenset(range(1, 9))

    def __init__(self, currency: str) -> None:
        super().__init__()
        self.currency = currency
        self.colors: dict[int | None, str] = {}
        self.sorted_by: tuple[int, Qt.SortOrder] | None = None

    def show(self, rows, colors: dict[int | None, str]) -> None:
        self.colors = dict(colors)
        rows = list(rows)
        if self.sorted_by is not None:
            column, order = self.sorted_by
            rows.sort(key=SORT_KEYS[column], reverse=order == Qt.SortOrder.DescendingOrder)
        self.set_rows(rows)

    def color_of(self, figures: ArtistFigures) -> str:
        """The artist's colour (sales with no artist, or one no longer active: the muted text's)."""
        return self.colors.get(figures.artist_id) or theme.current().text_muted

    @staticmethod
    def name_of(figures: ArtistFigures) -> str:
        return figures.artist_name if figures.artist_id is not None else _("No artist")

    def cell(self, f: ArtistFigures, column: int):
        if column == 0:
            return self.name_of(f)
        if column == 1:
            return number(f.appointments)
        if column == 2:
            return number(round(f.minutes / 60, 1))
        if column == 8:
            return number(f.no_shows)
        cents = (f.sales_cents, f.tips_cents, f.commission_cents, f.studio_cents, f.average_ticket_cents)[column - 3]
        return money(cents, self.currency)

    def cell_role(self, f: ArtistFigures, column: int, role: int):
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return icons.dot(self.color_of(f))
        if role == Qt.ItemDataRole.UserRole:
            return f.artist_id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:  # noqa: D102 - Qt API
        if not 0 <= column < len(SORT_KEYS):
            return
        self.sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        key = SORT_KEYS[column]
        moved = sorted(range(len(self.rows)), key=lambda i: key(self.rows[i]),
                       reverse=order == Qt.SortOrder.DescendingOrder)
        where = {old: new for new, old in enumerate(moved)}
        self.rows = [self.rows[i] for i in moved]
        kept = self.persistentIndexList()
        self.changePersistentIndexList(kept, [self.index(where[i.row()], i.column()) for i in kept])
        self.layoutChanged.emit()
