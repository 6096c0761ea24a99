"""The register's dashboard cards: today's takings by method, and this week and this month
against the same spans last year. Whose figures they are is the services' decision
(OverviewService.takings / takings_compared): an artist's own, else the studio's; the
comparison is shown to those the services give it to (sees_year_on_year)."""

from __future__ import annotations

from studio.services.common import Role, _, money, percent
from studio.services.dashboard import Span, TakingsCompared, TakingsToday, sees_year_on_year
from studio.services.register import METHOD_LABELS
from studio.ui.kit.figure_card import FigureCard
from studio.ui.shell.page import PageHost


def _own(host: PageHost) -> bool:
    return host.actor.role == Role.ARTIST


class TakingsCard(FigureCard):
    def __init__(self, host: PageHost) -> None:
        super().__init__(host, _("YOUR TAKINGS TODAY") if _own(host) else _("TAKINGS TODAY"),
                         (("register", _("Open Register")),))
        self.takings: TakingsToday | None = None

    def refresh(self) -> None:
        self.host.call(lambda s, a: s.overview.takings(a), self._show, lambda _e: self.setVisible(False))

    def _show(self, takings: TakingsToday) -> None:
        self.takings = takings
        currency = self.host.settings.currency
        lines = [(_(METHOD_LABELS[method]), money(cents, currency)) for method, cents in takings.by_method]
        note = "" if lines else _("Nothing taken yet today.")
        self.show_figure(money(takings.total_cents, currency), note, lines)


def against_last_year(span: Span, currency: str) -> str:
    """"Last year 40,00 € · +25%", or that last year took nothing those days."""
    if span.change is None:
        return _("Nothing taken these days last year.")
    # Translators: {amount} is last year's takings over the same days, {change} a signed percentage, e.g. "+25%".
    return _("Last year {amount} · {change}").format(
        amount=money(span.last_year_cents, currency),
        change=("+" if span.change >= 0 else "−") + percent(abs(span.change)))


class ComparisonCard(FigureCard):
    """One span's takings against last year's (``span``: "week" or "month"). Opens Finance
    where the role has it, else the Register."""

    span = "week"

    def __init__(self, host: PageHost) -> None:
        own = _own(host)
        heading = {("week", False): _("THIS WEEK"), ("week", True): _("YOUR WEEK"),
                   ("month", False): _("THIS MONTH"), ("month", True): _("YOUR MONTH")}[self.span, own]
        super().__init__(host, heading, (("finance", _("Open Finance")), ("register", _("Open Register"))))
        self.compared: TakingsCompared | None = None

    def refresh(self) -> None:
        if not sees_year_on_year(self.host.actor.role):
            return  # the front desk: the studio's year on year is not theirs to see
        self.host.call(lambda s, a: s.overview.takings_compared(a), self._show, lambda _e: self.setVisible(False))

    def _show(self, compared: TakingsCompared) -> None:
        self.compared = compared
        span: Span = getattr(compared, self.span)
        currency = self.host.settings.currency
        self.show_figure(money(span.cents, currency), against_last_year(span, currency))


class WeekCard(ComparisonCard):
    span = "week"


class MonthCard(ComparisonCard):
    span = "month"
