"""audit wording: how an audit row's who, subject and detail read, kept as message ids and
values so the log shows in each reader's language

Revision ID: 0008_audit_wording
Revises: 0007_languages
Create Date: 2026-12-01 15:00:00.000000

Rows written before this revision keep their English text in ``detail`` and an empty
``wording``; the audit page shows them as they were written.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008_audit_wording'
down_revision = '0007_languages'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wording', sa.Text(), server_default='', nullable=False))


def downgrade() -> None:
    # DROP COLUMN, not batch mode: see 0007.
    op.drop_column('audit_events', 'wording')
