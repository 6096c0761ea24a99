"""The week and day views: one QGraphicsView whose background paints the hour grid (working
hours on the surface colour, closed time shaded, today tinted) and whose items are the
appointment blocks. Columns are days (week) or artists (day). Presses, drags and releases
are read here: a drag across an empty slot chooses a time, a drag of a block moves it (of
its bottom edge, resizes it), both snapping to the quarter hour with a ghost that shows
where it would land; the page decides what happens."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QApplication, QFrame, QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget

from studio.clock import utc_now
from studio.services.scheduling import AppointmentRecord, CalendarRange
from studio.ui.calendar.blocks import BlockItem, lanes
from studio.ui.calendar.times import DAY_MINUTES, SNAP_MINUTES, at_minutes, local_minutes, minute_text, range_text, snap
from studio.ui.kit import theme

HOUR_PX = 48
GUTTER = 56          # the hour labels' strip at the left, at least
HEADER = 44          # the columns' titles above the grid
CLOSED_WEIGHT = 0.4  # a closed, empty day's width in the week view, against an open day's 1
NEW_MINUTES = 60     # a click on an empty slot proposes an hour
MAX_MINUTES = 12 * 60  # the longest appointment (the services refuse longer)


@dataclass(frozen=True)
class Column:
    day: date
    artist_id: int | None  # the day view's artist; None in the week view (every artist shown)
    title: str
    number: str = ""       # the day of the month, drawn large (week view)
    color: str = ""        # the artist's colour (day view)


class GhostItem(QGraphicsItem):
    """Where a dragged block (or a chosen slot) would land, with its time."""

    def __init__(self) -> None:
        super().__init__()
        self.rect = QRectF()
        self.text = ""
        self.color = QColor(theme.current().accent)
        self.setZValue(10)

    def place(self, rect: QRectF, text: str, color: str) -> None:
        self.prepareGeometryChange()
        self.setPos(rect.topLeft())
        self.rect = QRectF(0, 0, rect.width(), rect.height())
        self.text = text
        self.color = QColor(color)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        t = theme.current()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(self.rect.adjusted(1, 1, -1, -1), 6, 6)
        fill = QColor(self.color)
        fill.setAlphaF(0.25)
        painter.fillPath(path, fill)
        painter.setPen(QPen(self.color, 2, Qt.PenStyle.DashLine))
        painter.drawPath(path)
        font = QFont(painter.font())
        font.setPixelSize(theme.FONT_SMALL)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(t.text))
        painter.drawText(self.rect.adjusted(6, 2, -4, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         self.text)


def gutter_width(font: QFont) -> int:
    """Wide enough for the longest hour label ("10:00 PM" where the region writes 12 hours)."""
    small = QFont(font)
    small.setPixelSize(theme.FONT_SMALL - 1)
    metrics = QFontMetrics(small)
    return max(GUTTER, max(metrics.horizontalAdvance(minute_text(h * 60)) for h in range(24)) + 18)


class HeaderStrip(QWidget):
    """The columns' titles, fixed above the scrolling grid."""

    def __init__(self, grid: TimeGrid) -> None:
        super().__init__(grid)
        self.grid = grid
        self.setObjectName("CalendarHeader")

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        t = theme.current()
        grid = self.grid
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(t.surface))
        painter.setPen(QColor(t.border))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        small = QFont(self.font())
        small.setPixelSize(theme.FONT_SMALL)
        big = QFont(self.font())
        big.setPixelSize(theme.FONT_TITLE + 2)
        big.setBold(True)
        for n, column in enumerate(grid.columns):
            x, width = grid.column_x(n), grid.column_width(n)
            is_today = column.day == grid.today
            if column.number:
                painter.setFont(small)
                painter.setPen(QColor(t.accent if is_today else t.text_muted))
                painter.drawText(QRectF(x, 2, width, 16), Qt.AlignmentFlag.AlignCenter, column.title)
                painter.setFont(big)
                box = QRectF(x + width / 2 - 14, 18, 28, 24)
                painter.setPen(QColor(t.accent if is_today else t.text))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, column.number)
            else:
                painter.setFont(small)
                metrics = QFontMetrics(small)
                text = metrics.elidedText(column.title, Qt.TextElideMode.ElideRight, int(width) - 28)
                text_width = metrics.horizontalAdvance(text)
                left = x + (width - text_width - 14) / 2
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(column.color or t.accent))
                painter.drawEllipse(QRectF(left, self.height() / 2 - 4, 8, 8))
                painter.setPen(QColor(t.text))
                painter.drawText(QRectF(left + 14, 0, text_width + 2, self.height()),
                                 Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        painter.end()


class TimeGrid(QGraphicsView):
    # (starts, ends, artist id or None): an empty slot chosen by a click or a drag
    slot_chosen = Signal(object, object, object)
    # (record, starts, ends, artist id or None): a block dropped at a new time (or resized)
    block_dropped = Signal(object, object, object, object)
    block_opened = Signal(object)            # a block double-clicked
    block_menu = Signal(object, QPoint)      # a block right-clicked, at this global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TimeGrid")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setScene(QGraphicsScene(self))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setViewportMargins(0, HEADER, 0, 0)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.header = HeaderStrip(self)
        self.gutter = gutter_width(self.font())
        self.columns: list[Column] = []
        self._widths: list[float] = []  # each column's width and left edge (_lay_columns)
        self._lefts: list[float] = []
        self.data: CalendarRange | None = None
        self.zone = ZoneInfo("UTC")
        self.today = date.today()
        self.clock: Callable[[], datetime] = utc_now  # the services' clock: the current-time line
        self.single_day = False
        self.hidden: set[int] = set()       # artists filtered out
        self.blocks: list[BlockItem] = []
        self.ghost = GhostItem()
        self._press: dict | None = None
        self._selected_id: int | None = None
        self._scrolled = False
        # The current-time line moves with the clock.
        self._tick = QTimer(self)
        self._tick.setInterval(60_000)
        self._tick.timeout.connect(self.viewport().update)
        self._tick.start()

    # --- what it shows ---------------------------------------------------------------
    def show_range(self, data: CalendarRange, columns: list[Column], *, today: date, hidden: set[int]) -> None:
        self.data = data
        self.columns = columns
        self.zone = ZoneInfo(data.timezone)
        self.today = today
        self.single_day = len({c.day for c in columns}) == 1
        self.hidden = set(hidden)
        self.rebuild()
        if not self._scrolled:
            self.scroll_to_morning()

    def rebuild(self) -> None:
        """Lay the blocks out again from the data (after a resize, a filter, a snap back)."""
        scene = self.scene()
        self._press = None
        if self.ghost.scene() is not None:
            scene.removeItem(self.ghost)
        scene.clear()
        self.blocks = []
        width = max(self.viewport().width(), self.gutter + 7 * 40)
        scene.setSceneRect(0, 0, width, DAY_MINUTES / 60 * HOUR_PX)
        if self.data is None or not self.columns:
            self._lay_columns({})
            self.header.update()
            return
        pieces: dict[int, list[tuple[int, int, AppointmentRecord]]] = {n: [] for n in range(len(self.columns))}
        index = {(c.day, c.artist_id): n for n, c in enumerate(self.columns)}
        for record in self.data.appointments:
            if record.artist_id in self.hidden:
                continue
            for day, start, end in self._day_pieces(record):
                n = index.get((day, record.artist_id if self.columns[0].artist_id is not None else None))
                if n is not None:
                    pieces[n].append((start, end, record))
        self._lay_columns(pieces)
        for n, found in pieces.items():
            found.sort(key=lambda p: (p[0], -p[1], p[2].id))
            for (start, end, record), (lane, count) in zip(found, lanes([(s, e) for s, e, _r in found])):
                width = (self.column_width(n) - 6) / count
                rect = QRectF(self.column_x(n) + 1 + lane * width, self.minutes_y(start), width,
                              max(self.minutes_y(end) - self.minutes_y(start), HOUR_PX / 4))
                lead = int((at_minutes(self.columns[n].day, start, self.zone) - record.starts_at).total_seconds() // 60)
                item = BlockItem(record, rect, self.data.timezone, n, start=start, lead=lead)
                item.selected = record.id == self._selected_id
                scene.addItem(item)
                self.blocks.append(item)
        self.header.update()
        self.viewport().update()

    def _day_pieces(self, record: AppointmentRecord):
        """The appointment cut at local midnights: (day, start minutes, end minutes)."""
        day, start = local_minutes(record.starts_at, self.zone)
        end_day, end = local_minutes(record.ends_at, self.zone)
        while day < end_day:
            yield day, start, DAY_MINUTES
            day, start = day + timedelta(days=1), 0
        if end > start:
            yield day, start, end

    def scroll_to_morning(self) -> None:
        """Start the view an hour before the first working hour (or appointment) it shows."""
        starts = [iv[0].hour * 60 + iv[0].minute for hours in (self.data.hours.values() if self.data else ())
                  for iv in hours[:1]]
        starts += [local_minutes(b.record.starts_at, self.zone)[1] for b in self.blocks]
        first = max(0, (min(starts) if starts else 9 * 60) - 60)
        self.verticalScrollBar().setValue(int(self.minutes_y(first)))
        self._scrolled = True

    # --- geometry ------------------------------------------------------------------------
    def _lay_columns(self, pieces: dict[int, list]) -> None:
        """Each column's left edge and width. In the week view a day that is closed for
        every artist shown and holds no appointment takes a narrow strip, so the open days
        have room for their blocks' words."""
        weights = [1.0] * len(self.columns)
        if not self.single_day and len(self.columns) > 1:
            weights = [CLOSED_WEIGHT if not pieces.get(n) and not self._open_intervals(column) else 1.0
                       for n, column in enumerate(self.columns)]
            if all(w == CLOSED_WEIGHT for w in weights):
                weights = [1.0] * len(self.columns)
        unit = (self.scene().width() - self.gutter) / max(1.0, sum(weights))
        self._widths = [w * unit for w in weights]
        self._lefts = [self.gutter + sum(self._widths[:n]) for n in range(len(self._widths))]

    def column_width(self, n: int) -> float:
        return self._widths[n] if n < len(self._widths) else 0.0

    def column_x(self, n: int) -> float:
        """The left edge of column ``n`` (of one past the last: the right edge)."""
        if n < len(self._lefts):
            return self._lefts[n]
        return self._lefts[-1] + self._widths[-1] if self._lefts else self.gutter

    @staticmethod
    def minutes_y(minutes: float) -> float:
        return minutes / 60 * HOUR_PX

    @staticmethod
    def y_minutes(y: float) -> float:
        return y / HOUR_PX * 60

    def column_at(self, x: float) -> int | None:
        if x < self.gutter or not self.columns or not self._lefts:
            return None
        return max(0, bisect_right(self._lefts, x) - 1)

    def slot_point(self, column: int, minutes: int) -> QPoint:
        """The viewport point in the middle of ``column`` at ``minutes`` (for tests and the bench)."""
        scene = QPointF(self.column_x(column) + self.column_width(column) / 2, self.minutes_y(minutes) + 2)
        return self.mapFromScene(scene)

    def block_of(self, appointment_id: int) -> BlockItem | None:
        return next((b for b in self.blocks if b.record.id == appointment_id), None)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        margins = self.viewportMargins()
        self.header.setGeometry(self.frameWidth(), self.frameWidth(), self.viewport().width(), margins.top())
        if self.data is not None and abs(self.scene().width() - self.viewport().width()) > 0.5:
            self.rebuild()

    # --- painting ----------------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt override
        t = theme.current()
        painter.fillRect(rect, QColor(t.shade))
        if not self.columns:
            return
        bottom = self.minutes_y(DAY_MINUTES)
        today_tint = QColor(t.accent)
        today_tint.setAlphaF(0.06)
        for n, column in enumerate(self.columns):
            x, width = self.column_x(n), self.column_width(n)
            for start, end in self._open_intervals(column):
                painter.fillRect(QRectF(x, self.minutes_y(start), width, self.minutes_y(end - start)), QColor(t.surface))
            if column.day == self.today:
                painter.fillRect(QRectF(x, 0, width, bottom), today_tint)
        painter.fillRect(QRectF(0, rect.top(), self.gutter, rect.height()), QColor(t.surface))
        hour_pen, half_pen = QPen(QColor(t.border), 1), QPen(QColor(t.border), 1, Qt.PenStyle.DotLine)
        first_hour, last_hour = max(0, int(self.y_minutes(rect.top()) // 60)), min(24, int(self.y_minutes(rect.bottom()) // 60) + 1)
        right = self.scene().width()
        small = QFont(painter.font())
        small.setPixelSize(theme.FONT_SMALL - 1)
        painter.setFont(small)
        for hour in range(first_hour, last_hour + 1):
            y = self.minutes_y(hour * 60)
            painter.setPen(hour_pen)
            painter.drawLine(QPointF(self.gutter - 6, y), QPointF(right, y))
            painter.setPen(half_pen)
            painter.drawLine(QPointF(self.gutter, y + HOUR_PX / 2), QPointF(right, y + HOUR_PX / 2))
            if 0 < hour < 24:
                painter.setPen(QColor(t.text_muted))
                painter.drawText(QRectF(0, y - 8, self.gutter - 10, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 minute_text(hour * 60))
        painter.setPen(hour_pen)
        for n in range(len(self.columns) + 1):
            x = self.column_x(n)
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))

    def _open_intervals(self, column: Column) -> list[tuple[int, int]]:
        """The column's working time in minutes: its artist's, or (week) any shown artist's."""
        data = self.data
        if data is None or column.day in data.closed:
            return []
        artists = [column.artist_id] if column.artist_id is not None else \
            [a.id for a in data.artists if a.id not in self.hidden]
        found = []
        for artist_id in artists:
            for start, end in data.hours.get((artist_id, column.day), ()):
                found.append((start.hour * 60 + start.minute, (end.hour * 60 + end.minute) or DAY_MINUTES))
        return found

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt override
        if not self.columns:
            return
        now = self.clock()
        day, minutes = local_minutes(now, self.zone)
        columns = [n for n, c in enumerate(self.columns) if c.day == day]
        if not columns:
            return
        t = theme.current()
        y = self.minutes_y(minutes)
        left, right = self.column_x(columns[0]), self.column_x(columns[-1] + 1)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(t.danger), 2))
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        painter.setBrush(QColor(t.danger))
        painter.drawEllipse(QPointF(left, y), 4, 4)

    # --- the mouse -----------------------------------------------------------------------
    def _block_at(self, pos: QPoint) -> BlockItem | None:
        for item in self.items(pos):
            if isinstance(item, BlockItem):
                return item
        return None

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.setFocus()
        if event.button() == Qt.MouseButton.RightButton:
            # The block's menu opens on the press (as the platform's context menus do on
            # Linux and macOS), from the mouse event itself.
            block = self._block_at(event.position().toPoint())
            if block is not None and not block.record.busy_only:
                self._press = None
                self.block_menu.emit(block.record, self.viewport().mapToGlobal(event.position().toPoint()))
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        scene = self.mapToScene(event.position().toPoint())
        block = self._block_at(event.position().toPoint())
        column = self.column_at(scene.x())
        if block is not None:
            if not block.movable:
                self._press = None
                return
            top = block.sceneBoundingRect().top()
            self._press = dict(kind="resize" if block.on_resize_edge(scene.y()) else "move", block=block,
                               origin=event.position().toPoint(), offset=self.y_minutes(scene.y() - top),
                               dragging=False)
        elif column is not None:
            start = int(self.y_minutes(scene.y()) // SNAP_MINUTES * SNAP_MINUTES)
            self._press = dict(kind="slot", column=column, start=start, end=start + SNAP_MINUTES,
                               origin=event.position().toPoint(), dragging=False)
        else:
            self._press = None

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        press = self._press
        pos = event.position().toPoint()
        if press is None:
            block = self._block_at(pos)
            over_edge = block is not None and block.on_resize_edge(self.mapToScene(pos).y())
            self.viewport().setCursor(Qt.CursorShape.SizeVerCursor if over_edge else Qt.CursorShape.ArrowCursor)
            return
        if not press["dragging"]:
            if (pos - press["origin"]).manhattanLength() < QApplication.startDragDistance():
                return
            press["dragging"] = True
            if press["kind"] != "slot":
                press["block"].setOpacity(0.35)
            self.scene().addItem(self.ghost)
        scene = self.mapToScene(pos)
        minutes = self.y_minutes(scene.y())
        if press["kind"] == "slot":
            here = int(minutes // SNAP_MINUTES * SNAP_MINUTES)
            press["end"] = max(here + SNAP_MINUTES, press["start"] + SNAP_MINUTES)
            column = press["column"]
            self._show_ghost(column, press["start"], press["end"], theme.current().accent)
            return
        block: BlockItem = press["block"]
        record = block.record
        length = record.minutes
        # Minutes of the landing column's day; an appointment over midnight may start before
        # it (negative) or end after it (over 24:00).
        if press["kind"] == "move":
            column = self.column_at(scene.x())
            column = block.column if column is None else column
            start = snap(minutes - press["offset"]) - block.lead
            start = min(max(start, SNAP_MINUTES - length), DAY_MINUTES - SNAP_MINUTES)
            press.update(column=column, start=start, end=start + length)
        else:
            start = block.start - block.lead
            end = min(max(start + SNAP_MINUTES, snap(minutes)), start + MAX_MINUTES)
            press.update(column=block.column, start=start, end=end)
        self._show_ghost(press["column"], press["start"], press["end"], record.artist_color)

    def _show_ghost(self, column: int, start: int, end: int, color: str) -> None:
        day = self.columns[column].day
        top, bottom = max(start, 0), min(end, DAY_MINUTES)  # the part on this column's day
        rect = QRectF(self.column_x(column) + 1, self.minutes_y(top), self.column_width(column) - 6,
                      self.minutes_y(bottom - top))
        text = range_text(at_minutes(day, start, self.zone), at_minutes(day, end, self.zone), self.zone)
        self.ghost.place(rect, text, color)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        press, self._press = self._press, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        if self.ghost.scene() is not None:
            self.scene().removeItem(self.ghost)
        if press["kind"] == "slot":
            column = self.columns[press["column"]]
            end = press["end"] if press["dragging"] else press["start"] + NEW_MINUTES
            self.slot_chosen.emit(at_minutes(column.day, press["start"], self.zone),
                                  at_minutes(column.day, min(end, DAY_MINUTES), self.zone), column.artist_id)
            return
        block: BlockItem = press["block"]
        if not press["dragging"]:
            self.select(block)
            return
        record = block.record
        column = self.columns[press["column"]]
        starts = at_minutes(column.day, press["start"], self.zone)
        ends = at_minutes(column.day, press["end"], self.zone)
        artist_id = column.artist_id if column.artist_id not in (None, record.artist_id) else None
        if starts == record.starts_at and ends == record.ends_at and artist_id is None:
            block.setOpacity(1)
            return
        # Shown where it landed at once; the page puts it back if the services refuse.
        block.setOpacity(1)
        top, bottom = max(press["start"], 0), min(press["end"], DAY_MINUTES)
        block.prepareGeometryChange()
        block.setPos(self.column_x(press["column"]) + 1, self.minutes_y(top))
        block.rect = QRectF(0, 0, self.column_width(press["column"]) - 6, self.minutes_y(bottom - top))
        self.block_dropped.emit(record, starts, ends, artist_id)

    # --- the keyboard ----------------------------------------------------------------------
    def select(self, block: BlockItem | None) -> None:
        """The block the keys act on, outlined (it stays chosen when the range is read again)."""
        self._selected_id = block.record.id if block is not None else None
        for item in self.blocks:
            if item.selected != (item is block):
                item.selected = item is block
                item.update()
        if block is not None:
            self.ensureVisible(block, 0, 20)

    def selected(self) -> BlockItem | None:
        return next((b for b in self.blocks if b.selected), None)

    def _nudge(self, block: BlockItem, key) -> None:
        """Alt+arrows move the chosen block as a drop would: ↑/↓ by a quarter hour, ←/→ by a
        day (the week) or to the next artist's column (the day view)."""
        record = block.record
        if not block.movable:
            return
        starts, ends, artist_id = record.starts_at, record.ends_at, None
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = timedelta(minutes=SNAP_MINUTES if key == Qt.Key.Key_Down else -SNAP_MINUTES)
            starts, ends = starts + step, ends + step
        elif self.single_day:
            n = block.column + (1 if key == Qt.Key.Key_Right else -1)
            if not 0 <= n < len(self.columns) or self.columns[n].artist_id is None:
                return
            artist_id = self.columns[n].artist_id
        else:
            days = 1 if key == Qt.Key.Key_Right else -1
            local_start, local_end = starts.astimezone(self.zone), ends.astimezone(self.zone)
            # The same wall-clock time on the next day, whatever the clocks did overnight.
            starts = datetime.combine(local_start.date() + timedelta(days=days), local_start.time(), self.zone)
            ends = datetime.combine(local_end.date() + timedelta(days=days), local_end.time(), self.zone)
        self.block_dropped.emit(record, starts, ends, artist_id)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Up/Down go from block to block in time order, Alt+arrows move the chosen one,
        Enter opens it, Shift+F10 or the menu key opens its menu, Esc lets go of it."""
        key, chosen = event.key(), self.selected()
        arrows = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right)
        if chosen is not None and key in arrows and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self._nudge(chosen, key)
            return
        order = sorted(self.blocks, key=lambda b: (b.record.starts_at, b.column, b.record.id))
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and order:
            if chosen is None:
                self.select(order[0] if key == Qt.Key.Key_Down else order[-1])
            else:
                n = order.index(chosen) + (1 if key == Qt.Key.Key_Down else -1)
                self.select(order[max(0, min(n, len(order) - 1))])
            return
        if chosen is not None and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not chosen.record.busy_only:
                self.block_opened.emit(chosen.record)
            return
        menu_key = key == Qt.Key.Key_Menu or (key == Qt.Key.Key_F10 and event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if chosen is not None and menu_key:
            if not chosen.record.busy_only:
                centre = self.mapFromScene(chosen.sceneBoundingRect().center())
                self.block_menu.emit(chosen.record, self.viewport().mapToGlobal(centre))
            return
        if chosen is not None and key == Qt.Key.Key_Escape:
            self.select(None)
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt override
        block = self._block_at(event.position().toPoint())
        if block is not None and event.button() == Qt.MouseButton.LeftButton:
            self._press = None
            if not block.record.busy_only:
                self.block_opened.emit(block.record)
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt override
        event.accept()  # a right press has opened the block's menu already
