"""Inventory: the studio's stock items, the lots traceable items are stocked by, and every
movement of stock (received, used, adjusted, wasted, returned). What is on hand is the sum
of the movements, kept as a maintained total on the item and the lot that a check compares
with that sum; it can never go below zero."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from studio.models.base import Base, UTCDateTime

ITEM_CATEGORIES = ("ink", "needles", "cartridges", "gloves", "aftercare", "cleaning", "other")
MOVEMENT_KINDS = ("received", "used", "adjusted", "wasted", "returned")


class StockItem(Base):
    __tablename__ = "stock_items"
    __table_args__ = (
        CheckConstraint(f"category IN {ITEM_CATEGORIES!r}", name="category_known"),
        CheckConstraint("on_hand >= 0", name="on_hand_not_negative"),
        CheckConstraint("threshold >= 0 AND reorder_quantity >= 0", name="levels_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    category: Mapped[str] = mapped_column(String(20))
    unit: Mapped[str] = mapped_column(String(20))
    threshold: Mapped[int] = mapped_column(Integer, default=0)
    reorder_quantity: Mapped[int] = mapped_column(Integer, default=0)
    supplier: Mapped[str] = mapped_column(String(120), default="")
    sku: Mapped[str] = mapped_column(String(60), default="")
    barcode: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    by_lot: Mapped[bool] = mapped_column(Boolean, default=False)  # traceable: stocked by lot
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}


class StockLot(Base):
    __tablename__ = "stock_lots"
    __table_args__ = (
        UniqueConstraint("item_id", "lot_number", name="one_lot_number_an_item"),
        CheckConstraint("on_hand >= 0", name="on_hand_not_negative"),
        CheckConstraint("received_quantity > 0", name="received_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("stock_items.id", ondelete="RESTRICT"), index=True)
    lot_number: Mapped[str] = mapped_column(String(60))
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    supplier: Mapped[str] = mapped_column(String(120), default="")
    received_on: Mapped[date] = mapped_column(Date)
    received_quantity: Mapped[int] = mapped_column(Integer)
    barcode: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    on_hand: Mapped[int] = mapped_column(Integer, default=0)


class StockMovement(Base):
    __tablename__ = "stock_movements"
    __table_args__ = (
        CheckConstraint(f"kind IN {MOVEMENT_KINDS!r}", name="kind_known"),
        CheckConstraint("delta != 0", name="delta_not_zero"),
        Index("ix_stock_movements_item_at", "item_id", "at"),
        # The recall search: a lot's (or an item's) uses over a range of days.
        Index("ix_stock_movements_lot_kind_at", "lot_id", "kind", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("stock_items.id", ondelete="RESTRICT"))
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("stock_lots.id", ondelete="RESTRICT"), nullable=True)
    kind: Mapped[str] = mapped_column(String(20))
    delta: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(300), default="")
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointments.id", ondelete="SET NULL"), nullable=True, index=True)
    expired_use: Mapped[bool] = mapped_column(Boolean, default=False)  # a lot used past its expiry, confirmed
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), nullable=True)
    staff_name: Mapped[str] = mapped_column(String(120), default="")
