"""An accepted phone form's tattoo idea becomes a project (and a requested appointment) in
one step, with its reference photos."""

from __future__ import annotations

from datetime import timedelta

import pytest

from studio.services.common import Conflict, ValidationError
from studio.services.scheduling import Status
from studio.services.scheduling.client_data import project_image_path
from tests.intake.conftest import jpeg_bytes, submit_walkin
from tests.scheduling.conftest import MONDAY, at

THURSDAY = MONDAY + timedelta(days=3)


def _accepted(studio, photos=2):
    submission = submit_walkin(studio, [jpeg_bytes((60 + i, 40)) for i in range(photos)])
    # Rosa's phone is Ana's in the fixture: filed as a new client all the same.
    studio.services.intake.accept(studio.admin, submission, allow_duplicate=True)
    return submission


def test_an_accepted_form_becomes_a_project_with_its_idea_and_photos(studio):
    submission = _accepted(studio)
    project = studio.services.projects.from_submission(studio.desk, submission)
    assert (project.client_name, project.title, project.placement) == ("Rosa Amaral", "A small swallow", "Left wrist")
    assert "5 cm" in project.notes and len(project.images) == 2
    data_dir = studio.services.data_dir
    assert all(project_image_path(data_dir, name).read_bytes()[:2] == b"\xff\xd8" for name in project.images)
    with pytest.raises(Conflict, match="a project already"):
        studio.services.projects.from_submission(studio.desk, submission)


def test_with_a_slot_it_is_a_requested_appointment_of_the_project_too(studio):
    submission = _accepted(studio, photos=0)
    project = studio.services.projects.from_submission(
        studio.desk, submission, request=(studio.mia.staff_id, at(THURSDAY, 12), at(THURSDAY, 14)))
    [appointment] = project.appointments
    assert (appointment.status, appointment.description, appointment.project_id) == (
        Status.REQUESTED, "A small swallow", project.id)


def test_a_pending_form_can_not_become_a_project(studio):
    submission = submit_walkin(studio)
    with pytest.raises(ValidationError, match="Only an accepted phone form"):
        studio.services.projects.from_submission(studio.desk, submission)
    assert studio.services.projects.client_projects(studio.desk, studio.ana_id) == ()


def test_a_refused_request_leaves_no_project_and_no_copied_photo(studio):
    submission = _accepted(studio, photos=1)
    folder = studio.services.data_dir / "projects"
    with pytest.raises(ValidationError, match="must end after it starts"):
        studio.services.projects.from_submission(
            studio.desk, submission, request=(studio.mia.staff_id, at(THURSDAY, 14), at(THURSDAY, 12)))
    assert not folder.exists() or list(folder.iterdir()) == []
    # Nothing was kept, so it can still become a project.
    assert studio.services.projects.from_submission(studio.desk, submission).title == "A small swallow"
