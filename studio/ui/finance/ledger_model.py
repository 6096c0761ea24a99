"""The ledger's table: the entries a filter matches, newest first, held only as far as the
view has scrolled — the first page comes with the totals (the view asks for it), the next
200 rows when the table nears its end. Cells as the register writes them, with the day."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal

from studio.services.common import N_, short_date
from studio.services.finance import LedgerFilter, LedgerPage
from studio.services.register import EntryRecord
from studio.ui.kit.table_model import PagedTableModel
from studio.ui.register.model import EntryCells

NOTE = 7  # the column that takes the width left over


class LedgerModel(EntryCells, PagedTableModel[EntryRecord]):
    """``show_page(filter, page)`` starts the list over with a first page; pages after it are
    read for that same filter, and those still on their way when a new one is shown are dropped."""

    PAGE_SIZE = 200
    COLUMNS = (N_("Day"),) + EntryCells.COLUMNS
    NUMERIC_COLUMNS = frozenset(c + 1 for c in EntryCells.NUMERIC_COLUMNS)
    fetching = Signal()  # a next page was asked for (``loaded`` when it is in)

    def __init__(self, host, currency: str, timezone: str, *, on_error=None) -> None:
        super().__init__(host, on_error=on_error)
        self.currency = currency
        self.timezone = timezone
        self.filter = LedgerFilter()

    def show_page(self, where: LedgerFilter, page: LedgerPage) -> None:
        self.filter = where
        self.show_first(page.count, page.rows)
        # The count says whether more is left, so a last page of exactly 200 asks for nothing.
        self.exhausted = len(self.rows) >= page.count

    def next_page(self, rows: list[EntryRecord]):
        where, offset, limit = self.filter, len(rows), self.PAGE_SIZE
        return lambda s, a: s.finance.ledger(a, where, offset, limit).rows

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt API
        if self.canFetchMore(parent):
            super().fetchMore(parent)
            self.fetching.emit()

    def append_rows(self, rows: Sequence[EntryRecord]) -> None:
        super().append_rows(list(rows))
        if len(self.rows) >= self.total:
            self.exhausted = True

    def cell(self, e: EntryRecord, column: int):
        return short_date(e.day) if column == 0 else super().cell(e, column - 1)

    def cell_role(self, e: EntryRecord, column: int, role: int):
        if column == 0:
            return e.id if role == Qt.ItemDataRole.UserRole else None
        return super().cell_role(e, column - 1, role)
