"""`studio demo`: the studio's stock — about forty items, their lots and a year of movements.

Inks by colour and brand, needles and cartridges by configuration (all three by lot),
gloves, aftercare, cleaning and the small things a session eats (razors, stencil paper,
ink caps…), with thresholds, reorder quantities, suppliers and some barcodes. The year is
played through in time order: an opening delivery, then an order each time an item falls
to its threshold, arriving a few days later as a new lot; every completed appointment uses
2–5 lines (gloves, the artist's needle or cartridge, one or two inks, a razor or stencil
sheet now and then), each artist staying on the lot they opened until it runs out; the
cleaning shelf is used week by week; something is wasted now and then, a lot expires on
the shelf and is thrown away, one delivery line goes back to the supplier, and two
stock-takes find small differences. At the end a few fast-moving items are under their
threshold (their last order not placed yet), a few lots expire within 30 days and one has
expired with a little left.

Written as rows in one unit of work like the register step, keeping what ``_move`` keeps:
what is on hand (of each item and lot) is the sum of its movements and never below zero, a
lot is used only after it was received, while it has stock and before it expires.
"""

from __future__ import annotations

import bisect
import heapq
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Callable
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select

from studio.models import Appointment, Staff, StockItem, StockLot, StockMovement
from studio.services.common.i18n import _
from studio.services.common.permissions import Role
from studio.services.common.settings_store import read_settings

INK_BOTTLE_ML = 120

# name, category, unit, threshold, reorder quantity, supplier, sku, barcode, how it is used:
#   ("black"/"ink", ml a session) · ("needle"/"cartridge", pieces) · ("gloves", pairs) ·
#   ("session", chance, pieces) · ("week", pieces a week) · (None: bought, seldom used)
ITEMS = (
    ("Dynamic Triple Black", "ink", "ml", 240, 480, "Dynamic Color", "DYN-TB-4", "0850002010015", ("black", 6)),
    ("Eternal Lining Black", "ink", "ml", 120, 360, "Eternal Ink", "ETL-LB-4", "0852221001236", ("black", 3)),
    ("Kuro Sumi Outlining Black", "ink", "ml", 120, 240, "Kuro Sumi", "KS-OB-4", "", ("ink", 3)),
    ("Eternal Grey Wash Medium", "ink", "ml", 120, 240, "Eternal Ink", "ETL-GWM-4", "0852221004657", ("ink", 4)),
    ("Dynamic White", "ink", "ml", 60, 240, "Dynamic Color", "DYN-W-4", "0850002010022", ("ink", 2)),
    ("Eternal Bright Red", "ink", "ml", 60, 240, "Eternal Ink", "ETL-BR-2", "", ("ink", 2)),
    ("Eternal Lipstick Red", "ink", "ml", 30, 120, "Eternal Ink", "ETL-LR-1", "", ("ink", 1)),
    ("Intenze Lemon Yellow", "ink", "ml", 60, 120, "Intenze", "INZ-LY-2", "", ("ink", 2)),
    ("Intenze Bright Orange", "ink", "ml", 30, 120, "Intenze", "INZ-BO-1", "", ("ink", 1)),
    ("Kuro Sumi Green", "ink", "ml", 30, 120, "Kuro Sumi", "KS-G-1", "", ("ink", 1)),
    ("Eternal Deep Blue", "ink", "ml", 30, 120, "Eternal Ink", "ETL-DB-1", "", ("ink", 1)),
    ("World Famous Violet", "ink", "ml", 30, 120, "World Famous", "WF-V-1", "", ("ink", 1)),
    ("Needles 3RL 0.30 mm", "needles", "piece", 20, 50, "Kwadron", "KW-N-3RL", "5901234123457", ("needle", 1)),
    ("Needles 5RL 0.35 mm", "needles", "piece", 20, 50, "Kwadron", "KW-N-5RL", "", ("needle", 1)),
    ("Needles 7RS 0.35 mm", "needles", "piece", 10, 50, "Kwadron", "KW-N-7RS", "", ("needle", 1)),
    ("Needles 9M1 0.35 mm", "needles", "piece", 10, 50, "Kwadron", "KW-N-9M1", "", ("needle", 1)),
    ("Needles 13RM 0.35 mm", "needles", "piece", 10, 50, "Kwadron", "KW-N-13RM", "", ("needle", 1)),
    ("Cartridges 1RL 0.25 mm", "cartridges", "piece", 20, 60, "Cheyenne", "CH-C-1RL", "4042963001012", ("cartridge", 1)),
    ("Cartridges 3RL 0.30 mm", "cartridges", "piece", 40, 100, "Cheyenne", "CH-C-3RL", "4042963001029", ("cartridge", 2)),
    ("Cartridges 5RL 0.35 mm", "cartridges", "piece", 40, 100, "Cheyenne", "CH-C-5RL", "4042963001036", ("cartridge", 2)),
    ("Cartridges 7RL 0.35 mm", "cartridges", "piece", 20, 60, "Cheyenne", "CH-C-7RL", "", ("cartridge", 1)),
    ("Cartridges 9RM 0.35 mm", "cartridges", "piece", 20, 60, "Cheyenne", "CH-C-9RM", "", ("cartridge", 1)),
    ("Cartridges 13RM 0.35 mm", "cartridges", "piece", 20, 60, "Cheyenne", "CH-C-13RM", "", ("cartridge", 1)),
    ("Nitrile gloves, S", "gloves", "pair", 50, 200, "MedSupply", "MS-NG-S", "8412345000019", ("gloves", 1)),
    ("Nitrile gloves, M", "gloves", "pair", 100, 300, "MedSupply", "MS-NG-M", "8412345000026", ("gloves", 3)),
    ("Nitrile gloves, L", "gloves", "pair", 50, 200, "MedSupply", "MS-NG-L", "8412345000033", ("gloves", 1)),
    ("Aftercare balm, 50 ml", "aftercare", "piece", 10, 36, "Hustle Butter", "HB-50", "0859123004011",
     ("session", 0.25, 1)),
    ("Healing film, 15 cm × 10 m", "aftercare", "roll", 3, 10, "Dermalize", "DZ-15-10", "4260372630019",
     ("week", 1)),
    ("Aftercare leaflets", "aftercare", "pack", 1, 5, "PrintPoint", "", "", ("week", 0.2)),
    ("Green soap concentrate, 1 l", "cleaning", "bottle", 2, 6, "MedSupply", "MS-GS-1L", "8412345000101",
     ("week", 0.5)),
    ("Surface disinfectant spray", "cleaning", "bottle", 3, 12, "MedSupply", "MS-SD-750", "8412345000118",
     ("week", 1)),
    ("Hand sanitiser, 500 ml", "cleaning", "bottle", 2, 6, "MedSupply", "MS-HS-500", "", ("week", 0.5)),
    ("Paper towels", "cleaning", "roll", 6, 24, "MedSupply", "MS-PT", "", ("week", 3)),
    ("Cling film, 30 cm", "cleaning", "roll", 2, 6, "MedSupply", "MS-CF-30", "", ("week", 0.5)),
    ("Disposable razors", "other", "piece", 20, 100, "MedSupply", "MS-RZ", "8412345000200", ("session", 0.6, 1)),
    ("Stencil paper", "other", "sheet", 25, 100, "Spirit", "SP-CL-100", "0073845001009", ("session", 0.8, 1)),
    ("Stencil transfer solution", "other", "bottle", 1, 3, "Stencil Stuff", "SS-120", "", ("week", 0.15)),
    ("Ink caps, assorted", "other", "pack", 2, 6, "Kwadron", "KW-IC", "", ("week", 0.4)),
    ("Rinse cups", "other", "pack", 1, 4, "Kwadron", "KW-RC", "", ("week", 0.25)),
    ("Machine and cord bags", "other", "box", 1, 4, "Kwadron", "KW-MB", "", ("week", 0.3)),
    ("Dental bibs", "other", "pack", 1, 4, "MedSupply", "MS-DB", "", ("week", 0.3)),
)
# Fast movers whose last order is not placed yet: under their threshold at the end.
RUNNING_LOW = ("Nitrile gloves, M", "Cartridges 5RL 0.35 mm", "Dynamic Triple Black", "Paper towels")
# A short-dated lot bought late in the year and not opened yet (days from now to its expiry).
SHORT_DATED = (("Intenze Bright Orange", 9), ("Kuro Sumi Green", 17), ("Needles 9M1 0.35 mm", 26))
EXPIRED = "Eternal Lipstick Red"        # its opening lot expired a week ago with a little left
EXPIRED_ON_SHELF = "World Famous Violet"  # its opening lot expired mid-year; the rest was thrown away
LOT_PREFIX = {"Dynamic Color": "DY", "Eternal Ink": "ET", "Kuro Sumi": "KS", "Intenze": "IZ", "World Famous": "WF",
              "Kwadron": "KW", "Cheyenne": "CH"}
WASTE_REASONS = (("ink", "Bottle knocked over at the station"), ("ink", "Cap left open; ink thickened"),
                 ("cartridges", "Blister torn; not sterile any more"), ("needles", "Dropped before use"),
                 ("gloves", "Box split in the delivery"), ("aftercare", "Tube leaked in the drawer"))
RETURN_REASON = "Wrong configuration delivered; sent back to the supplier"
EXPIRED_REASON = "Expired; thrown away"
STOCK_TAKE = "Stock-take"


@dataclass
class _Item:
    id: int
    name: str
    category: str
    unit: str
    threshold: int
    reorder: int
    supplier: str
    use: tuple
    by_lot: bool
    on_hand: int = 0
    lots: list[int] = field(default_factory=list)  # indexes into the sim's lots, in the order received
    ordered: bool = False


@dataclass
class _Lot:
    id: int
    item: _Item
    number: str
    expires_on: date
    received_on: date
    quantity: int
    barcode: str | None
    on_hand: int = 0
    keep: int = 0  # not to be used below this (the short-dated and expired lots the alerts show)


def add_demo_inventory(services, admin, progress: Callable[[str], None]) -> None:
    """Demo step: the stock list, its lots and a year of movements."""
    progress(_("Adding the stock list and a year of its use…"))
    now = services.clock()
    with services.db.unit_of_work() as uow:
        session = uow.session
        zone = ZoneInfo(read_settings(session).timezone)
        desk = session.scalar(select(Staff).where(Staff.role == Role.FRONT_DESK).order_by(Staff.id).limit(1))
        desk = (desk.id, desk.name) if desk is not None else (admin.staff_id, admin.name)
        shelf = _Shelf(random.Random(2029), zone, now, desk, (admin.staff_id, admin.name))
        shelf.read(session)
        shelf.play()
        shelf.write(session)
        uow.commit()


class _Shelf:
    def __init__(self, rng: random.Random, zone: ZoneInfo, now: datetime, desk: tuple[int, str],
                 admin: tuple[int, str]):
        self.rng, self.zone, self.now, self.desk, self.admin = rng, zone, now, desk, admin
        self.today = now.astimezone(zone).date()
        self.start = self.today - timedelta(days=372)
        self.lots: list[_Lot] = []
        self.moves: list[dict] = []
        self.events: list[tuple] = []  # a heap of (at, order, what, payload)
        self.order = 0
        self.current: dict[tuple[int, int], _Lot] = {}  # the lot each artist has open, by item

    # ---- reading

    def read(self, session) -> None:
        first = {model: (session.scalar(select(func.max(model.id))) or 0) + 1
                 for model in (StockItem, StockLot, StockMovement)}
        self.first = first
        self.items = [_Item(first[StockItem] + n, name, category, unit, threshold, reorder, supplier, use,
                            category in ("ink", "needles", "cartridges"))
                      for n, (name, category, unit, threshold, reorder, supplier, _sku, _code, use) in enumerate(ITEMS)]
        self.by_name = {i.name: i for i in self.items}
        self.gloves = [i for i in self.items if i.use[0] == "gloves"]
        self.staff = dict(session.execute(select(Staff.id, Staff.name)).all())
        self.sessions = [(a.id, a.artist_id, a.ends_at, a.kind) for a in session.scalars(
            select(Appointment).where(Appointment.status == "completed", Appointment.ends_at <= self.now,
                                      Appointment.kind != "consultation").order_by(Appointment.ends_at))]
        artists = sorted({artist for _a, artist, _e, _k in self.sessions})
        # Each artist's kit: cartridges for one, needles and cartridges for the other.
        kinds = [i for i in self.items if i.use[0] in ("needle", "cartridge")]
        self.kit = {artist: [i for i in kinds if (i.use[0] == "cartridge") or n % 2] for n, artist in enumerate(artists)}

    def _at(self, day: date, earliest: time = time(10, 30), latest: time = time(12, 30)) -> datetime:
        minutes = self.rng.randint(earliest.hour * 60 + earliest.minute, latest.hour * 60 + latest.minute)
        return datetime.combine(day, time(minutes // 60, minutes % 60), self.zone)

    def _event(self, at: datetime, what: str, payload=None) -> None:
        self.order += 1
        heapq.heappush(self.events, (at, self.order, what, payload))

    # ---- the year played through

    def play(self) -> None:
        rng = self.rng
        for item in self.items:
            amount = 60 if item.name == EXPIRED else item.threshold + item.reorder
            self._event(self._at(self.start), "deliver", (item, amount, "opening"))
        for appointment in self.sessions:
            self._event(appointment[2] - timedelta(minutes=rng.randint(2, 15)), "session", appointment)
        day = self.start + timedelta(days=3)
        while day < self.today:
            if day.weekday() == 5:
                self._event(datetime.combine(day, time(18, 40), self.zone), "week")
            if rng.random() < 0.035:
                self._event(self._at(day, time(11), time(18)), "waste")
            day += timedelta(days=1)
        for days, counting in ((190, ("gloves", "cleaning", "other")), (11, ("gloves", "aftercare", "cleaning", "other"))):
            self._event(datetime.combine(self.today - timedelta(days=days), time(19, 30), self.zone), "count", counting)
        self._event(self._at(self.today - timedelta(days=150)), "return")
        for name, days in SHORT_DATED:
            self._event(self._at(self.today - timedelta(days=rng.randint(40, 70))), "deliver",
                        (self.by_name[name], 2 * INK_BOTTLE_ML if self.by_name[name].category == "ink" else 50,
                         self.today + timedelta(days=days)))
        self._freeze()
        while self.events:
            at, _order, what, payload = heapq.heappop(self.events)
            if at > self.now:
                continue
            getattr(self, "_" + what)(at, payload)

    def _freeze(self) -> None:
        """For the running-low items, what the rest of the year will use of them after each
        event, on average (so their last order can be left unplaced)."""
        self.ahead: dict[int, tuple[list[datetime], list[float]]] = {}
        events = sorted(self.events)
        for name in RUNNING_LOW:
            item = self.by_name[name]
            times, left, total = [], [], 0.0
            for at, _order, what, payload in reversed(events):
                times.append(at)
                left.append(total)  # used after this event
                total += self._expected(item, what, payload)
            self.ahead[item.id] = (times[::-1], left[::-1])

    def _expected(self, item: _Item, what: str, payload) -> float:
        kind, weight = item.use[0], item.use[1]
        if what == "week":
            return weight if kind == "week" else 0.0
        if what != "session":
            return 0.0
        artist, session = payload[1], payload[3] == "session"
        if kind == "gloves":
            return 3 * weight / sum(i.use[1] for i in self.gloves)
        if kind == "black":
            return 6 * weight / sum(i.use[1] for i in self.items if i.use[0] == "black")
        if kind in ("needle", "cartridge"):
            kit = self.kit.get(artist) or []
            share = weight / sum(i.use[1] for i in kit) if item in kit else 0.0
            return share * (2 if session else 1)
        return 0.0

    def _left_after(self, item: _Item, at: datetime) -> float:
        times, left = self.ahead[item.id]
        index = bisect.bisect_right(times, at)
        return left[index - 1] if index else left[0]

    def _deliver(self, at: datetime, payload) -> None:
        item, amount, how = payload
        day = at.astimezone(self.zone).date()
        lot = self._new_lot(item, day, amount, how) if item.by_lot else None
        if how == "order":
            item.ordered = False
        self._move(at, item, lot, "received", amount, self.desk)

    def _new_lot(self, item: _Item, day: date, amount: int, how) -> _Lot:
        rng = self.rng
        if isinstance(how, date):
            expires, keep = how, amount  # short-dated: not opened yet
        elif item.category == "ink":
            expires, keep = day + timedelta(days=rng.randint(540, 900)), 0
        else:  # sterile: several years
            expires, keep = day + timedelta(days=rng.randint(3 * 365, 5 * 365)), 0
        if how == "opening" and item.name == EXPIRED:
            expires, keep = self.today - timedelta(days=7), 15
        if how == "opening" and item.name == EXPIRED_ON_SHELF:
            expires = self.start + timedelta(days=160)
        prefix = LOT_PREFIX.get(item.supplier, "LT")
        number = f"{prefix}{day.year % 100:02d}{day.month:02d}-{rng.randint(1000, 9999)}"
        while any(other.number == number for other in (self.lots[i] for i in item.lots)):
            number = f"{prefix}{day.year % 100:02d}{day.month:02d}-{rng.randint(1000, 9999)}"
        barcode = f"{prefix}{rng.randint(10 ** 9, 10 ** 10 - 1)}" if item.category == "cartridges" else None
        lot = _Lot(self.first[StockLot] + len(self.lots), item, number, expires, day, amount, barcode, keep=keep)
        item.lots.append(len(self.lots))
        self.lots.append(lot)
        return lot

    def _move(self, at: datetime, item: _Item, lot: _Lot | None, kind: str, delta: int, staff: tuple[int, str],
              *, reason: str = "", appointment_id: int | None = None) -> None:
        if item.on_hand + delta < 0 or (lot is not None and lot.on_hand + delta < 0):
            raise ValueError(f"{item.name} would go below zero")  # the plan's own mistake, never the data's
        item.on_hand += delta
        if lot is not None:
            lot.on_hand += delta
        self.moves.append(dict(item_id=item.id, lot_id=lot.id if lot is not None else None, kind=kind, delta=delta,
                               at=at, reason=reason, appointment_id=appointment_id, expired_use=False,
                               staff_id=staff[0], staff_name=staff[1]))
        if delta < 0:
            self._maybe_order(at, item)

    def _maybe_order(self, at: datetime, item: _Item) -> None:
        if item.ordered or item.on_hand > item.threshold:
            return
        amount = item.reorder
        if item.id in self.ahead:  # a running-low item: near the end, only what lasts to about half its threshold
            pack = INK_BOTTLE_ML if item.category == "ink" else 10
            need = self._left_after(item, at) - item.on_hand + item.threshold / 2
            amount = min(amount, -int(-need // pack) * pack)
            if amount <= 0:
                return
        item.ordered = True
        day = at.astimezone(self.zone).date() + timedelta(days=self.rng.randint(2, 6))
        while day.weekday() not in (1, 2, 3, 4, 5):
            day += timedelta(days=1)
        self._event(self._at(day), "deliver", (item, amount, "order"))

    def _open(self, item: _Item, day: date, amount: int, current: _Lot | None) -> _Lot | None:
        """The lot to take ``amount`` from: the one already open if it has enough and has not
        expired, else the oldest received that does."""
        def fits(lot: _Lot) -> bool:
            return lot.on_hand - amount >= lot.keep and lot.received_on <= day and lot.expires_on >= day
        if current is not None and fits(current):
            return current
        return next((lot for lot in (self.lots[i] for i in item.lots) if fits(lot)), None)

    def _take(self, at: datetime, item: _Item, amount: int, staff: tuple[int, str],
              appointment_id: int | None) -> bool:
        day = at.astimezone(self.zone).date()
        if not item.by_lot:
            amount = min(amount, item.on_hand)
            if amount > 0:
                self._move(at, item, None, "used", -amount, staff, appointment_id=appointment_id)
            return amount > 0
        key = (staff[0], item.id)
        lot = self._open(item, day, amount, self.current.get(key))
        if lot is None:
            return False
        self.current[key] = lot
        self._move(at, item, lot, "used", -amount, staff, appointment_id=appointment_id)
        return True

    def _session(self, at: datetime, appointment) -> None:
        rng = self.rng
        appointment_id, artist, _ends, kind = appointment
        staff = (artist, self.staff.get(artist, ""))
        lines = 0
        gloves = rng.choices(self.gloves, [i.use[1] for i in self.gloves])[0]
        lines += self._take(at, gloves, rng.randint(2, 4), staff, appointment_id)
        kit = self.kit.get(artist) or [i for i in self.items if i.use[0] == "cartridge"]
        tool = rng.choices(kit, [i.use[1] for i in kit])[0]
        lines += self._take(at, tool, rng.randint(1, 3) if kind == "session" else 1, staff, appointment_id)
        blacks = [i for i in self.items if i.use[0] == "black"]
        colours = [i for i in self.items if i.use[0] == "ink"]
        inks = [rng.choices(blacks, [i.use[1] for i in blacks])[0]]
        if kind == "session" and rng.random() < 0.55:
            inks.append(rng.choices(colours, [i.use[1] for i in colours])[0])
        for ink in inks:
            lines += self._take(at, ink, rng.randint(3, 9) if ink.use[0] == "black" else rng.randint(1, 4), staff,
                                appointment_id)
        for item in self.items:
            if lines >= 5:
                break
            if item.use[0] == "session" and rng.random() < item.use[1]:
                lines += self._take(at, item, item.use[2], staff, appointment_id)

    def _week(self, at: datetime, _payload) -> None:
        """The week's cleaning shelf and small things, used around the studio."""
        for item in self.items:
            if item.use[0] == "week":
                whole, part = divmod(item.use[1], 1)
                amount = int(whole) + (self.rng.random() < part)
                if amount:
                    self._take(at, item, amount, self.desk, None)

    def _waste(self, at: datetime, _payload) -> None:
        category, reason = self.rng.choice(WASTE_REASONS)
        stocked = [i for i in self.items if i.category == category and i.on_hand > i.threshold]
        if not stocked:
            return
        item = self.rng.choice(stocked)
        lot = None
        if item.by_lot:
            day = at.astimezone(self.zone).date()
            lot = next((self.lots[i] for i in reversed(item.lots) if self.lots[i].on_hand > self.lots[i].keep
                        and self.lots[i].received_on <= day), None)
            if lot is None:
                return
        amount = min(self.rng.randint(1, 3) * (30 if item.category == "ink" else 1),
                     (lot.on_hand - lot.keep) if lot is not None else item.on_hand)
        self._move(at, item, lot, "wasted", -amount, self.desk, reason=reason)

    def _return(self, at: datetime, _payload) -> None:
        item = self.by_name["Cartridges 13RM 0.35 mm"]
        day = at.astimezone(self.zone).date()
        lot = next((self.lots[i] for i in reversed(item.lots) if self.lots[i].received_on <= day
                    and self.lots[i].on_hand >= 20), None)
        if lot is not None:
            self._move(at, item, lot, "returned", -20, self.desk, reason=RETURN_REASON)

    def _count(self, at: datetime, categories) -> None:
        """A stock-take of some shelves: most lines as counted, a few a little off; and any
        lot past its date thrown away (except the one the alerts show)."""
        day = at.astimezone(self.zone).date()
        for lot in self.lots:
            if lot.expires_on < day and lot.on_hand > 0 and lot.item.name != EXPIRED:
                self._move(at, lot.item, lot, "wasted", -lot.on_hand, self.admin, reason=EXPIRED_REASON)
        counted = [i for i in self.items if i.category in categories and i.on_hand > 0]
        for item in self.rng.sample(counted, min(4, len(counted))):
            delta = self.rng.choice((-2, -1, -1, 1))
            if item.on_hand + delta >= 0:
                self._move(at, item, None, "adjusted", delta, self.admin, reason=STOCK_TAKE)

    # ---- writing

    def write(self, session) -> None:
        """The items, lots and movements in three batched statements, their ids given (the
        next free ones, read inside this unit of work, which holds SQLite's write lock)."""
        connection = session.connection()
        connection.execute(insert(StockItem.__table__), [
            dict(id=item.id, name=item.name, category=item.category, unit=item.unit, threshold=item.threshold,
                 reorder_quantity=item.reorder, supplier=item.supplier, sku=sku, barcode=code or None, notes="",
                 by_lot=item.by_lot, archived=False, on_hand=item.on_hand, version=1)
            for item, (*_spec, sku, code, _use) in zip(self.items, ITEMS)])
        if self.lots:
            connection.execute(insert(StockLot.__table__), [
                dict(id=lot.id, item_id=lot.item.id, lot_number=lot.number, expires_on=lot.expires_on,
                     supplier=lot.item.supplier, received_on=lot.received_on, received_quantity=lot.quantity,
                     barcode=lot.barcode, on_hand=lot.on_hand) for lot in self.lots])
        if self.moves:
            self.moves.sort(key=lambda m: m["at"])  # ids in the order of time
            connection.execute(insert(StockMovement.__table__), [
                dict(m, id=self.first[StockMovement] + n) for n, m in enumerate(self.moves)])


def _typical(item: _Item, what: str) -> float:
    """What one event uses of an item, on the low side (planning the running-low items)."""
    kind, weight = item.use[0], item.use[1]
    if what == "week":
        return weight if kind == "week" else 0.0
    if what != "session":
        return 0.0
    return {"gloves": 1.2, "black": 2.0, "cartridge": 0.25}.get(kind, 0.0)
