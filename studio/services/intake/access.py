"""What each part of the intake service (review, accepting, the consent archive) is given
by the service that holds it: a unit of work whose storage faults read as sentences, and the
permission check against the actor's current role. IntakeService (a Service) is one."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from studio.db import UnitOfWork
from studio.models import Staff
from studio.services.common.permissions import Permission
from studio.services.common.records import Actor


class Access(Protocol):
    def unit_of_work(self, *, write: bool = True) -> AbstractContextManager[UnitOfWork]: ...

    def authorize(self, uow: UnitOfWork, actor: Actor, permission: Permission) -> Staff: ...
