"""Dashboard: what the studio holds so far, and what to do next."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from studio.services.dashboard import Overview
from studio.services.common import N_, Permission, Role, _, can, ngettext, number
from studio.ui.kit.format import greeting, local_datetime
from studio.ui.kit.widgets import button, card, label, page_scroll
from studio.ui.shell.extensions import resolve
from studio.ui.shell.page import Page

COLUMNS = 4  # the cards' grid: four compact figures across a laptop's screen


def team_note(artists: int, front_desk: int, admins: int, inactive: int) -> str:
    """"2 artists, 1 at the front desk, 1 admin · 1 inactive": who the team are."""
    parts = [
        ngettext("{n} artist", "{n} artists", artists).format(n=artists) if artists else _("no artists"),
        # Translators: how many people work at the front desk, e.g. "2 at the front desk".
        ngettext("{n} at the front desk", "{n} at the front desk", front_desk).format(n=front_desk),
        ngettext("{n} admin", "{n} admins", admins).format(n=admins) if admins else _("no admins"),
    ]
    note = ", ".join(parts)
    if inactive:
        note = _("{team} · {n} inactive").format(team=note, n=inactive)
    return note


class DashboardPage(Page):
    title = N_("Dashboard")

    def __init__(self, host) -> None:
        super().__init__(host)
        # Each area's cards (takings, today, deposits, a backup that needs attention…), built
        # now but filled off the GUI thread when the page is first shown: sign-in runs no query.
        self.cards: dict[str, QWidget] = {}
        # The cards keep their height and scroll together when they outgrow a laptop's
        # screen (several areas' cards at once), rather than squeezing each other.
        content = QWidget()
        content.setObjectName("DashboardContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(16)
        self.cards_grid = QGridLayout()
        self.cards_grid.setSpacing(12)
        for index in range(COLUMNS):
            self.cards_grid.setColumnStretch(index, 1)
        column.addLayout(self.cards_grid)
        self.content = content
        self._add_cards()
        # A plugin switched on or off: its card comes or goes.
        host.ctx.changes.extensions_changed.connect(self._extensions_changed)
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        column.addLayout(self.grid)
        column.addStretch(1)
        self.scroll = page_scroll(content, "DashboardScroll")
        self.body.addWidget(self.scroll, 1)
        self.overview: Overview | None = None

    def _add_cards(self) -> list[QWidget]:
        added = []
        for entry in self.host.extensions.dashboard_cards(self.host.actor.role):
            if entry.key not in self.cards:
                card_widget = self.cards[entry.key] = resolve(entry.widget)(self.host)
                card_widget.setParent(self.content)  # hidden until its figures come
                card_widget.installEventFilter(self)  # a card that shows or hides itself: lay out again
                added.append(card_widget)
        order = [entry.key for entry in self.host.extensions.dashboard_cards(self.host.actor.role)]
        self.cards = {key: self.cards[key] for key in order if key in self.cards}
        self._place_cards()
        return added

    def _extensions_changed(self) -> None:
        offered = {entry.key for entry in self.host.extensions.dashboard_cards(self.host.actor.role)}
        for key in [k for k in self.cards if k not in offered]:
            card_widget = self.cards.pop(key)
            self.cards_grid.removeWidget(card_widget)
            card_widget.removeEventFilter(self)
            card_widget.deleteLater()
        for card_widget in self._add_cards():
            if self.loaded:
                card_widget.refresh()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent) and watched in self.cards.values():
            self._place_cards()
        return super().eventFilter(watched, event)

    def _place_cards(self) -> None:
        """The shown cards in a grid of COLUMNS, in their order, each in the first place
        with room for its width (``columns``), so a hidden card leaves no hole."""
        for card_widget in self.cards.values():
            self.cards_grid.removeWidget(card_widget)
        taken: set[tuple[int, int]] = set()
        for card_widget in self.cards.values():
            if card_widget.isHidden():
                continue
            span = min(getattr(card_widget, "columns", COLUMNS), COLUMNS)
            row = 0
            while True:
                start = next((c for c in range(COLUMNS - span + 1)
                              if all((row, c + i) not in taken for i in range(span))), None)
                if start is not None:
                    break
                row += 1
            taken.update((row, start + i) for i in range(span))
            self.cards_grid.addWidget(card_widget, row, start, 1, span)

    def refresh(self) -> None:
        self.host.call(lambda s, a: s.overview.overview(a), self._show)
        for card_widget in self.cards.values():
            card_widget.refresh()

    def _stat_card(self, title: str, value: str, note: str):
        frame, layout = card(margins=20, spacing=4)
        layout.addWidget(label(title, "fieldLabel"))
        layout.addWidget(label(value, "display"))
        layout.addWidget(label(note, "muted", wrap=True))
        layout.addStretch(1)
        return frame

    def _show(self, overview: Overview) -> None:
        settings = self.host.settings  # the window's, kept current when the settings are saved
        self.overview = overview
        self.loaded = True
        actor = self.host.actor
        self.title_label.setText(greeting(actor.name, settings.timezone))
        # Translators: {studio} is the studio's name.
        self.subtitle_label.setText(_("{studio} · here is what the studio has so far.").format(
            studio=overview.studio_name))
        self.subtitle_label.setVisible(True)
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        roles = overview.staff_by_role
        team = sum(roles.values())
        # Translators: {when} is a date and time.
        last = (_("Your previous sign-in was {when}.").format(
                    when=local_datetime(overview.your_last_login, settings.timezone))
                if overview.your_last_login else _("This is your first sign-in. Welcome!"))
        cards = [
            (_("TEAM"), str(team), team_note(roles[Role.ARTIST], roles[Role.FRONT_DESK], roles[Role.ADMIN],
                                            overview.inactive_staff)),
            (_("CLIENTS"), number(overview.clients),
             ngettext("{n} new in the last 30 days.", "{n} new in the last 30 days.",
                      overview.new_clients_30_days).format(n=number(overview.new_clients_30_days))
             if overview.clients else _("None yet: add one, or let walk-ins fill the form on their phone.")),
            (_("YOU"), actor.role_label, last),
        ]
        if can(actor.role, Permission.VIEW_AUDIT):
            failed = overview.failed_logins_today
            cards.append((_("SECURITY"), str(failed), _("No failed sign-ins in the last 24 hours.") if not failed else
                          _("Failed sign-ins in the last 24 hours. The audit log shows which emails.")))
        for column in range(self.grid.columnCount()):  # a role with fewer cards leaves no gap
            self.grid.setColumnStretch(column, 0)
        for column, (title, value, note) in enumerate(cards):
            self.grid.addWidget(self._stat_card(title, value, note), 0, column)
            self.grid.setColumnStretch(column, 1)

        steps_frame, steps = card(margins=20, spacing=4)
        steps.addWidget(label(_("Getting started"), "title"))
        for text, action in self._next_steps(actor, team, overview):
            link = button(text, icon_name="chevron-right", variant="link", on_click=action)
            link.setObjectName("GettingStarted")
            steps.addWidget(link, 0, Qt.AlignmentFlag.AlignLeft)
        self.grid.addWidget(steps_frame, 1, 0, 1, len(cards))

    def _next_steps(self, actor, team: int, overview: Overview) -> list[tuple[str, Callable[[], None]]]:
        """What to do next, each a link to where it is done."""
        host, role = self.host, actor.role
        steps = []
        if can(role, Permission.MANAGE_STAFF) and team < 2:
            steps.append((_("Add your artists and front desk in Staff, each with their own colour"),
                          lambda: host.open_page("staff")))
        if can(role, Permission.EDIT_CLIENTS) and not overview.clients:
            steps.append((_("Add your first client"), lambda: host.open_page("clients")))
        if can(role, Permission.MANAGE_INTAKE) and not host.ctx.runner("intake").running:
            steps.append((_("Start the intake server, so walk-ins can fill their form on their phone"),
                          lambda: host.open_page("intake")))
        if can(role, Permission.EDIT_SETTINGS):
            steps.append((_("Check the studio's time zone, currency and auto-lock in Studio settings"),
                          lambda: host.run_action("studio-settings")))
        if can(role, Permission.MANAGE_BACKUPS):
            steps.append((_("See where backups go and when they run"), lambda: host.open_page("backups")))
        steps.append((_("Lock the screen (Ctrl+L) whenever you step away from the desk"), host.lock))
        return steps
