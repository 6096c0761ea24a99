"""The dashboard area's public face: the overview a signed-in person sees first, the
calendar's part of it (today per artist, the week's booked hours), and the morning view's
money figures (today's takings by method, this week and month against last year)."""

from studio.services.dashboard.morning import Span, TakingsCompared, TakingsToday, sees_year_on_year
from studio.services.dashboard.overview import Overview, OverviewService
from studio.services.dashboard.schedule import ArtistDay, ScheduleOverview, TodayItem

__all__ = ["ArtistDay", "Overview", "OverviewService", "ScheduleOverview", "Span", "TakingsCompared", "TakingsToday",
           "TodayItem", "sees_year_on_year"]
