"""Export (JSON + PDF read back) and erasure."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import func, select

from studio.models import AuditEvent, Client, ClientSearchTerm
from studio.services import audit
from studio.services.clients import ClientInput, ErasedPart, ExportSection, HeldPart, MedicalInfo
from studio.services.common import NotFound, StorageError, ValidationError, i18n
from tests.support import use_catalogs

ZOE = ClientInput("Zoë Martín <b>&amp;</b>", date_of_birth=date(1990, 5, 1), phone="912 345 678",
                  email="zoe@example.com", address="Rua Nova 1\nLisboa", notes="Łódź trip; 日本 ✓")
MEDICAL = MedicalInfo(checks=frozenset({"allergy_latex"}), allergies="Latex")


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 200, 10)).save(out, format="PNG")
    return out.getvalue()


def test_export_writes_everything_held(studio, tmp_path):
    c = studio.clients.create(studio.admin, ZOE, medical=MEDICAL, photo=photo())
    studio.clients.medical(studio.admin, c.id)
    other = studio.clients.create(studio.admin, ClientInput("Someone Else"))
    result = studio.client_rights.export_client(studio.admin, c.id, tmp_path)

    data = json.loads(result.json_path.read_text(encoding="utf-8"))
    client = data["client"]
    assert client["full_name"] == "Zoë Martín <b>&amp;</b>"
    assert client["phone"] == "+351912345678" and client["date_of_birth"] == "1990-05-01"
    assert client["notes"] == "Łódź trip; 日本 ✓"
    assert data["medical"]["allergies"] == "Latex"
    assert {i["key"] for i in data["medical"]["checklist"] if i["answer"]} == {"allergy_latex"}
    assert [e["action"] for e in data["audit"]] == [audit.CLIENT_ADDED, audit.CLIENT_MEDICAL_VIEWED]
    assert data["audit"][1]["by"] == studio.admin.name
    assert result.photo_path is not None and result.photo_path.exists()
    assert data["photo_file"] == result.photo_path.name
    assert str(other.id) not in {str(e.get("subject_id")) for e in data["audit"]}

    text = "".join(page.extract_text() for page in PdfReader(result.pdf_path).pages)
    assert "Zoë Martín <b>&amp;</b>" in text  # escaped, not interpreted as markup
    assert "Latex" in text and "Rua Nova 1" in text
    assert studio.services.audit.events(studio.admin)[0].action == audit.CLIENT_EXPORTED


def test_export_into_a_missing_folder(studio, tmp_path):
    c = studio.clients.create(studio.admin, ZOE)
    with pytest.raises(ValidationError) as err:
        studio.client_rights.export_client(studio.admin, c.id, tmp_path / "nope")
    assert err.value.field == "folder"


def test_pdf_falls_back_to_latin1_without_a_unicode_font(studio, tmp_path, monkeypatch):
    from studio.services.common import pdf_kit

    monkeypatch.setattr(pdf_kit, "_registered", ("Helvetica", "Helvetica-Bold", False))
    c = studio.clients.create(studio.admin, ZOE)
    result = studio.client_rights.export_client(studio.admin, c.id, tmp_path)
    text = "".join(page.extract_text() for page in PdfReader(result.pdf_path).pages)
    assert "Zoë Martín" in text and "Lódz trip" in text


def test_erase_needs_the_exact_name(studio):
    c = studio.clients.create(studio.admin, ZOE)
    with pytest.raises(ValidationError) as err:
        studio.client_rights.erase_client(studio.admin, c.id, "zoë martín")
    assert err.value.field == "confirm_text"
    assert studio.clients.get(studio.admin, c.id).full_name == ZOE.full_name


def test_erase_removes_personal_data_and_scrubs_the_trail(studio):
    c = studio.clients.create(studio.admin, ZOE, medical=MEDICAL, photo=photo())
    studio.clients.medical(studio.admin, c.id)
    keep = studio.clients.create(studio.admin, ClientInput("Ana Sousa"))
    assert list((studio.data_dir / "photos").iterdir())

    studio.client_rights.erase_client(studio.admin, c.id, "  Zoë Martín <b>&amp;</b> ")

    with pytest.raises(NotFound):
        studio.clients.get(studio.admin, c.id)
    assert list((studio.data_dir / "photos").iterdir()) == []
    assert studio.clients.count(studio.admin, "zoe") == 0
    assert studio.clients.count(studio.admin) == 1 and studio.clients.get(studio.admin, keep.id)
    with studio.services.db.unit_of_work(write=False) as uow:
        assert uow.session.scalar(select(func.count()).select_from(ClientSearchTerm)
                                  .where(ClientSearchTerm.client_id == c.id)) == 0
        assert uow.session.get(Client, c.id) is None
        events = [(e.action, e.subject, e.actor_name) for e in uow.session.scalars(
            select(AuditEvent).where(AuditEvent.subject_type == "client",
                                     AuditEvent.subject_id == str(c.id)).order_by(AuditEvent.id))]
        everything = " ".join(f"{e.subject} {e.detail}" for e in uow.session.scalars(select(AuditEvent)))
    assert [e[0] for e in events] == [audit.CLIENT_ADDED, audit.CLIENT_MEDICAL_VIEWED, audit.CLIENT_ERASED]
    assert all(e[1] == "erased client" for e in events)
    assert "Zoë" not in everything and "Martín" not in everything
    assert events[-1][2] == "Ana Ruiz"


class LoyaltyCards:
    """A client data holder from outside the app's areas: stamp cards kept as one text file
    per client in the data folder, so both export and erase have something real to reach."""

    name = "loyalty"

    def __init__(self, data_dir) -> None:
        self.folder = data_dir / "loyalty"
        self.folder.mkdir(exist_ok=True)
        self.client_row_seen_at_erase: bool | None = None

    def card(self, client_id: int):
        return self.folder / f"{client_id}.txt"

    def export_part(self, session, client_id, prefix):
        card = self.card(client_id)
        stamps = card.read_text(encoding="utf-8").count("*") if card.exists() else 0
        return HeldPart(sections=(ExportSection("loyalty", "Loyalty card", {"stamps": stamps},
                                                (("Stamps", str(stamps)),)),),
                        files=((card, f"{prefix}-loyalty.txt"),))

    def erase_part(self, session, client_id, erased_subject):
        self.client_row_seen_at_erase = session.get(Client, client_id) is not None
        return ErasedPart(files=(self.card(client_id),), kept="the stamp count kept for the tax office")


def test_a_holder_registered_from_outside_is_exported_and_erased(studio, tmp_path):
    cards = LoyaltyCards(studio.data_dir)
    studio.services.client_rights.register(cards)
    c = studio.clients.create(studio.admin, ZOE)
    cards.card(c.id).write_text("***", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()

    result = studio.client_rights.export_client(studio.admin, c.id, out)
    data = json.loads(result.json_path.read_text(encoding="utf-8"))
    assert data["loyalty"] == {"stamps": 3}
    assert data["phone_forms"] == [] and data["consents"] == []  # the intake's part is still there
    assert (out / f"{result.json_path.stem}-loyalty.txt").read_text(encoding="utf-8") == "***"
    text = "".join(page.extract_text() for page in PdfReader(result.pdf_path).pages)
    assert "Loyalty card" in text and "Stamps" in text

    studio.client_rights.erase_client(studio.admin, c.id, ZOE.full_name)
    assert cards.client_row_seen_at_erase is True  # holders run before the client row goes
    assert not cards.card(c.id).exists()
    erased = studio.services.audit.events(studio.admin)[0]
    assert erased.action == audit.CLIENT_ERASED
    assert erased.detail == "personal data erased on request; the stamp count kept for the tax office"


def test_a_holder_file_that_cannot_be_deleted_erases_nothing(studio):
    cards = LoyaltyCards(studio.data_dir)
    studio.services.client_rights.register(cards)
    c = studio.clients.create(studio.admin, ZOE)
    cards.card(c.id).mkdir()  # a folder where the card file should be: unlink fails
    (cards.card(c.id) / "keep").write_text("x", encoding="utf-8")

    with pytest.raises(StorageError):
        studio.client_rights.erase_client(studio.admin, c.id, ZOE.full_name)
    assert studio.clients.get(studio.admin, c.id).full_name == ZOE.full_name


def test_two_holders_may_not_share_a_name(studio):
    studio.services.client_rights.register(LoyaltyCards(studio.data_dir))
    with pytest.raises(ValueError):
        studio.services.client_rights.register(LoyaltyCards(studio.data_dir))


def test_an_erased_clients_rows_read_erased_in_every_language_with_no_detail_left(studio, tmp_path, monkeypatch):
    """The scrub reaches the rows' wording too: nothing they said about the client (here, that
    health answers came with them) reads again, in any language."""
    use_catalogs(tmp_path / "locale", {"es": {"erased client": "cliente borrado",
                                              "with medical information": "con información de salud",
                                              "personal data erased on request": "datos personales borrados a petición"}},
                 monkeypatch)
    c = studio.clients.create(studio.admin, ZOE, medical=MEDICAL)
    i18n.set_language("es")
    assert studio.services.audit.events(studio.admin)[0].detail == "con información de salud"

    studio.client_rights.erase_client(studio.admin, c.id, ZOE.full_name)
    rows = [(e.action, e.subject, e.detail) for e in studio.services.audit.events(studio.admin)
            if e.action.startswith("client.")]
    assert rows == [(audit.CLIENT_ERASED, "cliente borrado", "datos personales borrados a petición"),
                    (audit.CLIENT_ADDED, "cliente borrado", "")]
    with studio.services.db.unit_of_work(write=False) as uow:
        assert all("medical" not in e.wording and "Zoë" not in e.wording
                   for e in uow.session.scalars(select(AuditEvent)))
