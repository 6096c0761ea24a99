"""scheduling: appointments, projects with their reference images, deposits, time off and
the waitlist

Revision ID: 0009_scheduling
Revises: 0008_audit_wording
Create Date: 2026-12-01 14:32:31.004572
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import studio.models.base


revision = '0009_scheduling'
down_revision = '0008_audit_wording'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('time_off',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('artist_id', sa.Integer(), nullable=True),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['artist_id'], ['staff.id'], name=op.f('fk_time_off_artist_id_staff'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_time_off'))
    )
    with op.batch_alter_table('time_off', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_time_off_artist_id'), ['artist_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_time_off_first_day'), ['first_day'], unique=False)

    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('placement', sa.String(length=120), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('quote_cents', sa.Integer(), nullable=True),
    sa.Column('submission_id', sa.Integer(), nullable=True),
    sa.Column('closed', sa.Boolean(), nullable=False),
    sa.Column('created_at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('created_by_name', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_projects_client_id_clients'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submission_id'], ['intake_submissions.id'], name=op.f('fk_projects_submission_id_intake_submissions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects'))
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_projects_client_id'), ['client_id'], unique=False)

    op.create_table('appointments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('artist_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('starts_at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('ends_at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('placement', sa.String(length=120), nullable=False),
    sa.Column('size', sa.String(length=60), nullable=False),
    sa.Column('flash', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('price_cents', sa.Integer(), nullable=True),
    sa.Column('outside_hours', sa.Boolean(), nullable=False),
    sa.Column('back_office', sa.Boolean(), nullable=False),
    sa.Column('reschedules', sa.Integer(), nullable=False),
    sa.Column('cancelled_at', studio.models.base.UTCDateTime(), nullable=True),
    sa.Column('cancelled_by_name', sa.String(length=120), nullable=False),
    sa.Column('cancel_reason', sa.String(length=300), nullable=False),
    sa.Column('cancel_notice_minutes', sa.Integer(), nullable=True),
    sa.Column('created_at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('created_by_name', sa.String(length=120), nullable=False),
    sa.Column('updated_at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by_name', sa.String(length=120), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('consultation', 'session', 'touch_up')", name=op.f('ck_appointments_kind_known')),
    sa.CheckConstraint("status IN ('requested', 'booked', 'confirmed', 'checked_in', 'in_progress', 'completed', 'cancelled', 'no_show')", name=op.f('ck_appointments_status_known')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_appointments_ends_after_start')),
    sa.ForeignKeyConstraint(['artist_id'], ['staff.id'], name=op.f('fk_appointments_artist_id_staff'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_appointments_client_id_clients'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_appointments_project_id_projects'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointments'))
    )
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.create_index('ix_appointments_artist_starts', ['artist_id', 'starts_at'], unique=False)
        batch_op.create_index('ix_appointments_client_starts', ['client_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointments_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointments_starts_at'), ['starts_at'], unique=False)

    op.create_table('project_images',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=64), nullable=False),
    sa.Column('added_at', studio.models.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_images_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_images'))
    )
    with op.batch_alter_table('project_images', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_images_project_id'), ['project_id'], unique=False)

    op.create_table('deposits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('received_at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('recorded_by_name', sa.String(length=120), nullable=False),
    sa.Column('settled_at', studio.models.base.UTCDateTime(), nullable=True),
    sa.Column('settled_reason', sa.String(length=300), nullable=False),
    sa.Column('cash_entry_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("state IN ('held', 'applied', 'forfeited', 'credited', 'refunded')", name=op.f('ck_deposits_state_known')),
    sa.CheckConstraint('(project_id IS NULL) != (appointment_id IS NULL)', name=op.f('ck_deposits_one_owner')),
    sa.CheckConstraint('amount_cents > 0', name=op.f('ck_deposits_amount_positive')),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointments.id'], name=op.f('fk_deposits_appointment_id_appointments'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_deposits_client_id_clients'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_deposits_project_id_projects'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deposits'))
    )
    with op.batch_alter_table('deposits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deposits_appointment_id'), ['appointment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deposits_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deposits_project_id'), ['project_id'], unique=False)

    op.create_table('waitlist',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('artist_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', studio.models.base.UTCDateTime(), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('consultation', 'session', 'touch_up')", name=op.f('ck_waitlist_kind_known')),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointments.id'], name=op.f('fk_waitlist_appointment_id_appointments'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['artist_id'], ['staff.id'], name=op.f('fk_waitlist_artist_id_staff'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_waitlist_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_waitlist'))
    )
    with op.batch_alter_table('waitlist', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_waitlist_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_waitlist_last_day'), ['last_day'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('waitlist', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_waitlist_last_day'))
        batch_op.drop_index(batch_op.f('ix_waitlist_client_id'))

    op.drop_table('waitlist')
    with op.batch_alter_table('deposits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deposits_project_id'))
        batch_op.drop_index(batch_op.f('ix_deposits_client_id'))
        batch_op.drop_index(batch_op.f('ix_deposits_appointment_id'))

    op.drop_table('deposits')
    with op.batch_alter_table('project_images', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_images_project_id'))

    op.drop_table('project_images')
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointments_starts_at'))
        batch_op.drop_index(batch_op.f('ix_appointments_project_id'))
        batch_op.drop_index('ix_appointments_client_starts')
        batch_op.drop_index('ix_appointments_artist_starts')

    op.drop_table('appointments')
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_projects_client_id'))

    op.drop_table('projects')
    with op.batch_alter_table('time_off', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_time_off_first_day'))
        batch_op.drop_index(batch_op.f('ix_time_off_artist_id'))

    op.drop_table('time_off')
