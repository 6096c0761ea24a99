"""languages: a staff member's own language, release texts per language, and the language
each submission and consent was read and signed in

Revision ID: 0007_languages
Revises: 0006_search_initials
Create Date: 2026-12-01 12:00:00.000000

Everything before this revision was written in English, so existing release texts,
submissions and consents are marked "en".
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007_languages'
down_revision = '0006_search_initials'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=10), nullable=True))
    with op.batch_alter_table('release_texts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=10), server_default='en', nullable=False))
        batch_op.drop_constraint('uq_release_texts_version', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_release_texts_language'), ['language', 'version'])
    with op.batch_alter_table('intake_submissions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=10), server_default='en', nullable=False))
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=10), server_default='en', nullable=False))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+), not batch mode: a rebuilt table would make
    # its indexes in another order, and a backup brought down to 0006 would not read as 0006.
    op.drop_column('consents', 'language')
    op.drop_column('intake_submissions', 'language')
    with op.batch_alter_table('release_texts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_release_texts_language'), type_='unique')
        batch_op.execute("DELETE FROM release_texts WHERE language != 'en'")
        batch_op.create_unique_constraint('uq_release_texts_version', ['version'])
        batch_op.drop_column('language')
    op.drop_column('staff', 'language')
