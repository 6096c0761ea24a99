"""``app``: what a plugin may do with the studio's data, always as the signed-in staff member.

Every call goes through the areas' services with the person signed in, so the permission
matrix holds for plugins exactly as for the screens: an artist's plugin cannot list the
staff, and a front desk's cannot see what only admins see. The calls block while the
database works: widgets make them inside ``ui.run``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.plugin_api.records import AppointmentInfo, ClientInfo, ProjectInfo, StaffMember
from studio.services.common import EVENTS, DomainError, _

if TYPE_CHECKING:
    from studio.services.common import Actor
    from studio.services.core import AreaServices

API_VERSION = 1


class NotSignedIn(DomainError):
    """A plugin call while nobody is signed in (the window is locked or logged out)."""


class _Area:
    def __init__(self, app: App) -> None:
        self._app = app

    def _call(self, fn: Callable[[AreaServices, Actor], Any]) -> Any:
        return fn(self._app._services(), self._app._signed_in())


class Clients(_Area):
    def search(self, text: str, limit: int = 20) -> list[ClientInfo]:
        """The clients whose name, phone or email match ``text``, by name (at most ``limit``)."""
        found = self._call(lambda s, a: s.clients.search(a, text, limit=max(1, min(int(limit), 100))))
        return [ClientInfo(r.id, r.full_name, r.phone_display, r.email) for r in found.rows]

    def get(self, client_id: int) -> ClientInfo:
        c = self._call(lambda s, a: s.clients.get(a, client_id))
        return ClientInfo(c.id, c.full_name, c.phone_display, c.email)


class Projects(_Area):
    def of_client(self, client_id: int) -> list[ProjectInfo]:
        found = self._call(lambda s, a: s.projects.client_projects(a, client_id))
        return [ProjectInfo(p.id, p.client_id, p.title) for p in found]


class Appointments(_Area):
    def of_client(self, client_id: int) -> list[AppointmentInfo]:
        found = self._call(lambda s, a: s.scheduling.client_appointments(a, client_id))
        return [AppointmentInfo(r.id, r.client_id, r.client_name, r.artist_name, r.starts_at, r.ends_at,
                                str(r.status.value)) for r in found]


class Staff(_Area):
    def members(self) -> list[StaffMember]:
        """Everyone on the staff list (admins only: others get PermissionDenied)."""
        found = self._call(lambda s, a: s.staff.list_staff(a))
        return [StaffMember(r.id, r.name, str(r.role.value)) for r in found]


class Settings(_Area):
    """The plugin's own settings, kept in the studio's database (JSON values)."""

    def get(self, key: str, default: Any = None) -> Any:
        return self._call(lambda s, a: s.plugins.setting(a, self._app.plugin_id, key, default))

    def set(self, key: str, value: Any) -> None:
        self._call(lambda s, a: s.plugins.set_setting(a, self._app.plugin_id, key, value))

    def delete(self, key: str) -> None:
        self._call(lambda s, a: s.plugins.delete_setting(a, self._app.plugin_id, key))


class App:
    """One per loaded plugin (see docs/plugins.md)."""

    api_version = API_VERSION

    def __init__(self, plugin_id: str, services: Callable[[], AreaServices],
                 actor: Callable[[], Actor | None], hooks: list[tuple[str, Callable[[Any], None]]]) -> None:
        self.plugin_id = plugin_id
        self._services = services
        self._actor = actor
        self._hooks = hooks  # the host's record of this plugin's hooks (it wires and unwires them)
        self._open = True
        self.clients = Clients(self)
        self.projects = Projects(self)
        self.appointments = Appointments(self)
        self.staff = Staff(self)
        self.settings = Settings(self)

    def _signed_in(self) -> Actor:
        actor = self._actor()
        if actor is None:
            raise NotSignedIn(_("Nobody is signed in, so a plugin may not read or change anything now."))
        return actor

    @property
    def actor(self) -> StaffMember:
        a = self._signed_in()
        return StaffMember(a.staff_id, a.name, str(a.role.value))

    @property
    def data_dir(self) -> Path:
        """The plugin's own folder in the studio's data (made on first use; backed up)."""
        return self._services().plugins.data_folder(self.plugin_id)

    def on(self, event: str, hook: Callable[[Any], None]) -> None:
        """Call ``hook(event record)`` after each such change is committed, on the plugins'
        hook thread (never the GUI thread). Only while ``register`` runs."""
        if event not in EVENTS:
            raise ValueError(f"There is no event called {event!r}; the events are {', '.join(EVENTS)}.")
        if not self._open:
            raise RuntimeError("app.on() is for register(); hooks cannot be added afterwards.")
        self._hooks.append((event, hook))

    def _close(self) -> None:
        self._open = False
