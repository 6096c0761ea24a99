"""client search terms carry the client's initials and their own initial

Revision ID: 0006_search_initials
Revises: 0005_search_index
Create Date: 2026-11-29 10:05:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006_search_initials'
down_revision = '0005_search_index'
branch_labels = None
depends_on = None

_BATCH = 2_000


def upgrade() -> None:
    with op.batch_alter_table('client_search_terms', schema=None) as batch_op:
        batch_op.drop_index('ix_client_search_terms_lcp_term')
        batch_op.add_column(sa.Column('initials', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('initial', sa.String(length=1), server_default='', nullable=False))
    _rewrite_terms(op.get_bind())
    with op.batch_alter_table('client_search_terms', schema=None) as batch_op:
        batch_op.create_index('ix_client_search_terms_lcp_term',
                              ['lcp', 'term', 'name_key', 'client_id', 'initials'], unique=False)
        batch_op.create_index('ix_client_search_terms_initial',
                              ['lcp', 'initial', 'name_key', 'client_id', 'initials'], unique=False)


def _rewrite_terms(conn) -> None:
    """Every client's term rows again, built by the function the service writes them with
    (so the new columns hold exactly what a save would put there)."""
    from studio.services.clients.search import term_records

    clients = sa.table('clients', sa.column('id'), sa.column('full_name'), sa.column('preferred_name'),
                       sa.column('email'), sa.column('phone'), sa.column('phone_national'),
                       sa.column('search_name'))
    terms = sa.table('client_search_terms', sa.column('client_id'), sa.column('term'), sa.column('lcp'),
                     sa.column('name_key'), sa.column('initials'), sa.column('initial'))
    rows = conn.execute(sa.select(clients.c.id, clients.c.full_name, clients.c.preferred_name,
                                  clients.c.email, clients.c.phone, clients.c.phone_national,
                                  clients.c.search_name).order_by(clients.c.id)).all()
    conn.execute(terms.delete())
    for start in range(0, len(rows), _BATCH):
        records = [record for r in rows[start:start + _BATCH] for record in term_records(*r)]
        if records:
            conn.execute(terms.insert(), records)


def downgrade() -> None:
    with op.batch_alter_table('client_search_terms', schema=None) as batch_op:
        batch_op.drop_index('ix_client_search_terms_initial')
        batch_op.drop_index('ix_client_search_terms_lcp_term')
        batch_op.drop_column('initial')
        batch_op.drop_column('initials')
    with op.batch_alter_table('client_search_terms', schema=None) as batch_op:
        batch_op.create_index('ix_client_search_terms_lcp_term', ['lcp', 'term', 'name_key', 'client_id'],
                              unique=False)
