"""clients: clients and their search terms

Revision ID: 0002_clients
Revises: 0001_foundation
Create Date: 2026-11-29 06:28:08.417530
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import studio.models.base


revision = '0002_clients'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('clients',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=120), nullable=False),
    sa.Column('preferred_name', sa.String(length=120), nullable=False),
    sa.Column('pronouns', sa.String(length=40), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('phone', sa.String(length=24), nullable=False),
    sa.Column('phone_national', sa.String(length=40), nullable=False),
    sa.Column('phone_international', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('emergency_name', sa.String(length=120), nullable=False),
    sa.Column('emergency_phone', sa.String(length=24), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('medical_checks', sa.String(length=400), nullable=False),
    sa.Column('allergies', sa.Text(), nullable=False),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('medications', sa.Text(), nullable=False),
    sa.Column('skin_conditions', sa.Text(), nullable=False),
    sa.Column('medical_notes', sa.Text(), nullable=False),
    sa.Column('has_medical', sa.Boolean(), nullable=False),
    sa.Column('photo_file', sa.String(length=64), nullable=True),
    sa.Column('qr_id', sa.String(length=64), nullable=False),
    sa.Column('search_name', sa.String(length=250), nullable=False),
    sa.Column('search_email', sa.String(length=254), nullable=False),
    sa.Column('phone_digits', sa.String(length=24), nullable=False),
    sa.Column('created_at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('updated_at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_name', sa.String(length=120), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_clients_updated_by_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clients')),
    sa.UniqueConstraint('qr_id', name=op.f('uq_clients_qr_id'))
    )
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clients_date_of_birth'), ['date_of_birth'], unique=False)
        batch_op.create_index(batch_op.f('ix_clients_phone'), ['phone'], unique=False)
        batch_op.create_index(batch_op.f('ix_clients_search_email'), ['search_email'], unique=False)
        batch_op.create_index(batch_op.f('ix_clients_search_name'), ['search_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_clients_updated_at'), ['updated_at'], unique=False)

    op.create_table('client_search_terms',
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('term', sa.String(length=64), nullable=False),
    sa.Column('lcp', sa.SmallInteger(), nullable=False),
    sa.Column('name_key', sa.String(length=250), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_client_search_terms_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('client_id', 'term', name=op.f('pk_client_search_terms'))
    )
    with op.batch_alter_table('client_search_terms', schema=None) as batch_op:
        batch_op.create_index('ix_client_search_terms_term', ['term', 'lcp', 'name_key', 'client_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('client_search_terms', schema=None) as batch_op:
        batch_op.drop_index('ix_client_search_terms_term')

    op.drop_table('client_search_terms')
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clients_updated_at'))
        batch_op.drop_index(batch_op.f('ix_clients_search_name'))
        batch_op.drop_index(batch_op.f('ix_clients_search_email'))
        batch_op.drop_index(batch_op.f('ix_clients_phone'))
        batch_op.drop_index(batch_op.f('ix_clients_date_of_birth'))

    op.drop_table('clients')
