"""The cash register: every movement of money (an entry, never edited or deleted), the
receipts checkouts print, gift vouchers, the artists' commission rates by date and the
closed days."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from studio.models.base import Base, UTCDateTime

ENTRY_KINDS = ("sale", "deposit", "tip", "refund", "voucher_sold", "voucher_redeemed", "expense",
               "cash_in", "cash_out", "forfeit")
ENTRY_METHODS = ("cash", "card", "transfer", "voucher", "other")


class CashEntry(Base):
    """One movement of money, signed: what came in is positive, what went out negative.
    A correction or refund is a new entry pointing at the original (``refers_to_id``)."""

    __tablename__ = "cash_entries"
    __table_args__ = (
        CheckConstraint(f"kind IN {ENTRY_KINDS!r}", name="kind_known"),
        CheckConstraint(f"method IN {ENTRY_METHODS!r}", name="method_known"),
        CheckConstraint("amount_cents != 0", name="amount_not_zero"),
        # The day's figures (the register page, close of day, finance) read only this index.
        Index("ix_cash_entries_day_figures", "day", "kind", "method", "artist_id", "amount_cents"),
        # The ledger's text filter scans the notes there are, not every entry, and sums what
        # they match from the index alone (finance/ledger.py summed_parts).
        Index("ix_cash_entries_notes", "note", "kind", "method", "amount_cents", sqlite_where=text("note != ''"),
              postgresql_where=text("note != ''")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)  # the studio's local day
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(20))
    method: Mapped[str] = mapped_column(String(20))
    amount_cents: Mapped[int] = mapped_column(Integer)
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="SET NULL"), nullable=True, index=True)
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointments.id", ondelete="SET NULL"), nullable=True, index=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="SET NULL"), nullable=True)
    artist_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="RESTRICT"), nullable=True)
    receipt_id: Mapped[int | None] = mapped_column(
        ForeignKey("receipts.id", ondelete="RESTRICT"), nullable=True, index=True)
    voucher_id: Mapped[int | None] = mapped_column(
        ForeignKey("vouchers.id", ondelete="RESTRICT"), nullable=True, index=True)
    deposit_id: Mapped[int | None] = mapped_column(
        ForeignKey("deposits.id", ondelete="RESTRICT"), nullable=True, index=True)
    refers_to_id: Mapped[int | None] = mapped_column(
        ForeignKey("cash_entries.id", ondelete="RESTRICT"), nullable=True, index=True)
    note: Mapped[str] = mapped_column(String(300), default="")
    entered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), nullable=True)
    entered_by_name: Mapped[str] = mapped_column(String(120), default="")


class _CashTotalColumns:
    """A period's entries summed by kind, method and artist (see CashDayTotal)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    method: Mapped[str] = mapped_column(String(20))
    artist_key: Mapped[int] = mapped_column(Integer)
    refund_of: Mapped[str] = mapped_column(String(20))  # "" unless kind is a refund
    total_cents: Mapped[int] = mapped_column(Integer)
    entries: Mapped[int] = mapped_column(Integer)


class CashDayTotal(_CashTotalColumns, Base):
    """The entries of a day summed by kind, method and artist, kept by every write of an
    entry (register/day_totals.py), so finance reads a year as a few thousand rows instead of
    every entry. A refund's row says which kind it gave back (``refund_of``); ``artist_key``
    is the artist's id, or 0 for entries with no artist (a key column cannot be NULL)."""

    __tablename__ = "cash_day_totals"
    __table_args__ = (
        UniqueConstraint("day", "kind", "method", "artist_key", "refund_of", name="one_row_a_day"),
        # Finance's summary reads only this index (finance/figures.py daily).
        Index("ix_cash_day_totals_summary", "day", "kind", "refund_of", "total_cents"),
    )

    day: Mapped[date] = mapped_column(Date)


class CashMonthTotal(_CashTotalColumns, Base):
    """The same totals by month (``month`` is its first day), so all-time figures and a
    ledger filter over years read a few rows a month."""

    __tablename__ = "cash_month_totals"
    __table_args__ = (UniqueConstraint("month", "kind", "method", "artist_key", "refund_of", name="one_row_a_month"),)

    month: Mapped[date] = mapped_column(Date)


class Receipt(Base):
    """A checkout: its number (gapless, one series for the studio) and the bill's lines as
    printed. The client's name is kept as printed, so a receipt can be printed again."""

    __tablename__ = "receipts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="SET NULL"), nullable=True, index=True)
    client_name: Mapped[str] = mapped_column(String(240), default="")
    # One checkout per appointment: a second desk checking out the same one is refused.
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointments.id", ondelete="SET NULL"), nullable=True, unique=True)
    artist_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="RESTRICT"), nullable=True)
    artist_name: Mapped[str] = mapped_column(String(120), default="")
    description: Mapped[str] = mapped_column(String(300), default="")
    placement: Mapped[str] = mapped_column(String(120), default="")
    price_cents: Mapped[int] = mapped_column(Integer)
    deposit_cents: Mapped[int] = mapped_column(Integer, default=0)
    credit_cents: Mapped[int] = mapped_column(Integer, default=0)
    voucher_cents: Mapped[int] = mapped_column(Integer, default=0)
    tip_cents: Mapped[int] = mapped_column(Integer, default=0)
    tendered_cents: Mapped[int] = mapped_column(Integer, default=0)
    change_cents: Mapped[int] = mapped_column(Integer, default=0)
    entered_by_name: Mapped[str] = mapped_column(String(120), default="")


class Voucher(Base):
    """A gift voucher: its code, what it was sold for and what is left of it."""

    __tablename__ = "vouchers"
    __table_args__ = (
        CheckConstraint("initial_cents > 0", name="initial_positive"),
        CheckConstraint("balance_cents >= 0 AND balance_cents <= initial_cents", name="balance_in_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    initial_cents: Mapped[int] = mapped_column(Integer)
    balance_cents: Mapped[int] = mapped_column(Integer)
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="SET NULL"), nullable=True, index=True)
    for_name: Mapped[str] = mapped_column(String(120), default="")
    sold_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sold_by_name: Mapped[str] = mapped_column(String(120), default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}


class CommissionRate(Base):
    """An artist's share of their sales from a day on (``artist_id`` NULL: the studio's
    default). A new rate starts on a day, so past days keep the rate they had."""

    __tablename__ = "commission_rates"
    __table_args__ = (
        UniqueConstraint("artist_id", "valid_from", name="one_rate_a_day"),
        CheckConstraint("rate_bp >= 0 AND rate_bp <= 10000", name="rate_in_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    artist_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), nullable=True)
    rate_bp: Mapped[int] = mapped_column(Integer)  # basis points: 5000 is 50 %
    valid_from: Mapped[date] = mapped_column(Date)
    set_at: Mapped[datetime] = mapped_column(UTCDateTime)
    set_by_name: Mapped[str] = mapped_column(String(120), default="")


class RegisterDay(Base):
    """A day the register was closed: the drawer's count and who closed it. A reopened day
    keeps its row (``closed`` false) until it is closed again."""

    __tablename__ = "register_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    closed: Mapped[bool] = mapped_column(default=True)
    opening_float_cents: Mapped[int] = mapped_column(Integer, default=0)
    expected_cents: Mapped[int] = mapped_column(Integer, default=0)
    counted_cents: Mapped[int] = mapped_column(Integer, default=0)
    denominations: Mapped[str] = mapped_column(Text, default="")  # JSON {"2000": 3, …} when counted so
    note: Mapped[str] = mapped_column(String(500), default="")
    closed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_by_name: Mapped[str] = mapped_column(String(120), default="")
    reopened_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reopened_by_name: Mapped[str] = mapped_column(String(120), default="")
    reopen_reason: Mapped[str] = mapped_column(String(300), default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}
