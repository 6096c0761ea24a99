"""The dashboard tests use the register tests' studio (Lisbon, Monday 16 March 2026 09:00,
artists Mia and Leo, desk Dana, clients Ana and Ben)."""

from tests.register.conftest import MONDAY, at, studio

__all__ = ["MONDAY", "at", "studio"]
