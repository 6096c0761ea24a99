"""The month view: six weeks painted as one widget, each day with its number of
appointments, the hours booked and a stripe per artist booked; a click opens the day."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from studio.services.common import _, ngettext, number, weekday
from studio.services.scheduling import CalendarRange
from studio.ui.calendar.times import local_minutes
from studio.ui.kit import theme

TOP = 28  # the weekday names' row


class MonthView(QWidget):
    day_chosen = Signal(object)  # a date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MonthView")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.first = date.today()
        self.month = self.first.month
        self.today = self.first
        self.days: dict[date, tuple[int, int, tuple[str, ...]]] = {}  # count, minutes, artist colours
        self.closed: dict[date, str] = {}

    def show_range(self, data: CalendarRange, month: int, *, today: date, hidden: set[int]) -> None:
        self.first, self.month, self.today = data.first_day, month, today
        zone = ZoneInfo(data.timezone)
        found: dict[date, list] = {}
        for record in data.appointments:
            if record.artist_id in hidden:
                continue
            day = local_minutes(record.starts_at, zone)[0]
            entry = found.setdefault(day, [0, 0, []])
            entry[0] += 1
            entry[1] += record.minutes
            if record.artist_color not in entry[2]:
                entry[2].append(record.artist_color)
        self.days = {day: (count, minutes, tuple(colors)) for day, (count, minutes, colors) in found.items()}
        self.closed = dict(data.closed)
        self.update()

    def summary(self, day: date) -> str:
        """What the day's cell says (also its accessible text)."""
        count, minutes, _colors = self.days.get(day, (0, 0, ()))
        if not count:
            return ""
        appointments = ngettext("{n} appointment", "{n} appointments", count).format(n=count)
        # Translators: hours booked on a day in the month view, e.g. "7.5 h".
        hours = _("{hours} h").format(hours=number(round(minutes / 60, 1)))
        return f"{appointments}\n{hours}"

    def cell(self, n: int) -> QRectF:
        width, height = self.width() / 7, (self.height() - TOP) / 6
        return QRectF((n % 7) * width, TOP + (n // 7) * height, width, height)

    def day_point(self, day: date):
        """The centre of ``day``'s cell (tests)."""
        return self.cell((day - self.first).days).center().toPoint()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        t = theme.current()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(t.surface))
        small = QFont(self.font())
        small.setPixelSize(theme.FONT_SMALL)
        bold = QFont(small)
        bold.setBold(True)
        painter.setFont(small)
        painter.setPen(QColor(t.text_muted))
        for n in range(7):
            box = self.cell(n)
            painter.drawText(QRectF(box.left(), 0, box.width(), TOP), Qt.AlignmentFlag.AlignCenter,
                             weekday(self.first + timedelta(days=n)))
        for n in range(42):
            day = self.first + timedelta(days=n)
            box = self.cell(n)
            if day.month != self.month or day in self.closed:
                painter.fillRect(box, QColor(t.shade))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QColor(t.border))
            painter.drawRect(box)
            number_box = QRectF(box.left() + 6, box.top() + 4, 26, 22)
            if day == self.today:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(t.accent))
                painter.drawEllipse(number_box.center(), 11, 11)
                painter.setPen(QColor(t.accent_text))
            else:
                painter.setPen(QColor(t.text if day.month == self.month else t.text_muted))
            painter.setFont(bold)
            painter.drawText(number_box, Qt.AlignmentFlag.AlignCenter, str(day.day))
            text = self.summary(day)
            if text:
                painter.setFont(small)
                painter.setPen(QColor(t.text))
                painter.drawText(box.adjusted(8, 28, -6, -10), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
                colors = self.days[day][2]
                stripe = (box.width() - 16) / max(1, len(colors))
                for i, color in enumerate(colors):
                    painter.fillRect(QRectF(box.left() + 8 + i * stripe, box.bottom() - 8, stripe - 2, 4), QColor(color))
        painter.end()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            for n in range(42):
                if self.cell(n).contains(event.position()):
                    self.day_chosen.emit(self.first + timedelta(days=n))
                    return
        super().mouseReleaseEvent(event)
