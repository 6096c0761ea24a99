"""Studio-wide settings as typed key/value rows (name, time zone, currency, lock timeout…)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from studio.models.base import Base


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    # JSON text; the settings service owns the types and defaults.
    value: Mapped[str] = mapped_column(Text)
