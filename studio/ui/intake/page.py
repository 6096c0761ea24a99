"""Intake (front desk, admins): the phone intake server, the walk-in QR for the counter,
submissions as they arrive (reviewed in IntakeReviewDialog), and the consent archive."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.services.common import N_, Permission, _, can, ngettext, pgettext, who_may
from studio.services.intake import (
    PAGE_LIMIT,
    AcceptResult,
    ConsentFilter,
    FormKind,
    IntakeDesk,
    SubmissionRow,
    SubmissionStatus,
)
from studio.ui.intake.consents import ConsentArchiveModel, open_consent
from studio.ui.kit import prompts
from studio.ui.kit.format import date_edit_format, local_datetime, short_date
from studio.ui.kit.table_model import PagedTableModel
from studio.ui.shell.page import Page
from studio.ui.kit.widgets import (
    DATETIME_WIDTH,
    EmptyState,
    UrlText,
    button,
    card,
    configure_table,
    label,
    set_variant,
)

QR_SIZE = 240
WALKIN_CAPTION = N_("Scan with your phone's camera to fill in your form before your session.")
TOGGLE_ICON = "smartphone"
# What the submissions table says when it is empty, by filter, and what to do next.
EMPTY_TITLES = {SubmissionStatus.PENDING: N_("Nothing waiting"), SubmissionStatus.ACCEPTED: N_("No accepted forms"),
                SubmissionStatus.REJECTED: N_("No rejected forms"), None: N_("No forms yet")}
EMPTY_RUNNING = N_("The server is on: forms appear here the moment a client sends one from the walk-in QR or their own.")
EMPTY_STOPPED = N_("Start the intake server and share the walk-in QR: forms appear here the moment they are sent.")


class SubmissionModel(PagedTableModel[SubmissionRow]):
    """The submissions in ``status`` (None: all), a page at a time as the person scrolls;
    the first page comes with the page's refresh (IntakeService.desk)."""

    COLUMNS = (N_("Received"), N_("Name"), N_("From"), N_("Needs"))
    PAGE_SIZE = PAGE_LIMIT

    def __init__(self, host, *, on_error=None) -> None:
        super().__init__(host, on_error=on_error)
        self.timezone = "UTC"
        self.status: SubmissionStatus | None = SubmissionStatus.PENDING

    def next_page(self, rows: list[SubmissionRow]):
        status, last, limit = self.status, rows[-1], self.PAGE_SIZE
        return lambda s, a: s.intake.submissions(a, status, before=(last.received_at, last.id), limit=limit)

    def cell(self, r: SubmissionRow, column: int):
        if column == 0:
            return local_datetime(r.received_at, self.timezone)
        if column == 1:
            return r.full_name  # plain text: a name is never read as markup
        if column == 2:
            return _("Client's QR") if r.kind is FormKind.CLIENT else _("Walk-in")
        needs = []
        if r.id_check_required and not r.id_checked:
            needs.append(_("ID check (under age)"))
        if r.photos:
            needs.append(ngettext("{n} photo", "{n} photos", r.photos).format(n=r.photos))
        if r.status is SubmissionStatus.ACCEPTING:
            needs.append(_("being filed"))
        elif r.status is not SubmissionStatus.PENDING:
            needs.append(_(STATUS_WORDS[r.status]))
        return " · ".join(needs)

    def cell_role(self, r: SubmissionRow, column: int, role: int):
        return r.id if role == Qt.ItemDataRole.UserRole else None


# A decided submission's status, as the table's Needs column writes it.
STATUS_WORDS = {SubmissionStatus.ACCEPTED: N_("accepted"), SubmissionStatus.REJECTED: N_("rejected"),
                SubmissionStatus.PENDING: N_("waiting for review"), SubmissionStatus.ACCEPTING: N_("being filed")}


class IntakePage(Page):
    title = N_("Intake")
    subtitle = N_("Clients fill in their details, health and release on their own phone.")

    def __init__(self, host) -> None:
        super().__init__(host)
        self.runner = host.ctx.runner("intake")
        role = host.actor.role
        self.may_run = can(role, Permission.MANAGE_INTAKE)
        if can(role, Permission.EDIT_RELEASE_TEXT):
            self.actions.addWidget(button(_("Release text…"), icon_name="scroll-text", on_click=self.edit_release))
        if can(role, Permission.EDIT_SETTINGS):
            self.settings_button = button(_("Settings…"), icon_name="settings", on_click=self.edit_settings,
                                          tooltip=_("Address, port, start with Linework, minimum age"))
            self.settings_button.setObjectName("IntakeSettings")
            self.actions.addWidget(self.settings_button)

        # Right after accepting a form with a tattoo idea: the idea, and making it a project.
        self.accepted_banner: QWidget | None = None
        row = QHBoxLayout()
        row.setSpacing(16)
        self.body.addLayout(row, 1)

        side, side_layout = card(margins=16, spacing=8)
        side.setFixedWidth(300)
        side_layout.addWidget(label(_("Walk-in QR"), "title"))
        self.state = label(_("The server is off."), "muted", wrap=True)
        self.state.setObjectName("IntakeServerState")
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        side_layout.addWidget(self.state)
        # The code and what to do with it, shown only while a phone could use it: a QR that
        # leads nowhere at the counter sends clients to an error page.
        self.walkin = QWidget()
        self.walkin.setObjectName("WalkinPanel")
        walkin_layout = QVBoxLayout(self.walkin)
        walkin_layout.setContentsMargins(0, 0, 0, 0)
        walkin_layout.setSpacing(8)
        self.qr = QLabel()
        self.qr.setObjectName("WalkinQr")
        self.qr.setFixedSize(QR_SIZE, QR_SIZE)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setAccessibleName(_("Walk-in QR code"))
        walkin_layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        self.walkin_url = UrlText()
        self.walkin_url.setAccessibleName(_("Walk-in link"))
        walkin_layout.addWidget(self.walkin_url)
        # Two rows: three labelled buttons do not fit the card's width side by side.
        buttons = QGridLayout()
        buttons.setSpacing(8)
        buttons.addWidget(button(_("Show large"), icon_name="qr-code", on_click=self.show_large,
                                 tooltip=_("The walk-in QR, large, for the stand at the counter")), 0, 0)
        self.print_button = button(_("Print"), icon_name="printer", on_click=self.print_walkin,
                                   tooltip=_("Print the walk-in QR for the counter or the window"))
        buttons.addWidget(self.print_button, 0, 1)
        buttons.addWidget(button(_("New code"), icon_name="refresh-cw", variant="ghost", on_click=self.rotate,
                                 tooltip=_("Issue a new walk-in code; the old one stops working")), 1, 0, 1, 2)
        walkin_layout.addLayout(buttons)
        side_layout.addWidget(self.walkin)
        # Start is the page's one primary action while the server is off; running, the
        # same button stops it, in the plain style (stopping is not what the page is for).
        self.toggle = button(_("Start intake server"), icon_name=TOGGLE_ICON, variant="primary",
                             on_click=self.toggle_server)
        self.toggle.setObjectName("IntakeToggle")
        self.toggle.setVisible(self.may_run)
        side_layout.addWidget(self.toggle)
        side_layout.addStretch(1)
        row.addWidget(side)

        self.tabs = QTabWidget()
        row.addWidget(self.tabs, 1)
        self.tabs.addTab(self._submissions_tab(), _("Submissions"))
        self.consents_model: ConsentArchiveModel | None = None
        self.consent_dates_set = False  # until the first refresh gives the studio's today
        if can(role, Permission.VIEW_CONSENTS):
            self.tabs.addTab(self._consents_tab(), _("Consents"))
        self.tabs.tabBar().setVisible(self.tabs.count() > 1)  # one tab needs no tab bar

        self.runner.state_changed.connect(self._server_state)
        self.runner.failed.connect(lambda message: prompts.tell(self, _("Intake"), message))
        self.runner.submission_arrived.connect(self._arrived)
        self._server_state(self.runner.running, self.runner.base_url)
        self.walkin_png: bytes | None = None

    # --- building ---------------------------------------------------------------------
    def _submissions_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 12, 0, 0)
        bar = QHBoxLayout()
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(_("Show submissions"))
        for text, value in ((_("Waiting for review"), SubmissionStatus.PENDING),
                            (_("Accepted"), SubmissionStatus.ACCEPTED),
                            (_("Rejected"), SubmissionStatus.REJECTED), (pgettext("submissions", "All"), None)):
            self.status_filter.addItem(text, value)
        self.status_filter.currentIndexChanged.connect(self._filter_changed)
        bar.addWidget(self.status_filter)
        bar.addStretch(1)
        bar.addWidget(button(_("Review…"), icon_name="eye", on_click=self.review_selected))
        layout.addLayout(bar)
        self.model = SubmissionModel(self.host, on_error=self._error)
        self.table = QTableView()
        self.table.setObjectName("SubmissionTable")
        self.table.setModel(self.model)
        configure_table(self.table, {0: DATETIME_WIDTH, 1: 220, 2: 110})
        self.table.doubleClicked.connect(lambda _i: self.review_selected())
        layout.addWidget(self.table, 1)
        self.empty = EmptyState("smartphone", _(EMPTY_TITLES[SubmissionStatus.PENDING]), _(EMPTY_STOPPED))
        self.empty.setObjectName("SubmissionsEmpty")
        self.empty.setVisible(False)
        layout.addWidget(self.empty)
        return tab

    def _consents_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 12, 0, 0)
        bar = QHBoxLayout()
        self.consent_query = QLineEdit()
        self.consent_query.setPlaceholderText(_("Client name"))
        self.consent_query.setClearButtonEnabled(True)
        self.consent_query.returnPressed.connect(self.search_consents)
        bar.addWidget(self.consent_query, 1)
        # Dates are the studio's days, not this PC's: the first refresh sets them to the
        # last twelve months up to the studio's today (IntakeDesk.consent_filter).
        self.since = QDateEdit()
        self.until = QDateEdit()
        for edit, name in ((self.since, pgettext("dates", "From")), (self.until, pgettext("dates", "To"))):
            date_edit_format(edit)
            edit.setCalendarPopup(True)
            edit.setAccessibleName(name)
            bar.addWidget(label(name, "muted"))
            bar.addWidget(edit)
        bar.addWidget(button(_("Search"), icon_name="search", on_click=self.search_consents))
        bar.addWidget(button(_("Open PDF"), icon_name="printer", on_click=self.open_consent,
                             tooltip=_("Open the signed consent to read or print it")))
        layout.addLayout(bar)
        self.consents_model = ConsentArchiveModel(self.host, on_error=self._error)
        self.consents_model.loaded.connect(self._consents_loaded)
        self.consent_table = QTableView()
        self.consent_table.setObjectName("ConsentTable")
        self.consent_table.setModel(self.consents_model)
        configure_table(self.consent_table, {0: DATETIME_WIDTH, 1: 220, 2: 80})
        self.consent_table.doubleClicked.connect(lambda _i: self.open_consent())
        layout.addWidget(self.consent_table, 1)
        self.consents_empty = EmptyState("scroll-text", _("No signed consents found"), "")
        self.consents_empty.setObjectName("ConsentsEmpty")
        self.consents_empty.setVisible(False)
        layout.addWidget(self.consents_empty, 1)
        return tab

    # --- data -------------------------------------------------------------------------
    def refresh(self) -> None:
        status = self.status_filter.currentData()
        consents = self.consent_filter() if self.consent_dates_set else None
        limit = self.model.PAGE_SIZE
        consent_limit = self.consents_model.PAGE_SIZE if self.consents_model is not None else limit
        self.host.call(lambda s, a: s.intake.desk(a, status, consents, limit=limit, consent_limit=consent_limit,
                                                  box_size=8),
                       self._loaded, self._error, write=True)

    def _loaded(self, desk: IntakeDesk) -> None:
        self.model.timezone = desk.timezone
        self.model.status = self.status_filter.currentData()
        self.model.show_first(desk.submissions.total, desk.submissions.rows)
        rows = desk.submissions.rows
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self.badge_changed.emit(desk.pending)
        self._show_walkin(desk.walkin)
        if self.consents_model is not None and desk.consents is not None:
            if not self.consent_dates_set:
                for edit, day in ((self.since, desk.consent_filter.since), (self.until, desk.consent_filter.until)):
                    edit.setDate(QDate(day.year, day.month, day.day))
                self.consent_dates_set = True
            self.consents_model.timezone = desk.timezone
            self.consents_model.filter = desk.consent_filter
            self.consents_model.show_first(desk.consents.total, desk.consents.rows)
        self.loaded = True

    def _show_walkin(self, walkin) -> None:
        self.walkin_png = walkin.png
        pixmap = QPixmap()
        pixmap.loadFromData(walkin.png, "PNG")
        self.qr.setPixmap(pixmap.scaled(QR_SIZE, QR_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                                        Qt.TransformationMode.SmoothTransformation))
        self.walkin_url.setText(walkin.url)

    def _error(self, error) -> None:
        prompts.tell(self, _("Intake"), error.message)

    def _arrived(self, notice) -> None:
        self.host.toast(_("New intake form from {name}.").format(name=notice.full_name))
        self.refresh()

    def _filter_changed(self, _index: int) -> None:
        self.empty.title.setText(_(EMPTY_TITLES[self.status_filter.currentData()]))
        self.refresh()

    def _server_state(self, running: bool, url: str) -> None:
        self.toggle.setText(_("Stop intake server") if running else _("Start intake server"))
        set_variant(self.toggle, "secondary" if running else "primary", icon_name=TOGGLE_ICON)
        self.walkin.setVisible(running)
        if running:
            # Translators: {address} is e.g. 192.168.1.20:8765.
            self.state.setText(_("Listening on {address}. Phones on the studio Wi-Fi can scan the code.").format(
                address=url.removeprefix("http://")))
        elif self.may_run:
            self.state.setText(_("The intake server is off: phones can't reach the form until you start it."))
        else:
            # Translators: {people} names the roles that may start it, e.g. "admins and the front desk".
            self.state.setText(_("The intake server is off: phones can't reach the form until {people} start it.")
                               .format(people=who_may(Permission.MANAGE_INTAKE)))
        self.empty.text.setText(_(EMPTY_RUNNING) if running else _(EMPTY_STOPPED))

    # --- actions ----------------------------------------------------------------------
    def toggle_server(self) -> None:
        if self.runner.running:
            self.runner.stop()
        else:
            self.runner.start()

    def rotate(self) -> None:
        self.host.call(lambda s, a: s.intake.rotate_walkin(a, box_size=8),
                       lambda qr: (self._show_walkin(qr),
                                   self.host.toast(_("New walk-in code; the old one no longer works."))),
                       self._error, write=True)

    def show_large(self) -> None:
        if self.walkin_png is None or not self.runner.running:
            return
        from studio.ui.intake.review import LargeQrDialog

        LargeQrDialog(self.walkin_png, self.walkin_url.text(), self).open()

    def print_walkin(self) -> None:
        if self.walkin_png is None or not self.runner.running:
            return
        from studio.ui.kit.printing import print_qr

        print_qr(self, self.walkin_png, f"{_(WALKIN_CAPTION)}\n{self.walkin_url.text()}")

    def selected_id(self) -> int | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes and self.model.rows:
            return self.model.rows[0].id if len(self.model.rows) == 1 else None
        return self.model.rows[indexes[0].row()].id if indexes else None

    def review_selected(self) -> None:
        submission_id = self.selected_id()
        if submission_id is not None:
            self.open_record(submission_id)

    def open_record(self, submission_id: int) -> None:
        """The review dialog for one submission (also a global-search hit)."""
        from studio.ui.intake.review import IntakeReviewDialog

        dialog = IntakeReviewDialog(self.host, submission_id, self)
        dialog.decided.connect(lambda result: self._decided(dialog, result))
        dialog.open()

    def _decided(self, dialog, result) -> None:
        self.refresh()
        review = dialog.review
        idea = (review.tattoo.get("description") or "").strip() if review is not None else ""
        if (isinstance(result, AcceptResult) and idea
                and can(self.host.actor.role, Permission.BOOK_APPOINTMENTS)):
            self.show_accepted(review.row.full_name, idea, review.row.id)

    def show_accepted(self, name: str, idea: str, submission_id: int) -> None:
        """The note over the page after accepting a form with a tattoo idea."""
        from studio.ui.intake.from_phone import accepted_banner

        self.hide_accepted()
        self.accepted_banner = accepted_banner(self.host, name, idea, submission_id, self.hide_accepted)
        self.body.insertWidget(0, self.accepted_banner)

    def hide_accepted(self) -> None:
        if self.accepted_banner is not None:
            self.body.removeWidget(self.accepted_banner)
            self.accepted_banner.deleteLater()
            self.accepted_banner = None

    def edit_release(self) -> None:
        from studio.ui.intake.review import ReleaseTextDialog

        ReleaseTextDialog(self.host, self).open()

    def edit_settings(self) -> None:
        from studio.ui.intake.settings_dialog import IntakeSettingsDialog

        dialog = IntakeSettingsDialog(self.host, self.runner.running, self)
        dialog.saved.connect(self._settings_saved)
        dialog.open()

    def _settings_saved(self, _settings, restart_needed: bool) -> None:
        from studio.ui.intake.settings_dialog import RESTART_NOTE

        self.host.toast(_("Intake settings saved. {note}").format(note=_(RESTART_NOTE)) if restart_needed
                        else _("Intake settings saved."))
        self.refresh()  # the walk-in URL carries the address and port

    def consent_filter(self) -> ConsentFilter:
        return ConsentFilter(self.consent_query.text(), self.since.date().toPython(), self.until.date().toPython())

    def search_consents(self) -> None:
        assert self.consents_model is not None
        self.consents_model.filter = self.consent_filter()
        self.consents_model.reload()

    def _consents_loaded(self) -> None:
        assert self.consents_model is not None
        rows = self.consents_model.rows
        self.consent_table.setVisible(bool(rows))
        self.consents_empty.setVisible(not rows)
        flt = self.consents_model.filter
        query = flt.query.strip()
        since, until = short_date(flt.since), short_date(flt.until)
        if query:
            # Translators: {since} and {until} are dates, {query} what the person typed.
            found = _("None signed from {since} to {until} by a client named “{query}”. A consent is archived here "
                      "when the desk accepts a phone form; widen the dates to see older ones.")
        else:
            found = _("None signed from {since} to {until}. A consent is archived here when the desk accepts a "
                      "phone form; widen the dates to see older ones.")
        self.consents_empty.text.setText(found.format(since=since, until=until, query=query))

    def open_consent(self) -> None:
        indexes = self.consent_table.selectionModel().selectedRows()
        if not indexes:
            return
        open_consent(self.host, self.consents_model.rows[indexes[0].row()].id, self)
