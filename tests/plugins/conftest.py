"""The plugins area's service tests run on the scheduling tests' studio (Lisbon, Monday
16 March 2026 09:00; the desk Dana, the artists Mia and Leo; clients Ana and Ben)."""

from tests.scheduling.conftest import MONDAY, Desk, at, studio  # noqa: F401 - the fixture, reused

__all__ = ["MONDAY", "Desk", "at", "studio"]
