"""What other areas tell the clients area about a client, through hooks the composition
root registers (services/core.py), so the clients area names no area above it:

- **visit dates**: the clients table's "Last visit" and "Next appointment" for a page of
  clients, read in the page's own unit of work (scheduling provides them);
- **care relationships**: whether an artist looks after a client (scheduling: an
  appointment with them in the past, or in the next days), which decides whether the
  artist may read the client's health information.

With no hook registered the table leaves the two columns empty and every artist keeps the
access their role gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, runtime_checkable

from sqlalchemy.orm import Session

from studio.models import Staff
from studio.services.common.errors import PermissionDenied
from studio.services.common.i18n import _
from studio.services.common.permissions import Role


@runtime_checkable
class VisitDates(Protocol):
    def visits(self, session: Session, client_ids: Sequence[int], now: datetime
               ) -> dict[int, tuple[datetime | None, datetime | None]]:
        """client id → (the start of their last completed visit, of their next live
        appointment), for the ids that have either; one or two queries for the whole page."""
        ...


@runtime_checkable
class CareRelationship(Protocol):
    def cares_for(self, session: Session, artist_id: int, client_id: int, now: datetime) -> bool:
        """True when the artist looks after the client (may read their health section)."""
        ...


class ClientRelations:
    """The hooks registered with the clients service (at most one of each)."""

    def __init__(self) -> None:
        self.visit_dates: VisitDates | None = None
        self.care: CareRelationship | None = None

    def register_visit_dates(self, provider: VisitDates) -> None:
        if self.visit_dates is not None:
            raise ValueError("visit dates are provided already")
        self.visit_dates = provider

    def register_care(self, check: CareRelationship) -> None:
        if self.care is not None:
            raise ValueError("a care relationship check is registered already")
        self.care = check

    def check_care(self, session: Session, staff: Staff, client_id: int | None, now: datetime) -> None:
        """Refuse an artist who does not look after the client (PermissionDenied; an
        erased client, ``None``, is no one's); admins and everyone else the role allows pass."""
        if not self.may_read_health(session, staff, client_id, now):
            raise PermissionDenied(_(
                "Artists read the health notes of their own clients only: you have no appointment with "
                "this client in the past or the next 30 days. Ask an admin, or book the client first."))

    def may_read_health(self, session: Session, staff: Staff, client_id: int | None, now: datetime) -> bool:
        """check_care() as a yes or no (for a view that leaves the health part out)."""
        if staff.role != Role.ARTIST or self.care is None:
            return True
        return client_id is not None and self.care.cares_for(session, staff.id, client_id, now)
