"""The clients table: holds only the rows fetched so far and asks the service for the next
page as the person scrolls, so 100,000 clients cost what one screenful does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from studio.services.clients import SEARCH_COUNT_CAP, ClientRow, ClientSort
from studio.services.common import N_, _, ngettext
from studio.ui.kit import theme
from studio.ui.kit.format import local_date, local_datetime
from studio.ui.kit.table_model import PagedTableModel
from studio.ui.shell.page import PageHost

PAGE_SIZE = 200

# Column → the service's sort key (None: not sortable).
SORTS = {0: ClientSort.NAME, 1: ClientSort.PHONE, 2: ClientSort.EMAIL, 3: ClientSort.AGE}


class ClientTableModel(PagedTableModel[ClientRow]):
    COLUMNS = (N_("Name"), N_("Phone"), N_("Email"), N_("Age"), N_("Health"), N_("Last visit"), N_("Next appointment"))
    NUMERIC_COLUMNS = frozenset({3})
    PAGE_SIZE = PAGE_SIZE

    def __init__(self, host: PageHost) -> None:
        super().__init__(host)
        self.query = ""
        self.sort_key = ClientSort.NAME
        self.descending = False
        # self.total: matches, counted up to SEARCH_COUNT_CAP + 1 (ClientSearch.total)

    # --- loading --------------------------------------------------------------------
    def reload(self, query: str | None = None) -> None:
        if query is not None:
            self.query = query
        super().reload()

    def first_page(self):
        query, sort, desc = self.query, self.sort_key, self.descending
        return lambda s, a: s.clients.search(a, query, PAGE_SIZE, sort, desc)

    def next_page(self, rows: list[ClientRow]):
        query, sort, desc, offset = self.query, self.sort_key, self.descending, len(rows)
        return lambda s, a: s.clients.page(a, query, offset, PAGE_SIZE, sort, desc)

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
        return self.count_text(found=False)

    def count_text(self, *, found: bool) -> str:
        """"10 clients", or "10 clients found" for a search; "1,000+" past the count's cap."""
        capped = self.total > SEARCH_COUNT_CAP
        shown = f"{SEARCH_COUNT_CAP:,}+" if capped else f"{self.total:,}"
        n = SEARCH_COUNT_CAP + 1 if capped else self.total
        # Translators: {n} is a number, possibly "1,000+".
        if found:
            return ngettext("{n} client found", "{n} clients found", n).format(n=shown)
        return ngettext("{n} client", "{n} clients", n).format(n=shown)

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
            return _("Has notes") if c.has_medical_notes else ""
        # Visits are moments (UTC); a person reads them in the studio's time zone.
        if column == 5:
            return local_date(c.last_visit, self.host.settings.timezone)
        return local_datetime(c.next_appointment, self.host.settings.timezone)

    def cell_role(self, c: ClientRow, column: int, role: int):
        if role == Qt.ItemDataRole.UserRole:
            return c.id
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            return QColor(theme.current().warning)
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and c.has_medical_notes:
            return _("This client has medical notes. Open the client to read them (if your role may).")
        return None
