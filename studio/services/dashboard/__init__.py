"""The dashboard area's public face: the overview a signed-in person sees first."""

from studio.services.dashboard.overview import Overview, OverviewService

__all__ = ["Overview", "OverviewService"]
