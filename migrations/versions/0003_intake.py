"""intake: phone submissions, release texts, consents

Revision ID: 0003_intake
Revises: 0002_clients
Create Date: 2026-11-29 06:24:48.690118
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import studio.models.base


revision = '0003_intake'
down_revision = '0002_clients'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('intake_walkin_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('issued_at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('issued_by_name', sa.String(length=120), nullable=False),
    sa.Column('retired_at', studio.models.base.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intake_walkin_tokens')),
    sa.UniqueConstraint('token', name=op.f('uq_intake_walkin_tokens_token'))
    )
    with op.batch_alter_table('intake_walkin_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_intake_walkin_tokens_retired_at'), ['retired_at'], unique=False)

    op.create_table('release_texts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('created_by_name', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_release_texts')),
    sa.UniqueConstraint('version', name=op.f('uq_release_texts_version'))
    )
    op.create_table('intake_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('form_nonce', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('received_at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('full_name', sa.String(length=120), nullable=False),
    sa.Column('answers', sa.Text(), nullable=False),
    sa.Column('release_version', sa.Integer(), nullable=False),
    sa.Column('signature_png', sa.LargeBinary(), nullable=False),
    sa.Column('guardian_signature_png', sa.LargeBinary(), nullable=True),
    sa.Column('is_minor', sa.Boolean(), nullable=False),
    sa.Column('id_check_required', sa.Boolean(), nullable=False),
    sa.Column('id_type', sa.String(length=40), nullable=False),
    sa.Column('id_last4', sa.String(length=4), nullable=False),
    sa.Column('id_checked_by_name', sa.String(length=120), nullable=False),
    sa.Column('id_checked_at', studio.models.base.UTCDateTime(), nullable=True),
    sa.Column('decided_at', studio.models.base.UTCDateTime(), nullable=True),
    sa.Column('decided_by_name', sa.String(length=120), nullable=False),
    sa.Column('reject_reason', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_intake_submissions_client_id_clients'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intake_submissions')),
    sa.UniqueConstraint('form_nonce', name=op.f('uq_intake_submissions_form_nonce'))
    )
    with op.batch_alter_table('intake_submissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_intake_submissions_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_intake_submissions_received_at'), ['received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_intake_submissions_status'), ['status'], unique=False)

    op.create_table('consents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('client_name', sa.String(length=120), nullable=False),
    sa.Column('search_name', sa.String(length=250), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=True),
    sa.Column('release_version', sa.Integer(), nullable=False),
    sa.Column('signed_at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('accepted_at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('accepted_by_name', sa.String(length=120), nullable=False),
    sa.Column('pdf_file', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_consents_client_id_clients'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submission_id'], ['intake_submissions.id'], name=op.f('fk_consents_submission_id_intake_submissions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consents')),
    sa.UniqueConstraint('submission_id', name=op.f('uq_consents_submission_id'))
    )
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consents_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consents_search_name'), ['search_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_consents_signed_at'), ['signed_at'], unique=False)

    op.create_table('intake_photos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('file', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['intake_submissions.id'], name=op.f('fk_intake_photos_submission_id_intake_submissions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intake_photos'))
    )
    with op.batch_alter_table('intake_photos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_intake_photos_submission_id'), ['submission_id'], unique=False)

    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('qr_issued_at', studio.models.base.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('qr_used_at', studio.models.base.UTCDateTime(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_column('qr_used_at')
        batch_op.drop_column('qr_issued_at')

    with op.batch_alter_table('intake_photos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_intake_photos_submission_id'))

    op.drop_table('intake_photos')
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consents_signed_at'))
        batch_op.drop_index(batch_op.f('ix_consents_search_name'))
        batch_op.drop_index(batch_op.f('ix_consents_client_id'))

    op.drop_table('consents')
    with op.batch_alter_table('intake_submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_intake_submissions_status'))
        batch_op.drop_index(batch_op.f('ix_intake_submissions_received_at'))
        batch_op.drop_index(batch_op.f('ix_intake_submissions_client_id'))

    op.drop_table('intake_submissions')
    op.drop_table('release_texts')
    with op.batch_alter_table('intake_walkin_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_intake_walkin_tokens_retired_at'))

    op.drop_table('intake_walkin_tokens')
