"""Signed consent forms as a table (one client's, or the archive a page at a time), and
opening one's PDF (an audited read): in the PC's viewer, or, when it has none, as a copy
saved where the person chooses or in its folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from studio.services.common import N_, Permission, _, language_name, ngettext, who_may
from studio.services.intake import PAGE_LIMIT, ConsentFilter, ConsentOnFile, ConsentRecord
from studio.ui.kit import prompts
from studio.ui.kit.format import local_date, local_datetime
from studio.ui.kit.table_model import PagedTableModel, RecordTableModel
from studio.ui.shell.page import PageHost

CONSENT_COLUMNS = (N_("Signed"), N_("Client"), N_("Release"), N_("Accepted by"))
NO_VIEWER = N_("This PC has no program that opens PDF files, so the consent could not be shown. "
               "Save a copy to open it elsewhere or print it, or show the file in its folder.")


def consent_cell(c: ConsentRecord, column: int, timezone: str):
    if column == 2:
        # Translators: a release text's version, e.g. "v2"; with the language signed in when not English.
        return (_("v{version}").format(version=c.release_version) if c.language == "en"
                else _("v{version} · {language}").format(version=c.release_version, language=language_name(c.language)))
    return (local_datetime(c.signed_at, timezone), c.client_name, None, c.accepted_by_name)[column]


def consent_role(c: ConsentRecord, role: int):
    return c.id if role == Qt.ItemDataRole.UserRole else None


class ConsentModel(RecordTableModel[ConsentRecord]):
    """One client's consents (the client view): few enough to hold at once."""

    COLUMNS = CONSENT_COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self.timezone = "UTC"

    def cell(self, c: ConsentRecord, column: int):
        return consent_cell(c, column, self.timezone)

    def cell_role(self, c: ConsentRecord, column: int, role: int):
        return consent_role(c, role)


class ConsentArchiveModel(PagedTableModel[ConsentRecord]):
    """The consent archive on the Intake page: the consents matching ``filter``, a page at a
    time as the person scrolls."""

    COLUMNS = CONSENT_COLUMNS
    PAGE_SIZE = PAGE_LIMIT

    def __init__(self, host: PageHost, *, on_error=None) -> None:
        super().__init__(host, on_error=on_error)
        self.timezone = "UTC"
        self.filter = ConsentFilter()

    def first_page(self):
        flt, limit = self.filter, self.PAGE_SIZE
        return lambda s, a: s.intake.search_consents_page(a, flt, limit=limit)

    def next_page(self, rows: list[ConsentRecord]):
        flt, last, limit = self.filter, rows[-1], self.PAGE_SIZE
        return lambda s, a: s.intake.search_consents(a, flt.query, flt.since, flt.until,
                                                     before=(last.signed_at, last.id), limit=limit)

    def cell(self, c: ConsentRecord, column: int):
        return consent_cell(c, column, self.timezone)

    def cell_role(self, c: ConsentRecord, column: int, role: int):
        return consent_role(c, role)


def on_file_sentence(consents: list[ConsentOnFile], timezone: str) -> str:
    """What a role that may not open consents is told: that they exist, and who may, e.g.
    "1 signed consent form on file (12 Mar 2026, release v2). Admins and artists can open
    it, as it holds health answers."
    """
    # Translators: {date} is when it was signed, {version} the release text's version.
    shown = [_("{date}, release v{version}").format(date=local_date(c.signed_at, timezone), version=c.release_version)
             for c in consents[:3]]
    listed = "; ".join(shown)
    if len(consents) > 3:
        # Translators: the first consents listed, then how many more there are.
        listed = _("{listed}; {count} more").format(listed=listed, count=len(consents) - 3)
    openers = who_may(Permission.VIEW_CONSENTS)
    openers = openers[0].upper() + openers[1:]
    n = len(consents)
    # Translators: {listed} lists when each was signed; {openers} names the roles who may open them.
    return ngettext("{n} signed consent form on file ({listed}). {openers} can open it, as it holds health answers.",
                    "{n} signed consent forms on file ({listed}). {openers} can open them, as they hold health "
                    "answers.", n).format(n=n, listed=listed, openers=openers)


def open_consent(host: PageHost, consent_id: int, parent: QWidget) -> None:
    """Open the consent's PDF in the PC's viewer (from there it prints)."""
    def show(path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            _no_viewer(host, consent_id, path, parent)

    host.call(lambda s, a: s.intake.consent_pdf(a, consent_id), show,
              lambda e: prompts.tell(parent, _("Consent"), e.message), write=True)


def _no_viewer(host: PageHost, consent_id: int, path: Path, parent: QWidget) -> None:
    prompts.offer(parent, _("Consent"), _(NO_VIEWER), {
        _("Save a copy…"): lambda: save_consent_copy(host, consent_id, path.name, parent),
        _("Show in folder"): lambda: show_in_folder(path, parent),
    })


def save_consent_copy(host: PageHost, consent_id: int, suggested: str, parent: QWidget) -> None:
    """Ask where, then copy the PDF there (through the service: the copy is audited)."""
    def chosen(destination: str) -> None:
        host.call(lambda s, a: s.intake.copy_consent_pdf(a, consent_id, Path(destination)),
                  lambda saved: host.toast(_("Consent saved to {path}.").format(path=saved)),
                  lambda e: prompts.tell(parent, _("Consent"), e.message), write=True)

    prompts.choose_save_path(parent, _("Save a copy of the consent"), suggested, _("PDF files (*.pdf)"), chosen)


def show_in_folder(path: Path, parent: QWidget) -> None:
    """The file manager on the PDF's folder; when there is none either, the path as text
    the person can select and copy."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))):
        return
    box = prompts.tell(parent, _("Consent"), _("This PC has no file manager Linework can open. "
                                               "The consent is here:\n\n{path}").format(path=path), level="info")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                | Qt.TextInteractionFlag.TextSelectableByKeyboard)
