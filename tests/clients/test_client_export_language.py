"""The client data export's PDF is written for the staff member who exports it: in their
language (or one the caller names), its dates as that language writes them in the studio's
time zone; the JSON stays English for machines. Read back with pypdf."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from studio.services.clients import ClientInput, MedicalInfo
from studio.services.common import current_language, short_date
from tests.support import use_catalogs

ZOE = ClientInput(full_name="Zoë Martín", phone="+351 912 345 678", date_of_birth=date(1990, 5, 1),
                  notes="Prefers mornings")


def pdf_text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_pdf_speaks_the_exporters_language_with_spanish_dates(studio, tmp_path):
    c = studio.clients.create(studio.admin, ZOE, medical=MedicalInfo(checks=frozenset({"allergy_latex"})))
    spanish_admin = replace(studio.admin, language="es")
    result = studio.client_rights.export_client(spanish_admin, c.id, tmp_path)

    text = pdf_text(result.pdf_path)
    for heading in ("Datos personales", "Salud", "Registro de accesos y cambios", "Fecha de nacimiento",
                    "Alergia al látex"):
        assert heading in text, heading
    born = short_date(date(1990, 5, 1), locale="es_ES")
    assert born == "1 may 1990"  # Babel's Spanish, not "May 1, 1990"
    assert f"{born} (35 años)" in text
    assert short_date(date(2026, 3, 14), locale="es_ES") in text  # exported on the studio's day
    assert "Personal details" not in text and "Health" not in text
    # The JSON is for machines: its keys and checklist labels stay English.
    data = json.loads(result.json_path.read_text(encoding="utf-8"))
    assert "Allergy to latex" in {i["label"] for i in data["medical"]["checklist"]}
    # The language held for the export only: the process still speaks English.
    assert current_language() == "en"


def test_a_language_named_by_the_caller_wins_and_english_stays_english(studio, tmp_path):
    c = studio.clients.create(studio.admin, ZOE)
    (tmp_path / "pt").mkdir()
    (tmp_path / "en").mkdir()
    portuguese = studio.client_rights.export_client(replace(studio.admin, language="es"), c.id,
                                                    tmp_path / "pt", language="pt_BR")
    assert "Dados pessoais" in pdf_text(portuguese.pdf_path)
    english = pdf_text(studio.client_rights.export_client(studio.admin, c.id, tmp_path / "en").pdf_path)
    assert "Personal details" in english and "1 May 1990 (age 35)" in english  # the studio is in the UK


def test_the_pdfs_record_of_access_reads_in_the_exporters_language_and_the_json_keeps_english(
        studio, tmp_path, monkeypatch):
    use_catalogs(tmp_path / "locale", {"es": {"changed: {fields}": "cambió: {fields}"}}, monkeypatch)
    c = studio.clients.create(studio.admin, ZOE)
    studio.clients.update(studio.admin, c.id, replace(ZOE, phone="+351 936 111 222", notes="Prefers evenings"),
                          version=c.version)
    (tmp_path / "out").mkdir()
    result = studio.client_rights.export_client(replace(studio.admin, language="es"), c.id, tmp_path / "out")

    text = " ".join(pdf_text(result.pdf_path).split())
    assert "Editó un cliente" in text and "cambió: Teléfono, Notas" in text
    assert "changed:" not in text and "client.updated" not in text
    data = json.loads(result.json_path.read_text(encoding="utf-8"))
    assert [(e["action"], e["detail"]) for e in data["audit"]][-1] == ("client.updated", "changed: Phone, Notes")
