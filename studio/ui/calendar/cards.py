"""The calendar's dashboard cards: the bookings ahead whose deposit is still to come, and
the no-show rate over the last 90 days. An artist's are their own (the services decide)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from studio.services.common import _, day_label, money, ngettext, number, percent
from studio.services.scheduling import DepositsAwaiting, NoShowRate
from studio.ui.kit.figure_card import FigureCard
from studio.ui.shell.page import PageHost

NO_SHOW_DAYS = 90


class DepositsCard(FigureCard):
    def __init__(self, host: PageHost) -> None:
        super().__init__(host, _("DEPOSITS AWAITING"), (("calendar", _("Open Calendar")),))
        self.deposits: DepositsAwaiting | None = None

    def refresh(self) -> None:
        self.host.call(lambda s, a: s.overview.deposits_awaiting(a), self._show, lambda _e: self.setVisible(False))

    def _show(self, deposits: DepositsAwaiting) -> None:
        self.deposits = deposits
        settings = self.host.settings
        currency, zone = settings.currency, settings.timezone
        if deposits.count:
            # Translators: {amount} is the deposits asked and not paid yet, added up.
            note = _("{amount} asked, not paid yet").format(amount=money(deposits.amount_cents, currency))
        else:
            note = _("Every booking ahead has its deposit, or needs none.")
        lines = [
            # Translators: a booking waiting for its deposit, e.g. "Tue, 17 Mar · Ana Lima".
            (_("{day} · {client}").format(day=day_label(item.starts_at.astimezone(ZoneInfo(zone)).date()),
                                          client=item.client_name or _("Erased client")),
             money(item.amount_cents, currency))
            for item in deposits.soonest]
        if deposits.held_count:
            # Translators: e.g. "2 bookings hold a deposit: 120,00 €".
            lines.append(ngettext("{n} booking holds a deposit: {amount}", "{n} bookings hold a deposit: {amount}",
                                  deposits.held_count).format(n=number(deposits.held_count),
                                                              amount=money(deposits.held_cents, currency)))
        self.show_figure(number(deposits.count), note, lines)


class NoShowCard(FigureCard):
    def __init__(self, host: PageHost) -> None:
        super().__init__(host, _("NO-SHOWS, LAST 90 DAYS"), (("calendar", _("Open Calendar")),))
        self.rate: NoShowRate | None = None

    def refresh(self) -> None:
        self.host.call(lambda s, a: s.overview.no_show_rate(a, NO_SHOW_DAYS), self._show,
                       lambda _e: self.setVisible(False))

    def _show(self, rate: NoShowRate) -> None:
        self.rate = rate
        if rate.rate is None:
            self.show_figure("—", _("No appointments came due in the last 90 days."))
            return
        # Translators: e.g. "2 of 40 appointments: the client did not come".
        note = ngettext("{no_shows} of {n} appointment: the client did not come",
                        "{no_shows} of {n} appointments: the client did not come", rate.due).format(
            no_shows=number(rate.no_shows), n=number(rate.due))
        self.show_figure(percent(rate.rate, decimals=1), note)
