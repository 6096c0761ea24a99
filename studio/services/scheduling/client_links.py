"""What scheduling tells the clients area (registered in services/core.py, see
services/clients/relations.py): each client's last visit and next appointment for the
clients table, and whether an artist looks after a client, which lets them read the
client's health section."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select

from studio.models import Appointment
from studio.services.scheduling.records import Status

# An artist looks after a client they have had an appointment with, or have one with in
# the next CARE_DAYS days.
CARE_DAYS = 30

# Still to come (or under way): what "Next appointment" shows.
LIVE = tuple(s.value for s in Status if s not in (Status.COMPLETED, Status.CANCELLED, Status.NO_SHOW))
_A = Appointment.__table__.c


class SchedulingVisits:
    """The clients table's visit dates: two grouped queries over the page's ids, each read
    from the (client_id, starts_at) index."""

    def visits(self, session, client_ids: Sequence[int], now: datetime
               ) -> dict[int, tuple[datetime | None, datetime | None]]:
        ids = list(client_ids)
        last = dict(session.execute(
            select(_A.client_id, func.max(_A.starts_at))
            .where(_A.client_id.in_(ids), _A.status == Status.COMPLETED.value, _A.starts_at <= now)
            .group_by(_A.client_id)).all())
        following = dict(session.execute(
            select(_A.client_id, func.min(_A.starts_at))
            .where(_A.client_id.in_(ids), _A.status.in_(LIVE), _A.ends_at > now)
            .group_by(_A.client_id)).all())
        # max() and min() keep the column's type, so the values come back aware (UTC).
        return {i: (last.get(i), following.get(i)) for i in set(last) | set(following)}


class SchedulingCare:
    """An artist looks after a client they have an appointment with (not cancelled), any
    time before now or in the next CARE_DAYS days."""

    def cares_for(self, session, artist_id: int, client_id: int, now: datetime) -> bool:
        found = session.scalar(
            select(_A.id).where(_A.client_id == client_id, _A.artist_id == artist_id,
                                _A.status != Status.CANCELLED.value,
                                _A.starts_at < now + timedelta(days=CARE_DAYS)).limit(1))
        return found is not None
