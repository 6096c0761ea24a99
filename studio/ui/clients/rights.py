"""Data rights: export one client's data, and erase it for good (typed confirmation)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from studio.services.common import _, same_name
from studio.ui.kit import prompts
from studio.ui.kit.form_dialog import FormDialog
from studio.ui.kit.widgets import Field, line_edit, set_variant
from studio.ui.shell.page import PageHost


def export_client(host: PageHost, client_id: int, parent: QWidget, folder: str | None = None) -> None:
    """Ask for a folder, then write the client's JSON and PDF there off the GUI thread."""
    if not folder:
        prompts.choose_folder(parent, _("Export client data to…"), lambda path: export_client(host, client_id, parent, path))
        return
    host.call(lambda s, a: s.client_rights.export_client(a, client_id, folder),
              # Translators: {folder} is a folder's path; {data} and {pdf} are file names.
              lambda result: host.toast(_("Exported to {folder}: {data} and {pdf}.").format(
                  folder=result.json_path.parent, data=result.json_path.name, pdf=result.pdf_path.name)),
              lambda e: prompts.tell(parent, _("Export client data"), e.message))


class EraseClientDialog(FormDialog):
    """Erasing is for good: the person types the client's full name to confirm."""

    erased = Signal()

    def __init__(self, host: PageHost, client_id: int, full_name: str, parent: QWidget | None = None) -> None:
        super().__init__(
            # Translators: {name} is the client's name.
            _("Erase {name}?").format(name=full_name),
            _("This deletes the client's personal and health data, photo and phone forms for good. "
              "Signed consent forms stay, as the law requires for health inspections. The audit "
              "log keeps that an erasure happened, without their details. It cannot be undone."),
            parent, save_text=_("Erase for good"),
        )
        self.setObjectName("EraseClientDialog")
        self.host = host
        self.client_id = client_id
        set_variant(self.save_button, "danger", icon_name="trash-2")
        self.confirm_name = line_edit(full_name, max_length=120)
        self.add_field("confirm_text", Field(_("Type “{name}” to confirm").format(name=full_name), self.confirm_name,
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
        self.host.toast(_("The client's data was erased."))
        self.erased.emit()
        self.accept()
