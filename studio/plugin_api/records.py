"""The plain records the plugin API hands out: what a plugin may know, and no more (a
client's medical section never leaves the clients area this way)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class StaffMember:
    id: int
    name: str
    role: str  # "admin", "artist" or "front_desk"


@dataclass(frozen=True)
class ClientInfo:
    id: int
    name: str
    phone: str  # as the studio's region writes it
    email: str


@dataclass(frozen=True)
class ProjectInfo:
    id: int
    client_id: int | None
    title: str


@dataclass(frozen=True)
class AppointmentInfo:
    id: int
    client_id: int | None
    client_name: str
    artist_name: str
    starts_at: datetime  # aware, UTC
    ends_at: datetime
    status: str  # "requested", "booked", "checked_in", "in_progress", "completed", "cancelled", "no_show"
