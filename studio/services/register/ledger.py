"""The register's side of a booking's deposit (scheduling calls it inside its own unit of
work, see scheduling/ledger.py): a deposit paid is an entry of kind deposit; a forfeited one
moves, the day it is forfeited, from deposits to the studio's income (a pair of entries by
the same method, so the drawer's figures do not move)."""

from __future__ import annotations

from datetime import datetime

from studio.models import Appointment, Deposit
from studio.services.common.localtime import local_day
from studio.services.common.records import Actor
from studio.services.common.settings_store import read_settings
from studio.services.register import entries

from studio.services.register.records import EntryKind, Method


class RegisterLedger:
    def received(self, session, deposit: Deposit, actor: Actor, now: datetime) -> None:
        day = local_day(now, read_settings(session).timezone)
        entry = entries.add(session, day=day, at=now, kind=EntryKind.DEPOSIT, method=Method(deposit.method),
                            amount_cents=deposit.amount_cents, actor=actor, deposit_id=deposit.id,
                            client_id=deposit.client_id, project_id=deposit.project_id,
                            appointment_id=deposit.appointment_id, artist_id=_artist_of(session, deposit))
        deposit.cash_entry_id = entry.id

    def forfeited(self, session, deposits: list[Deposit], actor: Actor, now: datetime) -> None:
        day = local_day(now, read_settings(session).timezone)
        for deposit in deposits:
            move(session, deposit, deposit.amount_cents, EntryKind.FORFEIT, day=day, now=now, actor=actor)


def move(session, deposit: Deposit, amount_cents: int, into: EntryKind, *, day, now: datetime, actor: Actor,
         **links) -> None:
    """Take ``amount_cents`` out of the deposits and into ``into`` (a sale at a checkout, the
    studio's income when forfeited), by the deposit's method."""
    columns = dict(client_id=deposit.client_id, project_id=deposit.project_id,
                   appointment_id=deposit.appointment_id, artist_id=_artist_of(session, deposit))
    columns.update(links)
    for kind, amount in ((EntryKind.DEPOSIT, -amount_cents), (into, amount_cents)):
        entries.add(session, day=day, at=now, kind=kind, method=Method(deposit.method), amount_cents=amount,
                    actor=actor, deposit_id=deposit.id, **columns)

def _artist_of(session, deposit: Deposit) -> int | None:
    if deposit.appointment_id is None:
        return None
    appointment = session.get(Appointment, deposit.appointment_id)
    return appointment.artist_id if appointment is not None else None
