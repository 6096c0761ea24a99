"""From the phone: an accepted form's tattoo idea made into a project (its photos attached)
or, with a slot, a project and a requested appointment, in one step. Shown in the review
of an accepted form and on the Intake page right after accepting one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget
from shiboken6 import isValid

from studio.services.common import Conflict, _, date_time, ngettext
from studio.services.scheduling import Kind, ProjectRecord
from studio.ui.calendar.waitlist_panel import SlotFields, studio_today
from studio.ui.kit import prompts
from studio.ui.kit.form_dialog import FormDialog
from studio.ui.kit.widgets import button, card, label


def made_sentence(project: ProjectRecord, timezone: str) -> str:
    """What the toast says was made."""
    photos = len(project.images)
    if project.appointments:
        when = date_time(project.appointments[0].starts_at, timezone)
        # Translators: {title} is the project's name (the client's idea), {when} a date and time.
        return ngettext("Project “{title}” made for {client}, with an appointment requested for {when}; {n} photo "
                        "attached.", "Project “{title}” made for {client}, with an appointment requested for {when}; "
                        "{n} photos attached.", photos).format(title=project.title, client=project.client_name,
                                                               when=when, n=photos)
    return ngettext("Project “{title}” made for {client}; {n} photo attached.",
                    "Project “{title}” made for {client}; {n} photos attached.", photos).format(
        title=project.title, client=project.client_name, n=photos)


class RequestAppointmentDialog(FormDialog):
    """Artist, day, start and length: the project and a requested appointment for it."""

    made = Signal(object)
    refused = Signal(object)  # a Conflict: the form is a project already

    def __init__(self, host, submission_id: int, parent: QWidget | None = None) -> None:
        super().__init__(_("Request an appointment"), _("Makes the project with the photos from the phone, and a "
                                                        "requested appointment the calendar shows until it is "
                                                        "booked."), parent, save_text=_("Make and request"))
        self.setObjectName("RequestAppointmentDialog")
        self.host = host
        self.submission_id = submission_id
        self.when = SlotFields(host, (), artist_id=None, kind=Kind.SESSION,
                               day=studio_today(host.settings.timezone))
        self.when.add_to(self, 0)
        self.busy(True)
        host.call(lambda s, a: s.scheduling.artists(a), self._artists, self.failed)

    def _artists(self, artists) -> None:
        self.when.set_artists(artists)
        if not artists:
            self.fields["artist_id"].set_error(_("No active artist to book with yet; add one on the Staff page."))
            return
        self.busy(False)

    def save(self) -> None:
        self.errors.clear()
        request, submission_id = self.when.slot(), self.submission_id
        self.busy(True)
        self.host.call(lambda s, a: s.projects.from_submission(a, submission_id, request=request),
                       self._done, self._failed, write=True)

    def _failed(self, error) -> None:
        self.failed(error)
        if isinstance(error, Conflict) and not error.field:
            self.refused.emit(error)

    def _done(self, project: ProjectRecord) -> None:
        self.made.emit(project)
        self.accept()


class FromPhoneActions(QWidget):
    """"Make a project" and "Request an appointment…" for one accepted form; both turn off
    (saying why) once the form is a project."""

    made = Signal(object)  # the ProjectRecord

    def __init__(self, host, submission_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FromPhoneActions")
        self.host = host
        self.submission_id = submission_id
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.make_button = button(_("Make a project"), icon_name="sparkles", on_click=self.make_project,
                                  tooltip=_("A project for this idea, with the photos from the phone"))
        self.make_button.setObjectName("MakeProject")
        self.request_button = button(_("Request an appointment…"), icon_name="calendar-days",
                                     on_click=self.request_appointment,
                                     tooltip=_("The project and a requested appointment for it"))
        self.request_button.setObjectName("RequestAppointment")
        for widget in (self.make_button, self.request_button):
            widget.setAutoDefault(False)  # Enter stays the dialog's own
            row.addWidget(widget)
        row.addStretch(1)
        # A form made into a project earlier (here or on another PC) says so from the start.
        host.call(lambda s, a: s.projects.of_submission(a, submission_id), self._known)

    def _known(self, project_id: int | None) -> None:
        if project_id is not None and isValid(self):
            self.done(_("This phone form is a project already."))

    def make_project(self) -> None:
        submission_id = self.submission_id
        self.make_button.setEnabled(False)
        self.host.call(lambda s, a: s.projects.from_submission(a, submission_id), self._made, self._failed,
                       write=True)

    def request_appointment(self) -> None:
        dialog = RequestAppointmentDialog(self.host, self.submission_id, self)
        dialog.made.connect(self._made)
        dialog.refused.connect(lambda error: self.done(error.message))
        dialog.open()

    def _made(self, project: ProjectRecord) -> None:
        self.host.toast(made_sentence(project, self.host.settings.timezone))
        self.done(_("This phone form is a project already."))
        self.made.emit(project)

    def _failed(self, error) -> None:
        if isinstance(error, Conflict):
            self.done(error.message)
            return
        self.make_button.setEnabled(True)
        prompts.tell(self, _("From the phone"), error.message)

    def done(self, why: str) -> None:
        """The form is a project: nothing more to make of it."""
        for widget in (self.make_button, self.request_button):
            widget.setEnabled(False)
            widget.setToolTip(why)


def accepted_banner(host, name: str, idea: str, submission_id: int, on_close) -> QWidget:
    """The Intake page's note right after accepting a form with a tattoo idea: what the
    idea is, and the two ways to make it a project."""
    frame, layout = card(margins=12, spacing=8)
    frame.setObjectName("AcceptedBanner")
    top = QHBoxLayout()
    # Translators: {name} is the client's, {idea} what they typed about their tattoo.
    top.addWidget(label(_("Accepted {name}. Their tattoo idea: {idea}").format(name=name, idea=idea), wrap=True), 1)
    close = button("", icon_name="x", variant="ghost", tooltip=_("Hide this note"), on_click=on_close)
    close.setAccessibleName(_("Hide this note"))
    top.addWidget(close)
    layout.addLayout(top)
    frame.actions = FromPhoneActions(host, submission_id)
    layout.addWidget(frame.actions)
    return frame
