"""The global search's result list: a flat Qt model of group headers, hits and one message
line, and the delegate that paints them (names as plain text, always)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from studio.services.common import _, number
from studio.ui.kit import icons, theme
from studio.ui.kit.format import local_datetime

if TYPE_CHECKING:  # the records only: the services load after sign-in
    from studio.services.search import GlobalSearchResult, SearchGroup, SearchHit

HEADER, HIT, MESSAGE = "header", "hit", "message"
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # HEADER, HIT or MESSAGE
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2  # a hit's second line; a header's count
HIT_ROLE = Qt.ItemDataRole.UserRole  # the SearchHit

HEIGHTS = {HEADER: 28, HIT: 46, MESSAGE: 40}
ICON_SIZE = 18


@dataclass(frozen=True)
class _Row:
    kind: str
    text: str
    detail: str = ""
    icon: str = ""
    hit: SearchHit | None = None


def _count(group: SearchGroup) -> str:
    if not group.more:
        return ""
    # Translators: how many hits of a group are listed, e.g. "5 of 1,234" or "5 of 200+" (capped).
    if group.capped:
        return _("{shown} of {total}+").format(shown=len(group.hits), total=number(group.total))
    return _("{shown} of {total}").format(shown=len(group.hits), total=number(group.total))


class SearchResultsModel(QAbstractListModel):
    def __init__(self, timezone: str = "UTC") -> None:
        super().__init__()
        self.timezone = timezone
        self.rows: list[_Row] = []

    def set_result(self, result: GlobalSearchResult) -> None:
        rows: list[_Row] = []
        for group in result.groups:
            rows.append(_Row(HEADER, group.title, _count(group)))
            for hit in group.hits:
                when = local_datetime(hit.when, self.timezone) if hit.when else ""
                detail = " · ".join(part for part in (hit.detail, when) if part)
                rows.append(_Row(HIT, hit.title, detail, group.icon, hit))
        if not rows:
            rows.append(_Row(MESSAGE, _("No matches for “{query}”").format(query=result.query)))
        self._replace(rows)

    def set_message(self, text: str) -> None:
        self._replace([_Row(MESSAGE, text)])

    def _replace(self, rows: list[_Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def hit_rows(self) -> list[int]:
        return [i for i, row in enumerate(self.rows) if row.kind == HIT]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index):
        if not index.isValid() or self.rows[index.row()].kind != HIT:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.text
        if role == DETAIL_ROLE:
            return row.detail
        if role == KIND_ROLE:
            return row.kind
        if role == HIT_ROLE:
            return row.hit
        if role == Qt.ItemDataRole.DecorationRole and row.icon:
            return icons.icon(row.icon, size=ICON_SIZE)
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(0, HEIGHTS[row.kind])
        return None


class SearchResultsDelegate(QStyledItemDelegate):
    """Header: small muted capitals and the count; hit: icon, name, detail below; message:
    one muted line. Text is drawn with drawText, which never reads markup."""

    PAD = 12

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt API
        return QSize(option.rect.width(), HEIGHTS[index.data(KIND_ROLE) or HIT])

    def paint(self, painter: QPainter, option, index) -> None:
        t = theme.current()
        kind = index.data(KIND_ROLE)
        rect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_rect = rect.adjusted(self.PAD, 0, -self.PAD, 0)
        if kind == HEADER:
            font = QFont(option.font)
            font.setPixelSize(theme.FONT_SMALL - 1)
            font.setBold(True)
            font.setCapitalization(QFont.Capitalization.AllUppercase)
            painter.setFont(font)
            painter.setPen(QColor(t.text_muted))
            bottom = text_rect.adjusted(0, 8, 0, 0)
            align = Qt.AlignmentFlag.AlignVCenter
            painter.drawText(bottom, align | Qt.AlignmentFlag.AlignLeft, index.data())
            font.setCapitalization(QFont.Capitalization.MixedCase)
            font.setBold(False)
            painter.setFont(font)
            painter.drawText(bottom, align | Qt.AlignmentFlag.AlignRight, index.data(DETAIL_ROLE))
        elif kind == MESSAGE:
            painter.setPen(QColor(t.text_muted))
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             option.fontMetrics.elidedText(index.data(), Qt.TextElideMode.ElideRight,
                                                           text_rect.width()))
        else:
            self._paint_hit(painter, option, index, t, text_rect)
        painter.restore()

    def _paint_hit(self, painter: QPainter, option, index, t, text_rect: QRect) -> None:
        rect = option.rect
        if option.state & (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_MouseOver):
            painter.setPen(Qt.PenStyle.NoPen)
            selected = option.state & QStyle.StateFlag.State_Selected
            painter.setBrush(QColor(t.selection if selected else t.background))
            painter.drawRoundedRect(rect.adjusted(4, 1, -4, -1), 6, 6)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if icon is not None:
            top = rect.top() + (rect.height() - ICON_SIZE) // 2
            icon.paint(painter, QRect(text_rect.left(), top, ICON_SIZE, ICON_SIZE))
        left = text_rect.adjusted(ICON_SIZE + 12, 6, 0, -6)
        name_font = QFont(option.font)
        name_font.setWeight(QFont.Weight.DemiBold)
        detail_font = QFont(option.font)
        detail_font.setPixelSize(theme.FONT_SMALL)
        halves = (QRect(left.left(), left.top(), left.width(), left.height() // 2 + 1),
                  QRect(left.left(), left.top() + left.height() // 2, left.width(), left.height() // 2))
        for font, color, area, text in ((name_font, t.text, halves[0], index.data()),
                                        (detail_font, t.text_muted, halves[1], index.data(DETAIL_ROLE))):
            painter.setFont(font)
            painter.setPen(QColor(color))
            elided = painter.fontMetrics().elidedText(text or "", Qt.TextElideMode.ElideRight, area.width())
            painter.drawText(area, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided)
