"""client search index leads with lcp

Revision ID: 0005_search_index
Revises: 0004_login_failures
Create Date: 2026-11-29 07:55:32.563549
"""
from __future__ import annotations

from alembic import op

revision = '0005_search_index'
down_revision = '0004_login_failures'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('client_search_terms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_client_search_terms_term'))
        batch_op.create_index('ix_client_search_terms_lcp_term', ['lcp', 'term', 'name_key', 'client_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('client_search_terms', schema=None) as batch_op:
        batch_op.drop_index('ix_client_search_terms_lcp_term')
        batch_op.create_index(batch_op.f('ix_client_search_terms_term'), ['term', 'lcp', 'name_key', 'client_id'], unique=False)

