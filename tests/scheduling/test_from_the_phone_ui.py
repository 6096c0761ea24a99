"""From the phone, at the desk: right after accepting a form with a tattoo idea the Intake
page offers to make it a project (its photos attached); a reopened accepted form offers a
project with a requested appointment; a form that is a project already turns both off."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, Qt, QTime

from studio.services.scheduling import Status
from tests.intake.conftest import jpeg_bytes, submit_walkin
from tests.intake.conftest import ui  # noqa: F401 - a fixture: a page host on the studio
from tests.scheduling.conftest import LISBON
from tests.ui.dialogs import find_dialog, wait_closed


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def rosa_id(studio) -> int:
    return next(r.id for r in studio.services.clients.search(studio.admin, "Rosa Amaral").rows)


def open_review(qtbot, host, submission_id: int):
    from studio.ui.intake.review import IntakeReviewDialog

    dialog = IntakeReviewDialog(host, submission_id)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.review is not None, timeout=10_000)
    return dialog


def test_right_after_accepting_the_idea_becomes_a_project_with_its_photos(qtbot, studio, ui):  # noqa: F811
    from studio.ui.intake.page import IntakePage
    from studio.ui.intake.review import IntakeReviewDialog

    host_for, toasts = ui
    # Her own phone: the fixture's Ana has the form's usual one.
    submission = submit_walkin(studio, [jpeg_bytes((60, 40)), jpeg_bytes((61, 40))], phone="+351 915 000 222")
    host = host_for(studio.desk)
    page = IntakePage(host)
    qtbot.addWidget(page)
    page.resize(1200, 720)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    page.open_record(submission)
    review = find_dialog(qtbot, IntakeReviewDialog)
    qtbot.waitUntil(lambda: review.review is not None, timeout=10_000)
    assert review.from_phone is None  # not accepted yet: nothing to make
    click(qtbot, review.accept_button)
    wait_closed(qtbot, review, "Accept", timeout=15_000)
    qtbot.waitUntil(lambda: page.accepted_banner is not None, timeout=10_000)
    assert "A small swallow" in page.accepted_banner.findChild(type(page.state)).text()

    actions = page.accepted_banner.actions
    click(qtbot, actions.make_button)
    qtbot.waitUntil(lambda: not actions.request_button.isEnabled(), timeout=10_000)
    [project] = studio.services.projects.client_projects(studio.desk, rosa_id(studio))
    assert (project.title, project.placement, len(project.images), project.appointments) == (
        "A small swallow", "Left wrist", 2, ())
    assert toasts[-1] == "Project “A small swallow” made for Rosa Amaral; 2 photos attached."
    assert actions.make_button.toolTip() == "This phone form is a project already."


def test_an_accepted_form_requests_an_appointment_then_is_a_project_already(qtbot, studio, ui):  # noqa: F811
    from studio.ui.intake.from_phone import RequestAppointmentDialog

    host_for, toasts = ui
    submission = submit_walkin(studio, [jpeg_bytes((60, 40))])
    studio.services.intake.accept(studio.admin, submission, allow_duplicate=True)
    review = open_review(qtbot, host_for(studio.desk), submission)
    assert review.from_phone is not None and review.from_phone.request_button.isEnabled()
    click(qtbot, review.from_phone.request_button)
    request = find_dialog(qtbot, RequestAppointmentDialog)
    qtbot.waitUntil(lambda: request.save_button.isEnabled(), timeout=10_000)
    request.when.artist.setCurrentIndex(request.when.artist.findText("Leo"))
    request.when.day.setDate(QDate(2027, 1, 7))
    request.when.start.setTime(QTime(15, 30))
    request.when.length.setCurrentIndex(request.when.length.findData(120))
    click(qtbot, request.save_button)
    wait_closed(qtbot, request, "Make and request", timeout=10_000)
    qtbot.waitUntil(lambda: not review.from_phone.make_button.isEnabled(), timeout=10_000)

    [project] = studio.services.projects.client_projects(studio.desk, rosa_id(studio))
    [appointment] = project.appointments
    assert (appointment.status, appointment.artist_id, len(project.images)) == (
        Status.REQUESTED, studio.leo.staff_id, 1)
    assert (appointment.starts_at, appointment.minutes) == (datetime(2027, 1, 7, 15, 30, tzinfo=LISBON), 120)
    assert "with an appointment requested for 7 Jan 2027, 15:30; 1 photo attached." in toasts[-1]
    review.reject()

    again = open_review(qtbot, host_for(studio.admin), submission)  # another desk, later
    click(qtbot, again.from_phone.make_button)
    qtbot.waitUntil(lambda: not again.from_phone.request_button.isEnabled(), timeout=10_000)
    assert again.from_phone.make_button.toolTip() == "This phone form is a project already."
    assert len(studio.services.projects.client_projects(studio.desk, rosa_id(studio))) == 1
    again.reject()


def test_a_form_made_into_a_project_earlier_says_so_before_any_click(qtbot, studio, ui):  # noqa: F811
    host_for, _toasts = ui
    submission = submit_walkin(studio, [jpeg_bytes((60, 40))])
    studio.services.intake.accept(studio.admin, submission, allow_duplicate=True)
    studio.services.projects.from_submission(studio.admin, submission)  # on another PC, say
    review = open_review(qtbot, host_for(studio.desk), submission)
    actions = review.from_phone
    qtbot.waitUntil(lambda: not actions.make_button.isEnabled(), timeout=10_000)
    assert not actions.request_button.isEnabled()
    assert actions.make_button.toolTip() == "This phone form is a project already."
    review.reject()

