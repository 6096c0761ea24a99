"""The client view's Consents tab: the client's signed consent forms, each opening its PDF.

A role that may not open consents (they hold health answers) is told how many are on file
and who may open them, never that there are none."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QTableView, QVBoxLayout, QWidget

from studio.services.common import Permission, _, can, ngettext
from studio.ui.intake.consents import ConsentModel, on_file_sentence, open_consent
from studio.ui.kit.widgets import DATETIME_WIDTH, EmptyState, button, configure_table
from studio.ui.shell.page import PageHost


class ConsentsTab(QWidget):
    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        self.model = ConsentModel()
        self.model.timezone = host.settings.timezone
        self.table = QTableView()
        self.table.setObjectName("ClientConsents")
        self.table.setModel(self.model)
        configure_table(self.table, {0: DATETIME_WIDTH, 1: 200, 2: 70})
        self.table.doubleClicked.connect(self._open)
        self.empty = EmptyState(
            "scroll-text", _("No signed consent forms yet"),
            _("A signed release appears here once the client fills the form on their phone and the "
              "desk accepts it (Intake page)."))
        self.empty.setObjectName("ConsentsEmpty")
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.open_button = button(_("Open PDF"), icon_name="eye", on_click=self._open)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        self._show_rows([])

    def show_client(self, client_id: int) -> None:
        if can(self.host.actor.role, Permission.VIEW_CONSENTS):
            self.host.call(lambda s, a: s.intake.consents_for_client(a, client_id), self._show_rows,
                           lambda error: self._refused(client_id, error.message))
        else:
            self.host.call(lambda s, a: s.intake.consents_on_file(a, client_id), self._on_file)

    def _refused(self, client_id: int, why: str) -> None:
        """An artist who does not look after the client: what is on file, and why it stays shut."""
        def show(consents) -> None:
            self.empty.title.setText(ngettext("Consent on file", "Consents on file", len(consents)) if consents
                                     else _("Consents are private"))
            self.empty.text.setText(why)

        self.host.call(lambda s, a: s.intake.consents_on_file(a, client_id), show)

    def _on_file(self, consents) -> None:
        if consents:
            self.empty.title.setText(ngettext("Consent on file", "Consents on file", len(consents)))
            self.empty.text.setText(on_file_sentence(consents, self.host.settings.timezone))

    def _show_rows(self, rows) -> None:
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.open_button.setVisible(bool(rows))
        self.empty.setVisible(not rows)

    def _open(self, *_args) -> None:
        indexes = self.table.selectionModel().selectedRows()
        if indexes:
            open_consent(self.host, self.model.rows[indexes[0].row()].id, self)
