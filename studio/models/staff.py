"""Staff accounts and the per-email login throttle."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from studio.models.base import Base, UTCDateTime

ROLE_VALUES = ("admin", "artist", "front_desk")


class Staff(Base):
    __tablename__ = "staff"
    __table_args__ = (
        CheckConstraint(f"role IN {ROLE_VALUES!r}", name="role_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    # Stored lower-cased so that lookups and uniqueness ignore case.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # A hex colour used wherever this person appears (calendar, charts, legends).
    color: Mapped[str] = mapped_column(String(7), default="#6366F1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # The language of their own screens ("es", "pt_BR"…); None follows the studio's.
    language: Mapped[str | None] = mapped_column(String(10), nullable=True)


class LoginThrottle(Base):
    """An email locked out after too many failed sign-ins (known or not), kept in the
    database so a restart does not lift it. A row with no lock is the email's turnstile:
    sign-ins hold it while they count the window, so concurrent ones take turns."""

    __tablename__ = "login_throttle"

    email: Mapped[str] = mapped_column(String(254), primary_key=True)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class LoginFailure(Base):
    """One failed sign-in. The lock counts those of the last 15 minutes, a rolling window,
    so failures just before and just after any boundary count together."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_email_at", "email", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
