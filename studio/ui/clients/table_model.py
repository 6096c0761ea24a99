"""The clients table: holds only the rows fetched so far and asks the service for the next
page as the person scrolls, so 100,000 clients cost what one screenful does."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from studio.services.clients import SEARCH_COUNT_CAP, ClientRow, ClientSearch, ClientSort
from studio.ui.kit import theme
from studio.ui.kit.table_model import RecordTableModel
from studio.ui.shell.page import PageHost

PAGE_SIZE = 200

# Column → the service's sort key (None: not sortable).
SORTS = {0: ClientSort.NAME, 1: ClientSort.PHONE, 2: ClientSort.EMAIL, 3: ClientSort.AGE}


class ClientTableModel(RecordTableModel[ClientRow]):
    COLUMNS = ("Name", "Phone", "Email", "Age", "Health", "Last visit", "Next appointment")
    NUMERIC_COLUMNS = frozenset({3})
    loaded = Signal()

    def __init__(self, host: PageHost) -> None:
        super().__init__()
        self.host = host
        self.query = ""
        self.sort_key = ClientSort.NAME
        self.descending = False
        self.total = 0  # matches, counted up to SEARCH_COUNT_CAP + 1 (ClientSearch.total)
        self.exhausted = False  # the last page came back short: nothing more to fetch
        self._fetching = False
        self._generation = 0

    # --- loading --------------------------------------------------------------------
    def reload(self, query: str | None = None) -> None:
        if query is not None:
            self.query = query
        self._generation += 1
        generation, query, sort, desc = self._generation, self.query, self.sort_key, self.descending
        self._fetching = True

        def arrived(result: ClientSearch) -> None:
            if generation != self._generation:
                return  # a newer keystroke replaced this search
            self._fetching = False
            self.total, rows = result.total, result.rows
            self.exhausted = len(rows) < PAGE_SIZE
            self.set_rows(rows)
            self.loaded.emit()

        self.host.call(lambda s, a: s.clients.search(a, query, PAGE_SIZE, sort, desc), arrived)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt API
        return not parent.isValid() and not self._fetching and not self.exhausted

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt API
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, query, sort, desc, offset = (self._generation, self.query, self.sort_key,
                                                 self.descending, len(self.rows))

        def arrived(rows: list[ClientRow]) -> None:
            if generation != self._generation:
                return
            self._fetching = False
            self.exhausted = len(rows) < PAGE_SIZE
            self.append_rows(rows)
            self.loaded.emit()

        self.host.call(lambda s, a: s.clients.page(a, query, offset, PAGE_SIZE, sort, desc), arrived)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = SORTS.get(column)
        descending = order == Qt.SortOrder.DescendingOrder
        if key is None or (key, descending) == (self.sort_key, self.descending):
            return  # Qt also calls this when sorting is switched on; nothing changed then
        self.sort_key = key
        self.descending = descending
        self.reload()

    # --- cells ----------------------------------------------------------------------
    @property
    def total_text(self) -> str:
        shown = f"{SEARCH_COUNT_CAP:,}+" if self.total > SEARCH_COUNT_CAP else f"{self.total:,}"
        return f"{shown} client{'s' * (self.total != 1)}"

    def cell(self, c: ClientRow, column: int):
        if column == 0:
            return c.full_name if not c.preferred_name or c.preferred_name == c.full_name \
                else f"{c.full_name} ({c.preferred_name})"
        if column == 1:
            return c.phone_display
        if column == 2:
            return c.email
        if column == 3:
            return "" if c.age is None else str(c.age)
        if column == 4:
            return "Has notes" if c.has_medical_notes else ""
        if column == 5:
            return c.last_visit.strftime("%d %b %Y") if c.last_visit else "—"
        return c.next_appointment.strftime("%d %b %Y %H:%M") if c.next_appointment else "—"

    def cell_role(self, c: ClientRow, column: int, role: int):
        if role == Qt.ItemDataRole.UserRole:
            return c.id
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            return QColor(theme.current().warning)
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and c.has_medical_notes:
            return "This client has medical notes. Open the client to read them (if your role may)."
        return None
