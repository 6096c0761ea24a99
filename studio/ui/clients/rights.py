"""Data rights: export one client's data, and erase it for good (typed confirmation)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from studio.services.common import same_name
from studio.ui.kit import prompts
from studio.ui.kit.form_dialog import FormDialog
from studio.ui.kit.widgets import Field, line_edit, set_variant
from studio.ui.shell.page import PageHost


def export_client(host: PageHost, client_id: int, parent: QWidget, folder: str | None = None) -> None:
    """Ask for a folder, then write the client's JSON and PDF there off the GUI thread."""
    if not folder:
        prompts.choose_folder(parent, "Export client data to…", lambda path: export_client(host, client_id, parent, path))
        return
    host.call(lambda s, a: s.client_rights.export_client(a, client_id, folder),
              lambda result: host.toast(f"Exported to {result.json_path.parent}: "
                                        f"{result.json_path.name} and {result.pdf_path.name}."),
              lambda e: prompts.tell(parent, "Export client data", e.message))


class EraseClientDialog(FormDialog):
    """Erasing is for good: the person types the client's full name to confirm."""

    erased = Signal()

    def __init__(self, host: PageHost, client_id: int, full_name: str, parent: QWidget | None = None) -> None:
        super().__init__(
            f"Erase {full_name}?",
            "This deletes the client's personal and health data, photo and phone forms for good. "
            "Signed consent forms stay, as the law requires for health inspections. The audit "
            "log keeps that an erasure happened, without their details. It cannot be undone.",
            parent, save_text="Erase for good",
        )
        self.setObjectName("EraseClientDialog")
        self.host = host
        self.client_id = client_id
        set_variant(self.save_button, "danger", icon_name="trash-2")
        self.confirm_name = line_edit(full_name, max_length=120)
        self.add_field("confirm_text", Field(f"Type “{full_name}” to confirm", self.confirm_name,
                                             required=True), 0)
        self.save_button.setEnabled(False)
        self.confirm_name.textChanged.connect(  # the service's own rule: case and accents aside
            lambda text: self.save_button.setEnabled(same_name(text, full_name)))

    def save(self) -> None:
        self.errors.clear()
        client_id, typed = self.client_id, self.confirm_name.text()
        self.busy(True)
        self.host.call(lambda s, a: s.client_rights.erase_client(a, client_id, typed), self._done, self.failed,
                       write=True)

    def _done(self, _result) -> None:
        self.host.toast("The client's data was erased.")
        self.erased.emit()
        self.accept()
