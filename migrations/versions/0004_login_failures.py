"""login failures: a rolling 15-minute window

Revision ID: 0004_login_failures
Revises: 0003_intake
Create Date: 2026-11-29 07:24:00.068368
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import studio.models.base

revision = '0004_login_failures'
down_revision = '0003_intake'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('login_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('at', studio.models.base.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_failures'))
    )
    with op.batch_alter_table('login_failures', schema=None) as batch_op:
        batch_op.create_index('ix_login_failures_email_at', ['email', 'at'], unique=False)

    # Rows that only counted failures (no lock) say nothing any more.
    op.execute("DELETE FROM login_throttle WHERE locked_until IS NULL")
    with op.batch_alter_table('login_throttle', schema=None) as batch_op:
        batch_op.drop_column('failures')
        batch_op.drop_column('window_started_at')



def downgrade() -> None:
    with op.batch_alter_table('login_throttle', schema=None) as batch_op:
        batch_op.add_column(sa.Column('window_started_at', studio.models.base.UTCDateTime(), nullable=False,
                                      server_default=sa.func.current_timestamp()))
        batch_op.add_column(sa.Column('failures', sa.Integer(), nullable=False, server_default="0"))

    with op.batch_alter_table('login_failures', schema=None) as batch_op:
        batch_op.drop_index('ix_login_failures_email_at')

    op.drop_table('login_failures')
