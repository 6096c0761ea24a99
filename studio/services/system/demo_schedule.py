"""`studio demo`: a year of the demo artists' appointments and the weeks ahead booked.

Written as rows in one transaction (a year is about a thousand appointments: through the
booking service, each with its checks and audit row, that would take most of a minute).
The calendar is laid on a grid of slots inside the studio's default hours (Tuesday to
Saturday, 11:00–15:00 and 15:30–19:00), each slot used once per artist, so no artist is
ever double-booked. In the past most appointments were completed, some cancelled (with
a reason and the notice given) and a few were no-shows; multi-session projects run
every three to five weeks with their deposit; the next six weeks fill up less the
further they are; a few clients wait on the waitlist.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Callable
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

from studio.models import Appointment, Client, Deposit, Project, Staff, WaitlistEntry
from studio.services.common.i18n import _
from studio.services.common.permissions import Role
from studio.services.common.settings_store import read_settings

PAST_DAYS = 365
AHEAD_DAYS = 42
WORKING_WEEKDAYS = (1, 2, 3, 4, 5)  # Tuesday … Saturday, the default hours
PROJECTS = 28
WAITLIST = 6

# A day's slots (start, end, kind): one of these layouts per artist per day.
LAYOUTS = (
    ((time(11), time(14), "session"), (time(15, 30), time(18, 30), "session")),
    ((time(11), time(13), "session"), (time(13), time(15), "touch_up"), (time(15, 30), time(19), "session")),
    ((time(11), time(11, 30), "consultation"), (time(12), time(15), "session"),
     (time(15, 30), time(17, 30), "session"), (time(18), time(18, 30), "consultation")),
)
PIECES = (
    ("Fine-line peony", "forearm", "12 cm"), ("Swallow, traditional", "chest", "palm-sized"),
    ("Moon phases", "spine", "20 cm"), ("Botanical fern", "ribs", "18 cm"), ("Compass rose", "shoulder", "10 cm"),
    ("Koi fish", "calf", "25 cm"), ("Script: a date", "wrist", "6 cm"), ("Geometric wolf", "upper arm", "15 cm"),
    ("Snake and dagger", "thigh", "22 cm"), ("Single-needle portrait", "forearm", "14 cm"),
    ("Mandala", "knee", "12 cm"), ("Lettering, 'amor fati'", "collarbone", "9 cm"),
    ("Cover-up of an old tribal band", "upper arm", "20 cm"), ("Blackwork ornament", "sternum", "16 cm"),
)
PROJECT_TITLES = (
    ("Japanese sleeve", "left arm", 180000), ("Botanical half-sleeve", "right forearm", 90000),
    ("Backpiece: phoenix", "back", 260000), ("Ocean leg sleeve", "left leg", 200000),
    ("Neo-traditional chest piece", "chest", 120000), ("Blackwork ribs", "ribs", 80000),
)
CANCEL_REASONS = ("Client ill", "Work trip", "Rescheduled by the client", "Studio: artist ill",
                  "Client changed their mind about the design")
WAITLIST_NOTES = ("Any cancellation on a Saturday", "Mornings only", "Wants Mara for a botanical piece",
                  "Small flash piece, any artist", "Touch-up after healing", "Consultation for a cover-up")


def add_demo_schedule(services, admin, progress: Callable[[str], None]) -> None:
    """Demo step: the artists' year of appointments, projects, deposits and the waitlist."""
    progress(_("Adding a year of appointments…"))
    rng = random.Random(2027)
    now = services.clock()
    with services.db.unit_of_work() as uow:
        session = uow.session
        zone = ZoneInfo(read_settings(session).timezone)
        artists = list(session.scalars(select(Staff.id).where(Staff.role == Role.ARTIST, Staff.active.is_(True))
                                       .order_by(Staff.id)))
        clients = list(session.scalars(select(Client.id).order_by(Client.id)))
        if not artists or not clients:
            return
        plan = _Plan(rng, zone, now, artists, clients)
        plan.projects()
        plan.singles()
        plan.write(session, admin.name)
        uow.commit()


class _Plan:
    def __init__(self, rng: random.Random, zone: ZoneInfo, now: datetime, artists: list[int], clients: list[int]):
        self.rng, self.zone, self.now = rng, zone, now
        self.artists, self.clients = artists, clients
        today = now.astimezone(zone).date()
        self.days = [today + timedelta(days=d) for d in range(-PAST_DAYS, AHEAD_DAYS + 1)
                     if (today + timedelta(days=d)).weekday() in WORKING_WEEKDAYS]
        # (artist, day) → its layout; (artist, day, slot index) taken once.
        self.layout = {(a, d): rng.choice(LAYOUTS) for a in artists for d in self.days}
        self.taken: set[tuple[int, date, int]] = set()
        self.appointments: list[dict] = []
        self.project_rows: list[dict] = []
        self.deposits: list[dict] = []  # (owner key, row) resolved on write

    def _start(self, day: date, moment: time) -> datetime:
        return datetime.combine(day, moment, self.zone)

    def _free_session_slot(self, artist: int, near: date) -> tuple[date, int] | None:
        """The first free session slot of ``artist`` on ``near`` or the working days after."""
        for day in (near + timedelta(days=k) for k in range(10)):
            layout = self.layout.get((artist, day))
            if layout is None:
                continue
            for index, (_s, _e, kind) in enumerate(layout):
                if kind == "session" and (artist, day, index) not in self.taken:
                    return day, index
        return None

    def _status(self, start: datetime, end: datetime, *, project: bool) -> str:
        roll = self.rng.random()
        if start <= self.now < end:
            return "in_progress"
        if start < self.now:
            if roll < (0.9 if project else 0.8):
                return "completed"
            return "no_show" if roll < (0.93 if project else 0.86) else "cancelled"
        weeks_out = (start - self.now).days / 7
        if roll < 0.06:
            return "requested"
        return "confirmed" if weeks_out < 1 and roll < 0.7 else "booked"

    def _add(self, artist: int, day: date, index: int, client: int, *, project: int | None = None,
             piece: tuple[str, str, str] | None = None, price: int | None = None) -> dict:
        starts, ends, kind = self.layout[(artist, day)][index]
        self.taken.add((artist, day, index))
        start, end = self._start(day, starts), self._start(day, ends)
        status = self._status(start, end, project=project is not None)
        description, placement, size = piece or self.rng.choice(PIECES)
        if kind == "consultation":
            price = None
        elif kind == "touch_up":
            price = 0
        row = dict(client_id=client, artist_id=artist, project_id=project, kind=kind, status=status,
                   starts_at=start, ends_at=end, description=description, placement=placement, size=size,
                   flash=self.rng.random() < 0.15, notes="", price_cents=price,
                   created_at=min(self.now, start - timedelta(days=self.rng.randint(3, 40))),
                   created_by_name="Zoë Martín", updated_at=min(self.now, start), updated_by_name="Zoë Martín",
                   version=1, cancelled_at=None, cancelled_by_name="", cancel_reason="", cancel_notice_minutes=None)
        if status == "cancelled":
            notice = self.rng.choice((30 * 24 * 60, 5 * 24 * 60, 26 * 60, 3 * 60))
            row.update(cancelled_at=start - timedelta(minutes=notice), cancelled_by_name="Zoë Martín",
                       cancel_reason=self.rng.choice(CANCEL_REASONS), cancel_notice_minutes=notice)
        self.appointments.append(row)
        return row

    def projects(self) -> None:
        """Multi-session pieces: sessions every three to five weeks with one artist."""
        rng = self.rng
        for number in range(PROJECTS):
            title, placement, quote = PROJECT_TITLES[number % len(PROJECT_TITLES)]
            client = rng.choice(self.clients)
            artist = rng.choice(self.artists)
            first = self.days[0] + timedelta(days=rng.randint(0, PAST_DAYS + AHEAD_DAYS - 60))
            project = dict(key=number, client_id=client, title=title, placement=placement, notes="",
                           quote_cents=quote, closed=False, created_by_name="Zoë Martín",
                           created_at=min(self.now, self._start(first, time(10)) - timedelta(days=14)))
            sessions, day = [], first
            for _session in range(rng.randint(3, 6)):
                slot = self._free_session_slot(artist, day)
                if slot is None:
                    break
                row = self._add(artist, slot[0], slot[1], client, project=number,
                                piece=(f"{title}: session", placement, ""), price=None)
                sessions.append(row)
                day = slot[0] + timedelta(days=rng.randint(21, 35))
            if not sessions:
                continue
            finished = all(s["status"] in ("completed", "cancelled", "no_show") for s in sessions)
            project["closed"] = finished
            self.project_rows.append(project)
            self.deposits.append(dict(
                project=number, client_id=client, amount_cents=max(5000, quote // 10 // 100 * 100),
                method=rng.choice(("card", "cash", "transfer")), state="applied" if finished else "held",
                received_at=project["created_at"], recorded_by_name="Zoë Martín",
                settled_at=sessions[-1]["ends_at"] if finished else None,
                settled_reason=""))

    def singles(self) -> None:
        """Single appointments in the free slots: most slots in the past, the next weeks
        fuller the sooner they are."""
        rng = self.rng
        for (artist, day), layout in self.layout.items():
            ahead = (day - self.now.astimezone(self.zone).date()).days
            fill = 0.78 if ahead < 0 else max(0.3, 0.95 - ahead / 60)
            for index in range(len(layout)):
                if (artist, day, index) in self.taken or rng.random() > fill:
                    continue
                row = self._add(artist, day, index, rng.choice(self.clients), price=rng.randrange(80, 600) * 100)
                if row["kind"] == "session" and row["status"] != "requested" and rng.random() < 0.75:
                    settled = row["status"] in ("completed", "no_show") or (
                        row["status"] == "cancelled" and row["cancel_notice_minutes"] < 72 * 60)
                    state = {"completed": "applied", "no_show": "forfeited"}.get(row["status"], "held")
                    if row["status"] == "cancelled":
                        state = "forfeited" if settled else "credited"
                    self.deposits.append(dict(
                        appointment=len(self.appointments) - 1, client_id=row["client_id"], amount_cents=5000,
                        method=rng.choice(("card", "cash", "transfer")), state=state,
                        received_at=row["created_at"], recorded_by_name="Zoë Martín",
                        settled_at=row["ends_at"] if state != "held" else None,
                        # scheduling's SETTLED_REASONS keys (an applied deposit needs none)
                        settled_reason={"forfeited": "no_show" if row["status"] == "no_show" else "late_cancel",
                                        "credited": "cancelled_in_time"}.get(state, "")))

    def write(self, session, admin_name: str) -> None:
        project_ids = {}
        for project in self.project_rows:
            key = project.pop("key")
            project_ids[key] = session.execute(insert(Project).values(**project)).inserted_primary_key[0]
        for row in self.appointments:
            if row["project_id"] is not None:
                row["project_id"] = project_ids.get(row["project_id"])
        # One batched statement that hands back the ids in order (a deposit names its appointment).
        appointment_ids = list(session.scalars(
            insert(Appointment).returning(Appointment.id, sort_by_parameter_order=True), self.appointments))
        rows = []
        for deposit in self.deposits:
            project, appointment = deposit.pop("project", None), deposit.pop("appointment", None)
            if project is not None and project not in project_ids:
                continue
            rows.append(dict(deposit, project_id=project_ids.get(project) if project is not None else None,
                             appointment_id=appointment_ids[appointment] if appointment is not None else None))
        if rows:
            session.execute(insert(Deposit), rows)
        today = self.now.astimezone(self.zone).date()
        session.execute(insert(WaitlistEntry), [
            dict(client_id=self.rng.choice(self.clients),
                 artist_id=self.rng.choice([*self.artists, None]),
                 kind="consultation" if "onsultation" in note else ("touch_up" if "ouch" in note else "session"),
                 first_day=today + timedelta(days=self.rng.randint(0, 7)),
                 last_day=today + timedelta(days=self.rng.randint(14, 60)), notes=note,
                 created_at=self.now - timedelta(days=self.rng.randint(1, 20)))
            for note in WAITLIST_NOTES[:WAITLIST]])
