"""Phone intake: walk-in tokens, release texts, submissions from phones, their photos, and
the consents archived when the desk accepts one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from studio.models.base import Base, UTCDateTime


class WalkinToken(Base):
    """The secret in the walk-in QR at the counter. One is live (retired_at NULL); staff
    rotate it, and optionally it rotates daily."""

    __tablename__ = "intake_walkin_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_by_name: Mapped[str] = mapped_column(String(120), default="")
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)


class ReleaseText(Base):
    """The studio's release form, versioned: an edit adds a version, never rewrites one,
    so every signature can say which words were signed."""

    __tablename__ = "release_texts"
    __table_args__ = (UniqueConstraint("language", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # One numbered history per language: the admin writes each language's text.
    language: Mapped[str] = mapped_column(String(10), default="en", server_default="en")
    version: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_name: Mapped[str] = mapped_column(String(120), default="")


class IntakeSubmission(Base):
    """What a phone sent, waiting for the desk (pending) or decided (accepted, rejected)."""

    __tablename__ = "intake_submissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # "client" or "walkin"
    # The client whose QR was used (kind "client"), then the client it was filed under.
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="SET NULL"), nullable=True, index=True
    )
    # One per form the server handed out: a second POST of the same form is the same
    # submission, never a duplicate.
    form_nonce: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(10), index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    full_name: Mapped[str] = mapped_column(String(120))
    # The cleaned answers as JSON (see services/intake/forms.py for the shape).
    answers: Mapped[str] = mapped_column(Text)
    release_version: Mapped[int] = mapped_column(Integer)
    # The language the client read the form and the release in, and signed.
    language: Mapped[str] = mapped_column(String(10), default="en", server_default="en")
    signature_png: Mapped[bytes] = mapped_column(LargeBinary)
    guardian_signature_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    is_minor: Mapped[bool] = mapped_column(Boolean, default=False)
    id_check_required: Mapped[bool] = mapped_column(Boolean, default=False)
    id_type: Mapped[str] = mapped_column(String(40), default="")
    id_last4: Mapped[str] = mapped_column(String(4), default="")
    id_checked_by_name: Mapped[str] = mapped_column(String(120), default="")
    id_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    decided_by_name: Mapped[str] = mapped_column(String(120), default="")
    reject_reason: Mapped[str] = mapped_column(String(500), default="")


class IntakePhoto(Base):
    """A reference photo, re-encoded, in <data dir>/intake/ under a random name."""

    __tablename__ = "intake_photos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("intake_submissions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    file: Mapped[str] = mapped_column(String(64))


class Consent(Base):
    """An accepted, signed release, archived as a PDF in <data dir>/consents/."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Kept after the client row is gone (the name too): inspections ask for old consents.
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="SET NULL"), nullable=True, index=True
    )
    client_name: Mapped[str] = mapped_column(String(120))
    search_name: Mapped[str] = mapped_column(String(250), default="", index=True)
    submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("intake_submissions.id", ondelete="SET NULL"), nullable=True, unique=True
    )
    release_version: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(10), default="en", server_default="en")  # as signed
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    accepted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    accepted_by_name: Mapped[str] = mapped_column(String(120))
    pdf_file: Mapped[str] = mapped_column(String(64))
