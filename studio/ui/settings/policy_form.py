"""The studio's booking policy as a form: the default deposit (a fixed amount or a share of
the quote), the late-cancel window, the reschedules that keep the deposit, what a no-show
or a late cancel does to it, and the lateness limit."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QVBoxLayout, QWidget

from studio.services.common import N_, ValidationError, _, money, number, parse_money
from studio.services.scheduling import SchedulingPolicy
from studio.ui.kit.form_checks import FieldChecks
from studio.ui.kit.widgets import Field, label, line_edit

FIXED, PERCENT = "fixed", "percent"
WHOLE_NUMBER = N_("Write a whole number, like {example}.")


def whole_number(text: str, example: int) -> int:
    """A typed whole number ("72", "1.000" in es) or ValidationError with a sentence."""
    from babel.numbers import NumberFormatError, parse_number

    from studio.services.common import current_locale

    try:
        return int(parse_number(text.strip(), locale=current_locale()))
    except (NumberFormatError, ValueError):
        raise ValidationError(_(WHOLE_NUMBER).format(example=number(example))) from None


class PolicyForm(QWidget):
    """``policy()`` reads the form (ValidationError for what cannot be read); ``changed`` on
    every edit. Errors stand under their fields (``checks``)."""

    changed = Signal()

    def __init__(self, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PolicyForm")
        self.currency = currency
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(label(_("How bookings, deposits and late clients are handled. Only admins change these."),
                               "muted", wrap=True))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        layout.addLayout(grid)
        self.general = label("", "error", wrap=True)
        self.general.setVisible(False)
        layout.addWidget(self.general)
        layout.addStretch(1)
        self.fields: dict[str, Field] = {}
        self.checks = FieldChecks(self, self.fields, local=self.local_errors, general=self.general)

        self.deposit_kind = QComboBox()
        self.deposit_kind.addItem(_("A fixed amount"), FIXED)
        self.deposit_kind.addItem(_("A percentage of the quote"), PERCENT)
        self.deposit_kind.currentIndexChanged.connect(self._kind_changed)
        self.amount = line_edit(max_length=20)
        self.percent = line_edit(max_length=3)
        self.late_cancel = line_edit(max_length=4)
        self.reschedules = line_edit(max_length=2)
        self.outcome = QComboBox()
        self.outcome.addItem(_("The studio keeps it"), False)
        self.outcome.addItem(_("It stays as the client's credit"), True)
        self.lateness = line_edit(max_length=3)
        self._add(grid, "deposit_kind", Field(_("Default deposit"), self.deposit_kind,
                                             hint=_("Asked for tattoo sessions and touch-ups; consultations need none.")),
                  0, 0)
        self._add(grid, "deposit_cents", Field(_("Deposit amount"), self.amount, required=True), 0, 1)
        self._add(grid, "deposit_percent", Field(_("Percentage of the quote"), self.percent, required=True,
                                                 hint=_("Of the project's quote, else the price estimate.")), 0, 1)
        self._add(grid, "late_cancel_hours", Field(_("Late-cancel window (hours)"), self.late_cancel, required=True,
                                                   hint=_("A client who cancels later than this before the start "
                                                          "loses the deposit.")), 1, 0)
        self._add(grid, "reschedules_kept", Field(_("Reschedules that keep the deposit"), self.reschedules,
                                                  required=True, hint=_("Moves beyond this many cost the deposit.")),
                  1, 1)
        self._add(grid, "keep_as_credit", Field(_("After a no-show or a late cancel, the deposit"), self.outcome),
                  2, 0)
        self._add(grid, "lateness_minutes", Field(_("Lateness limit (minutes)"), self.lateness, required=True,
                                                  hint=_("Later than this, the calendar offers to mark a no-show.")),
                  2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        for edit in (self.amount, self.percent, self.late_cancel, self.reschedules, self.lateness):
            edit.textChanged.connect(lambda _t: self.changed.emit())  # set_policy blocks the form's own
        for combo in (self.deposit_kind, self.outcome):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._kind_changed()

    def _add(self, grid: QGridLayout, key: str, field: Field, row: int, column: int) -> None:
        self.checks.watch(key, field)
        grid.addWidget(field, row, column)

    def _kind_changed(self, *_args) -> None:
        fixed = self.deposit_kind.currentData() == FIXED
        self.fields["deposit_cents"].setVisible(fixed)
        self.fields["deposit_percent"].setVisible(not fixed)

    def set_policy(self, policy: SchedulingPolicy) -> None:
        self.blockSignals(True)
        self.deposit_kind.setCurrentIndex(0 if policy.deposit_percent is None else 1)
        self.amount.setText(money(policy.deposit_cents, self.currency))
        self.percent.setText(number(policy.deposit_percent) if policy.deposit_percent is not None else "")
        self.late_cancel.setText(number(policy.late_cancel_hours))
        self.reschedules.setText(number(policy.reschedules_kept))
        self.outcome.setCurrentIndex(1 if policy.keep_as_credit else 0)
        self.lateness.setText(number(policy.lateness_minutes))
        self.blockSignals(False)
        self._kind_changed()
        self.checks.clear()

    def _readings(self) -> dict[str, object]:
        """Each field's value, or the ValidationError saying why it can't be read."""
        readings: dict[str, object] = {}
        fixed = self.deposit_kind.currentData() == FIXED
        parsers = {"late_cancel_hours": (self.late_cancel, 72), "reschedules_kept": (self.reschedules, 1),
                   "lateness_minutes": (self.lateness, 30)}
        if fixed:
            try:
                readings["deposit_cents"] = parse_money(self.amount.text())
            except ValidationError as error:
                readings["deposit_cents"] = error
        else:
            parsers["deposit_percent"] = (self.percent, 30)
        for key, (edit, example) in parsers.items():
            try:
                readings[key] = whole_number(edit.text(), example)
            except ValidationError as error:
                readings[key] = error
        return readings

    def local_errors(self) -> dict[str, str]:
        return {key: value.message for key, value in self._readings().items() if isinstance(value, ValidationError)}

    def policy(self, before: SchedulingPolicy) -> SchedulingPolicy:
        """The policy the form shows (the amount kept from ``before`` while a percentage is
        asked, so switching back finds it)."""
        readings = self._readings()
        for value in readings.values():
            if isinstance(value, ValidationError):
                raise value
        fixed = self.deposit_kind.currentData() == FIXED
        return SchedulingPolicy(
            deposit_cents=readings["deposit_cents"] if fixed else before.deposit_cents,
            deposit_percent=None if fixed else readings["deposit_percent"],
            late_cancel_hours=readings["late_cancel_hours"], reschedules_kept=readings["reschedules_kept"],
            keep_as_credit=bool(self.outcome.currentData()), lateness_minutes=readings["lateness_minutes"])


__all__ = ["PolicyForm"]
