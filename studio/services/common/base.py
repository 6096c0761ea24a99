"""What every service shares: the database, the clock, and the permission check."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from sqlalchemy import bindparam, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from studio.db import UnitOfWork, storage_problem
from studio.models import Staff
from studio.services.common.errors import Conflict, NotFound, PermissionDenied, StorageError
from studio.services.common.i18n import _
from studio.services.common.permissions import Permission, Role, require
from studio.services.common.records import Actor

if TYPE_CHECKING:
    from studio.services.core import Services

log = logging.getLogger(__name__)


class Service:
    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def clock(self):
        return self.services.clock

    @property
    def data_dir(self) -> Path:
        return self.services.data_dir

    def publish_after(self, uow: UnitOfWork, event: object) -> None:
        """Tell the event listeners of ``event`` once ``uow`` has committed (events.py)."""
        uow.after_commit(lambda: self.services.events.publish(event))

    @contextmanager
    def unit_of_work(self, *, write: bool = True) -> Iterator[UnitOfWork]:
        """A unit of work whose storage faults become a StorageError with a sentence."""
        try:
            with self.services.db.unit_of_work(write=write) as uow:
                yield uow
        except OperationalError as exc:
            problem = storage_problem(exc)
            if problem is None:
                raise
            log.warning("storage problem: %s", exc.__class__.__name__)
            raise StorageError(_(problem)) from exc

    def authorize(self, uow: UnitOfWork, actor: Actor, permission: Permission) -> Staff:
        """Check the actor's current role in the database, not the one they signed in with,
        so a demotion or deactivation takes effect on their next action."""
        staff = uow.session.get(Staff, actor.staff_id)
        _check(staff, permission)
        return staff

    def authorize_active(self, uow: UnitOfWork, actor: Actor) -> Staff:
        """authorize() for a call any signed-in staff member may make, whatever their role:
        only that the account is still active is checked (PermissionDenied otherwise)."""
        staff = uow.session.get(Staff, actor.staff_id)
        _active_role(staff)
        return staff

    def check_access(self, uow: UnitOfWork, actor: Actor, permission: Permission) -> None:
        """authorize() for a call that needs no staff row: the same check, read with one
        light query (the clients list runs it on every keystroke)."""
        require(self.current_role(uow, actor), permission)

    def current_role(self, uow: UnitOfWork, actor: Actor) -> Role:
        """The actor's role as the database holds it now, for a call whose answer depends
        on what the role may see (the global search). Raises PermissionDenied when the
        account is no longer active."""
        return _active_role(uow.session.execute(_ROLE_OF, {"staff_id": actor.staff_id}).one_or_none())


def flush_versioned(session, row, *, gone: str, changed: Callable[[object], str]) -> None:
    """Flush a change to a row with a version column. When another writer saved it between
    our read and our write (a second window or PC), roll back and raise Conflict with
    ``changed(fresh row)``, or NotFound with ``gone`` when it was deleted meanwhile."""
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        fresh = session.get(type(row), row.id)
        if fresh is None:
            raise NotFound(gone) from None
        raise Conflict(changed(fresh)) from None


_STAFF = Staff.__table__.c
_ROLE_OF = select(_STAFF.active, _STAFF.role).where(_STAFF.id == bindparam("staff_id"))


def _check(staff, permission: Permission) -> None:
    """``staff`` (a row with ``active`` and ``role``, or None) may act with ``permission``."""
    require(_active_role(staff), permission)


def _active_role(staff) -> Role:
    if staff is None or not staff.active:
        raise PermissionDenied(_("Your account is no longer active. Ask an admin."))
    return Role(staff.role)
