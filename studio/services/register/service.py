"""The register: the day's entries and totals, hand-typed entries, refunds and
corrections, closing and reopening a day, and the close-of-day report. Every write checks
the day's lock inside its unit of work, so nothing lands in a closed day."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import select

from studio.models import CashEntry, Deposit, Receipt, RegisterDay, Staff, Voucher
from studio.services.common import audit_log, events
from studio.services.common.audit_log import Formatted, Words
from studio.services.common.base import Service, flush_versioned
from studio.services.common.errors import NotFound, ValidationError
from studio.services.common.formats import long_date, money
from studio.services.common.i18n import N_, _
from studio.services.common.localtime import local_day
from studio.services.common.permissions import Permission, Role
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings
from studio.services.common.validation import clean_text
from studio.services.register import entries
from studio.services.register.amounts import checked_cents
from studio.services.register.days import DayClosed, close_record
from studio.services.register.records import (
    KIND_LABELS,
    MANUAL_KINDS,
    METHOD_LABELS,
    ArtistShare,
    ClientMoney,
    DayClose,
    DayReport,
    EntryInput,
    EntryKind,
    EntryRecord,
    Method,
    RegisterDayView,
)
from studio.services.register.reading import receipt_records, voucher_record
from studio.services.register.shares import Rates, shares

SUBJECT_ENTRY = "cash_entry"
SUBJECT_DAY = "register_day"
DENOMINATION_MAX = 10_000  # notes or coins of one kind in a drawer, at most


class RegisterService(Service):
    # ---- reading

    def today(self) -> date:
        with self.unit_of_work(write=False) as uow:
            return local_day(self.clock(), read_settings(uow.session).timezone)

    def day(self, actor: Actor, day: date | None = None, *, kind: EntryKind | None = None,
            method: Method | None = None, artist_id: int | None = None) -> RegisterDayView:
        """A day's entries (today's by default), filtered, with the shown entries' totals by
        method. Artists see only their own entries."""
        with self.unit_of_work(write=False) as uow:
            staff = self.authorize(uow, actor, Permission.VIEW_REGISTER)
            session = uow.session
            day = day or local_day(self.clock(), read_settings(session).timezone)
            where = [CashEntry.day == day]
            if staff.role == Role.ARTIST:
                where.append(CashEntry.artist_id == staff.id)
            cash_where = list(where)
            if kind is not None:
                where.append(CashEntry.kind == str(kind))
            if method is not None:
                where.append(CashEntry.method == str(method))
            if artist_id is not None:
                where.append(CashEntry.artist_id == artist_id)
            shown = entries.read(session, where)
            by_method, _by_kind, _cash = entries.totals(session, where)
            _m, _k, cash = entries.totals(session, cash_where)
            close = close_record(session.get(RegisterDay, day))
            names = dict(session.execute(select(Staff.id, Staff.name)).all())
            day_shares = shares(entries.counted(session, cash_where), Rates.read(session), names)
            return RegisterDayView(day, tuple(shown), by_method, len(shown), close,
                                   _opening_float(session, day), cash, day_shares)

    def entry(self, actor: Actor, entry_id: int) -> EntryRecord:
        with self.unit_of_work(write=False) as uow:
            staff = self.authorize(uow, actor, Permission.VIEW_REGISTER)
            found = entries.read(uow.session, [CashEntry.id == entry_id])
            if not found or (staff.role == Role.ARTIST and found[0].artist_id != staff.id):
                raise NotFound(_("That register entry does not exist."))
            return found[0]

    def day_report(self, actor: Actor, day: date) -> DayReport:
        """The close-of-day report's figures, from the entries alone."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.CLOSE_DAY)
            return _report(uow.session, day)

    def artist_takings(self, actor: Actor, first: date, last: date) -> ArtistShare:
        """The signed-in artist's sales, tips and share over the days (their own only)."""
        with self.unit_of_work(write=False) as uow:
            staff = self.authorize(uow, actor, Permission.VIEW_REGISTER)
            where = [CashEntry.day >= first, CashEntry.day <= last, CashEntry.artist_id == staff.id]
            found = shares(entries.counted(uow.session, where), Rates.read(uow.session), {staff.id: staff.name})
            return found[0] if found else ArtistShare(staff.id, staff.name, 0, 0, 0, 0,
                                                      Rates.read(uow.session).on(staff.id, last))

    def client_money(self, actor: Actor, client_id: int) -> ClientMoney:
        """A client's receipts, payments, credit and vouchers, for their History tab."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.TAKE_PAYMENTS)
            session = uow.session
            receipts = receipt_records(session, [Receipt.client_id == client_id])
            shown = entries.read(session, [CashEntry.client_id == client_id],
                                 order=(CashEntry.at.desc(), CashEntry.id.desc()), limit=200)
            credit = sum(session.scalars(select(Deposit.amount_cents).where(
                Deposit.client_id == client_id, Deposit.state == "credited")))
            vouchers = tuple(voucher_record(v) for v in session.scalars(
                select(Voucher).where(Voucher.client_id == client_id).order_by(Voucher.sold_at.desc())))
            return ClientMoney(tuple(receipts), tuple(shown), credit, vouchers)

    # ---- writing

    def record(self, actor: Actor, data: EntryInput) -> EntryRecord:
        """A hand-typed entry: a sale or tip taken outside a checkout, an expense paid from
        the drawer, cash put in or taken out. Dated now, in today's (open) day."""
        kind, method = EntryKind(data.kind), Method(data.method)
        if kind not in MANUAL_KINDS:
            raise ValidationError(_("That kind of entry comes from a checkout, a booking or a voucher sale."),
                                  field="kind")
        if method == Method.VOUCHER:
            raise ValidationError(_("A voucher pays only at a checkout; choose how the money was paid."),
                                  field="method")
        if kind in (EntryKind.CASH_IN, EntryKind.CASH_OUT) and method != Method.CASH:
            raise ValidationError(_("Cash in and cash out are always cash."), field="method")
        amount = checked_cents(data.amount_cents, field="amount")
        note = clean_text(data.note, field="note", label=_N_NOTE, max_length=300, required=False)
        if kind in (EntryKind.EXPENSE, EntryKind.CASH_OUT) and not note:
            raise ValidationError(_("Say what the money was for, e.g. “needles from the supplier”."), field="note")
        with self.unit_of_work() as uow:
            session = uow.session
            self.authorize(uow, actor, Permission.TAKE_PAYMENTS)
            now, settings = self.clock(), read_settings(session)
            artist_id = _artist(session, data.artist_id) if data.artist_id is not None else None
            entry = entries.add(session, day=local_day(now, settings.timezone), at=now, kind=kind, method=method,
                                amount_cents=-amount if kind.outgoing else amount, actor=actor,
                                artist_id=artist_id, client_id=data.client_id, note=note)
            audit_log.record(session, now, audit_log.CASH_ENTERED, actor=actor, subject_type=SUBJECT_ENTRY,
                             subject_id=entry.id, subject=Words(KIND_LABELS[kind]),
                             detail=_amount_by(entry.amount_cents, method, settings.currency))
            uow.commit()
            return entries.read(session, [CashEntry.id == entry.id])[0]

    def refund(self, actor: Actor, entry_id: int, amount_cents: int, reason: str, *,
               method: Method | None = None) -> EntryRecord:
        """Give back part or all of a sale, tip, deposit or voucher sale (never more than
        is left of it), by its method unless another is given. A refunded deposit is no
        longer held for the booking; a refunded voucher loses that much of its balance."""
        amount = checked_cents(amount_cents, field="amount")
        reason = clean_text(reason, field="reason", label=_N_REASON, max_length=300)
        with self.unit_of_work() as uow:
            session, now, settings, original, kind = self._open_entry(uow, actor, entry_id)
            if kind not in entries.REFUNDABLE or original.amount_cents < 0:
                raise ValidationError(_("Only a sale, a tip, a deposit or a voucher sale can be refunded."))
            left = original.amount_cents + entries.refunded_of(session, original.id)
            if amount > left:
                raise ValidationError(_("At most {left} is left to refund of this entry.").format(
                    left=money(left, settings.currency)), field="amount")
            method = Method(method or original.method)
            if method == Method.VOUCHER:
                raise ValidationError(_("Refund the money by cash, card or transfer."), field="method")
            if kind == EntryKind.DEPOSIT:
                _refund_deposit(session, original, amount, now, settings.currency)
            if kind == EntryKind.VOUCHER_SOLD:
                _refund_voucher(session, original, amount, settings.currency)
            refund = entries.add(session, day=local_day(now, settings.timezone), at=now, kind=EntryKind.REFUND,
                                 method=method, amount_cents=-amount, actor=actor, refers_to_id=original.id,
                                 artist_id=original.artist_id, client_id=original.client_id,
                                 appointment_id=original.appointment_id, receipt_id=original.receipt_id,
                                 voucher_id=original.voucher_id, deposit_id=original.deposit_id, note=reason)
            audit_log.record(session, now, audit_log.CASH_REFUNDED, actor=actor, subject_type=SUBJECT_ENTRY,
                             subject_id=original.id, subject=Words(KIND_LABELS[kind]),
                             detail=[_amount_by(-amount, method, settings.currency), reason])
            uow.commit()
            return entries.read(session, [CashEntry.id == refund.id])[0]

    def correct(self, actor: Actor, entry_id: int, reason: str) -> EntryRecord:
        """Cancel a hand-typed entry entered by mistake: a new entry of the opposite amount
        pointing at it (the original stays, as every entry does)."""
        reason = clean_text(reason, field="reason", label=_N_REASON, max_length=300)
        with self.unit_of_work() as uow:
            session, now, settings, original, kind = self._open_entry(uow, actor, entry_id)
            if original.refers_to_id is not None:
                raise ValidationError(_("This entry is itself a correction or refund; it can't be corrected."))
            if kind not in entries.REVERSIBLE or original.receipt_id is not None:
                raise ValidationError(_("Entries from a checkout, a booking or a voucher are put right with a "
                                        "refund, not a correction."))
            if entries.refunded_of(session, original.id):
                raise ValidationError(_("This entry was already corrected or refunded."))
            fix = entries.add(session, day=local_day(now, settings.timezone), at=now, kind=kind,
                              method=Method(original.method), amount_cents=-original.amount_cents, actor=actor,
                              refers_to_id=original.id, artist_id=original.artist_id,
                              client_id=original.client_id, note=reason)
            audit_log.record(session, now, audit_log.CASH_CORRECTED, actor=actor, subject_type=SUBJECT_ENTRY,
                             subject_id=original.id, subject=Words(KIND_LABELS[kind]),
                             detail=[_amount_by(fix.amount_cents, Method(original.method), settings.currency), reason])
            uow.commit()
            return entries.read(session, [CashEntry.id == fix.id])[0]

    def _open_entry(self, uow, actor: Actor, entry_id: int):
        """What a refund or a correction starts with: (session, now, settings, the
        original entry, its kind), once the actor may take payments."""
        self.authorize(uow, actor, Permission.TAKE_PAYMENTS)
        original = _entry(uow.session, entry_id)
        return uow.session, self.clock(), read_settings(uow.session), original, EntryKind(original.kind)

    # ---- closing

    def close_day(self, actor: Actor, day: date, *, opening_float_cents: int, counted_cents: int | None = None,
                  denominations: dict[int, int] | None = None, note: str = "") -> DayClose:
        """Count the drawer and lock the day: the expected cash is the opening float plus
        the day's cash entries; a count that differs needs a note. ``denominations``
        ({value in cents: how many}) counts the drawer instead of ``counted_cents``."""
        opening = checked_cents(opening_float_cents, field="opening_float", allow_zero=True)
        if denominations:
            denominations = _checked_denominations(denominations)
            counted_cents = sum(value * n for value, n in denominations.items())
        if counted_cents is None:
            raise ValidationError(_("Type the cash you counted in the drawer."), field="counted")
        counted = checked_cents(counted_cents, field="counted", allow_zero=True)
        note = clean_text(note, field="note", label=_N_NOTE, max_length=500, required=False)
        with self.unit_of_work() as uow:
            session = uow.session
            self.authorize(uow, actor, Permission.CLOSE_DAY)
            now, settings = self.clock(), read_settings(session)
            if day > local_day(now, settings.timezone):
                raise ValidationError(_("A day can be closed once it has begun."))
            row = session.get(RegisterDay, day)
            if row is not None and row.closed:
                raise DayClosed(_("{day} is already closed (by {who}).").format(day=long_date(day),
                                                                                 who=row.closed_by_name))
            _m, _k, cash = entries.totals(session, [CashEntry.day == day])
            expected = opening + cash
            if counted != expected and not note:
                raise ValidationError(_("The drawer holds {counted}, not the {expected} expected. Say why in a "
                                        "note, then close the day.").format(
                    counted=money(counted, settings.currency),
                    expected=money(expected, settings.currency)), field="note")
            if row is None:
                row = RegisterDay(day=day)
                session.add(row)
            row.closed, row.opening_float_cents, row.expected_cents, row.counted_cents = True, opening, expected, counted
            row.denominations = json.dumps({str(k): v for k, v in sorted(denominations.items())}) if denominations else ""
            row.note, row.closed_at, row.closed_by_name = note, now, actor.name
            flush_versioned(session, row, gone=_("That day changed meanwhile; nothing was saved."),
                            changed=lambda fresh: _("{who} closed or reopened this day meanwhile.").format(
                                who=fresh.closed_by_name))
            difference = counted - expected
            detail = [Formatted.day(day),
                      Words(N_("counted {counted}, expected {expected}"),
                            counted=Formatted.money(counted, settings.currency),
                            expected=Formatted.money(expected, settings.currency))]
            if difference:
                detail.append(note)
            audit_log.record(session, now, audit_log.DAY_CLOSED, actor=actor, subject_type=SUBJECT_DAY,
                             subject_id=day.isoformat(), subject=Formatted.day(day), detail=detail)
            self.publish_after(uow, events.DayClosed(day))
            uow.commit()
            return close_record(row)

    def reopen_day(self, actor: Actor, day: date, reason: str) -> DayClose:
        """Unlock a closed day (admins), saying why; it is audited and must be closed again."""
        reason = clean_text(reason, field="reason", label=_N_REASON, max_length=300)
        with self.unit_of_work() as uow:
            session = uow.session
            self.authorize(uow, actor, Permission.REOPEN_DAY)
            now = self.clock()
            row = session.get(RegisterDay, day)
            if row is None or not row.closed:
                raise ValidationError(_("{day} is not closed.").format(day=long_date(day)))
            row.closed, row.reopened_at, row.reopened_by_name, row.reopen_reason = False, now, actor.name, reason
            flush_versioned(session, row, gone=_("That day changed meanwhile; nothing was saved."),
                            changed=lambda fresh: _("{who} closed or reopened this day meanwhile.").format(
                                who=fresh.reopened_by_name or fresh.closed_by_name))
            audit_log.record(session, now, audit_log.DAY_REOPENED, actor=actor, subject_type=SUBJECT_DAY,
                             subject_id=day.isoformat(), subject=Formatted.day(day), detail=reason)
            uow.commit()
            return close_record(row)

    # ---- reports

    def write_reports(self, actor: Actor, day: date) -> tuple[Path, Path]:
        """The closed day's CSV and PDF in ``<data dir>/reports/`` (replaced if there)."""
        report = self.day_report(actor, day)
        if report.close is None or not report.close.closed:
            raise ValidationError(_("Close the day first; its report is written when it closes."))
        folder = self.data_dir / "reports"
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"register-{day.isoformat()}"
        written = []
        for suffix, data in ((".csv", _csv(report)), (".pdf", _pdf(report))):
            written.append(_replace(folder / (stem + suffix), data))
        return written[0], written[1]

    def export_day_for_command_line(self, day: date, fmt: str) -> bytes:
        """`studio export cash`: a closed day's report as CSV or PDF bytes."""
        with self.unit_of_work(write=False) as uow:
            report = _report(uow.session, day)
        if report.close is None or not report.close.closed:
            raise DayNotClosed(_("{day} is not closed; only a closed day's report can be exported.").format(
                day=long_date(day)))
        return _csv(report) if fmt == "csv" else _pdf(report)


class DayNotClosed(ValidationError):
    """A report asked for a day still open."""


def _report(session, day: date) -> DayReport:
    settings = read_settings(session)
    where = [CashEntry.day == day]
    by_method, by_kind, cash = entries.totals(session, where)
    names = dict(session.execute(select(Staff.id, Staff.name)).all())
    row = session.get(RegisterDay, day)
    close = close_record(row)
    opening = close.opening_float_cents if close is not None else _opening_float(session, day)
    return DayReport(day, settings.name, settings.currency, settings.timezone, tuple(entries.read(session, where)),
                     by_method, by_kind, shares(entries.counted(session, where), Rates.read(session), names),
                     opening, cash, close)


def _opening_float(session, day: date) -> int:
    """The float the day opened with: as closed, else the last closed day's."""
    row = session.scalar(select(RegisterDay).where(RegisterDay.day <= day).order_by(RegisterDay.day.desc()).limit(1))
    return row.opening_float_cents if row is not None else 0


def _csv(report: DayReport) -> bytes:
    from studio.services.register.csv_report import day_report_csv

    return day_report_csv(report)


def _pdf(report: DayReport) -> bytes:
    from studio.services.register.documents import day_report_pdf

    return day_report_pdf(report)


def _replace(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all (a crash leaves the old file)."""
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    except OSError:
        partial.unlink(missing_ok=True)
        raise
    return path


def _entry(session, entry_id: int) -> CashEntry:
    entry = session.get(CashEntry, entry_id)
    if entry is None:
        raise NotFound(_("That register entry does not exist."))
    return entry


def _artist(session, artist_id: int) -> int:
    staff = session.get(Staff, artist_id)
    if staff is None or staff.role != Role.ARTIST and staff.role != Role.ADMIN:
        raise ValidationError(_("Choose an artist of the studio."), field="artist_id")
    return staff.id


def _refund_deposit(session, entry: CashEntry, amount: int, now, currency: str) -> None:
    deposit = session.get(Deposit, entry.deposit_id) if entry.deposit_id else None
    if deposit is None or deposit.state not in ("held", "credited"):
        raise ValidationError(_("This deposit was already used or settled; refund the sale it paid for instead."))
    if amount != deposit.amount_cents:
        raise ValidationError(_("A deposit is refunded whole: {amount}.").format(
            amount=money(deposit.amount_cents, currency)), field="amount")
    deposit.state, deposit.settled_at, deposit.settled_reason = "refunded", now, "refunded"


def _refund_voucher(session, entry: CashEntry, amount: int, currency: str) -> None:
    voucher = session.get(Voucher, entry.voucher_id)
    if voucher is None or amount > voucher.balance_cents:
        left = voucher.balance_cents if voucher is not None else 0
        raise ValidationError(_("Only what is left on the voucher ({left}) can be refunded.").format(
            left=money(left, currency)), field="amount")
    voucher.balance_cents -= amount


def _checked_denominations(counts: dict[int, int]) -> dict[int, int]:
    clean = {}
    for value, n in counts.items():
        if isinstance(n, bool) or not isinstance(n, int) or n < 0 or n > DENOMINATION_MAX:
            raise ValidationError(_("Type how many of each note or coin, as a whole number."), field="denominations")
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ValueError("a denomination is a positive number of cents")
        if n:
            clean[value] = n
    return clean


def _amount_by(amount_cents: int, method: Method, currency: str) -> Words:
    # Translators: an amount and how it was paid, e.g. "€12.50 (Card)".
    return Words(N_("{amount} ({method})"), amount=Formatted.money(amount_cents, currency),
                 method=Words(METHOD_LABELS[method]))


# Field labels named inside sentences.
_N_NOTE = N_("note")
_N_REASON = N_("reason")
