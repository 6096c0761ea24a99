"""The dashboard's calendar card: today's appointments per artist and the hours booked
this week. An artist sees their own only (the service decides)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from studio.services.common import _, ngettext, number, time_range
from studio.services.dashboard import ArtistDay, ScheduleOverview
from studio.ui.kit.widgets import label
from studio.ui.shell.page import PageHost


def hours_text(minutes: int) -> str:
    """Booked time as hours, "12.5 h" in the reader's number format."""
    hours = round(minutes / 60, 1)
    # Translators: a length of time in hours, e.g. "12.5 h".
    return _("{hours} h").format(hours=number(int(hours) if hours == int(hours) else hours))


class TodayCard(QFrame):
    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.host = host
        self.overview: ScheduleOverview | None = None
        self.loaded = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 20)
        layout.setSpacing(4)
        self.heading = label(_("Today"), "title")
        layout.addWidget(self.heading)
        self.summary = label("", "muted", wrap=True)
        self.summary.setObjectName("TodaySummary")
        layout.addWidget(self.summary)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(2)
        layout.addLayout(self.rows)
        self.setVisible(False)  # until there is something to say

    def refresh(self) -> None:
        self.host.call(lambda s, a: s.overview.schedule(a), self._show, lambda _e: self.setVisible(False))

    def _show(self, overview: ScheduleOverview) -> None:
        self.overview = overview
        self.loaded = True
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        if not overview.artists:
            self.setVisible(False)  # no artists yet: the getting-started steps say what to do
            return
        n = overview.today_count
        # Translators: {appointments} is e.g. "3 appointments today", {hours} e.g. "14 h".
        self.summary.setText(_("{appointments} · {hours} booked this week").format(
            appointments=ngettext("{n} appointment today", "{n} appointments today", n).format(n=number(n)),
            hours=hours_text(overview.week_minutes)))
        for artist in overview.artists:
            self._add_artist(artist)
        self.setVisible(True)

    def _add_artist(self, artist: ArtistDay) -> None:
        zone = self.host.settings.timezone
        name = label(_("{artist} · {hours} this week").format(artist=artist.name, hours=hours_text(artist.week_minutes)),
                     "fieldLabel")
        name.setObjectName("TodayArtist")
        self.rows.addWidget(name)
        if not artist.today:
            self.rows.addWidget(label(_("No appointments today."), "muted"))
        for item in artist.today:
            piece = f" — {item.description}" if item.description else ""
            # Translators: a line of the dashboard, e.g. "10:00–12:00 Tattoo session · Ana Lima — rose (Confirmed)".
            line = label(_("{span} {kind} · {client}{piece} ({status})").format(
                span=time_range(item.starts_at, item.ends_at, zone), kind=item.kind.label,
                client=item.client_name or _("Erased client"), piece=piece, status=item.status.label), wrap=True)
            line.setObjectName("TodayAppointment")
            self.rows.addWidget(line)
