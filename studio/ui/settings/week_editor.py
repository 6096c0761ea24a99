"""A week of working hours to edit: per weekday, closed or one or more stretches of time
("11:00–14:00", "15:00–19:00"), a break being the gap between two stretches."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QTimeEdit, QWidget

from studio.services.common import _, current_locale
from studio.ui.kit.format import time_edit_format
from studio.ui.kit.widgets import button, label

MAX_STRETCHES = 3  # three stretches (two breaks) fit the dialog's width
NEW_DAY = ((time(11), time(19)),)


def day_names() -> list[str]:
    """Monday … Sunday in the current locale's words."""
    from babel.dates import get_day_names

    names = get_day_names("wide", locale=current_locale())
    return [names[i].capitalize() for i in range(7)]


def time_edit(value: time) -> QTimeEdit:
    """A time field in the locale's short time format ("14:00" or "2:00 PM"), in 15 minutes."""
    edit = QTimeEdit()
    time_edit_format(edit)
    edit.setTime(QTime(value.hour, value.minute))
    # Wide enough for the longest time the locale writes ("10:00 PM"), padding and arrows
    # included, so three stretches in a row never clip their times.
    edit.ensurePolished()
    widest = edit.fontMetrics().horizontalAdvance(edit.locale().toString(QTime(22, 59), edit.displayFormat()))
    edit.setFixedWidth(widest + 48)
    return edit


class Stretch(QWidget):
    """One stretch of a day: start – end, and a button that takes it away."""

    changed = Signal()
    removed = Signal(object)

    def __init__(self, day: str, start: time, end: time) -> None:
        super().__init__()
        self.setObjectName("Stretch")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.start = time_edit(start)
        self.end = time_edit(end)
        # Translators: the start and end of a stretch of working hours, for screen readers; {day} is a weekday.
        self.start.setAccessibleName(_("{day}: from").format(day=day))
        self.end.setAccessibleName(_("{day}: until").format(day=day))
        for edit in (self.start, self.end):
            edit.timeChanged.connect(lambda _t: self.changed.emit())
        row.addWidget(self.start)
        row.addWidget(label("\u2013"))
        row.addWidget(self.end)
        self.remove = button("", icon_name="x", variant="ghost", tooltip=_("Remove this stretch"),
                             on_click=lambda: self.removed.emit(self))
        self.remove.setAccessibleName(_("Remove this stretch of {day}").format(day=day))
        self.remove.setObjectName("RemoveStretch")
        self.remove.setAutoDefault(False)  # Enter saves the dialog, wherever the focus is
        self.remove.setFixedWidth(32)
        row.addWidget(self.remove)

    def value(self) -> tuple[time, time]:
        return self.start.time().toPython(), self.end.time().toPython()


class DayRow:
    """One weekday in the week's grid: an Open box with the day's name, its stretches, and
    a button that adds a stretch (the gap before it is a break)."""

    def __init__(self, editor: WeekEditor, grid: QGridLayout, row: int, name: str) -> None:
        self.editor = editor
        self.name = name
        self.open = QCheckBox(name)
        self.open.setObjectName("DayOpen")
        self.open.setToolTip(_("Ticked: open that day. Untick it for a closed day."))
        self.open.toggled.connect(self._toggled)
        grid.addWidget(self.open, row, 0)
        self.strip = QWidget()
        self.strip_layout = QHBoxLayout(self.strip)
        self.strip_layout.setContentsMargins(0, 0, 0, 0)
        self.strip_layout.setSpacing(8)
        self.closed = label(_("Closed"), "muted")
        self.strip_layout.addWidget(self.closed)
        self.add = button("", icon_name="plus", variant="ghost",
                          tooltip=_("Add a stretch: the gap between two stretches is a break"),
                          on_click=self.add_stretch)
        self.add.setAccessibleName(_("Add a stretch to {day}").format(day=name))
        self.add.setObjectName("AddStretch")
        self.add.setAutoDefault(False)
        self.add.setFixedWidth(32)
        self.strip_layout.addWidget(self.add)
        self.strip_layout.addStretch(1)
        # A closed day's row as tall as an open one's, so the week reads as an even grid.
        self.strip.setMinimumHeight(time_edit(NEW_DAY[0][0]).sizeHint().height() + 6)
        grid.addWidget(self.strip, row, 1)
        self.stretches: list[Stretch] = []

    def set_value(self, day) -> None:
        for stretch in list(self.stretches):
            self._drop(stretch)
        for start, end in day:
            self._append(start, end)
        self.open.blockSignals(True)
        self.open.setChecked(bool(day))
        self.open.blockSignals(False)
        self._show()

    def value(self) -> tuple[tuple[time, time], ...]:
        return tuple(s.value() for s in self.stretches) if self.open.isChecked() else ()

    def add_stretch(self) -> None:
        if len(self.stretches) >= MAX_STRETCHES:
            return
        if self.stretches:  # after the last one, an hour later, for an hour
            last = self.stretches[-1].value()[1]
            start = time(min(last.hour + 1, 23), last.minute)
            end = time(min(start.hour + 1, 23), 59 if start.hour >= 22 else start.minute)
        else:
            start, end = NEW_DAY[0]
        self._append(start, end)
        self._show()
        self.editor.changed.emit()

    def _append(self, start: time, end: time) -> None:
        stretch = Stretch(self.name, start, end)
        stretch.changed.connect(self.editor.changed)
        stretch.removed.connect(self._removed)
        self.strip_layout.insertWidget(len(self.stretches) + 1, stretch)  # after "Closed", before +
        self.stretches.append(stretch)

    def _drop(self, stretch: Stretch) -> None:
        self.stretches.remove(stretch)
        self.strip_layout.removeWidget(stretch)
        stretch.hide()
        stretch.deleteLater()

    def _removed(self, stretch: Stretch) -> None:
        self._drop(stretch)
        if not self.stretches:
            self.open.setChecked(False)  # the last stretch gone: a closed day
        self._show()
        self.editor.changed.emit()

    def _toggled(self, on: bool) -> None:
        if on and not self.stretches:
            self._append(*NEW_DAY[0])
        self._show()
        self.editor.changed.emit()

    def _show(self) -> None:
        on = self.open.isChecked()
        self.closed.setVisible(not on)
        for stretch in self.stretches:
            stretch.setVisible(on)
        self.add.setVisible(on and len(self.stretches) < MAX_STRETCHES)

    def set_enabled(self, enabled: bool) -> None:
        self.open.setEnabled(enabled)
        self.strip.setEnabled(enabled)


class WeekEditor(QWidget):
    """Seven days of working hours (Monday first); ``changed`` on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WeekEditor")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        grid.setColumnMinimumWidth(0, 130)
        grid.setColumnStretch(1, 1)
        self.days = [DayRow(self, grid, i, name) for i, name in enumerate(day_names())]

    def set_week(self, week) -> None:
        self.blockSignals(True)
        for row, day in zip(self.days, week):
            row.set_value(day)
        self.blockSignals(False)

    def week(self):
        return tuple(row.value() for row in self.days)

    def set_editable(self, editable: bool) -> None:
        for row in self.days:
            row.set_enabled(editable)


__all__ = ["WeekEditor", "day_names", "time_edit"]
