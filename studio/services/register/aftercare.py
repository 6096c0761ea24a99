"""The aftercare sheet a client takes home: a text the admins edit, filled at the checkout
with the client's first name, the date, the artist and the placement; printed as a PDF."""

from __future__ import annotations

import string
from zoneinfo import ZoneInfo

from studio.models import Client, Receipt
from studio.services.common import audit_log
from studio.services.common.base import Service
from studio.services.common.errors import NotFound, ValidationError
from studio.services.common.formats import long_date
from studio.services.common.i18n import N_, _
from studio.services.common.permissions import Permission
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings, read_value, write_value

KEY = "register.aftercare"
MAX_LENGTH = 8000
# The blanks the text may use, and what fills them.
FIELDS = ("first_name", "date", "artist", "placement")
DEFAULT_TEXT = N_(
    "Hi {first_name},\n\n"
    "Thank you for your tattoo with {artist} on {date}. Here is how to look after it "
    "({placement}).\n\n"
    "Keep the wrap on for 2 to 4 hours, then wash the tattoo gently with lukewarm water and "
    "unscented soap. Pat it dry with a clean paper towel.\n\n"
    "Apply a thin layer of the aftercare cream two or three times a day for two weeks. "
    "Do not pick or scratch the scabs.\n\n"
    "For four weeks: no swimming pools, sea, sauna or sunbeds, and keep it out of the sun.\n\n"
    "If it gets very red, hot or swollen, or you feel unwell, see a doctor and let us know.")


class AftercareService(Service):
    def text(self, actor: Actor) -> str:
        """The sheet's text as the studio set it (the default, in the current language, until then)."""
        with self.unit_of_work(write=False) as uow:
            self.authorize_active(uow, actor)
            return read_value(uow.session, KEY) or _(DEFAULT_TEXT)

    def set_text(self, actor: Actor, text: str) -> str:
        """Store the sheet's text (admins). Refused when it uses a blank Linework cannot fill."""
        text = (text or "").strip()
        if not text:
            raise ValidationError(_("Write the aftercare text; clients take it home."), field="text")
        if len(text) > MAX_LENGTH:
            raise ValidationError(_("The aftercare text can be at most {n} characters.").format(n=MAX_LENGTH),
                                  field="text")
        _check_blanks(text)
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.EDIT_AFTERCARE)
            write_value(uow.session, KEY, text)
            audit_log.record(uow.session, self.clock(), audit_log.AFTERCARE_CHANGED, actor=actor,
                             subject_type="setting", subject_id=KEY)
            uow.commit()
            return text

    def sheet(self, actor: Actor, receipt_id: int) -> tuple[str, str]:
        """(title, filled text) of the sheet for a checkout's client."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.TAKE_PAYMENTS)
            session = uow.session
            receipt = session.get(Receipt, receipt_id)
            if receipt is None:
                raise NotFound(_("That receipt does not exist."))
            client = session.get(Client, receipt.client_id) if receipt.client_id else None
            first = (client.preferred_name or client.full_name.split()[0]) if client and client.full_name else ""
            text = read_value(session, KEY) or _(DEFAULT_TEXT)
            filled = text.format(first_name=first or _("there"), date=long_date(receipt.day),
                                 artist=receipt.artist_name or "—", placement=receipt.placement or "—")
            return _("Aftercare"), filled

    def sheet_pdf(self, actor: Actor, receipt_id: int) -> bytes:
        from studio.services.register.documents import aftercare_pdf

        title, body = self.sheet(actor, receipt_id)
        with self.unit_of_work(write=False) as uow:
            name = read_settings(uow.session).name
        return aftercare_pdf(studio_name=name, title=title, body=body)


    def preview_pdf(self, actor: Actor, text: str) -> bytes:
        """The sheet a text would make (admins, while they edit it, before it is saved),
        filled with an example client; refused like set_text for a blank it cannot fill."""
        text = (text or "").strip()
        if not text:
            raise ValidationError(_("Write the aftercare text; clients take it home."), field="text")
        _check_blanks(text)
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.EDIT_AFTERCARE)
            settings = read_settings(uow.session)
            today = self.clock().astimezone(ZoneInfo(settings.timezone)).date()
        # Translators: the example client and placement an aftercare sheet's preview is filled with.
        filled = text.format(first_name=_("Alex"), date=long_date(today), artist=actor.name or "—",
                             placement=_("left forearm"))
        from studio.services.register.documents import aftercare_pdf

        return aftercare_pdf(studio_name=settings.name, title=_("Aftercare"), body=filled)


def _check_blanks(text: str) -> None:
    try:
        names = [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None]
    except ValueError:
        raise ValidationError(_("A brace in the text is not closed. Blanks are written like {first_name}; "
                                "write a brace itself as {{ or }}."), field="text") from None
    unknown = [n for n in names if n not in FIELDS]
    if unknown:
        raise ValidationError(_("Linework can't fill {{{name}}}. The blanks are: {blanks}.").format(
            name=unknown[0], blanks=", ".join("{" + f + "}" for f in FIELDS)), field="text")
