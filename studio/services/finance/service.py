"""Finance: the studio's numbers over any range of its local days — the summary by day,
week or month with rolling averages, each artist's figures, the ledger of every entry with
its filter and totals, and the month's report for the accountant. Read only; admins."""

from __future__ import annotations

import calendar
from datetime import date

from sqlalchemy import func, select

from studio.models import CashEntry
from studio.services.common.base import Service
from studio.services.common.errors import ValidationError
from studio.services.common.i18n import _
from studio.services.common.localtime import local_day
from studio.services.common.permissions import Permission
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings
from studio.services.finance import reports
from studio.services.finance.artists import artist_figures
from studio.services.finance.figures import entry_span, summarize
from studio.services.finance.ledger import conditions, on_totals
from studio.services.finance.records import ArtistFigures, DateRange, Granularity, LedgerFilter, LedgerPage, Summary
from studio.services.register import entry_totals, read_entries

PAGE_MAX = 1000
# Entries are only ever written dated now (register/entries.add), so their ids run in time
# order: newest first by id lets the first page stop early instead of sorting every match.
_NEWEST_FIRST = (CashEntry.id.desc(),)


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
            page = _page(session, where, 0, None, order=(CashEntry.id,))
            return reports.ledger_csv(page, read_settings(session).timezone)

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


def _page(session, f: LedgerFilter, offset: int, limit: int | None, order=_NEWEST_FIRST) -> LedgerPage:
    """The rows asked for, and the count and totals of every row ``f`` matches: from the daily
    totals when the filter allows, else summed over the matching entries."""
    where = conditions(f)
    rows = read_entries(session, where, order=order, limit=limit, offset=offset)
    kept = on_totals(f)
    if kept is None:
        count = session.scalar(select(func.count()).select_from(CashEntry).where(*where))
        by_method, by_kind, _cash = entry_totals(session, where)
    else:
        count, by_kind, by_method = 0, {}, {}
        for model, kept_where in kept:
            for kind, method, cents, n in session.execute(
                    select(model.kind, model.method, func.sum(model.total_cents), func.sum(model.entries))
                    .where(*kept_where).group_by(model.kind, model.method)):
                count += n
                by_kind[kind] = by_kind.get(kind, 0) + cents
                by_method[method] = by_method.get(method, 0) + cents
    return LedgerPage(tuple(rows), offset, count, sum(by_kind.values()), by_kind, by_method)


def _month(session, year: int, month: int) -> reports.MonthReport:
    if not (isinstance(year, int) and isinstance(month, int) and 1 <= month <= 12 and 1 <= year <= 9999):
        raise ValidationError(_("Give the month as YYYY-MM, e.g. 2026-03."), field="month")
    settings = read_settings(session)
    span = DateRange(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))
    by_method, by_kind, _cash = entry_totals(session, conditions(LedgerFilter(span.first, span.last)))
    return reports.MonthReport(settings.name, settings.currency, span.first, summarize(session, span, Granularity.DAY),
                               by_kind, by_method, artist_figures(session, span, settings.timezone))


def _pdf(report: reports.MonthReport) -> bytes:
    from studio.services.finance.month_pdf import month_pdf

    return month_pdf(report)
