"""Scheduling: appointments (a tattoo "session" in the studio's words), the projects that
group several of them, deposits, time off and the waitlist."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from studio.models.base import Base, UTCDateTime

APPOINTMENT_STATUSES = ("requested", "booked", "confirmed", "checked_in", "in_progress",
                        "completed", "cancelled", "no_show")
APPOINTMENT_KINDS = ("consultation", "session", "touch_up")
DEPOSIT_STATES = ("held", "applied", "forfeited", "credited", "refunded")


class Project(Base):
    """A tattoo that takes several sessions (a sleeve): its appointments, reference images,
    quote and one deposit belong to it."""

    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # NULL once the client is erased: the project's money stays in the books.
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="SET NULL"), nullable=True, index=True)
    title: Mapped[str] = mapped_column(String(200))
    placement: Mapped[str] = mapped_column(String(120), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    quote_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The intake submission it was made from, if any.
    submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("intake_submissions.id", ondelete="SET NULL"), nullable=True)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_name: Mapped[str] = mapped_column(String(120), default="")


class ProjectImage(Base):
    """A reference image of a project, a random file name under <data dir>/projects/."""

    __tablename__ = "project_images"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Appointment(Base):
    __tablename__ = "appointments"
    __table_args__ = (
        CheckConstraint(f"status IN {APPOINTMENT_STATUSES!r}", name="status_known"),
        CheckConstraint(f"kind IN {APPOINTMENT_KINDS!r}", name="kind_known"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        # The artist's calendar and the clash check read a range of one artist's starts.
        Index("ix_appointments_artist_starts", "artist_id", "starts_at"),
        Index("ix_appointments_client_starts", "client_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="SET NULL"), nullable=True)
    artist_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="RESTRICT"))
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="SET NULL"), nullable=True, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The piece.
    description: Mapped[str] = mapped_column(String(300), default="")
    placement: Mapped[str] = mapped_column(String(120), default="")
    size: Mapped[str] = mapped_column(String(60), default="")
    flash: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    price_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Booked outside the artist's hours (asked and confirmed), or in the past by an admin.
    outside_hours: Mapped[bool] = mapped_column(Boolean, default=False)
    back_office: Mapped[bool] = mapped_column(Boolean, default=False)
    reschedules: Mapped[int] = mapped_column(Integer, default=0)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    cancelled_by_name: Mapped[str] = mapped_column(String(120), default="")
    cancel_reason: Mapped[str] = mapped_column(String(300), default="")
    # How long before the start it was cancelled (negative: after the start).
    cancel_notice_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_name: Mapped[str] = mapped_column(String(120), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by_name: Mapped[str] = mapped_column(String(120), default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}


class Deposit(Base):
    """Money a client paid ahead for a booking: on the project when the appointment has one
    (so it follows the project's sessions), else on the appointment. The cash register
    adopts it (``cash_entry_id``) once it lands."""

    __tablename__ = "deposits"
    __table_args__ = (
        CheckConstraint(f"state IN {DEPOSIT_STATES!r}", name="state_known"),
        CheckConstraint("amount_cents > 0", name="amount_positive"),
        CheckConstraint("(project_id IS NULL) != (appointment_id IS NULL)", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="SET NULL"), nullable=True, index=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="RESTRICT"), nullable=True, index=True)
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointments.id", ondelete="RESTRICT"), nullable=True, index=True)
    amount_cents: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), default="held")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by_name: Mapped[str] = mapped_column(String(120), default="")
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    settled_reason: Mapped[str] = mapped_column(String(300), default="")
    cash_entry_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class TimeOff(Base):
    """Days an artist is away, or (no artist) the studio is closed: ``first_day`` to
    ``last_day`` inclusive, in the studio's local days."""

    __tablename__ = "time_off"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    artist_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="CASCADE"), nullable=True, index=True)
    first_day: Mapped[date] = mapped_column(Date, index=True)
    last_day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="")


class WaitlistEntry(Base):
    """A client waiting for a slot: an artist (or any), a kind of work, a window of days."""

    __tablename__ = "waitlist"
    __table_args__ = (CheckConstraint(f"kind IN {APPOINTMENT_KINDS!r}", name="kind_known"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    artist_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), nullable=True)
    kind: Mapped[str] = mapped_column(String(20))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Set when it became an appointment; such entries no longer wait.
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointments.id", ondelete="SET NULL"), nullable=True)
