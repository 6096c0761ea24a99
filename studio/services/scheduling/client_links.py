"""What scheduling tells the clients area (registered in services/core.py, see
services/clients/relations.py): each client's last visit and next appointment for the
clients table, and whether an artist looks after a client, which lets them read the
client's health section."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, select

from studio.models import Appointment
from studio.services.scheduling.records import Status

# An artist looks after a client they have had an appointment with, or have one with in
# the next CARE_DAYS days.
CARE_DAYS = 30

# Still to come (or under way): what "Next appointment" shows.
LIVE = tuple(s.value for s in Status if s not in (Status.COMPLETED, Status.CANCELLED, Status.NO_SHOW))
_A = Appointment.__table__.c


class SchedulingVisits:
    """The clients table's visit dates: one grouped query over the page's ids, read from
    the (client_id, starts_at) index (a client has a few dozen appointments at most)."""

    def visits(self, session, client_ids: Sequence[int], now: datetime
               ) -> dict[int, tuple[datetime | None, datetime | None]]:
        visited = case((and_(_A.status == Status.COMPLETED.value, _A.starts_at <= now), _A.starts_at))
        coming = case((and_(_A.status.in_(LIVE), _A.ends_at > now), _A.starts_at))
        # max() and min() keep the column's type, so the values come back aware (UTC).
        rows = session.execute(select(_A.client_id, func.max(visited), func.min(coming))
                               .where(_A.client_id.in_(list(client_ids))).group_by(_A.client_id)).all()
        return {client_id: (last, following) for client_id, last, following in rows
                if last is not None or following is not None}


class SchedulingCare:
    """An artist looks after a client they have an appointment with (not cancelled), any
    time before now or in the next CARE_DAYS days."""

    def cares_for(self, session, artist_id: int, client_id: int, now: datetime) -> bool:
        found = session.scalar(
            select(_A.id).where(_A.client_id == client_id, _A.artist_id == artist_id,
                                _A.status != Status.CANCELLED.value,
                                _A.starts_at < now + timedelta(days=CARE_DAYS)).limit(1))
        return found is not None
