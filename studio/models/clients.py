"""Clients: the people who get tattooed, and the words their search finds them by."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from studio.models.base import Base, UTCDateTime


class Client(Base):
    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    full_name: Mapped[str] = mapped_column(String(120))
    preferred_name: Mapped[str] = mapped_column(String(120), default="")
    pronouns: Mapped[str] = mapped_column(String(40), default="")
    date_of_birth: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    # E.164 ("+15551234567") or "" when unknown; shown in the studio's local format.
    phone: Mapped[str] = mapped_column(String(24), default="", index=True)
    # Both ways of writing it, formatted once on save: formatting with phonenumbers costs
    # ~0.1 ms a number, too slow for a page of a hundred rows on every keystroke.
    phone_national: Mapped[str] = mapped_column(String(40), default="")
    phone_international: Mapped[str] = mapped_column(String(40), default="")
    # Stored lower-cased, like staff emails, so duplicates and lookups ignore case.
    email: Mapped[str] = mapped_column(String(254), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    emergency_name: Mapped[str] = mapped_column(String(120), default="")
    emergency_phone: Mapped[str] = mapped_column(String(24), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    # Health data: read only through ClientService.medical(), which audits every view.
    # Checklist keys (see services/clients/records.py, MEDICAL_CHECKS), comma-separated, sorted.
    medical_checks: Mapped[str] = mapped_column(String(400), default="")
    allergies: Mapped[str] = mapped_column(Text, default="")
    conditions: Mapped[str] = mapped_column(Text, default="")
    medications: Mapped[str] = mapped_column(Text, default="")
    skin_conditions: Mapped[str] = mapped_column(Text, default="")
    medical_notes: Mapped[str] = mapped_column(Text, default="")
    # Kept in step with the fields above, so a list can say "has notes" without reading them.
    has_medical: Mapped[bool] = mapped_column(Boolean, default=False)

    # A random file name under <data dir>/photos/, never derived from the client.
    photo_file: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The secret in the client's intake URL; replaced (and the old one dead) on demand.
    qr_id: Mapped[str] = mapped_column(String(64), unique=True)
    # The intake form behind qr_id works for 24 h from qr_issued_at and until a submission
    # spends it (qr_used_at); a code never shown (issued_at NULL) opens nothing.
    qr_issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    qr_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    # Search keys, folded (lower case, accents stripped) by the service on every write.
    search_name: Mapped[str] = mapped_column(String(250), default="", index=True)
    search_email: Mapped[str] = mapped_column(String(254), default="", index=True)
    phone_digits: Mapped[str] = mapped_column(String(24), default="")

    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # Kept as a name too, so the "changed by" message still reads after a staff row is gone.
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), nullable=True
    )
    updated_by_name: Mapped[str] = mapped_column(String(120), default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}


class ClientSearchTerm(Base):
    """One folded word a client can be found by: a name word, an email or a part of it, or
    a run of phone digits. A search word matches a client when it is a prefix of one of the
    client's terms, which an index answers as a range scan on every database.

    ``lcp`` is how many leading characters the term shares with the client's previous term
    in sorted order. A client's terms that start with a prefix P are consecutive in that
    order, so exactly one of them has ``lcp < len(P)``: filtering on it counts each client
    once straight from the index, without a DISTINCT over thousands of rows.

    ``name_key`` repeats the client's ``search_name`` so a page of matches in name order
    is sorted inside the index, without reading a client row per match.

    ``initials`` holds the first characters of all the client's terms (folding.initials),
    so the other words of a query are checked on the index row being read: a one-letter
    word entirely, a longer one before any look-up. ``initial`` is the term's own first
    character: the rows with ``lcp = 0`` are one per client and initial, so a one-letter
    query reads its matches already in name order from their own index.
    """

    __tablename__ = "client_search_terms"
    # lcp first: a word of n letters reads n short ranges (lcp = 0…n-1, each term in the
    # word's range), i.e. only the rows that count, not every term sharing the prefix.
    __table_args__ = (
        Index("ix_client_search_terms_lcp_term", "lcp", "term", "name_key", "client_id", "initials"),
        Index("ix_client_search_terms_initial", "lcp", "initial", "name_key", "client_id", "initials"),
    )

    client_id: Mapped[int] = mapped_column(
        ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True
    )
    term: Mapped[str] = mapped_column(String(64), primary_key=True)
    lcp: Mapped[int] = mapped_column(SmallInteger, default=0)
    name_key: Mapped[str] = mapped_column(String(250), default="")
    initials: Mapped[str] = mapped_column(Text, default="", server_default="")
    initial: Mapped[str] = mapped_column(String(1), default="", server_default="")
