"""The dashboard's calendar card: today's appointments per artist and the hours booked
this week. An artist sees their own only (the service decides)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from studio.services.common import _, ngettext, number, time_range
from studio.services.dashboard import ArtistDay, ScheduleOverview
from studio.ui.kit.figure_card import FigureCard
from studio.ui.kit.widgets import label
from studio.ui.shell.page import PageHost

SHOWN = 8  # appointment lines at most, so the card never pushes the others below the fold


def hours_text(minutes: int) -> str:
    """Booked time as hours, "12.5 h" in the reader's number format."""
    hours = round(minutes / 60, 1)
    # Translators: a length of time in hours, e.g. "12.5 h".
    return _("{hours} h").format(hours=number(int(hours) if hours == int(hours) else hours))


class TodayCard(FigureCard):
    """Two columns of the dashboard's grid wide; at most ``SHOWN`` appointments listed (the
    calendar has the rest)."""

    columns = 2

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, _("TODAY"), (("calendar", _("Open Calendar")),), parent)
        self.overview: ScheduleOverview | None = None
        self.summary = self.note
        self.summary.setObjectName("TodaySummary")
        self.rows = QVBoxLayout()
        self.rows.setSpacing(0)
        layout = self.layout()
        layout.insertLayout(layout.count() - 1, self.rows)

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
        summary = _("{appointments} · {hours} booked this week").format(
            appointments=ngettext("{n} appointment today", "{n} appointments today", n).format(n=number(n)),
            hours=hours_text(overview.week_minutes))
        room = SHOWN
        for artist in overview.artists:
            room = self._add_artist(artist, room)
        if n > SHOWN:
            more = label(ngettext("and {n} more in the calendar", "and {n} more in the calendar",
                                  n - SHOWN).format(n=number(n - SHOWN)), "small")
            self.rows.addWidget(more)
        self.show_figure("", summary)

    def _add_artist(self, artist: ArtistDay, room: int) -> int:
        """The artist's line and up to ``room`` of their appointments; what room is left."""
        if room <= 0:
            return room
        zone = self.host.settings.timezone
        name = label(_("{artist} · {hours} this week").format(artist=artist.name, hours=hours_text(artist.week_minutes)),
                     "fieldLabel")
        name.setObjectName("TodayArtist")
        self.rows.addWidget(name)
        if not artist.today:
            self.rows.addWidget(label(_("No appointments today."), "small"))
        for item in artist.today[:room]:
            piece = f" — {item.description}" if item.description else ""
            # Translators: a line of the dashboard, e.g. "10:00–12:00 Tattoo session · Ana Lima — rose (Confirmed)".
            line = label(_("{span} {kind} · {client}{piece} ({status})").format(
                span=time_range(item.starts_at, item.ends_at, zone), kind=item.kind.label,
                client=item.client_name or _("Erased client"), piece=piece, status=item.status.label), wrap=True)
            line.setObjectName("TodayAppointment")
            self.rows.addWidget(line)
        return room - len(artist.today)
