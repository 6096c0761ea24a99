"""A project's reference images added and removed by hand, re-encoded like client photos;
its name, placement, quote and notes edited."""

from __future__ import annotations

import io
import sqlite3

import pytest
from PIL import Image
from sqlalchemy.exc import IntegrityError

from studio.models import AuditEvent
from studio.services.common import NotFound, ValidationError
from studio.services.scheduling.client_data import PROJECT_FILES


def jpeg_with_gps(size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # the camera's maker, where phones also put GPS positions
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def stored_files(data_dir) -> list[str]:
    folder = PROJECT_FILES.folder(data_dir)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_an_added_image_is_re_encoded_without_its_exif_and_listed(studio, data_dir):
    project = studio.services.projects.create(studio.desk, studio.ana_id, "Koi sleeve")
    added = studio.services.projects.add_image(studio.desk, project.id, jpeg_with_gps())
    assert len(added.images) == 1
    assert studio.services.projects.project(studio.admin, project.id).images == added.images
    stored = studio.services.projects.image(studio.mia, project.id, added.images[0])
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and image.size == (64, 48)
        assert not image.getexif()
    assert b"PhoneMaker" in jpeg_with_gps() and b"PhoneMaker" not in stored
    assert stored_files(data_dir) == [added.images[0]]


def test_the_addition_is_in_the_audit_log(studio):
    project = studio.services.projects.create(studio.desk, studio.ana_id, "Koi sleeve")
    studio.services.projects.add_image(studio.desk, project.id, jpeg_with_gps())
    with studio.services.db.unit_of_work(write=False) as uow:
        rows = [(r.subject_type, r.subject_id, r.subject, r.actor_name)
                for r in uow.session.query(AuditEvent).filter_by(action="project.image_added")]
    assert rows == \
        [("project", str(project.id), "Koi sleeve", "Dana Desk")]


def test_a_file_that_is_not_an_image_is_refused_with_a_sentence_and_nothing_is_stored(studio, data_dir):
    project = studio.services.projects.create(studio.desk, studio.ana_id, "Koi sleeve")
    with pytest.raises(ValidationError) as refused:
        studio.services.projects.add_image(studio.desk, project.id, b"%PDF-1.4 not a picture")
    assert "isn't an image" in refused.value.message
    assert studio.services.projects.project(studio.desk, project.id).images == ()
    assert stored_files(data_dir) == []


def test_a_write_that_fails_after_the_file_is_stored_leaves_no_file(studio, data_dir):
    project = studio.services.projects.create(studio.desk, studio.ana_id, "Koi sleeve")
    conn = sqlite3.connect(data_dir / "studio.db", isolation_level=None)
    conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON project_images BEGIN SELECT RAISE(ABORT, 'full'); END")
    conn.close()
    with pytest.raises(IntegrityError, match="full"):
        studio.services.projects.add_image(studio.desk, project.id, jpeg_with_gps())
    assert stored_files(data_dir) == []


def test_a_removed_image_leaves_the_project_and_the_disk(studio, data_dir):
    project = studio.services.projects.create(studio.desk, studio.ana_id, "Koi sleeve")
    added = studio.services.projects.add_image(studio.desk, project.id, jpeg_with_gps())
    studio.services.projects.add_image(studio.desk, project.id, jpeg_with_gps((20, 20)))
    name = added.images[0]
    after = studio.services.projects.remove_image(studio.desk, project.id, name)
    assert name not in after.images and len(after.images) == 1
    assert stored_files(data_dir) == list(after.images)
    with pytest.raises(NotFound):
        studio.services.projects.image(studio.desk, project.id, name)


def test_editing_a_project_saves_its_fields_and_refuses_a_blank_name(studio):
    project = studio.services.projects.create(studio.desk, studio.ana_id, "Koi sleeve")
    edited = studio.services.projects.update(studio.desk, project.id, "Koi half sleeve", "Left arm", 120000,
                                             "Colour in spring")
    again = studio.services.projects.project(studio.desk, project.id)
    assert (again.title, again.placement, again.quote_cents, again.notes) == \
        ("Koi half sleeve", "Left arm", 120000, "Colour in spring") == \
        (edited.title, edited.placement, edited.quote_cents, edited.notes)
    with pytest.raises(ValidationError):
        studio.services.projects.update(studio.desk, project.id, "  ", "", None, "")
    assert studio.services.projects.project(studio.desk, project.id).title == "Koi half sleeve"
    with studio.services.db.unit_of_work(write=False) as uow:
        details = [r.detail for r in uow.session.query(AuditEvent).filter_by(action="project.changed")]
    assert len(details) == 1 and "Koi sleeve → Koi half sleeve" in details[0] and "Colour" not in details[0]
