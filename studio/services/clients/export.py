"""A client's data, exported for a data request: one JSON file (complete, for machines),
one PDF (readable, for the person), and their photo if there is one.

Fonts: reportlab's built-in Helvetica only covers Latin-1, so the PDF uses DejaVu Sans when
it can find it (Linux packages it as fonts-dejavu; the frozen app may ship it under
``studio/resources/fonts``), or another wide TrueType font present on Windows or macOS.
Without one it falls back to Helvetica and writes each character outside Latin-1 as its
accent-stripped form or "?", so the PDF is always produced; the JSON is always exact.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Sequence

from studio.services.clients.forms import age_on
from studio.services.clients.holders import ExportSection, HeldPart
from studio.services.clients.photos import photo_path
from studio.services.clients.records import MEDICAL_CHECKS, ClientExport, MedicalInfo
from studio.services.common import formats, phones
from studio.services.common.localtime import to_local
from studio.services.common.pdf_kit import latin1_safe, pdf_kit

# 2: phone_forms and consents added.
FORMAT_VERSION = 2

def build_document(client, medical: MedicalInfo, events, *, region: str, today: date, zone: str,
                   studio_name: str, exported_by: str, exported_at: datetime,
                   held: Sequence[HeldPart]) -> dict:
    """Everything held about the client as plain JSON-ready values: the client's record,
    medical section and trail, then each holder's sections under their keys."""
    document = {
        "format": "linework.client-export",
        "format_version": FORMAT_VERSION,
        "studio": studio_name,
        "exported_at": exported_at.isoformat(),
        "exported_by": exported_by,
        "time_zone": zone,
        "client": {
            "id": client.id,
            "full_name": client.full_name,
            "preferred_name": client.preferred_name,
            "pronouns": client.pronouns,
            "date_of_birth": client.date_of_birth.isoformat() if client.date_of_birth else None,
            "age": age_on(client.date_of_birth, today),
            "phone": client.phone,
            "phone_display": phones.display_phone(client.phone, region),
            "email": client.email,
            "address": client.address,
            "emergency_contact": {
                "name": client.emergency_name,
                "phone": client.emergency_phone,
                "phone_display": phones.display_phone(client.emergency_phone, region),
            },
            "notes": client.notes,
            "has_photo": bool(client.photo_file),
            "intake_token": client.qr_id,
            "created_at": client.created_at.isoformat(),
            "updated_at": client.updated_at.isoformat(),
            "updated_by": client.updated_by_name,
            "version": client.version,
        },
        "medical": {
            "checklist": [{"key": key, "label": label, "answer": key in medical.checks}
                          for key, label in MEDICAL_CHECKS.items()],
            "allergies": medical.allergies,
            "conditions": medical.conditions,
            "medications": medical.medications,
            "skin_conditions": medical.skin_conditions,
            "notes": medical.notes,
        },
        "audit": [
            {"at": e.at.isoformat(), "local_time": to_local(e.at, zone).replace(tzinfo=None).isoformat(" ", "minutes"),
             "by": e.actor_name, "action": e.action, "detail": e.detail}
            for e in events
        ],
    }
    for section in _sections(held):
        document[section.key] = section.data
    return document


def _sections(held: Sequence[HeldPart]) -> list[ExportSection]:
    return [section for part in held for section in part.sections]


def file_prefix(client_id: int, exported_at: datetime) -> str:
    """What every file of one export is named after: client-<id>-<YYYYMMDD>."""
    return f"client-{client_id}-{formats.stamp(exported_at, with_time=False)}"


def write_export(folder: Path, document: dict, data_dir: Path, photo_name: str | None,
                 held: Sequence[HeldPart]) -> ClientExport:
    """Write the JSON, the PDF, the photo and the holders' files (consent PDFs, phone-form
    photos, …) into ``folder``."""
    client_id = document["client"]["id"]
    prefix = file_prefix(client_id, datetime.fromisoformat(document["exported_at"]))
    base = folder / prefix
    json_path = base.with_suffix(".json")
    pdf_path = base.with_suffix(".pdf")
    photo_out = None
    if photo_name:
        source = photo_path(data_dir, photo_name)
        if source.exists():
            photo_out = folder / f"{prefix}-photo.jpg"
            shutil.copyfile(source, photo_out)
    for source, name in (file for part in held for file in part.files):
        if source.exists():
            shutil.copyfile(source, folder / name)
    document = dict(document, photo_file=photo_out.name if photo_out else None)
    _atomic_write(json_path, json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"))
    _atomic_write(pdf_path, render_pdf(document, photo_out, _sections(held)))
    return ClientExport(json_path=json_path, pdf_path=pdf_path, photo_path=photo_out)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


# ---------------------------------------------------------------- PDF

def render_pdf(document: dict, photo: Path | None, sections: Sequence[ExportSection] = ()) -> bytes:
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    kit = pdf_kit()
    text, body, small, heading, title = kit.text, kit.body, kit.small, kit.heading, kit.title

    c = document["client"]
    m = document["medical"]
    story: list = [
        Paragraph(text(c["full_name"]), title),
        Paragraph(text(f"Data held by {document['studio'] or 'the studio'} — exported "
                       f"{document['exported_at'][:16].replace('T', ' ')} UTC by "
                       f"{document['exported_by']}"), small),
        Spacer(1, 4 * mm),
    ]
    if photo is not None:
        story += [Image(str(photo), width=35 * mm, height=35 * mm, kind="proportional"), Spacer(1, 3 * mm)]

    def table(rows: list[tuple[str, object]]):
        return kit.table(rows, (50, 120))

    emergency = c["emergency_contact"]
    story += [
        Paragraph("Personal details", heading),
        table([
            ("Full name", c["full_name"]), ("Preferred name", c["preferred_name"]),
            ("Pronouns", c["pronouns"]),
            ("Date of birth", f"{c['date_of_birth'] or ''}" + (f" (age {c['age']})" if c["age"] is not None else "")),
            ("Phone", c["phone_display"]), ("Email", c["email"]), ("Address", c["address"]),
            ("Emergency contact", " · ".join(p for p in (emergency["name"], emergency["phone_display"]) if p)),
            ("Notes", c["notes"]), ("Photo", "attached" if c["has_photo"] else "none"),
            ("Client since", c["created_at"][:10]), ("Last changed", f"{c['updated_at'][:16].replace('T', ' ')} UTC by {c['updated_by']}"),
        ]),
        Paragraph("Health", heading),
        table([(item["label"], "yes" if item["answer"] else "no") for item in m["checklist"]]
              + [("Allergies", m["allergies"]), ("Conditions", m["conditions"]),
                 ("Medications", m["medications"]), ("Skin conditions", m["skin_conditions"]),
                 ("Other", m["notes"])]),
    ]
    for section in sections:
        story += [Paragraph(text(section.heading), heading), table(list(section.rows) or [("None", "")])]
    story.append(Paragraph("Record of access and changes", heading))
    if document["audit"]:
        rows = [[Paragraph(text(h), small) for h in ("When", "Who", "What", "Detail")]]
        rows += [[Paragraph(text(e["local_time"]), small), Paragraph(text(e["by"]), small),
                  Paragraph(text(e["action"]), small), Paragraph(text(e["detail"]), small)]
                 for e in document["audit"]]
        log_table = Table(rows, colWidths=[30 * mm, 40 * mm, 40 * mm, 60 * mm], repeatRows=1)
        log_table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey)]))
        story.append(log_table)
    else:
        story.append(Paragraph("No entries.", body))

    out = io.BytesIO()
    pdf = SimpleDocTemplate(out, pagesize=A4, title=latin1_safe(f"Client record {c['id']}"),
                            leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm, bottomMargin=18 * mm)
    pdf.build(story)
    return out.getvalue()
