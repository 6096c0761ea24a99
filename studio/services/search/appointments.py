"""The global search's appointments: those of the clients the query finds (through the
client search's index), of the artists whose name it matches, or whose piece's
description has every typed word at the start of one of its words. Upcoming ones first
(soonest first), then past ones (latest first). An artist finds their own only.

A hit's ``id`` is the appointment's; the calendar page opens it (its SidebarPage names
the kind ``appointments``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import and_, func, or_, select

from studio.models import Appointment, Client, Staff
from studio.services.common import folding
from studio.services.common.i18n import N_, _
from studio.services.common.permissions import Permission, Role
from studio.services.scheduling import Kind, Status
from studio.services.search.service import Found, SearchHit, SearchProvider, first_matches

if TYPE_CHECKING:
    from studio.services.core import Services

APPOINTMENTS = "appointments"
# Counted up to here, then "100+".
COUNT_CAP = 100
# The clients the query finds whose appointments are looked at (the likeliest first).
CLIENTS_LOOKED_AT = 50
_A = Appointment.__table__.c


def appointments_provider(services: Services) -> SearchProvider:
    def find(uow, actor, query: str, limit: int) -> Found:
        session = uow.session
        words = folding.query_terms(query)
        role = session.scalar(select(Staff.role).where(Staff.id == actor.staff_id))
        clients = services.clients.search_in(uow, actor, query, CLIENTS_LOOKED_AT,
                                             count_at_most=CLIENTS_LOOKED_AT)
        artists = session.execute(select(Staff.id, Staff.name, Staff.email)
                                  .where(Staff.role == Role.ARTIST)).all()
        named, _n = first_matches(artists, words, lambda r: folding.search_terms(r.name, "", "", ""), len(artists))
        who = [c.id for c in clients.rows]
        matching = [_A.client_id.in_(who)] if who else []
        if named:
            matching.append(_A.artist_id.in_([a.id for a in named]))
        pieces = _piece_words(query)
        if pieces:
            matching.append(and_(*(or_(_A.description.like(f"{w}%", escape="\\"),
                                       _A.description.like(f"% {w}%", escape="\\")) for w in pieces)))
        if not matching:
            return Found((), 0)
        condition = [or_(*matching)]
        if role == Role.ARTIST:
            condition.append(_A.artist_id == actor.staff_id)
        now = services.clock()
        columns = (_A.id, _A.starts_at, _A.ends_at, _A.kind, _A.status, _A.description, _A.client_id, _A.artist_id)
        upcoming = session.execute(select(*columns).where(*condition, _A.starts_at >= now)
                                   .order_by(_A.starts_at, _A.id).limit(limit)).all()
        past = session.execute(select(*columns).where(*condition, _A.starts_at < now)
                               .order_by(_A.starts_at.desc(), _A.id.desc()).limit(limit - len(upcoming))
                               ).all() if len(upcoming) < limit else []
        rows = [*upcoming, *past]
        counted = select(_A.id).where(*condition).limit(COUNT_CAP + 1).subquery()
        total = session.scalar(select(func.count()).select_from(counted)) or 0
        names = dict(session.execute(select(Client.id, Client.full_name)
                                     .where(Client.id.in_({r.client_id for r in rows if r.client_id}))).all())
        artist_names = {a.id: a.name for a in artists}
        hits = tuple(SearchHit(
            APPOINTMENTS, r.id,
            # Translators: a search result, e.g. "Ana Lima · Tattoo session".
            _("{client} · {kind}").format(client=names.get(r.client_id) or _("Erased client"), kind=Kind(r.kind).label),
            " · ".join(p for p in (artist_names.get(r.artist_id, ""), r.description, Status(r.status).label) if p),
            when=r.starts_at) for r in rows)
        return Found(hits, min(total, COUNT_CAP), total > COUNT_CAP)

    return SearchProvider(APPOINTMENTS, N_("Appointments"), "calendar-days", Permission.VIEW_CALENDAR, find)


def _piece_words(query: str) -> list[str]:
    """The typed words to look for in descriptions (as typed, lower case; LIKE ignores
    ASCII case), escaped for LIKE; words of one letter would match nearly everything."""
    found = []
    for word in query.lower().split()[:folding.QUERY_WORDS_MAX]:
        if len(word) >= 2:
            found.append(word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))
    return found
