"""The services of one studio, wired to one database and one clock."""

from __future__ import annotations

from studio.clock import Clock, utc_now
from studio.config import Config
from studio.db import Database, SchemaTooNewError
from studio.services.audit import AuditService
from studio.services.auth import AuthService
from studio.services.backup import BackupService
from studio.services.errors import IncompatibleData
from studio.services.overview import OverviewService
from studio.services.passwords import Passwords
from studio.services.settings import SettingsService
from studio.services.setup import SetupService
from studio.services.staff import StaffService


class Services:
    def __init__(self, db: Database, *, clock: Clock = utc_now, passwords: Passwords | None = None,
                 config: Config | None = None) -> None:
        self.db = db
        self.config = config  # the data dir, for services that keep files (backups)
        self.clock = clock
        self.passwords = passwords or Passwords()
        self.auth = AuthService(self)
        self.staff = StaffService(self)
        self.audit = AuditService(self)
        self.settings = SettingsService(self)
        self.setup = SetupService(self)
        self.overview = OverviewService(self)
        self.backup = BackupService(self)


def open_services(database_url: str, *, clock: Clock = utc_now, passwords: Passwords | None = None,
                  config: Config | None = None) -> Services:
    """Open the database, bring its schema to head, and wire the services to it.

    Raises IncompatibleData when the data comes from a newer Linework."""
    db = Database(database_url)
    try:
        db.migrate()
    except SchemaTooNewError as exc:
        db.dispose()
        raise IncompatibleData(str(exc)) from exc
    return Services(db, clock=clock, passwords=passwords, config=config)
