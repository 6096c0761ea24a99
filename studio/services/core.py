"""The services of one studio, wired to one database and one clock."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from studio.clock import Clock, utc_now
from studio.config import Config
from studio.db import Database, SchemaTooNewError
from studio.services.accounts import AuthService, Passwords, SetupService, StaffService
from studio.services.audit import AuditService
from studio.services.backup import BackupService
from studio.services.clients import ClientRightsService, ClientService
from studio.services.common import IncompatibleData, _
from studio.services.common.events import Events
from studio.services.dashboard import OverviewService
from studio.services.finance import FinanceService
from studio.services.intake import IntakeClientData, IntakeService
from studio.services.plugins import PluginService
from studio.services.inventory import InventoryClientData, InventoryService, RecallService, StockService
from studio.services.register import (
    AftercareService,
    CheckoutService,
    CommissionService,
    RegisterClientData,
    RegisterLedger,
    RegisterService,
    VoucherService,
)
from studio.services.scheduling import (
    CalendarFileService,
    HoursService,
    ProjectService,
    SchedulingCare,
    SchedulingClientData,
    SchedulingService,
    SchedulingVisits,
    WaitlistService,
)
from studio.services.search import GlobalSearchService
from studio.services.search import providers as search_providers
from studio.services.settings import SettingsService


class Services:
    def __init__(self, db: Database, *, clock: Clock = utc_now, passwords: Passwords | None = None,
                 config: Config | None = None, data_dir: Path | None = None) -> None:
        self.db = db
        # Where files that belong with the database live (photos, consents, backups): the
        # config's data dir, else the one given, else the SQLite file's folder.
        if config is None:
            config = Config(data_dir=Path(data_dir or _data_dir_of(db)), database_url=db.url)
        self.config = config
        self.data_dir = config.data_dir
        self.clock = clock
        self.passwords = passwords or Passwords()
        # Who hears of committed changes (plugins' hooks); the services publish, never wait.
        self.events = Events()
        self.auth = AuthService(self)
        self.staff = StaffService(self)
        self.audit = AuditService(self)
        self.settings = SettingsService(self)
        self.setup = SetupService(self)
        self.overview = OverviewService(self)
        self.clients = ClientService(self)
        self.client_rights = ClientRightsService(self)
        self.intake = IntakeService(self)
        # Each area that keeps data about a client takes part in its export and erasure.
        self.scheduling = SchedulingService(self)
        self.projects = ProjectService(self)
        self.waitlist = WaitlistService(self)
        self.hours = HoursService(self)
        self.calendar_files = CalendarFileService(self)
        # The register hears of every deposit scheduling takes or forfeits, in the same unit of work.
        self.register = RegisterService(self)
        self.checkout = CheckoutService(self)
        self.vouchers = VoucherService(self)
        self.commission = CommissionService(self)
        self.aftercare = AftercareService(self)
        self.scheduling.use_ledger(RegisterLedger())
        self.inventory = InventoryService(self)
        self.finance = FinanceService(self)
        self.stock = StockService(self)
        self.recall = RecallService(self)
        self.client_rights.register(IntakeClientData(self.data_dir))
        self.client_rights.register(SchedulingClientData(self.data_dir))
        self.client_rights.register(RegisterClientData())
        self.client_rights.register(InventoryClientData())
        # Scheduling tells the clients area each client's visits, and which artists look
        # after them (who may read their health section).
        self.clients.relations.register_visit_dates(SchedulingVisits())
        self.clients.relations.register_care(SchedulingCare())
        self.backup = BackupService(self)
        self.plugins = PluginService(self)
        # The top bar's search: each area's kind, in the order the results show.
        self.search = GlobalSearchService(self)
        for provider in search_providers(self):
            self.search.register(provider)
        self.areas = AreaServices.of(self)

    def close(self) -> None:
        """Let go of the database (its connections and, for SQLite, the file)."""
        self.db.dispose()


@dataclass(frozen=True)
class AreaServices:
    """The narrow door the UI gets: each area's service, the clock and the data folder —
    never the database, an engine or a session. A new area adds its service here and in
    ``Services``."""

    auth: AuthService
    staff: StaffService
    audit: AuditService
    settings: SettingsService
    setup: SetupService
    overview: OverviewService
    clients: ClientService
    client_rights: ClientRightsService
    intake: IntakeService
    scheduling: SchedulingService
    projects: ProjectService
    waitlist: WaitlistService
    hours: HoursService
    calendar_files: CalendarFileService
    register: RegisterService
    checkout: CheckoutService
    vouchers: VoucherService
    commission: CommissionService
    aftercare: AftercareService
    inventory: InventoryService
    stock: StockService
    recall: RecallService
    finance: FinanceService
    backup: BackupService
    plugins: PluginService
    search: GlobalSearchService
    events: Events
    clock: Clock
    data_dir: Path

    @classmethod
    def of(cls, services: Services) -> AreaServices:
        return cls(**{field.name: getattr(services, field.name) for field in fields(cls)})


def _data_dir_of(db: Database) -> Path:
    """The SQLite file's folder, which is the data dir; else the configured data dir."""
    from studio.config import load_config

    path = Config(data_dir=Path("."), database_url=db.url).database_path
    return path.resolve().parent if path is not None else load_config().data_dir


def open_services(database_url: str, *, clock: Clock = utc_now, passwords: Passwords | None = None,
                  config: Config | None = None, data_dir: Path | None = None) -> Services:
    """Open the database, bring its schema to head, and wire the services to it.

    Raises IncompatibleData when the data comes from a newer Linework."""
    db = Database(database_url)
    try:
        db.migrate()
    except SchemaTooNewError as exc:
        db.dispose()
        raise IncompatibleData(_(str(exc))) from exc  # NEWER_LINEWORK, translated
    return Services(db, clock=clock, passwords=passwords, config=config, data_dir=data_dir)
