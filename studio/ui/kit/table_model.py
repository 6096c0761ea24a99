"""The base of every data table's Qt model: a list of frozen records and named columns.

Subclasses say what a cell shows (``cell``) and, optionally, how it looks (``cell_role``);
row bounds, headers and alignment live here once. ``PagedTableModel`` adds fetching the
next page from a service as the view scrolls, for lists that can grow."""

from __future__ import annotations

from typing import Any, Callable, Generic, Sequence, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from studio.services.common import _

R = TypeVar("R")


class RecordTableModel(QAbstractTableModel, Generic[R]):
    COLUMNS: Sequence[str] = ()  # N_-marked headers, shown in the language in use
    NUMERIC_COLUMNS: frozenset[int] = frozenset()  # right-aligned, as numbers are

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[R] = []

    def set_rows(self, rows: list[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows: list[R]) -> None:
        if not rows:
            return
        start = len(self.rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(self.COLUMNS[section]) if self.COLUMNS[section] else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(section)
        return None

    def _alignment(self, column: int):
        horizontal = Qt.AlignmentFlag.AlignRight if column in self.NUMERIC_COLUMNS else Qt.AlignmentFlag.AlignLeft
        return horizontal | Qt.AlignmentFlag.AlignVCenter

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        record = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(record, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(index.column())
        return self.cell_role(record, index.column(), role)

    def cell(self, record: R, column: int) -> Any:
        """The text of a cell."""
        raise TypeError(f"{type(self).__name__} must define cell() to say what its cells show")

    def cell_role(self, record: R, column: int, role: int) -> Any:
        """Anything but the text and alignment of a cell (tooltip, colour, icon, user data)."""
        return None


# A call for PageHost.call: fn(services, actor) -> result, run off the GUI thread.
ServiceCall = Callable[[Any, Any], Any]


class PagedTableModel(RecordTableModel[R]):
    """Holds only the rows fetched so far and asks for the next page when the view scrolls
    near the end (Qt calls canFetchMore/fetchMore), so a long list costs what a screenful does.

    Subclasses give ``first_page()``, a call returning something with ``total`` and ``rows``
    (the first PAGE_SIZE rows), and ``next_page(rows)``, a call returning the PAGE_SIZE rows
    after those already held. A first page that came with other things (a page's refresh)
    is handed over with ``show_first``. A page shorter than PAGE_SIZE is the last one."""

    PAGE_SIZE = 100
    loaded = Signal()

    def __init__(self, host, *, on_error: Callable[[Any], None] | None = None) -> None:
        """``on_error`` is told a page that could not be read (a DomainError with a sentence);
        without it, the error goes where a call without an error handler sends it."""
        super().__init__()
        self.host = host
        self.on_error = on_error
        self.total = 0
        self.exhausted = True  # nothing to fetch before a first page has come
        self._fetching = False
        self._generation = 0

    def first_page(self) -> ServiceCall:
        raise TypeError(f"{type(self).__name__} must define first_page() to say how its list starts")

    def next_page(self, rows: list[R]) -> ServiceCall:
        raise TypeError(f"{type(self).__name__} must define next_page() to say how its list goes on")

    def reload(self) -> None:
        """Ask for the first page again (a new query or sort); pages still on their way for
        the old one are dropped when they arrive."""
        self._generation += 1
        generation = self._generation
        self._fetching = True

        def arrived(result) -> None:
            if generation == self._generation:
                self.show_first(result.total, result.rows)

        self.host.call(self.first_page(), arrived, self._failed(generation))

    def show_first(self, total: int, rows: Sequence[R]) -> None:
        self._generation += 1
        self._fetching = True  # until the rows are in: a view asks for more while they go in
        self.total = total
        self.exhausted = len(rows) < self.PAGE_SIZE
        self.set_rows(list(rows))
        self._fetching = False
        self.loaded.emit()

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt API
        return not parent.isValid() and not self._fetching and not self.exhausted

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt API
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation = self._generation

        def arrived(rows: list[R]) -> None:
            if generation != self._generation:
                return
            self.exhausted = len(rows) < self.PAGE_SIZE
            self.append_rows(rows)  # still "fetching": a fetchMore from inside would repeat this page
            self._fetching = False
            self.loaded.emit()

        self.host.call(self.next_page(list(self.rows)), arrived, self._failed(generation))

    def _failed(self, generation: int) -> Callable[[Any], None]:
        def failed(error) -> None:
            if generation == self._generation:
                self._fetching = False
                self.exhausted = True  # no retry loop on every scroll; a reload starts again
            if self.on_error is not None:
                self.on_error(error)
            else:
                self.host.ctx.tasks.crashed.emit(error)
        return failed
