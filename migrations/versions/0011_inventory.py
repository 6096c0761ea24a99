"""inventory: stock items, lots and movements

Revision ID: 0011_inventory
Revises: 0010_register
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import studio.models.base


revision = '0011_inventory'
down_revision = '0010_register'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stock_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('threshold', sa.Integer(), nullable=False),
    sa.Column('reorder_quantity', sa.Integer(), nullable=False),
    sa.Column('supplier', sa.String(length=120), nullable=False),
    sa.Column('sku', sa.String(length=60), nullable=False),
    sa.Column('barcode', sa.String(length=64), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('by_lot', sa.Boolean(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('on_hand', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("category IN ('ink', 'needles', 'cartridges', 'gloves', 'aftercare', 'cleaning', 'other')", name=op.f('ck_stock_items_category_known')),
    sa.CheckConstraint('on_hand >= 0', name=op.f('ck_stock_items_on_hand_not_negative')),
    sa.CheckConstraint('threshold >= 0 AND reorder_quantity >= 0', name=op.f('ck_stock_items_levels_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_items')),
    sa.UniqueConstraint('barcode', name=op.f('uq_stock_items_barcode')),
    sa.UniqueConstraint('name', name=op.f('uq_stock_items_name'))
    )
    op.create_table('stock_lots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('lot_number', sa.String(length=60), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('supplier', sa.String(length=120), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('received_quantity', sa.Integer(), nullable=False),
    sa.Column('barcode', sa.String(length=64), nullable=True),
    sa.Column('on_hand', sa.Integer(), nullable=False),
    sa.CheckConstraint('on_hand >= 0', name=op.f('ck_stock_lots_on_hand_not_negative')),
    sa.CheckConstraint('received_quantity > 0', name=op.f('ck_stock_lots_received_positive')),
    sa.ForeignKeyConstraint(['item_id'], ['stock_items.id'], name=op.f('fk_stock_lots_item_id_stock_items'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_lots')),
    sa.UniqueConstraint('item_id', 'lot_number', name='one_lot_number_an_item')
    )
    with op.batch_alter_table('stock_lots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_lots_barcode'), ['barcode'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_lots_expires_on'), ['expires_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_lots_item_id'), ['item_id'], unique=False)

    op.create_table('stock_movements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('delta', sa.Integer(), nullable=False),
    sa.Column('at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.Column('expired_use', sa.Boolean(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('staff_name', sa.String(length=120), nullable=False),
    sa.CheckConstraint("kind IN ('received', 'used', 'adjusted', 'wasted', 'returned')", name=op.f('ck_stock_movements_kind_known')),
    sa.CheckConstraint('delta != 0', name=op.f('ck_stock_movements_delta_not_zero')),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointments.id'], name=op.f('fk_stock_movements_appointment_id_appointments'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['item_id'], ['stock_items.id'], name=op.f('fk_stock_movements_item_id_stock_items'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['lot_id'], ['stock_lots.id'], name=op.f('fk_stock_movements_lot_id_stock_lots'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_stock_movements_staff_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_movements'))
    )
    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_movements_appointment_id'), ['appointment_id'], unique=False)
        batch_op.create_index('ix_stock_movements_item_at', ['item_id', 'at'], unique=False)
        batch_op.create_index('ix_stock_movements_lot_kind_at', ['lot_id', 'kind', 'at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_movements_lot_kind_at')
        batch_op.drop_index('ix_stock_movements_item_at')
        batch_op.drop_index(batch_op.f('ix_stock_movements_appointment_id'))

    op.drop_table('stock_movements')
    with op.batch_alter_table('stock_lots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_lots_item_id'))
        batch_op.drop_index(batch_op.f('ix_stock_lots_expires_on'))
        batch_op.drop_index(batch_op.f('ix_stock_lots_barcode'))

    op.drop_table('stock_lots')
    op.drop_table('stock_items')
