"""register: cash entries, receipts, vouchers, commission rates and closed days

Revision ID: 0010_register
Revises: 0009_scheduling
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import studio.models.base


revision = '0010_register'
down_revision = '0009_scheduling'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('register_days',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('closed', sa.Boolean(), nullable=False),
    sa.Column('opening_float_cents', sa.Integer(), nullable=False),
    sa.Column('expected_cents', sa.Integer(), nullable=False),
    sa.Column('counted_cents', sa.Integer(), nullable=False),
    sa.Column('denominations', sa.Text(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('closed_at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('closed_by_name', sa.String(length=120), nullable=False),
    sa.Column('reopened_at', studio.models.base.UTCDateTime(), nullable=True),
    sa.Column('reopened_by_name', sa.String(length=120), nullable=False),
    sa.Column('reopen_reason', sa.String(length=300), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_register_days'))
    )
    op.create_table('commission_rates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('artist_id', sa.Integer(), nullable=True),
    sa.Column('rate_bp', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('set_at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('set_by_name', sa.String(length=120), nullable=False),
    sa.CheckConstraint('rate_bp >= 0 AND rate_bp <= 10000', name=op.f('ck_commission_rates_rate_in_range')),
    sa.ForeignKeyConstraint(['artist_id'], ['staff.id'], name=op.f('fk_commission_rates_artist_id_staff'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commission_rates')),
    sa.UniqueConstraint('artist_id', 'valid_from', name='one_rate_a_day')
    )
    op.create_table('vouchers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('initial_cents', sa.Integer(), nullable=False),
    sa.Column('balance_cents', sa.Integer(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('for_name', sa.String(length=120), nullable=False),
    sa.Column('sold_at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('sold_by_name', sa.String(length=120), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('balance_cents >= 0 AND balance_cents <= initial_cents', name=op.f('ck_vouchers_balance_in_range')),
    sa.CheckConstraint('initial_cents > 0', name=op.f('ck_vouchers_initial_positive')),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_vouchers_client_id_clients'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vouchers')),
    sa.UniqueConstraint('code', name=op.f('uq_vouchers_code'))
    )
    with op.batch_alter_table('vouchers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vouchers_client_id'), ['client_id'], unique=False)

    op.create_table('receipts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('client_name', sa.String(length=240), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.Column('artist_id', sa.Integer(), nullable=True),
    sa.Column('artist_name', sa.String(length=120), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('placement', sa.String(length=120), nullable=False),
    sa.Column('price_cents', sa.Integer(), nullable=False),
    sa.Column('deposit_cents', sa.Integer(), nullable=False),
    sa.Column('credit_cents', sa.Integer(), nullable=False),
    sa.Column('voucher_cents', sa.Integer(), nullable=False),
    sa.Column('tip_cents', sa.Integer(), nullable=False),
    sa.Column('tendered_cents', sa.Integer(), nullable=False),
    sa.Column('change_cents', sa.Integer(), nullable=False),
    sa.Column('entered_by_name', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointments.id'], name=op.f('fk_receipts_appointment_id_appointments'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['artist_id'], ['staff.id'], name=op.f('fk_receipts_artist_id_staff'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_receipts_client_id_clients'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipts')),
    sa.UniqueConstraint('appointment_id', name=op.f('uq_receipts_appointment_id')),
    sa.UniqueConstraint('number', name=op.f('uq_receipts_number'))
    )
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_receipts_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_receipts_day'), ['day'], unique=False)

    op.create_table('cash_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('artist_id', sa.Integer(), nullable=True),
    sa.Column('receipt_id', sa.Integer(), nullable=True),
    sa.Column('voucher_id', sa.Integer(), nullable=True),
    sa.Column('deposit_id', sa.Integer(), nullable=True),
    sa.Column('refers_to_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('entered_by_name', sa.String(length=120), nullable=False),
    sa.CheckConstraint("kind IN ('sale', 'deposit', 'tip', 'refund', 'voucher_sold', 'voucher_redeemed', 'expense', 'cash_in', 'cash_out', 'forfeit')", name=op.f('ck_cash_entries_kind_known')),
    sa.CheckConstraint("method IN ('cash', 'card', 'transfer', 'voucher', 'other')", name=op.f('ck_cash_entries_method_known')),
    sa.CheckConstraint('amount_cents != 0', name=op.f('ck_cash_entries_amount_not_zero')),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointments.id'], name=op.f('fk_cash_entries_appointment_id_appointments'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['artist_id'], ['staff.id'], name=op.f('fk_cash_entries_artist_id_staff'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_cash_entries_client_id_clients'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['deposit_id'], ['deposits.id'], name=op.f('fk_cash_entries_deposit_id_deposits'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['entered_by_id'], ['staff.id'], name=op.f('fk_cash_entries_entered_by_id_staff'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_cash_entries_project_id_projects'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['receipt_id'], ['receipts.id'], name=op.f('fk_cash_entries_receipt_id_receipts'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['refers_to_id'], ['cash_entries.id'], name=op.f('fk_cash_entries_refers_to_id_cash_entries'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['voucher_id'], ['vouchers.id'], name=op.f('fk_cash_entries_voucher_id_vouchers'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cash_entries'))
    )
    with op.batch_alter_table('cash_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cash_entries_appointment_id'), ['appointment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cash_entries_client_id'), ['client_id'], unique=False)
        batch_op.create_index('ix_cash_entries_day_figures', ['day', 'kind', 'method', 'artist_id', 'amount_cents'], unique=False)
        batch_op.create_index(batch_op.f('ix_cash_entries_deposit_id'), ['deposit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cash_entries_receipt_id'), ['receipt_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cash_entries_refers_to_id'), ['refers_to_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cash_entries_voucher_id'), ['voucher_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('cash_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cash_entries_voucher_id'))
        batch_op.drop_index(batch_op.f('ix_cash_entries_refers_to_id'))
        batch_op.drop_index(batch_op.f('ix_cash_entries_receipt_id'))
        batch_op.drop_index(batch_op.f('ix_cash_entries_deposit_id'))
        batch_op.drop_index('ix_cash_entries_day_figures')
        batch_op.drop_index(batch_op.f('ix_cash_entries_client_id'))
        batch_op.drop_index(batch_op.f('ix_cash_entries_appointment_id'))

    op.drop_table('cash_entries')
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_receipts_day'))
        batch_op.drop_index(batch_op.f('ix_receipts_client_id'))

    op.drop_table('receipts')
    with op.batch_alter_table('vouchers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vouchers_client_id'))

    op.drop_table('vouchers')
    op.drop_table('commission_rates')
    op.drop_table('register_days')
