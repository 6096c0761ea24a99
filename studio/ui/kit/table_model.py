"""The base of every data table's Qt model: a list of frozen records and named columns.

Subclasses say what a cell shows (``cell``) and, optionally, how it looks (``cell_role``);
row bounds, headers and alignment live here once."""

from __future__ import annotations

from typing import Any, Generic, Sequence, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

R = TypeVar("R")


class RecordTableModel(QAbstractTableModel, Generic[R]):
    COLUMNS: Sequence[str] = ()
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
            return self.COLUMNS[section]
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
