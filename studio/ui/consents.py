"""Signed consent forms as a table, and opening one's PDF (an audited read)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from studio.services.intake_records import ConsentRecord
from studio.ui import prompts
from studio.ui.format import local_datetime
from studio.ui.pages.base import PageHost
from studio.ui.table_model import RecordTableModel


class ConsentModel(RecordTableModel[ConsentRecord]):
    COLUMNS = ("Signed", "Client", "Release", "Accepted by")

    def __init__(self) -> None:
        super().__init__()
        self.timezone = "UTC"

    def cell(self, c: ConsentRecord, column: int):
        return (local_datetime(c.signed_at, self.timezone), c.client_name,
                f"v{c.release_version}", c.accepted_by_name)[column]

    def cell_role(self, c: ConsentRecord, column: int, role: int):
        return c.id if role == Qt.ItemDataRole.UserRole else None


def open_consent(host: PageHost, consent_id: int, parent: QWidget) -> None:
    """Open the consent's PDF in the PC's viewer (from there it prints)."""
    host.call(lambda s, a: s.intake.consent_pdf(a, consent_id),
              lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))),
              lambda e: prompts.tell(parent, "Consent", e.message), write=True)
