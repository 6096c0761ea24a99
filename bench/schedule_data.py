"""A studio's three years of appointments for the benchmarks: 5 artists, 20,000 appointments
(none of one artist overlapping another), inserted directly in one transaction.

    from bench.schedule_data import populate_schedule
    artist_ids = populate_schedule(services, clients=100_000)
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select

from studio.models import Appointment, Client, Staff

ARTISTS = (("Mia Santos", "#E11D48"), ("Leo Park", "#2563EB"), ("Noor Haddad", "#059669"),
           ("Kai Berg", "#D97706"), ("Iris Vale", "#7C3AED"))
START = datetime(2024, 1, 1, 10, tzinfo=UTC)
STATUSES_PAST = ["completed"] * 85 + ["no_show"] * 5 + ["cancelled"] * 10


def populate_schedule(services, *, appointments: int = 20_000, years: int = 3, seed: int = 5) -> list[int]:
    """Add the artists and ``appointments`` spread over ``years`` from 2024 (past ones
    completed, no-show or cancelled, the rest booked); returns the artists' ids. Needs
    clients in the database (any number)."""
    rng = random.Random(seed)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with services.db.unit_of_work() as uow:
        session = uow.session
        clients = session.scalar(select(func.max(Client.id))) or 0
        if not clients:
            raise SystemExit("populate the clients first")
        ids = []
        for i, (name, color) in enumerate(ARTISTS):
            ids.append(session.execute(insert(Staff).values(
                name=name, email=f"artist{i}@bench.test", role="artist", password_hash="-", active=True,
                color=color, created_at=START, password_changed_at=START)).inserted_primary_key[0])
        days = years * 365
        per_artist = appointments // len(ids)
        rows = []
        for artist in ids:
            # Each artist's appointments in time order, a gap after each: never overlapping.
            slots = sorted(rng.sample(range(days * 4), per_artist))  # four slots a day
            for slot in slots:
                day, part = divmod(slot, 4)
                start = START + timedelta(days=day, hours=2 * part)
                end = start + timedelta(minutes=rng.choice((60, 90, 120)))
                status = rng.choice(STATUSES_PAST) if start < now else rng.choice(("booked", "confirmed"))
                rows.append(dict(
                    client_id=rng.randint(1, clients), artist_id=artist, kind="session", status=status,
                    starts_at=start, ends_at=end, description=rng.choice(("Rose", "Koi", "Script", "Dagger")),
                    placement=rng.choice(("Forearm", "Back", "Calf", "Ribs")), size="", flash=False, notes="",
                    price_cents=rng.choice((8000, 15000, 30000)), outside_hours=False, back_office=False,
                    reschedules=0, cancelled_by_name="", cancel_reason="", created_at=START,
                    created_by_name="bench", updated_at=START, updated_by_name="bench", version=1))
        for i in range(0, len(rows), 5_000):
            session.execute(insert(Appointment), rows[i:i + 5_000])
        uow.commit()
    with services.db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    return ids
