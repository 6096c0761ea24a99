"""Close of day: the opening float, the cash the drawer should hold (the float plus the
day's cash entries), the cash counted — typed as one total or counted note by note — and
the difference, live; a count that differs needs a note. ``saved`` gives the DayClose."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QSpinBox, QWidget

from studio.services.common import _, long_date, money
from studio.services.register import RegisterDayView
from studio.ui.kit.widgets import Field, Segmented, label, line_edit
from studio.ui.register.denominations import denominations
from studio.ui.register.dialogs import RegisterDialog, amount_text, typed_cents

COUNT_MAX = 10_000  # the service's limit on notes or coins of one kind


class CloseDayDialog(RegisterDialog):
    def __init__(self, host, view: RegisterDayView, parent: QWidget | None) -> None:
        super().__init__(host, _("Close day"), _("Count the drawer for {day}. Once closed, nothing more can be "
                                                 "added to the day.").format(day=long_date(view.day)),
                         parent, save_text=_("Close day"))
        self.setObjectName("CloseDayDialog")
        self.setMinimumWidth(560)
        self.view = view
        self.currency = host.settings.currency
        self.float_edit = line_edit(max_length=20)
        self.float_edit.setText(amount_text(view.opening_float_cents))
        self.add_field("opening_float", Field(_("Opening float"), self.float_edit, required=True,
                                              hint=_("The cash the drawer started the day with.")), 0)
        self.expected = label("", "title")
        self.expected.setObjectName("ExpectedCash")
        self.add_field("expected", Field(_("Expected in the drawer"), self.expected), 0, 1)

        self.mode = Segmented([("typed", _("Type the total")), ("counted", _("Count notes and coins"))],
                              self._mode_chosen)
        self.mode.choose("typed")
        self.form.addWidget(self.mode, 1, 0, 1, 2)
        self.counted_edit = line_edit(_("What the drawer holds"), max_length=20)
        # One of the two shows at a time; a hidden one takes no room.
        self.counted_field = Field(_("Counted cash"), self.counted_edit, required=True)
        self.form.addWidget(self.counted_field, 2, 0)
        self.errors.watch("counted", self.counted_field)
        self.count_grid = self._denomination_grid()
        self.count_grid.setVisible(False)
        self.form.addWidget(self.count_grid, 3, 0, 1, 2)

        self.difference = label("", "success")
        self.difference.setObjectName("Difference")
        self.form.addWidget(self.difference, 4, 0, 1, 2)
        self.note = line_edit(_("e.g. Change given wrongly to a walk-in"), max_length=500)
        self.add_field("note", Field(_("Note"), self.note, hint=_("Needed when the count differs.")), 5, 0, 2)
        self.errors.local = self._local
        for edit in (self.float_edit, self.counted_edit):
            edit.textChanged.connect(self._update)
        self._update()

    def _denomination_grid(self) -> QWidget:
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        self.counts: dict[int, QSpinBox] = {}
        values = denominations(self.currency)
        rows = (len(values) + 2) // 3
        for n, value in enumerate(values):
            box = QSpinBox()
            box.setRange(0, COUNT_MAX)
            box.setObjectName(f"Count-{value}")
            box.setAccessibleName(money(value, self.currency))
            box.valueChanged.connect(self._update)
            caption = label(money(value, self.currency))
            caption.setBuddy(box)
            row, column = n % rows, (n // rows) * 2
            grid.addWidget(caption, row, column)
            grid.addWidget(box, row, column + 1)
            self.counts[value] = box
        self.counted_total = label("", "title")
        self.counted_total.setObjectName("CountedTotal")
        grid.addWidget(self.counted_total, rows, 0, 1, 6)
        return holder

    # --- the figures ----------------------------------------------------------------------
    def counting(self) -> bool:
        return self.mode.current() == "counted"

    def _mode_chosen(self, key: str) -> None:
        self.count_grid.setVisible(key == "counted")
        self.counted_field.setVisible(key != "counted")
        self.adjustSize()
        (next(iter(self.counts.values())) if key == "counted" else self.counted_edit).setFocus()
        self._update()

    def opening(self) -> int | None:
        return typed_cents(self.float_edit.text(), allow_zero=True)[0]

    def counted(self) -> int | None:
        if self.counting():
            return sum(value * box.value() for value, box in self.counts.items())
        return typed_cents(self.counted_edit.text(), allow_zero=True)[0] if self.counted_edit.text().strip() else None

    def expected_cents(self) -> int | None:
        opening = self.opening()
        return None if opening is None else opening + self.view.cash_cents

    def _update(self, *_args) -> None:
        expected, counted = self.expected_cents(), self.counted()
        self.expected.setText(money(expected, self.currency) if expected is not None else "—")
        self.counted_total.setText(_("Counted: {amount}").format(amount=money(counted or 0, self.currency)))
        self.difference.setVisible(expected is not None and counted is not None)
        if expected is None or counted is None:
            self.difference.setText("")
            return
        difference = counted - expected
        if difference == 0:
            text, role = _("The count matches what is expected."), "success"
        elif difference > 0:
            text, role = _("{amount} more than expected.").format(amount=money(difference, self.currency)), "warning"
        else:
            text, role = _("{amount} short of what is expected.").format(
                amount=money(-difference, self.currency)), "error"
        self.difference.setText(text)
        self.difference.setProperty("role", role)
        self.difference.style().unpolish(self.difference)
        self.difference.style().polish(self.difference)

    def _local(self) -> dict[str, str]:
        found = {}
        error = typed_cents(self.float_edit.text(), allow_zero=True)[1]
        if error:
            found["opening_float"] = error
        if not self.counting():
            error = typed_cents(self.counted_edit.text(), allow_zero=True)[1] if self.counted_edit.text().strip() \
                else _("Type the cash you counted in the drawer.")
            if error:
                found["counted"] = error
        return found  # a count that differs without a note: the service's sentence, under the note

    def _send(self) -> None:
        day, opening, note = self.view.day, self.opening(), self.note.text()
        if self.counting():
            counts = {value: box.value() for value, box in self.counts.items() if box.value()}
            self._call(lambda s, a: s.register.close_day(a, day, opening_float_cents=opening,
                                                          counted_cents=0 if not counts else None,
                                                          denominations=counts or None, note=note))
        else:
            counted = self.counted()
            self._call(lambda s, a: s.register.close_day(a, day, opening_float_cents=opening,
                                                          counted_cents=counted, note=note))
