"""The global search's kinds for the areas there are so far: clients (the client search
itself), staff, intake submissions waiting for review (services/search/service.py), and
appointments (services/search/appointments.py).

Staff and pending submissions are a few dozen rows at most, so they are read whole and
matched in Python with the client search's rule; clients are found through their index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from studio.models import IntakeSubmission, Staff
from studio.services.common import folding
from studio.services.common.i18n import N_, _
from studio.services.common.permissions import Permission, Role
from studio.services.intake.records import FormKind, SubmissionStatus
from studio.services.search.appointments import appointments_provider
from studio.services.search.service import Found, SearchHit, SearchProvider, first_matches

if TYPE_CHECKING:
    from studio.services.core import Services

# Clients are counted up to here and then read "100+": a count is for the eye, not exact.
CLIENT_COUNT_CAP = 100
# A desk that never reviews could pile up submissions; the search reads the newest this many.
PENDING_READ_MAX = 2_000

CLIENTS, STAFF, INTAKE = "clients", "staff", "intake"


def providers(services: Services) -> list[SearchProvider]:
    return [
        SearchProvider(CLIENTS, N_("Clients"), "users", Permission.VIEW_CLIENTS, _clients(services)),
        SearchProvider(STAFF, N_("Staff"), "user-cog", Permission.VIEW_STAFF, _staff),
        SearchProvider(INTAKE, N_("Intake forms"), "smartphone", Permission.MANAGE_INTAKE, _pending),
        appointments_provider(services),
    ]


def _clients(services: Services):
    def find(uow, actor, query: str, limit: int) -> Found:
        result = services.clients.search_in(uow, actor, query, limit, count_at_most=CLIENT_COUNT_CAP + 1)
        hits = tuple(SearchHit(CLIENTS, r.id, r.full_name, _joined(r.phone_display, r.email))
                     for r in result.rows)
        return Found(hits, min(result.total, CLIENT_COUNT_CAP), result.total > CLIENT_COUNT_CAP)

    return find


def _staff(uow, _actor, query: str, limit: int) -> Found:
    rows = uow.session.execute(select(Staff.id, Staff.name, Staff.email, Staff.role, Staff.active)
                               .order_by(Staff.active.desc(), func.lower(Staff.name), Staff.id)).all()
    found, total = first_matches(rows, folding.query_terms(query),
                                 lambda r: folding.search_terms(r.name, "", r.email, ""), limit)
    hits = tuple(SearchHit(STAFF, r.id, r.name,
                           _joined(Role(r.role).label, r.email, "" if r.active else _("deactivated")))
                 for r in found)
    return Found(hits, total)


def _pending(uow, _actor, query: str, limit: int) -> Found:
    s = IntakeSubmission
    rows = uow.session.execute(select(s.id, s.full_name, s.kind, s.received_at)
                               .where(s.status == SubmissionStatus.PENDING)
                               .order_by(s.received_at.desc(), s.id.desc()).limit(PENDING_READ_MAX)).all()
    found, total = first_matches(rows, folding.query_terms(query),
                                 lambda r: folding.search_terms(r.full_name, "", "", ""), limit)
    hits = tuple(SearchHit(INTAKE, r.id, r.full_name,
                           _("Client's QR form") if r.kind == FormKind.CLIENT else _("Walk-in form"),
                           when=r.received_at)
                 for r in found)
    return Found(hits, total)


def _joined(*parts: str) -> str:
    return " · ".join(p for p in parts if p)
