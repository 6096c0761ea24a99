"""`studio demo`'s year of appointments: plausible, quick, and no artist double-booked."""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from studio.models import Appointment, Deposit, Project, WaitlistEntry
from studio.services.clients import ClientInput
from studio.services.common import Role
from studio.services.scheduling import Status
from studio.services.system.demo import DEMO_STEPS
from studio.services.system.demo_schedule import add_demo_schedule


def test_the_demo_schedule_is_plausible_and_never_double_books(services, admin, make_staff, clock):
    clock.now = datetime(2026, 5, 13, 12, 17, tzinfo=UTC)  # a Wednesday, mid-slot
    for name in ("Mara Okafor", "Jonas Lindqvist"):
        make_staff(Role.ARTIST, name=name)
    for i in range(40):
        services.clients.create(admin, ClientInput(full_name=f"Client {i}"))
    started = time.perf_counter()
    add_demo_schedule(services, admin, lambda _text: None)
    seconds = time.perf_counter() - started
    assert seconds < 5, f"the demo's appointments took {seconds:.1f} s"

    with services.db.unit_of_work(write=False) as uow:
        rows = list(uow.session.scalars(select(Appointment).order_by(Appointment.artist_id, Appointment.starts_at)))
        projects = list(uow.session.scalars(select(Project)))
        deposits = list(uow.session.scalars(select(Deposit)))
        waiting = list(uow.session.scalars(select(WaitlistEntry)))
        uow.session.expunge_all()  # plain values from here on
    now = clock.now
    assert len(rows) > 600
    live = [r for r in rows if Status(r.status).holds_time]
    by_artist: dict[int, list] = {}
    for r in live:
        by_artist.setdefault(r.artist_id, []).append(r)
    for artist_rows in by_artist.values():
        for before, after in zip(artist_rows, artist_rows[1:]):
            assert before.ends_at <= after.starts_at, f"{before.id} overlaps {after.id}"
    past = Counter(r.status for r in rows if r.ends_at <= now)
    total_past = sum(past.values())
    assert past["completed"] / total_past > 0.7
    assert 0.02 < past["no_show"] / total_past < 0.1
    assert 0.05 < past["cancelled"] / total_past < 0.2
    assert set(past) <= {"completed", "no_show", "cancelled"}
    assert all(r.cancel_reason and r.cancelled_at <= now for r in rows if r.status == "cancelled")
    ahead = [r for r in rows if r.starts_at > now]
    assert {r.status for r in ahead} <= {"booked", "confirmed", "requested"}
    next_week = [r for r in ahead if r.starts_at < now + timedelta(days=7)]
    assert len(next_week) > 10
    assert max(r.starts_at for r in ahead) > now + timedelta(days=35)
    sessions = Counter(r.project_id for r in rows if r.project_id is not None)
    assert len(projects) > 10 and min(sessions.values()) >= 2 and max(sessions.values()) >= 4
    assert {d.state for d in deposits} >= {"held", "applied", "forfeited"}
    from studio.services.scheduling.records import SETTLED_REASONS

    assert {d.settled_reason for d in deposits} <= {"", *SETTLED_REASONS}
    assert sum(1 for d in deposits if d.project_id) == len(projects)
    by_id = {r.id: r for r in rows}
    assert all(by_id[d.appointment_id].client_id == d.client_id and by_id[d.appointment_id].kind == "session"
               for d in deposits if d.appointment_id)
    assert len(waiting) >= 3 and all(w.last_day >= now.date() for w in waiting)
    assert not any(r.notes for r in rows)
    # The services read it as they read their own rows.
    week = services.scheduling.calendar(admin, now.date(), now.date() + timedelta(days=6))
    assert len(week.appointments) > 10
    project = services.projects.project(admin, projects[0].id)
    assert len(project.appointments) >= 2 and project.deposits


def test_the_schedule_is_a_demo_step():
    assert add_demo_schedule in DEMO_STEPS
