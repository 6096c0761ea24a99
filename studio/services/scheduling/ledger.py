"""Where scheduling tells the money side about deposits. Scheduling sits below the register,
so it cannot call it; the register plugs a ledger in (services/core.py) and scheduling
calls it inside the same unit of work, so a deposit and its cash entry land together or
not at all (a ledger that refuses, e.g. because the day is closed, undoes the change)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from studio.models import Deposit
from studio.services.common.records import Actor


class DepositLedger(Protocol):
    def received(self, session, deposit: Deposit, actor: Actor, now: datetime) -> None:
        """A deposit was paid (``deposit`` is flushed: it has its id)."""

    def forfeited(self, session, deposits: list[Deposit], actor: Actor, now: datetime) -> None:
        """Held deposits became the studio's after a no-show, a late cancel or one
        reschedule too many."""


class NoLedger:
    """Scheduling on its own (tests of scheduling alone): deposits touch no register."""

    def received(self, session, deposit: Deposit, actor: Actor, now: datetime) -> None:
        pass

    def forfeited(self, session, deposits: list[Deposit], actor: Actor, now: datetime) -> None:
        pass
