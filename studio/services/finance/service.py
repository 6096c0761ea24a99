"""Finance: the studio's numbers over any range of its local days — the summary by day,
week or month with rolling averages, each artist's figures, the ledger of every entry with
its filter and totals, and the month's report for the accountant. Read only; admins."""

from __future__ import annotations

import calendar
from datetime import date

from sqlalchemy import func, select

from studio.models import CashEntry
from studio.services.common import audit_log
from studio.services.common.audit_log import Words
from studio.services.common.base import Service
from studio.services.common.errors import ValidationError
from studio.services.common.i18n import N_, _
from studio.services.common.localtime import local_day
from studio.services.common.permissions import Permission
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings
from studio.services.finance import reports
from studio.services.finance.artists import artist_figures
from studio.services.finance.figures import entry_span, summarize
from studio.services.finance.ledger import IDS_AT_ONCE, conditions, on_totals, text_match
from studio.services.finance.records import ArtistFigures, DateRange, Granularity, LedgerFilter, LedgerPage, Summary
from studio.services.finance.tax import TaxSetting, read_tax, write_tax
from studio.services.register import read_entries

PAGE_MAX = 1000


class FinanceService(Service):
    def summary(self, actor: Actor, span: DateRange | None, granularity: Granularity = Granularity.DAY) -> Summary:
        """The range's figures by ``granularity`` (see Summary); ``span`` None: from the first
        entry to the last (today alone when there is none). ValidationError for a backwards
        range; PermissionDenied unless the actor may view finance."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_FINANCE)
            return summarize(uow.session, self._span(uow.session, span), Granularity(granularity))

    def artists(self, actor: Actor, span: DateRange) -> tuple[ArtistFigures, ...]:
        """Each artist's figures over the range (see ArtistFigures); their sales, tips and
        shares equal the sum of the register's close-of-day shares for those days."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_FINANCE)
            span = self._span(uow.session, span)
            return artist_figures(uow.session, span, read_settings(uow.session).timezone)

    def ledger(self, actor: Actor, where: LedgerFilter, offset: int = 0, limit: int = 100) -> LedgerPage:
        """``limit`` entries from ``offset`` (newest first) of those ``where`` matches, their
        count and their totals. ValidationError for a backwards range or too long a text."""
        if offset < 0 or not 0 < limit <= PAGE_MAX:
            raise ValueError("offset >= 0 and 0 < limit <= PAGE_MAX")
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_FINANCE)
            return _page(uow.session, where, offset, limit)

    def ledger_csv(self, actor: Actor, where: LedgerFilter) -> bytes:
        """Every entry ``where`` matches as CSV (oldest first), with their count and totals."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_FINANCE)
            session = uow.session
            page = _page(session, where, 0, None, newest_first=False)
            return reports.ledger_csv(page, read_settings(session).timezone)

    def tax(self, actor: Actor) -> TaxSetting:
        """The studio's sales tax (rate 0: none), for the register settings. Needs MANAGE_RATES."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.MANAGE_RATES)
            return read_tax(uow.session)

    def set_tax(self, actor: Actor, rate_bp: int, name: str) -> TaxSetting:
        """Set the rate the studio's prices include (0 turns the report's tax lines off) and
        its name; audited. ValidationError for a rate outside 0–50 % or too long a name."""
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_RATES)
            before = read_tax(uow.session)
            stored = write_tax(uow.session, rate_bp, name)
            audit_log.record(uow.session, self.clock(), audit_log.TAX_CHANGED, actor=actor,
                             subject=stored.name or Words(N_("VAT")),
                             # Translators: a tax rate before and after, e.g. "21 % → 23 %".
                             detail=Words(N_("{before} → {after}"), before=f"{before.rate_bp / 100:g} %",
                                          after=f"{stored.rate_bp / 100:g} %"))
            uow.commit()
            return stored

    def month_report_csv(self, actor: Actor, year: int, month: int) -> bytes:
        """The month's report as CSV (an empty month: a valid report of zeros)."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_FINANCE)
            return reports.month_csv(_month(uow.session, year, month))

    def month_report_pdf(self, actor: Actor, year: int, month: int) -> bytes:
        """The month's report as a PDF: totals by kind, method and artist, and the days' net as bars."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_FINANCE)
            report = _month(uow.session, year, month)
        return _pdf(report)

    def month_report_for_command_line(self, year: int, month: int, fmt: str) -> bytes:
        """`studio export finance`: the month's report as CSV or PDF bytes."""
        with self.unit_of_work(write=False) as uow:
            report = _month(uow.session, year, month)
        return reports.month_csv(report) if fmt == "csv" else _pdf(report)

    def _span(self, session, span: DateRange | None) -> DateRange:
        if span is None:
            today = local_day(self.clock(), read_settings(session).timezone)
            return entry_span(session) or DateRange(today, today)
        if span.first > span.last:
            raise ValidationError(_("The first day comes after the last; swap them."), field="first")
        return span


def _page(session, f: LedgerFilter, offset: int, limit: int | None, *, newest_first: bool = True) -> LedgerPage:
    """A page of ``f``'s entries with the count and totals of them all. Entries are only ever
    written dated now (register/entries.add), so their ids run in time order: by id, the first
    page stops early instead of sorting every match."""
    order = (CashEntry.id.desc(),) if newest_first else (CashEntry.id,)
    text = text_match(session, f)
    if text is None:
        rows = read_entries(session, conditions(f), order=order, limit=limit, offset=offset)
        count, by_kind, by_method = _totals(session, f)
        return LedgerPage(tuple(rows), offset, count, sum(by_kind.values()), by_kind, by_method)
    # A text: the count and totals summed in the database arm by arm (see TextMatch), the
    # page's ids the newest of each arm's, then only their rows.
    count, by_kind, by_method = _summed(session, [
        (sign, select(CashEntry.kind, CashEntry.method, func.sum(CashEntry.amount_cents), func.count())
         .where(*where).group_by(CashEntry.kind, CashEntry.method)) for sign, where in text.signed_arms])
    ids: set[int] = set()
    # Sorting by id + 0, not id, keeps the planner on the arm's index: walking every entry
    # newest first in search of a rare note would read them all.
    by_value = CashEntry.id + 0
    for where in text.arms:
        query = select(CashEntry.id).where(*where).order_by(by_value.desc() if newest_first else by_value)
        ids.update(session.scalars(query if limit is None else query.limit(offset + limit)))
    chosen = sorted(ids, reverse=newest_first)
    chosen = chosen if limit is None else chosen[offset:offset + limit]
    rows = [row for start in range(0, len(chosen), IDS_AT_ONCE)
            for row in read_entries(session, [CashEntry.id.in_(chosen[start:start + IDS_AT_ONCE])], order=order)]
    return LedgerPage(tuple(rows), offset, count, sum(by_kind.values()), by_kind, by_method)


def _totals(session, f: LedgerFilter) -> tuple[int, dict[str, int], dict[str, int]]:
    """The count and the totals by kind and by method of every entry ``f`` (without a text)
    matches: from the register's kept totals when the filter allows (not a client), else
    summed over the matching entries."""
    kept = on_totals(f)
    return _summed(session, [(1, select(CashEntry.kind, CashEntry.method, func.sum(CashEntry.amount_cents),
                                        func.count()).where(*conditions(f)).group_by(CashEntry.kind, CashEntry.method))]
                   if kept is None else
                   [(1, select(model.kind, model.method, func.sum(model.total_cents), func.sum(model.entries))
                     .where(*kept_where).group_by(model.kind, model.method)) for model, kept_where in kept])


def _summed(session, queries: list[tuple[int, object]]) -> tuple[int, dict[str, int], dict[str, int]]:
    """(count, by kind, by method) of (sign, query) pairs, each query's rows (kind, method,
    cents, entries) added with its sign; a kind or method no entry is left of is left out."""
    found: dict[tuple[str, str], list[int]] = {}
    for sign, query in queries:
        for kind, method, cents, n in session.execute(query):
            figures = found.setdefault((kind, method), [0, 0])
            figures[0] += sign * cents
            figures[1] += sign * n
    by_kind: dict[str, int] = {}
    by_method: dict[str, int] = {}
    for (kind, method), (cents, n) in found.items():
        if n:
            by_kind[kind] = by_kind.get(kind, 0) + cents
            by_method[method] = by_method.get(method, 0) + cents
    return sum(n for _cents, n in found.values()), by_kind, by_method


def _month(session, year: int, month: int) -> reports.MonthReport:
    if not (isinstance(year, int) and isinstance(month, int) and 1 <= month <= 12 and 1 <= year <= 9999):
        raise ValidationError(_("Give the month as YYYY-MM, e.g. 2026-03."), field="month")
    settings = read_settings(session)
    span = DateRange(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))
    _count, by_kind, by_method = _totals(session, LedgerFilter(span.first, span.last))
    return reports.MonthReport(settings.name, settings.currency, span.first, summarize(session, span, Granularity.DAY),
                               by_kind, by_method, artist_figures(session, span, settings.timezone),
                               read_tax(session))


def _pdf(report: reports.MonthReport) -> bytes:
    from studio.services.finance.month_pdf import month_pdf

    return month_pdf(report)
