"""The global search's appointments: those of the clients the query finds (the first
few in name order, those the Clients group shows), of the artists whose name it matches, or whose piece's
description has every typed word at the start of one of its words. Upcoming ones first
(soonest first), then past ones (latest first). An artist finds their own only.

A hit's ``id`` is the appointment's; the calendar page opens it (its SidebarPage names
the kind ``appointments``).
"""

from __future__ import annotations

from sqlalchemy import or_, select

from studio.models import Appointment, Client, Staff
from studio.services.common import folding
from studio.services.common.i18n import N_, _
from studio.services.common.permissions import Permission, Role
from studio.services.scheduling import Kind, Status
from studio.services.search.service import Found, SearchHit, SearchProvider, first_matches

APPOINTMENTS = "appointments"
# Counted up to here, then "100+".
COUNT_CAP = 100
# A word of the piece is looked for in one scan of the descriptions, stopping after this
# many matches (a common word: the hits are the soonest of those read, the count "100+").
PIECE_READ_MAX = 500
PIECE_WORD_MIN = 3
_A = Appointment.__table__.c


def appointments_provider(services) -> SearchProvider:
    """``services``: the composition root's Services (its clients service and clock)."""
    def find(uow, actor, query: str, limit: int) -> Found:
        session = uow.session
        words = folding.query_terms(query)
        # The artists, and the searcher's role, in one read.
        staff = session.execute(select(Staff.id, Staff.name, Staff.role)
                                .where(or_(Staff.role == Role.ARTIST, Staff.id == actor.staff_id))).all()
        role = next((r.role for r in staff if r.id == actor.staff_id), None)
        artists = [r for r in staff if r.role == Role.ARTIST]
        mine = [_A.artist_id == actor.staff_id] if role == Role.ARTIST else []
        columns = (_A.id, _A.starts_at)
        # Each source is read on an index, or (the piece) in one scan that stops early:
        # a few thousand rows are never sorted per keystroke.
        # The clients the Clients group shows (its search is reused).
        who = services.clients.ids_in(uow, actor, query, limit)
        found = dict(session.execute(select(*columns).where(_A.client_id.in_(who), *mine)).all()) if who else {}
        named, _n = first_matches(artists, words, lambda r: folding.search_terms(r.name, "", "", ""), len(artists))
        named_ids = [a.id for a in named if role != Role.ARTIST or a.id == actor.staff_id]
        now = services.clock()
        if named_ids:
            by_artist = _A.artist_id.in_(named_ids)
            found.update(session.execute(select(*columns).where(by_artist, _A.starts_at >= now)
                                         .order_by(_A.starts_at).limit(limit)).all())
            found.update(session.execute(select(*columns).where(by_artist, _A.starts_at < now)
                                         .order_by(_A.starts_at.desc()).limit(limit)).all())
            found.update(session.execute(select(*columns).where(by_artist).limit(COUNT_CAP + 1)).all())
        pieces = _piece_words(query)
        if pieces:
            found.update(session.execute(select(*columns).where(*mine, *(
                or_(_A.description.like(f"{w}%", escape="\\"), _A.description.like(f"% {w}%", escape="\\"))
                for w in pieces)).limit(PIECE_READ_MAX)).all())
        if not found:
            return Found((), 0)
        upcoming = sorted((at, i) for i, at in found.items() if at >= now)
        past = sorted(((at, i) for i, at in found.items() if at < now), reverse=True)
        chosen = [i for _at, i in (upcoming + past)[:limit]]
        rows = {r.id: r for r in session.execute(
            select(_A.id, _A.starts_at, _A.kind, _A.status, _A.description, _A.artist_id, Client.full_name)
            .outerjoin(Client, Client.id == _A.client_id).where(_A.id.in_(chosen))).all()}
        artist_names = {a.id: a.name for a in artists}
        hits = tuple(SearchHit(
            APPOINTMENTS, r.id,
            # Translators: a search result, e.g. "Ana Lima · Tattoo session".
            _("{client} · {kind}").format(client=r.full_name or _("Erased client"), kind=Kind(r.kind).label),
            " · ".join(p for p in (artist_names.get(r.artist_id, ""), r.description, Status(r.status).label) if p),
            when=r.starts_at) for r in (rows[i] for i in chosen if i in rows))
        return Found(hits, min(len(found), COUNT_CAP), len(found) > COUNT_CAP)

    return SearchProvider(APPOINTMENTS, N_("Appointments"), "calendar-days", Permission.VIEW_CALENDAR, find)


def _piece_words(query: str) -> list[str]:
    """The typed words to look for in descriptions (as typed, lower case; LIKE ignores
    ASCII case), escaped for LIKE. None for a phone number; shorter words would match
    nearly every piece."""
    if folding.is_phone_query(query):
        return []
    found = []
    for word in query.lower().split()[:folding.QUERY_WORDS_MAX]:
        if len(word) >= PIECE_WORD_MIN:
            found.append(word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))
    return found
