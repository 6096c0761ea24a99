"""finance: cash totals by day and by month, and an index of the notes

Revision ID: 0012_day_totals
Revises: 0011_inventory
Create Date: 2026-12-01

The entries there are summed into the new tables, as register/day_totals.py keeps them.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0012_day_totals'
down_revision = '0011_inventory'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('cash_day_totals',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('artist_key', sa.Integer(), nullable=False),
    sa.Column('refund_of', sa.String(length=20), nullable=False),
    sa.Column('total_cents', sa.Integer(), nullable=False),
    sa.Column('entries', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cash_day_totals')),
    sa.UniqueConstraint('day', 'kind', 'method', 'artist_key', 'refund_of', name='one_row_a_day')
    )
    with op.batch_alter_table('cash_day_totals', schema=None) as batch_op:
        batch_op.create_index('ix_cash_day_totals_summary', ['day', 'kind', 'refund_of', 'total_cents'], unique=False)

    op.create_table('cash_month_totals',
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('artist_key', sa.Integer(), nullable=False),
    sa.Column('refund_of', sa.String(length=20), nullable=False),
    sa.Column('total_cents', sa.Integer(), nullable=False),
    sa.Column('entries', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cash_month_totals')),
    sa.UniqueConstraint('month', 'kind', 'method', 'artist_key', 'refund_of', name='one_row_a_month')
    )
    op.create_index('ix_cash_entries_notes', 'cash_entries', ['note', 'kind', 'method', 'amount_cents'], unique=False,
                    sqlite_where=sa.text("note != ''"), postgresql_where=sa.text("note != ''"))
    _sum_the_entries()


def _sum_the_entries() -> None:
    """The totals of the entries there are: by day in SQL (a refund's row says which kind it
    gave back; 0 stands for no artist), then by month from those rows (no engine's own date
    functions)."""
    op.execute("""
        INSERT INTO cash_day_totals (day, kind, method, artist_key, refund_of, total_cents, entries)
        SELECT e.day, e.kind, e.method, COALESCE(e.artist_id, 0),
               CASE WHEN e.kind = 'refund' THEN COALESCE(o.kind, '') ELSE '' END,
               SUM(e.amount_cents), COUNT(*)
        FROM cash_entries e LEFT OUTER JOIN cash_entries o ON o.id = e.refers_to_id
        GROUP BY e.day, e.kind, e.method, COALESCE(e.artist_id, 0),
                 CASE WHEN e.kind = 'refund' THEN COALESCE(o.kind, '') ELSE '' END
    """)
    days = sa.table("cash_day_totals", sa.column("day", sa.Date()), sa.column("kind"), sa.column("method"),
                    sa.column("artist_key"), sa.column("refund_of"), sa.column("total_cents"), sa.column("entries"))
    months: dict[tuple, list[int]] = {}
    for day, kind, method, artist, refund_of, total, n in op.get_bind().execute(sa.select(*days.c)):
        figures = months.setdefault((day.replace(day=1), kind, method, artist, refund_of), [0, 0])
        figures[0] += total
        figures[1] += n
    if months:
        month_table = sa.table("cash_month_totals", sa.column("month", sa.Date()), sa.column("kind"),
                               sa.column("method"), sa.column("artist_key"), sa.column("refund_of"),
                               sa.column("total_cents"), sa.column("entries"))
        op.bulk_insert(month_table, [dict(zip(("month", "kind", "method", "artist_key", "refund_of"), key),
                                          total_cents=total, entries=n) for key, (total, n) in months.items()])


def downgrade() -> None:
    op.drop_index('ix_cash_entries_notes', table_name='cash_entries')
    op.drop_table('cash_month_totals')
    with op.batch_alter_table('cash_day_totals', schema=None) as batch_op:
        batch_op.drop_index('ix_cash_day_totals_summary')

    op.drop_table('cash_day_totals')
