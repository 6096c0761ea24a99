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
from studio.services.common.audit_log import action_label, shown
from studio.services.common.formats import date_time, short_date
from studio.services.common.i18n import _, pgettext
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


def shown_trail(events) -> list[tuple[str, str, str]]:
    """Each audit row's who, what and detail as the PDF shows them: in the current language
    (the JSON keeps the English of the columns, for machines)."""
    trail = []
    for e in events:
        who, _subject, detail = shown(e.actor_name, e.subject, e.detail, e.wording, row=e.id)
        trail.append((who, action_label(e.action), detail))
    return trail


def _sections(held: Sequence[HeldPart]) -> list[ExportSection]:
    return [section for part in held for section in part.sections]


def file_prefix(client_id: int, exported_at: datetime) -> str:
    """What every file of one export is named after: client-<id>-<YYYYMMDD>."""
    return f"client-{client_id}-{formats.stamp(exported_at, with_time=False)}"


def write_export(folder: Path, document: dict, data_dir: Path, photo_name: str | None,
                 held: Sequence[HeldPart], *, locale: str | None = None,
                 trail: Sequence[tuple[str, str, str]] | None = None) -> ClientExport:
    """Write the JSON, the PDF (in the current language, dates as ``locale`` writes them,
    its record of access as ``trail`` from shown_trail reads), the photo and the holders'
    files (consent PDFs, phone-form photos, …) into ``folder``."""
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
    _atomic_write(pdf_path, render_pdf(document, photo_out, _sections(held), locale=locale, trail=trail))
    return ClientExport(json_path=json_path, pdf_path=pdf_path, photo_path=photo_out)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


# ---------------------------------------------------------------- PDF

def render_pdf(document: dict, photo: Path | None, sections: Sequence[ExportSection] = (), *,
               locale: str | None = None, trail: Sequence[tuple[str, str, str]] | None = None) -> bytes:
    """The readable copy, in the current language (export_client speaks the exporter's),
    its dates as ``locale`` writes them in the studio's time zone; the audit rows' who, what
    and detail are ``trail``'s (shown_trail), else the JSON's English."""
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    kit = pdf_kit()
    text, body, small, heading, title = kit.text, kit.body, kit.small, kit.heading, kit.title
    zone = document["time_zone"]

    def when(iso: str) -> str:
        return date_time(datetime.fromisoformat(iso), zone, locale=locale)

    def day(iso: str) -> str:
        return short_date(date.fromisoformat(iso[:10]), locale=locale)

    c = document["client"]
    m = document["medical"]
    # Translators: {studio} is the studio's name, {when} a date and time, {who} a staff member's name.
    exported = _("Data held by {studio} — exported {when} by {who}").format(
        studio=document["studio"] or _("the studio"), when=when(document["exported_at"]),
        who=document["exported_by"])
    story: list = [
        Paragraph(text(c["full_name"]), title),
        Paragraph(text(exported), small),
        Spacer(1, 4 * mm),
    ]
    if photo is not None:
        story += [Image(str(photo), width=35 * mm, height=35 * mm, kind="proportional"), Spacer(1, 3 * mm)]

    def table(rows: list[tuple[str, object]]):
        return kit.table(rows, (50, 120))

    born = ""
    if c["date_of_birth"]:
        born = day(c["date_of_birth"])
        if c["age"] is not None:
            # Translators: {date} is a date of birth, {age} the age in years.
            born = _("{date} (age {age})").format(date=born, age=c["age"])
    emergency = c["emergency_contact"]
    # Translators: {when} is a date and time, {who} a staff member's name.
    changed = _("{when} by {who}").format(when=when(c["updated_at"]), who=c["updated_by"])
    story += [
        Paragraph(text(_("Personal details")), heading),
        table([
            (_("Full name"), c["full_name"]), (_("Preferred name"), c["preferred_name"]),
            (_("Pronouns"), c["pronouns"]),
            (_("Date of birth"), born),
            (_("Phone"), c["phone_display"]), (_("Email"), c["email"]), (_("Address"), c["address"]),
            (_("Emergency contact"), " · ".join(p for p in (emergency["name"], emergency["phone_display"]) if p)),
            (_("Notes"), c["notes"]),
            (_("Photo"), pgettext("client export", "attached") if c["has_photo"] else pgettext("client export", "none")),
            (_("Client since"), day(c["created_at"])), (_("Last changed"), changed),
        ]),
        Paragraph(text(_("Health")), heading),
        table([(_(MEDICAL_CHECKS.get(item["key"], item["label"])), _("yes") if item["answer"] else _("no"))
               for item in m["checklist"]]
              + [(_("Allergies"), m["allergies"]), (_("Conditions"), m["conditions"]),
                 (_("Medications"), m["medications"]), (_("Skin conditions"), m["skin_conditions"]),
                 (pgettext("health notes", "Other"), m["notes"])]),
    ]
    for section in sections:
        story += [Paragraph(text(section.heading), heading),
                  table(list(section.rows) or [(pgettext("client export", "None"), "")])]
    story.append(Paragraph(text(_("Record of access and changes")), heading))
    if document["audit"]:
        rows = [[Paragraph(text(h), small) for h in (_("When"), _("Who"), _("What"), _("Detail"))]]
        read = trail if trail is not None else [(e["by"], action_label(e["action"]), e["detail"])
                                                      for e in document["audit"]]
        rows += [[Paragraph(text(when(e["at"])), small), Paragraph(text(who), small),
                  Paragraph(text(what), small), Paragraph(text(detail), small)]
                 for e, (who, what, detail) in zip(document["audit"], read, strict=True)]
        log_table = Table(rows, colWidths=[30 * mm, 40 * mm, 40 * mm, 60 * mm], repeatRows=1)
        log_table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey)]))
        story.append(log_table)
    else:
        story.append(Paragraph(text(_("No entries.")), body))

    out = io.BytesIO()
    pdf = SimpleDocTemplate(out, pagesize=A4,
                            title=latin1_safe(_("Client record {id}").format(id=c["id"])),
                            leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm, bottomMargin=18 * mm)
    pdf.build(story)
    return out.getvalue()
