"""Settings → Scheduling: the booking policy (admins), the studio's and each artist's
working hours, and days off and closed days (admins and the front desk)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.clock import utc_now
from studio.services.common import DomainError, Permission, ValidationError, _, can
from studio.services.scheduling import ArtistRecord, SchedulingPolicy, TimeOffRecord, WeekHours
from studio.ui.kit import prompts
from studio.ui.kit.widgets import label
from studio.ui.settings.policy_form import PolicyForm
from studio.ui.settings.time_off import TimeOffTab, shown_range
from studio.ui.settings.week_editor import WeekEditor
from studio.ui.shell.page import PageHost

STUDIO = None  # the key of the studio's own week among the artists'


@dataclass(frozen=True)
class SchedulingSetup:
    """What the dialog shows, read in one go off the GUI thread."""

    policy: SchedulingPolicy
    studio_week: WeekHours
    own_weeks: dict[int, WeekHours]
    artists: tuple[ArtistRecord, ...]
    time_off: tuple[TimeOffRecord, ...]
    today: date


def load_setup(services, actor, timezone: str) -> SchedulingSetup:
    today = utc_now().astimezone(ZoneInfo(timezone)).date()
    studio_week, own = services.hours.hours(actor)
    first, last = shown_range(today)
    return SchedulingSetup(services.hours.policy(actor), studio_week, dict(own), services.scheduling.artists(actor),
                           services.hours.time_off(actor, first, last), today)


class HoursTab(QWidget):
    """Whose hours (the studio or an artist), an artist's "Same as the studio" or own week,
    and the week itself."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HoursTab")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(12)
        top = QHBoxLayout()
        top.addWidget(label(_("Hours of"), "fieldLabel"))
        self.whose = QComboBox()
        self.whose.setObjectName("HoursOf")
        self.whose.setAccessibleName(_("Hours of"))
        self.whose.setMinimumWidth(220)
        self.whose.addItem(_("The studio"), STUDIO)
        self.whose.currentIndexChanged.connect(self._whose_changed)
        top.addWidget(self.whose)
        top.addSpacing(16)
        self.same = QRadioButton(_("Same as the studio"))
        self.same.setObjectName("SameAsStudio")
        self.own = QRadioButton(_("Their own hours"))
        self.own.setObjectName("OwnHours")
        group = QButtonGroup(self)
        for radio in (self.same, self.own):
            group.addButton(radio)
            top.addWidget(radio)
        self.own.toggled.connect(self._own_toggled)
        top.addStretch(1)
        layout.addLayout(top)
        self.note = label("", "muted", wrap=True)
        layout.addWidget(self.note)
        self.editor = WeekEditor()
        self.editor.changed.connect(self._edited)
        layout.addWidget(self.editor)
        self.error = label("", "error", wrap=True)
        self.error.setObjectName("HoursError")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.studio_week: WeekHours = ((),) * 7  # type: ignore[assignment]
        self.own_weeks: dict[int, WeekHours] = {}
        self.saved: tuple[WeekHours, dict[int, WeekHours]] = (self.studio_week, {})
        self.key: int | None = STUDIO

    def show_data(self, studio_week: WeekHours, own_weeks: dict[int, WeekHours],
                  artists: tuple[ArtistRecord, ...]) -> None:
        self.studio_week, self.own_weeks = studio_week, dict(own_weeks)
        self.saved = (studio_week, dict(own_weeks))
        self.whose.blockSignals(True)
        while self.whose.count() > 1:
            self.whose.removeItem(1)
        for artist in artists:
            self.whose.addItem(artist.name, artist.id)
        self.whose.blockSignals(False)
        self._whose_changed()

    # --- what is shown --------------------------------------------------------------------
    def _whose_changed(self, *_args) -> None:
        self.key = self.whose.currentData()
        is_artist = self.key is not STUDIO
        for radio in (self.same, self.own):
            radio.setVisible(is_artist)
        self.error.setVisible(False)
        if not is_artist:
            self.note.setText(_("The days and times the studio takes bookings. A break is the gap between two "
                                "stretches of a day."))
            self._show_week(self.studio_week, editable=True)
            return
        own = self.key in self.own_weeks
        for radio, on in ((self.own, own), (self.same, not own)):
            radio.blockSignals(True)
            radio.setChecked(on)
            radio.blockSignals(False)
        self._show_artist()

    def _show_artist(self) -> None:
        name = self.whose.currentText()
        if self.key in self.own_weeks:
            # Translators: {name} is an artist's.
            self.note.setText(_("{name} works these hours; days off are added in Days off.").format(name=name))
            self._show_week(self.own_weeks[self.key], editable=True)
        else:
            self.note.setText(_("{name} works the studio's hours, shown here. Choose Their own hours to change "
                                "them for {name} alone.").format(name=name))
            self._show_week(self.studio_week, editable=False)

    def _show_week(self, week: WeekHours, *, editable: bool) -> None:
        self.editor.set_week(week)
        self.editor.set_editable(editable)

    def _own_toggled(self, own: bool) -> None:
        if self.key is STUDIO:
            return
        if own:
            self.own_weeks[self.key] = self.studio_week  # they start from the studio's week
        else:
            self.own_weeks.pop(self.key, None)
        self._show_artist()
        self.changed.emit()

    def _edited(self) -> None:
        week = self.editor.week()
        if self.key is STUDIO:
            self.studio_week = week
        elif self.key in self.own_weeks:
            self.own_weeks[self.key] = week
        self.error.setVisible(False)
        self.changed.emit()

    # --- saving ---------------------------------------------------------------------------
    def changes(self) -> list[tuple[int | None, WeekHours | None]]:
        """What to save: (None, the studio's week) and (artist id, their week, or None for
        back to the studio's), only what differs from what was loaded."""
        saved_studio, saved_own = self.saved
        found: list[tuple[int | None, WeekHours | None]] = []
        if self.studio_week != saved_studio:
            found.append((STUDIO, self.studio_week))
        for artist_id in sorted(set(saved_own) | set(self.own_weeks)):
            if self.own_weeks.get(artist_id) != saved_own.get(artist_id):
                found.append((artist_id, self.own_weeks.get(artist_id)))
        return found

    def mark_saved(self, key: int | None) -> None:
        saved_studio, saved_own = self.saved
        if key is STUDIO:
            saved_studio = self.studio_week
        elif key in self.own_weeks:
            saved_own[key] = self.own_weeks[key]
        else:
            saved_own.pop(key, None)
        self.saved = (saved_studio, saved_own)

    def show_error(self, error: DomainError, key: int | None) -> None:
        self.whose.setCurrentIndex(max(0, self.whose.findData(key)) if key is not STUDIO else 0)
        self.error.setText(error.message)
        self.error.setVisible(True)


class SchedulingSettingsDialog(QDialog):
    """Opens at once and fills in when its data arrives; Save (Enter) saves the policy and
    the hours that changed, Esc asks first when something is not saved."""

    saved = Signal()

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SchedulingSettingsDialog")
        self.setWindowTitle(_("Scheduling settings"))
        # The layout sets the least size (a day of three stretches widens it); this is the first.
        self.resize(900, 620)
        self.host = host
        self.may_set_policy = can(host.actor.role, Permission.EDIT_SETTINGS)
        self.setup: SchedulingSetup | None = None
        self.policy_dirty = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(label(_("Scheduling settings"), "title"))
        self.tabs = QTabWidget()
        self.policy_form: PolicyForm | None = None
        if self.may_set_policy:
            self.policy_form = PolicyForm(host.settings.currency)
            self.policy_form.changed.connect(self._policy_edited)
            self.tabs.addTab(self.policy_form, _("Booking policy"))
        self.hours_tab = HoursTab()
        self.tabs.addTab(self.hours_tab, _("Working hours"))
        self.time_off_tab = TimeOffTab(host)
        self.tabs.addTab(self.time_off_tab, _("Days off"))
        layout.addWidget(self.tabs, 1)
        self.general = label("", "error", wrap=True)
        self.general.setObjectName("SchedulingError")
        self.general.setVisible(False)
        layout.addWidget(self.general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Save"))
        self.save_button.setProperty("variant", "primary")
        self.save_button.setEnabled(False)  # until the data has arrived
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.save_button.setDefault(True)  # once in the dialog, so the dialog knows it as its default
        timezone = host.settings.timezone
        host.call(lambda s, a: load_setup(s, a, timezone), self._loaded, self._load_failed)

    # --- loading ------------------------------------------------------------------------
    def _loaded(self, setup: SchedulingSetup) -> None:
        self.setup = setup
        if self.policy_form is not None:
            self.policy_form.set_policy(setup.policy)
        self.policy_dirty = False
        self.hours_tab.show_data(setup.studio_week, setup.own_weeks, setup.artists)
        self.time_off_tab.show_data(setup.artists, setup.time_off, setup.today)
        self.save_button.setEnabled(True)

    def _load_failed(self, error) -> None:
        self.general.setText(error.message)
        self.general.setVisible(True)

    def _policy_edited(self) -> None:
        self.policy_dirty = True

    @property
    def dirty(self) -> bool:
        return self.setup is not None and (self.policy_dirty or bool(self.hours_tab.changes()))

    # --- saving -------------------------------------------------------------------------
    def save(self) -> None:
        if self.setup is None:
            return
        self.general.setVisible(False)
        if self.policy_form is not None and self.policy_dirty:
            self.policy_form.checks.submit(self._save_checked)
        else:
            self._save_checked()

    def _save_checked(self) -> None:
        assert self.setup is not None
        policy = None
        if self.policy_form is not None and self.policy_dirty:
            try:
                policy = self.policy_form.policy(self.setup.policy)
            except ValidationError as error:  # the checks let it through; show it all the same
                self.policy_form.checks.show(error)
                return
        changes = self.hours_tab.changes()
        self.save_button.setEnabled(False)
        self.host.call(lambda s, a: _save(s, a, policy, changes), self._saved, self._failed, write=True)

    def _saved(self, outcome: tuple[dict, DomainError | None, str | None]) -> None:
        done, error, failed_key = outcome
        self.save_button.setEnabled(True)
        if "policy" in done:
            self.setup = replace(self.setup, policy=done["policy"])
            self.policy_dirty = False
        for key in done.get("hours", ()):
            self.hours_tab.mark_saved(key)
        if error is None:
            self.host.toast(_("Scheduling settings saved."))
            self.saved.emit()
            super().accept()
            return
        if failed_key == "policy" and self.policy_form is not None:
            self.tabs.setCurrentWidget(self.policy_form)
            self.policy_form.checks.show(error)
        elif failed_key == "hours":
            self.tabs.setCurrentWidget(self.hours_tab)
            self.hours_tab.show_error(error, done.get("failed_hours"))
        else:
            self._failed(error)

    def _failed(self, error) -> None:
        self.save_button.setEnabled(True)
        self.general.setText(error.message)
        self.general.setVisible(True)

    # --- closing ------------------------------------------------------------------------
    def reject(self) -> None:
        if self.dirty:
            prompts.ask_unsaved(self, self.save, self._discard)
            return
        super().reject()

    def _discard(self) -> None:
        self.policy_dirty = False
        self.hours_tab.saved = (self.hours_tab.studio_week, dict(self.hours_tab.own_weeks))
        super().reject()


def _save(services, actor, policy: SchedulingPolicy | None, changes) -> tuple[dict, DomainError | None, str | None]:
    """The policy, then each week that changed, each its own unit of work; what was saved
    and, when one was refused, its error and which part (``"policy"`` or ``"hours"``)."""
    done: dict = {}
    if policy is not None:
        try:
            done["policy"] = services.hours.set_policy(actor, policy)
        except DomainError as error:
            return done, error, "policy"
    for key, week in changes:
        try:
            services.hours.set_hours(actor, week, artist_id=key)
        except DomainError as error:
            done["failed_hours"] = key
            return done, error, "hours"
        done.setdefault("hours", []).append(key)
    return done, None, None


def open_scheduling_settings(host: PageHost, window: QWidget) -> None:
    """The account menu's "Scheduling settings…" (admins and the front desk)."""
    SchedulingSettingsDialog(host, window).open()
