"""The global search (the top bar, Ctrl+K): one call per keystroke, every kind of record
the signed-in role may see, a few of each.

Each kind comes from a ``SearchProvider`` its area registers (services/core.py wires the
ones that exist: services/search/providers.py). A new area writes its provider and adds
one ``register`` line there; nothing in this module changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Callable

from studio.services.common import folding
from studio.services.common.base import Service
from studio.services.common.errors import ValidationError
from studio.services.common.i18n import _
from studio.services.common.permissions import Permission, can
from studio.services.common.records import Actor

if TYPE_CHECKING:
    from studio.db import UnitOfWork

HITS_PER_KIND = 5
HITS_PER_KIND_MAX = 50


@dataclass(frozen=True)
class SearchHit:
    """One result: ``id`` is the record's id in its kind; ``title`` and ``detail`` are
    plain text (a name as it was typed: never markup)."""

    kind: str
    id: int
    title: str
    detail: str = ""
    when: datetime | None = None  # for kinds that have a time (a submission's arrival)


@dataclass(frozen=True)
class Found:
    """What a provider found: the first hits and how many match in all, counted up to
    the provider's cap (``capped``: there are more than ``total``)."""

    hits: tuple[SearchHit, ...]
    total: int
    capped: bool = False


@dataclass(frozen=True)
class SearchGroup:
    kind: str
    title: str
    icon: str  # an icon name of the app's set (studio/ui/icons)
    hits: tuple[SearchHit, ...]
    total: int
    capped: bool = False

    @property
    def more(self) -> int:
        """Matches beyond ``hits`` (at least this many when ``capped``)."""
        return max(0, self.total - len(self.hits))


@dataclass(frozen=True)
class GlobalSearchResult:
    query: str
    groups: tuple[SearchGroup, ...]  # kinds with a match only, in the order registered

    def __bool__(self) -> bool:
        return bool(self.groups)


# (unit of work, actor, query as typed, most hits wanted) -> Found. Runs inside the
# search's read-only unit of work, after the role was found to hold ``permission``.
Finder = Callable[["UnitOfWork", Actor, str, int], Found]


@dataclass(frozen=True)
class SearchProvider:
    kind: str
    title: str  # English, marked with N_: the search translates it for each result
    icon: str
    permission: Permission
    find: Finder


class GlobalSearchService(Service):
    def __init__(self, services) -> None:
        super().__init__(services)
        self.providers: list[SearchProvider] = []

    def register(self, provider: SearchProvider) -> None:
        if any(p.kind == provider.kind for p in self.providers):
            raise ValueError(f"a search provider for {provider.kind!r} is registered already")
        self.providers.append(provider)

    def search(self, actor: Actor, query: str, *, limit: int = HITS_PER_KIND) -> GlobalSearchResult:
        """Up to ``limit`` hits of each kind the actor's current role may see, in one
        read-only unit of work; kinds the role may not see are left out, not refused. An
        empty query finds nothing. Raises PermissionDenied when the account is no longer
        active, ValidationError for a limit outside 1..HITS_PER_KIND_MAX."""
        if not 1 <= limit <= HITS_PER_KIND_MAX:
            raise ValidationError(_("Ask for 1 to {most} results of each kind.").format(most=HITS_PER_KIND_MAX),
                                  field="limit")
        query = query.strip()
        if not folding.query_terms(query):
            return GlobalSearchResult(query, ())
        groups = []
        with self.unit_of_work(write=False) as uow:
            role = self.current_role(uow, actor)
            for provider in self.providers:
                if not can(role, provider.permission):
                    continue
                found = provider.find(uow, actor, query, limit)
                if found.hits:
                    groups.append(SearchGroup(provider.kind, _(provider.title), provider.icon,
                                              found.hits[:limit], found.total, found.capped))
        return GlobalSearchResult(query, tuple(groups))


def matches(words: list[str], terms: set[str]) -> bool:
    """The client search's rule (services/clients/search.py) for rows read whole from a
    small table: every typed word (folding.query_terms) starts one of the row's terms."""
    return all(any(term.startswith(word) for term in terms) for word in words)


def first_matches(rows, words: list[str], terms_of: Callable, limit: int) -> tuple[list, int]:
    """The first ``limit`` of ``rows`` whose terms (``terms_of(row)``) match ``words``, and
    how many match in all."""
    found = [row for row in rows if matches(words, terms_of(row))]
    return found[:limit], len(found)
