"""`studio demo`: a year of the cash register matching the demo's appointments.

The deposits the schedule step wrote land in the register the day they were paid (a
forfeited one moves into the studio's income the day it was forfeited); every completed
appointment with a price — and every completed session of a project, at its share of the
quote — is checked out after it ends, with its deposit or the client's credit applied, a
tip on about six in ten, part cash and part card now and then, and a gift voucher sold
earlier redeemed on a few; a few sales and a deposit are refunded; supplies, cleaning and
the odd aftercare balm go through the drawer; and every past day is closed after its last
entry, with the opening float and the counted cash (a few a little off, with a note).

Written as rows in one unit of work, like the schedule step (a year through the checkout
and closing services, each its own transaction and audit row, would take most of a
minute), keeping the rules those services keep: receipt numbers 1…N in the order of the
checkouts, the entries' signs by kind, a deposit's state as its entries say (applied at
the checkout that used it, forfeited, credited, refunded), voucher balances as their
redemptions leave them, the checkout's arithmetic (bill.py), and no entry in a day after
it was closed.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Callable
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select, update

from studio.models import Appointment, CashEntry, Client, Deposit, Project, Receipt, RegisterDay, Staff, Voucher
from studio.services.common.i18n import _
from studio.services.common.permissions import Role
from studio.services.common.settings_store import read_settings
from studio.services.register import rebuild_day_totals
from studio.services.register.bill import check_payments, take_off
from studio.services.register.records import EntryKind, Method, Payment
from studio.services.register.vouchers import CODE_ALPHABET, CODE_LENGTH, normal_code

OPENING_FLOAT = 15000
TIP_SHARE = 0.6
SPLIT_SHARE = 0.15
CLOSE_AT = time(19, 45)
VOUCHERS = 12
PART_SPENT = 9  # this voucher is used once, in part, and not again (yet)
VOUCHER_AMOUNTS = (5000, 10000, 10000, 15000, 20000)
VOUCHER_FOR = ("For Inês, happy birthday!", "For Tomás, from the team", "For Chloé — love, Maël", "", "",
               "For Rita, graduation gift", "For João, 30 at last", "Christmas: for Sofía", "")
SUPPLIES = (("Needle cartridges, assorted", 9000, 24000), ("Black and grey inks", 6000, 15000),
            ("Nitrile gloves, 10 boxes", 4000, 7000), ("Stencil paper and transfer solution", 3000, 6000),
            ("Green soap, cling film and razors", 2500, 5000), ("Aftercare balm for resale", 5000, 9000))
CLEANING = ("Cleaning, weekly", 6000)
MONTHLY = (("Sharps container collection", Method.TRANSFER, 3500), ("Autoclave spore test", Method.CARD, 2800))
BALM = ("Aftercare balm", 1200)
REFUND_REASONS = ("Goodwill: the linework needed a free rework", "Overcharged for the size; difference returned",
                  "Card terminal charged a little over the bill", "Tip keyed in twice")
DEPOSIT_REFUND_REASON = "Client moved abroad; deposit returned"
COUNT_NOTES = ((-500, "A 5 € note short; change given twice, probably"), (100, "Found 1 € under the drawer tray"),
               (-1000, "10 € short; could not find why"), (-200, "Short by 2 € in coins"),
               (50, "50 cents over"), (2000, "Tip jar cash put in the drawer by mistake"))
DENOMINATIONS = (10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1)


def add_demo_register(services, admin, progress: Callable[[str], None]) -> None:
    """Demo step: a year of the register's entries, receipts, vouchers and closed days."""
    progress(_("Adding a year of takings to the cash register…"))
    now = services.clock()
    with services.db.unit_of_work() as uow:
        session = uow.session
        zone = ZoneInfo(read_settings(session).timezone)
        desk = session.scalar(select(Staff).where(Staff.role == Role.FRONT_DESK).order_by(Staff.id).limit(1))
        desk_id, desk_name = (desk.id, desk.name) if desk is not None else (admin.staff_id, admin.name)
        book = _Book(random.Random(2028), zone, now, desk_id, desk_name, admin.name)
        if not book.read(session):
            return
        book.deposits()
        book.vouchers()
        book.checkouts()
        book.refunds()
        book.drawer()
        book.write(session)
        uow.commit()


@dataclass
class _Owed:
    """A deposit as the register sees it while the year is played through."""

    row: Deposit
    state: str
    entry: int | None = None           # its deposit entry (index into the book's entries)
    settled_at: datetime | None = None
    reason: str = ""


@dataclass
class _Gift:
    code: str
    initial: int
    balance: int
    sold_at: datetime
    expires_on: date | None
    ready_on: date | None              # the first day it may be redeemed (None: kept in a drawer)
    index: int = 0                     # its row's place among the vouchers written
    client_id: int | None = None
    for_name: str = ""


@dataclass
class _Book:
    rng: random.Random
    zone: ZoneInfo
    now: datetime
    desk_id: int
    desk_name: str
    admin_name: str
    entries: list[dict] = field(default_factory=list)
    receipts: list[dict] = field(default_factory=list)
    gifts: list[_Gift] = field(default_factory=list)
    owed: list[_Owed] = field(default_factory=list)
    refers: dict[int, int] = field(default_factory=dict)  # refund's index → original's index

    # ---- reading what the other steps wrote

    def read(self, session) -> bool:
        self.appointments = list(session.scalars(select(Appointment).order_by(Appointment.starts_at, Appointment.id)))
        if not self.appointments:
            return False
        self.clients = dict(session.execute(select(Client.id, Client.full_name)).all())
        self.staff = dict(session.execute(select(Staff.id, Staff.name)).all())
        self.quotes = dict(session.execute(select(Project.id, Project.quote_cents)).all())
        self.by_id = {a.id: a for a in self.appointments}
        self.sessions = Counter(a.project_id for a in self.appointments if a.project_id is not None)
        deposits = session.scalars(select(Deposit).order_by(Deposit.received_at, Deposit.id))
        self.owed = [_Owed(d, d.state) for d in deposits]
        self.today = self._day(self.now)
        return True

    def _day(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()

    def _at(self, day: date, earliest: time = time(11), latest: time = time(18, 30)) -> datetime:
        minutes = self.rng.randint(earliest.hour * 60 + earliest.minute, latest.hour * 60 + latest.minute)
        return datetime.combine(day, time(minutes // 60, minutes % 60), self.zone)

    def _entry(self, at: datetime, kind: EntryKind, method: Method, amount: int, **links) -> int:
        """One entry, signed as its kind is (``amount`` given positive unless it is a move)."""
        if amount == 0:
            raise ValueError("an entry is never zero")
        row = dict(day=self._day(at), at=at, kind=str(kind), method=str(method), amount_cents=amount,
                   client_id=None, appointment_id=None, project_id=None, artist_id=None, receipt_id=None,
                   voucher_id=None, deposit_id=None, refers_to_id=None, note="", entered_by_id=self.desk_id,
                   entered_by_name=self.desk_name)
        row.update(links)
        self.entries.append(row)
        return len(self.entries) - 1

    def _deposit_links(self, owed: _Owed) -> dict:
        d = owed.row
        appointment = self.by_id.get(d.appointment_id) if d.appointment_id else None
        return dict(client_id=d.client_id, project_id=d.project_id, appointment_id=d.appointment_id,
                    artist_id=appointment.artist_id if appointment is not None else None, deposit_id=d.id)

    def _move(self, owed: _Owed, amount: int, into: EntryKind, at: datetime, **links) -> None:
        """ledger.move: out of the deposits, into ``into``, by the deposit's method."""
        columns = self._deposit_links(owed)
        columns.update(links)
        method = Method(owed.row.method)
        self._entry(at, EntryKind.DEPOSIT, method, -amount, **columns)
        self._entry(at, into, method, amount, **columns)

    # ---- the year played through

    def deposits(self) -> None:
        """Each deposit paid lands the day it was paid; a forfeited one becomes income the day
        of the no-show or late cancel. A finished project's deposit waits for its last
        completed session's checkout (none completed: it was kept, as the policy says)."""
        last_completed, last_status = {}, {}
        for a in self.appointments:  # in the order they start
            if a.project_id is not None:
                last_status[a.project_id] = a.status
                if a.status == "completed":
                    last_completed[a.project_id] = a.id
        self.project_final = {}
        for owed in self.owed:
            d = owed.row
            owed.entry = self._entry(d.received_at, EntryKind.DEPOSIT, Method(d.method), d.amount_cents,
                                     **self._deposit_links(owed))
            if owed.state == "applied" and d.project_id is not None:
                final = last_completed.get(d.project_id)
                if final is not None:
                    self.project_final.setdefault(final, []).append(owed)
                else:
                    owed.state, owed.settled_at = "forfeited", d.settled_at
                    owed.reason = "no_show" if last_status.get(d.project_id) == "no_show" else "late_cancel"
            if owed.state == "forfeited":
                owed.settled_at = owed.settled_at or d.settled_at
                self._move(owed, d.amount_cents, EntryKind.FORFEIT, owed.settled_at)

    def vouchers(self) -> None:
        """Gift vouchers sold through the year; most are redeemed some weeks later."""
        codes = set()
        first = self.today - timedelta(days=330)
        for number in range(VOUCHERS):
            day = first + timedelta(days=self.rng.randint(0, 300))
            while day.weekday() not in (1, 2, 3, 4, 5):
                day += timedelta(days=1)
            code = ""
            while not code or code in codes:
                code = normal_code("".join(self.rng.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH)))
            codes.add(code)
            sold_at = self._at(day)
            amount = self.rng.choice(VOUCHER_AMOUNTS)
            expires = day + timedelta(days=365) if self.rng.random() < 0.5 else None
            ready = day + timedelta(days=self.rng.randint(7, 50)) if number < VOUCHERS - 2 else None
            client = self.rng.choice(list(self.clients)) if self.rng.random() < 0.5 else None
            gift = _Gift(code, amount, amount, sold_at, expires, ready, number, client,
                         self.rng.choice(VOUCHER_FOR))
            self.gifts.append(gift)
            self._entry(sold_at, EntryKind.VOUCHER_SOLD, self.rng.choice((Method.CARD, Method.CASH)), amount,
                        voucher_id=("voucher", number), client_id=client, note=gift.for_name)

    def _price(self, a: Appointment) -> int:
        if a.price_cents:
            return a.price_cents
        if a.project_id is None or a.kind != "session":
            return 0
        sessions = self.sessions[a.project_id]
        return max(10000, self.quotes.get(a.project_id, 0) // max(sessions, 1) // 1000 * 1000)

    def checkouts(self) -> None:
        """A checkout for each completed appointment with a price, after it ends, in order
        (so the receipts are numbered as they were taken)."""
        done = [a for a in self.appointments if a.status == "completed" and self._price(a) > 0]
        moments = sorted((min(self.now, a.ends_at + timedelta(minutes=self.rng.randint(3, 20))), a.id)
                         for a in done if a.ends_at <= self.now)
        applied = {}
        for owed in self.owed:
            if owed.state == "applied" and owed.row.appointment_id is not None:
                applied.setdefault(owed.row.appointment_id, []).append(owed)
        for at, appointment_id in moments:
            a = self.by_id[appointment_id]
            self._checkout(a, at, applied.get(a.id, []) + self.project_final.get(a.id, []))

    def _checkout(self, a: Appointment, at: datetime, held: list[_Owed]) -> None:
        rng, day = self.rng, self._day(at)
        held_cents = sum(o.row.amount_cents for o in held)
        price = max(self._price(a), held_cents)
        credits, room = [], price - held_cents
        for owed in self.owed:  # the client's credit, oldest first, whole deposits that fit
            if (owed.state == "credited" and owed.row.client_id == a.client_id and owed.row.settled_at is not None
                    and owed.row.settled_at < at and owed.row.amount_cents <= room):
                credits.append(owed)
                room -= owed.row.amount_cents
        gift = next((g for g in self.gifts if g.ready_on is not None and g.ready_on <= day and g.balance > 0
                     and g.sold_at < at and (g.expires_on is None or day <= g.expires_on)), None)
        voucher = min(gift.balance, room) if gift is not None and room > 0 else 0
        if voucher and gift.balance == gift.initial and gift.index % 3 == 0:
            voucher = min(voucher, gift.balance // 2 // 500 * 500)  # some keep half for a later visit
        taken = take_off(price, deposits_held_cents=held_cents, credit_available_cents=price - held_cents - room,
                         apply_deposit=bool(held), use_credit=bool(credits), voucher_cents=voucher,
                         voucher_balance_cents=gift.balance if gift is not None else 0)
        tip = max(500, price * rng.randint(5, 15) // 100 // 500 * 500) if rng.random() < TIP_SHARE else 0
        due = price - taken.deposit_cents - taken.credit_cents - taken.voucher_cents + tip
        payments, tip_method, tendered = self._payments(due, tip)
        change = check_payments(due, payments, tip_cents=tip, tip_method=tip_method, cash_tendered_cents=tendered,
                                currency="EUR")
        cash = sum(p.amount_cents for p in payments if p.method == Method.CASH)
        self.receipts.append(dict(
            number=len(self.receipts) + 1, day=day, at=at, client_id=a.client_id,
            client_name=self.clients.get(a.client_id, ""), appointment_id=a.id, artist_id=a.artist_id,
            artist_name=self.staff.get(a.artist_id, ""), description=a.description, placement=a.placement,
            price_cents=price, deposit_cents=taken.deposit_cents, credit_cents=taken.credit_cents,
            voucher_cents=taken.voucher_cents, tip_cents=tip, tendered_cents=cash + change if cash else 0,
            change_cents=change, entered_by_name=self.desk_name))
        links = dict(receipt_id=("receipt", len(self.receipts) - 1), client_id=a.client_id, artist_id=a.artist_id,
                     appointment_id=a.id, project_id=a.project_id)
        for payment in payments:
            sale = payment.amount_cents - (tip if payment.method == tip_method else 0)
            if sale:
                self._entry(at, EntryKind.SALE, payment.method, sale, **links)
        if tip:
            self._entry(at, EntryKind.TIP, tip_method, tip, **links)
        for group, reason in ((held, "applied"), (credits, "credit_applied")):
            for owed in group:
                owed.state, owed.settled_at, owed.reason = "applied", at, reason
                self._move(owed, owed.row.amount_cents, EntryKind.SALE, at, **links)
        if voucher:
            gift.balance -= voucher
            gift.ready_on = day + timedelta(days=rng.randint(14, 60)) if gift.index != PART_SPENT else None
            self._entry(at, EntryKind.VOUCHER_REDEEMED, Method.VOUCHER, voucher,
                        **dict(links, voucher_id=("voucher", gift.index)))

    def _payments(self, due: int, tip: int) -> tuple[tuple[Payment, ...], Method, int | None]:
        """How the client pays ``due`` (tip included): card mostly, cash often (a note handed
        over now and then, with change), a bank transfer rarely, part cash part card some."""
        rng = self.rng
        if due <= 0:
            return (), Method.CARD, None
        roll = rng.random()
        if roll < SPLIT_SHARE and due - tip > 2000:
            cash = rng.randint(1, (due - tip - 1000) // 1000) * 1000
            return (Payment(Method.CASH, cash), Payment(Method.CARD, due - cash)), Method.CARD, None
        method = Method.CARD if roll < 0.62 else Method.CASH if roll < 0.95 else Method.TRANSFER
        tendered = None
        if method == Method.CASH and rng.random() < 0.5:
            note = rng.choice((1000, 2000, 5000))
            tendered = -(-due // note) * note
        return (Payment(method, due),), method, tendered

    def refunds(self) -> None:
        """A few sales and a tip given back some days later (part of a sale, the whole tip),
        and a credited deposit returned whole."""
        rng = self.rng
        sales = [i for i, e in enumerate(self.entries) if e["kind"] == "sale" and e["receipt_id"] is not None
                 and e["method"] in ("card", "cash") and e["deposit_id"] is None and e["amount_cents"] > 5000]
        tips = [i for i, e in enumerate(self.entries) if e["kind"] == "tip"]
        for index, reason in zip(rng.sample(sales, min(3, len(sales))), REFUND_REASONS[:3]):
            self._refund(index, rng.choice((2000, 3000, 5000)), reason)
        if tips:
            index = rng.choice(tips)
            self._refund(index, self.entries[index]["amount_cents"], REFUND_REASONS[3])
        credited = [o for o in self.owed if o.state == "credited" and o.row.settled_at is not None]
        if credited:
            owed = rng.choice(credited)
            at = self._refund(owed.entry, owed.row.amount_cents, DEPOSIT_REFUND_REASON)
            if at is not None:
                owed.state, owed.settled_at, owed.reason = "refunded", at, "refunded"

    def _refund(self, index: int, amount: int, reason: str) -> datetime | None:
        """RegisterService.refund: a negative entry by the original's method, pointing at it,
        some days after it (none when that would be today or later)."""
        original = self.entries[index]
        day = self._day(original["at"]) + timedelta(days=self.rng.randint(1, 10))
        while day.weekday() not in (1, 2, 3, 4, 5):
            day += timedelta(days=1)
        if day >= self.today:
            return None
        at = self._at(day)
        links = {k: original[k] for k in ("artist_id", "client_id", "appointment_id", "receipt_id", "voucher_id",
                                          "deposit_id")}
        self.refers[self._entry(at, EntryKind.REFUND, Method(original["method"]), -amount, note=reason,
                                **links)] = index
        return at

    def drawer(self) -> None:
        """Supplies, cleaning, cash put in and taken out, a balm sold now and then; then every
        past day closed with its float and the counted cash."""
        rng = self.rng
        first = min([self.today - timedelta(days=365), *(e["day"] for e in self.entries)])
        days = [first + timedelta(days=n) for n in range((self.today - first).days)]
        working = [d for d in days if d.weekday() in (1, 2, 3, 4, 5) and d >= self.today - timedelta(days=365)]
        for day in working:
            if rng.random() < 0.22:
                note, low, high = rng.choice(SUPPLIES)
                method = rng.choice((Method.CARD, Method.CARD, Method.TRANSFER, Method.CASH))
                amount = rng.randint(low // 100, high // 100) * 100
                self._entry(self._at(day), EntryKind.EXPENSE, method,
                            -min(amount, 6000) if method == Method.CASH else -amount, note=note)
            if day.weekday() == 5:
                self._entry(self._at(day, time(18), time(18, 45)), EntryKind.EXPENSE, Method.CASH, -CLEANING[1],
                            note=CLEANING[0])
            if day.day <= 7 and day.weekday() == 1:
                for note, method, amount in MONTHLY:
                    self._entry(self._at(day), EntryKind.EXPENSE, method, -amount, note=note)
                self._entry(self._at(day, time(11), time(11, 15)), EntryKind.CASH_IN, Method.CASH, 5000,
                            note="Coins for change from the bank")
            if rng.random() < 0.12:
                self._entry(self._at(day), EntryKind.SALE, rng.choice((Method.CASH, Method.CARD)), BALM[1],
                            note=BALM[0])
        cash: dict[date, int] = {}
        last: dict[date, datetime] = {}
        for e in self.entries:
            if e["method"] == "cash":
                cash[e["day"]] = cash.get(e["day"], 0) + e["amount_cents"]
            last[e["day"]] = max(last.get(e["day"], e["at"]), e["at"])
        for day in working:  # the week's cash to the bank on Saturdays, before the cleaner is paid
            if day.weekday() == 5 and cash.get(day, 0) > 30000:
                amount = (cash[day] - 10000) // 5000 * 5000
                at = self._at(day, time(17), time(17, 45))
                self._entry(at, EntryKind.CASH_OUT, Method.CASH, -amount, note="Cash to the bank")
                cash[day] -= amount
        for day, net in list(cash.items()):  # never fewer than no notes in the drawer
            if net < -OPENING_FLOAT:
                top_up = -(-(-OPENING_FLOAT - net) // 5000) * 5000
                self._entry(self._at(day, time(11), time(11, 10)), EntryKind.CASH_IN, Method.CASH, top_up,
                            note="Float topped up from the safe")
                cash[day] += top_up
        odd = set(rng.sample([d for d in working if d < self.today], min(len(COUNT_NOTES), len(working))))
        notes = iter(COUNT_NOTES)
        self.closes = []
        for day in sorted(set(working) | {d for d in last if d < self.today}):
            expected = OPENING_FLOAT + cash.get(day, 0)
            difference, note = next(notes) if day in odd else (0, "")
            counted = max(0, expected + difference)
            closed_at = datetime.combine(day, CLOSE_AT, self.zone)
            if day in last:  # closed after its last entry
                closed_at = max(closed_at, last[day] + timedelta(minutes=5))
            self.closes.append(dict(
                day=day, closed=True, opening_float_cents=OPENING_FLOAT, expected_cents=expected, counted_cents=counted,
                denominations=_by_denomination(counted) if rng.random() < 0.1 else "",
                note=note if counted != expected else "", closed_at=closed_at,
                closed_by_name=self.admin_name if day.weekday() == 5 else self.desk_name,
                reopened_at=None, reopened_by_name="", reopen_reason="", version=1))

    # ---- writing

    def write(self, session) -> None:
        """The rows in a few batched statements. Their ids are given (the next free ones, read
        inside this unit of work, which holds SQLite's write lock) so entries can name their
        receipt, voucher and original without a round trip per row."""
        first = {model: (session.scalar(select(func.max(model.id))) or 0) + 1
                 for model in (Voucher, Receipt, CashEntry)}
        resolve = {"voucher": first[Voucher], "receipt": first[Receipt]}
        connection = session.connection()  # plain executemany: the ORM's bulk insert batches by row shape
        if self.gifts:
            session.execute(insert(Voucher), [
                dict(id=first[Voucher] + g.index, code=g.code, initial_cents=g.initial, balance_cents=g.balance,
                     expires_on=g.expires_on, client_id=g.client_id, for_name=g.for_name, sold_at=g.sold_at,
                     sold_by_name=self.desk_name, version=1) for g in self.gifts])
        if self.receipts:
            connection.execute(insert(Receipt.__table__), [dict(r, id=first[Receipt] + n)
                                                           for n, r in enumerate(self.receipts)])
        order = sorted(range(len(self.entries)), key=lambda i: (self.entries[i]["at"], i))
        entry_id = {i: first[CashEntry] + n for n, i in enumerate(order)}  # ids in the order of time
        rows = []
        for i in order:
            row = dict(self.entries[i], id=entry_id[i])
            for column in ("voucher_id", "receipt_id"):
                if isinstance(row[column], tuple):
                    table, index = row[column]
                    row[column] = resolve[table] + index
            if i in self.refers:
                row["refers_to_id"] = entry_id[self.refers[i]]
            rows.append(row)
        if rows:
            connection.execute(insert(CashEntry.__table__), rows)
            rebuild_day_totals(session)  # the rows went in around entries.add, which keeps them
        session.execute(update(Deposit), [
            dict(id=o.row.id, cash_entry_id=entry_id[o.entry], state=o.state,
                 settled_at=o.settled_at if o.settled_at is not None else o.row.settled_at,
                 settled_reason=o.reason or o.row.settled_reason) for o in self.owed])
        session.expire_all()
        if self.closes:
            session.execute(insert(RegisterDay), self.closes)


def _by_denomination(cents: int) -> str:
    """The drawer counted note by note and coin by coin (the close-day dialog's JSON)."""
    counts = {}
    for value in DENOMINATIONS:
        counts[value], cents = divmod(cents, value)
    return json.dumps({str(k): v for k, v in sorted(counts.items()) if v})
