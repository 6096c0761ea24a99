"""The aftercare text: admins set it (a blank Linework cannot fill is refused and nothing is
stored), and the preview of a text not saved yet is refused the same way."""

from __future__ import annotations

import pytest

from studio.services.common import PermissionDenied, ValidationError


def test_a_blank_linework_cannot_fill_is_refused_and_the_text_stays(studio):
    before = studio.services.aftercare.text(studio.admin)
    with pytest.raises(ValidationError, match=r"can't fill \{tattoo\}. The blanks are: \{first_name\}"):
        studio.services.aftercare.set_text(studio.admin, "Hi {first_name}, look after your {tattoo}.")
    assert studio.services.aftercare.text(studio.admin) == before
    saved = studio.services.aftercare.set_text(studio.admin, "Hi {first_name}, see you, {artist}.")
    assert studio.services.aftercare.text(studio.desk) == saved


def test_the_preview_of_an_unsaved_text_is_checked_like_saving_it(studio):
    with pytest.raises(ValidationError, match=r"can't fill \{tattoo\}"):
        studio.services.aftercare.preview_pdf(studio.admin, "Look after your {tattoo}.")
    with pytest.raises(PermissionDenied):
        studio.services.aftercare.preview_pdf(studio.desk, "Hi {first_name}.")


def test_the_preview_is_a_pdf_of_the_text_filled_with_an_example(studio):
    pytest.importorskip("studio.services.register.documents")  # the register's PDFs (another branch)
    pdf = studio.services.aftercare.preview_pdf(studio.admin, "Hi {first_name}, on {date}.")
    assert pdf.startswith(b"%PDF")
