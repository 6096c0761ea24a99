"""The dashboard area's public face: the overview a signed-in person sees first, and the
calendar's part of it (today per artist, the week's booked hours)."""

from studio.services.dashboard.overview import Overview, OverviewService
from studio.services.dashboard.schedule import ArtistDay, ScheduleOverview, TodayItem

__all__ = ["ArtistDay", "Overview", "OverviewService", "ScheduleOverview", "TodayItem"]
