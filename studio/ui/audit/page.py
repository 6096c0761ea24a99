"""Audit log (admins): every event that matters, newest first, filtered and fetched a page
at a time so it stays quick with years of history."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QTableView

from studio.clock import utc_now
from studio.services.audit import AuditFilter, action_label
from studio.services.common import N_, AuditRecord, _, ngettext, number
from studio.ui.kit.format import local_datetime
from studio.ui.kit.table_model import PagedTableModel
from studio.ui.kit.widgets import configure_table, label, plain_tip, search_field
from studio.ui.shell.page import Page, PageHost

CATEGORIES = (  # N_-marked: shown with _()
    (N_("All events"), ""),
    (N_("Sign-ins"), "login."),
    (N_("Locks"), "session."),
    (N_("Staff changes"), "staff."),
    (N_("Passwords"), "password."),
    (N_("Settings"), "settings."),
)
PERIODS = ((N_("Any time"), None), (N_("Last 24 hours"), 1), (N_("Last 7 days"), 7), (N_("Last 30 days"), 30))


class AuditModel(PagedTableModel[AuditRecord]):
    """The events fetched so far; the next page comes as the table scrolls (by keyset, so
    an event written meanwhile is neither repeated nor skipped)."""

    COLUMNS = (N_("When"), N_("Who"), N_("What"), N_("Subject"), N_("Detail"))

    def __init__(self, host: PageHost) -> None:
        super().__init__(host)
        self.filter = AuditFilter()
        self.timezone = "UTC"

    def show_filter(self, flt: AuditFilter, timezone: str) -> None:
        self.filter = flt
        self.timezone = timezone
        self.reload()

    def first_page(self):
        flt, limit = self.filter, self.PAGE_SIZE
        return lambda s, a: s.audit.first_page(a, flt, limit=limit)

    def next_page(self, rows: list[AuditRecord]):
        flt, limit, last = self.filter, self.PAGE_SIZE, rows[-1]
        return lambda s, a: s.audit.events(a, flt, before=(last.at, last.id), limit=limit)

    def cell(self, e: AuditRecord, column: int):
        return (local_datetime(e.at, self.timezone, with_seconds=True), e.actor_name, action_label(e.action),
                e.subject, e.detail)[column]

    def cell_role(self, e: AuditRecord, column: int, role: int):
        # The whole cell, as typed: subjects and details quote names from people.
        return plain_tip(self.cell(e, column)) if role == Qt.ItemDataRole.ToolTipRole else None


class AuditPage(Page):
    title = N_("Audit log")
    subtitle = N_("Sign-ins, locks, staff and settings changes: who did what, and when.")

    def __init__(self, host) -> None:
        super().__init__(host)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.search = search_field(_("Filter by person, email or detail"))
        bar.addWidget(self.search, 2)
        self.category = QComboBox()
        for text, prefix in CATEGORIES:
            self.category.addItem(_(text), prefix)
        self.category.setAccessibleName(_("Kind of event"))
        bar.addWidget(self.category)
        self.period = QComboBox()
        for text, days in PERIODS:
            self.period.addItem(_(text), days)
        self.period.setAccessibleName(_("Period"))
        bar.addWidget(self.period)
        self.count_label = label("", "muted")
        bar.addWidget(self.count_label, 1, Qt.AlignmentFlag.AlignRight)
        self.body.addLayout(bar)

        self.model = AuditModel(host)
        self.model.loaded.connect(self._update_count)
        self.table = QTableView()
        self.table.setObjectName("AuditTable")
        self.table.setModel(self.model)
        configure_table(self.table, {0: 200, 1: 160, 2: 180, 3: 220})
        self.body.addWidget(self.table, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.category.currentIndexChanged.connect(self.refresh)
        self.period.currentIndexChanged.connect(self.refresh)

    def current_filter(self) -> AuditFilter:
        days = self.period.currentData()
        return AuditFilter(
            text=self.search.text().strip(),
            action_prefix=self.category.currentData() or "",
            since=utc_now() - timedelta(days=days) if days else None,
        )

    def refresh(self) -> None:
        self.model.show_filter(self.current_filter(), self.host.settings.timezone)

    def _update_count(self) -> None:
        self.loaded = True
        n = self.model.total
        self.count_label.setText(ngettext("{n} event", "{n} events", n).format(n=number(n)))

    def focus_filter(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
