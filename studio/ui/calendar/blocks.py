"""An appointment on the time grid: one painted QGraphicsItem in its artist's colour (the
client in bold, the piece and the time below, a status mark), and how overlapping blocks
share a column side by side."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from zoneinfo import ZoneInfo

from studio.services.common import _
from studio.services.scheduling import AppointmentRecord, DepositState, Status
from studio.ui.calendar.times import range_text
from studio.ui.kit import icons, theme

RADIUS = 6
RESIZE_EDGE = 6  # px at a block's bottom that resize it instead of moving it
NARROW = 90  # px: a block this narrow keeps its first line for the client's name


def lanes(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """For spans (start, end) in start order: each one's (lane, lanes in its group), so that
    overlapping ones sit side by side and touching ones take the whole width."""
    placed: list[tuple[int, int]] = [(0, 1)] * len(spans)
    group: list[int] = []
    group_end = None
    lane_ends: list[int] = []

    def close_group() -> None:
        for i in group:
            placed[i] = (placed[i][0], len(lane_ends))

    for i, (start, end) in enumerate(spans):
        if group_end is not None and start >= group_end:
            close_group()
            group, lane_ends, group_end = [], [], None
        lane = next((n for n, lane_end in enumerate(lane_ends) if lane_end <= start), None)
        if lane is None:
            lane = len(lane_ends)
            lane_ends.append(end)
        else:
            lane_ends[lane] = end
        placed[i] = (lane, 0)
        group.append(i)
        group_end = end if group_end is None else max(group_end, end)
    close_group()
    return placed


def blend(color: str, over: str, amount: float) -> QColor:
    """``color`` at ``amount`` (0…1) over ``over``: a request's paler fill."""
    a, b = QColor(color), QColor(over)
    mix = lambda x, y: round(x * amount + y * (1 - amount))  # noqa: E731
    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()))


_FONTS: dict[tuple[str, bool], tuple[QFont, QFontMetrics]] = {}


def _font(base: QFont, bold: bool) -> tuple[QFont, QFontMetrics]:
    """The blocks' small font and its metrics, made once (a week paints hundreds of blocks)."""
    key = (base.key(), bold)
    if key not in _FONTS:
        font = QFont(base)
        font.setPixelSize(theme.FONT_SMALL)
        font.setBold(bold)
        _FONTS[key] = (font, QFontMetrics(font))
    return _FONTS[key]


class BlockItem(QGraphicsItem):
    """One appointment (or its part within one day's column)."""

    def __init__(self, record: AppointmentRecord, rect: QRectF, zone: str, column: int, *,
                 start: int = 0, lead: int = 0) -> None:
        """``start``: where this piece begins, in minutes of its column's day; ``lead``: the
        minutes of the appointment before it (a piece after midnight has the evening's)."""
        super().__init__()
        self.record = record
        self.zone = zone
        self.column = column
        self.start, self.lead = start, lead
        self.when = range_text(record.starts_at, record.ends_at, ZoneInfo(zone))
        self.selected = False  # the block the keys act on (Enter opens it, Shift+F10 its menu)
        self.rect = QRectF(0, 0, rect.width(), rect.height())
        self.setPos(rect.topLeft())
        self.setAcceptHoverEvents(True)
        self.setToolTip(self.tooltip())

    @property
    def movable(self) -> bool:
        return not self.record.busy_only and not self.record.status.is_final

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.rect

    def on_resize_edge(self, scene_y: float) -> bool:
        return self.movable and scene_y >= self.sceneBoundingRect().bottom() - RESIZE_EDGE

    def tooltip(self) -> str:
        r = self.record
        when = self.when
        if r.busy_only:
            return f"{_('Busy')}\n{r.artist_name} · {when}"
        lines = [r.client_name, r.description or r.kind.label, f"{r.artist_name} · {when}", r.status.label]
        if r.deposit == DepositState.AWAITING:
            lines.append(_("Awaiting deposit"))
        if r.outside_hours:
            lines.append(_("Outside working hours"))
        return "\n".join(line for line in lines if line)

    def colors(self) -> tuple[QColor, QColor, QColor]:
        """Fill, border and text."""
        t = theme.current()
        r = self.record
        if r.busy_only:
            return QColor(t.surface), QColor(t.text_muted), QColor(t.text_muted)
        if r.status == Status.REQUESTED:
            fill = blend(r.artist_color, t.surface, 0.28)
        elif r.status in (Status.COMPLETED, Status.NO_SHOW):
            fill = blend(r.artist_color, t.surface, 0.55)
        else:
            fill = QColor(r.artist_color)
        text = QColor(theme.readable_text_on(fill.name()))
        return fill, QColor(r.artist_color), text

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        r = self.record
        t = theme.current()
        fill, edge, text = self.colors()
        box = self.rect.adjusted(1, 1, -1, -1)
        path = QPainterPath()
        path.addRoundedRect(box, RADIUS, RADIUS)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(path, fill)
        if r.busy_only:  # a colleague's time: hatched, without its client, piece or status
            painter.fillPath(path, QBrush(QColor(t.border), Qt.BrushStyle.BDiagPattern))
        if r.status == Status.REQUESTED or r.busy_only:
            dashed = r.status == Status.REQUESTED and not r.busy_only
            pen = QPen(edge, 1.5, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            painter.drawPath(path)
        if self.selected:
            painter.setPen(QPen(QColor(t.text), 2))
            painter.drawPath(path)
        painter.setClipPath(path)
        narrow = box.width() < NARROW
        # A narrow block (a crowded week) spends its width on words: less padding, the
        # client's first name, the start time only; the tooltip has everything.
        inner = box.adjusted(4, 3, -3, -2) if narrow else box.adjusted(6, 3, -6, -2)
        mark = 0 if r.busy_only else self._paint_mark(painter, inner, text, t)
        base = painter.font()
        line = _font(base, False)[1].height()
        when = self.when.split("\u2013")[0].strip() if narrow else self.when
        if r.busy_only:
            rows = [(_("Busy"), True), (when, False)]
        else:
            name = (r.client_name.split() or [""])[0] if narrow else r.client_name
            rows = [(name, True), (r.description or r.kind.label, False), (when, False)]
        y = inner.top()
        painter.setPen(text)
        for n, (words, bold) in enumerate(rows):
            if y + line > inner.bottom() + 2 and n:
                break
            font, metrics = _font(base, bold)
            painter.setFont(font)
            width = inner.width() - (mark if n == 0 else 0)
            shown = metrics.elidedText(words, Qt.TextElideMode.ElideRight, max(0, int(width)))
            painter.drawText(QRectF(inner.left(), y, width, line), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             shown)
            y += line

    def _paint_mark(self, painter: QPainter, inner: QRectF, text: QColor, t) -> int:
        """The status mark (awaiting deposit: a coin; checked in or in progress: a tick) at
        the top right, or the bottom right of a narrow block, where the client's name needs
        the whole first line; returns the width it takes from the first line."""
        r = self.record
        size = 12
        narrow = inner.width() < NARROW and inner.height() > 2 * size
        top = inner.bottom() - size - 1 if narrow else inner.top() + 2
        corner = QRectF(inner.right() - size, top, size, size)
        if r.deposit == DepositState.AWAITING and r.status in (Status.BOOKED, Status.CONFIRMED, Status.REQUESTED):
            painter.setPen(QPen(QColor(t.text), 1))
            painter.setBrush(QColor(t.warning))
            painter.drawEllipse(corner)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(theme.readable_text_on(t.warning)), 1))
            painter.drawEllipse(corner.adjusted(3, 3, -3, -3))
            return 0 if narrow else size + 4
        if r.status in (Status.CHECKED_IN, Status.IN_PROGRESS, Status.COMPLETED):
            painter.drawPixmap(corner.toRect(), icons.pixmap("check", text.name(), size))
            return 0 if narrow else size + 4
        return 0
