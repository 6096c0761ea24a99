"""The totals by day and month finance reads: kept by every entry the register writes (a
refund's row naming what it gave back), equal to the entries summed afresh, and made from
the entries there are by the migration that added them."""

from __future__ import annotations

from alembic import command
from sqlalchemy import func, select

from studio.db import alembic_config
from studio.models import CashDayTotal, CashMonthTotal
from studio.services.register import day_total_differences, rebuild_day_totals
from tests.finance.conftest import MONDAY


def _kept(services) -> list[tuple]:
    with services.db.unit_of_work() as uow:
        return sorted(tuple(r) for r in uow.session.execute(
            select(CashDayTotal.day, CashDayTotal.kind, CashDayTotal.method, CashDayTotal.artist_key,
                   CashDayTotal.refund_of, CashDayTotal.total_cents, CashDayTotal.entries)))


def test_every_write_keeps_its_days_totals(month):
    services = month.studio.services
    with services.db.unit_of_work() as uow:
        assert day_total_differences(uow.session) == []
    kept = _kept(services)
    mia = month.studio.mia.staff_id
    # Monday: the walk-in's sale and tip for Mia (cash), and later 20 € of her sale refunded.
    assert (MONDAY, "sale", "cash", mia, "", 10000, 1) in kept
    assert (MONDAY, "tip", "cash", mia, "", 1000, 1) in kept
    assert any(row[1] == "refund" and row[4] == "sale" and row[5] == -2000 for row in kept)
    assert any(row[1] == "forfeit" for row in kept) and any(row[1] == "voucher_redeemed" for row in kept)


def test_a_changed_total_is_found_and_rebuilt(month):
    services = month.studio.services
    before = _kept(services)
    with services.db.unit_of_work() as uow:
        row = uow.session.scalars(select(CashDayTotal).where(CashDayTotal.kind == "sale")).first()
        row.total_cents += 1
        uow.session.flush()
        # The day's row now disagrees with the entries (its month's, left alone, still agrees).
        assert [(period, key[1]) for period, key, _kept_figures, _made in day_total_differences(uow.session)] == [
            ("day", "sale")]
        rebuild_day_totals(uow.session)
        assert day_total_differences(uow.session) == []
        uow.commit()
    assert _kept(services) == before


def test_the_migration_sums_the_entries_there_are(month):
    services = month.studio.services
    before = _kept(services)
    services.db.dispose()
    cfg = alembic_config()
    cfg.set_main_option("sqlalchemy.url", services.db.url)
    command.downgrade(cfg, "0011_inventory")
    command.upgrade(cfg, "head")
    assert _kept(services) == before and before
    with services.db.unit_of_work() as uow:
        assert uow.session.scalar(select(func.count()).select_from(CashMonthTotal)) > 0
        assert day_total_differences(uow.session) == []  # the months too
