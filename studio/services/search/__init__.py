"""The search area's public face: the search box over every area (GlobalSearchService), the
hit and group records it returns, and the providers that feed it.

It is a package of its own, not part of common, because its providers read clients', staff's
and intake's tables: it sits above the areas it searches, and they never import it."""

from studio.services.search.providers import providers
from studio.services.search.service import (
    Found,
    GlobalSearchResult,
    GlobalSearchService,
    SearchGroup,
    SearchHit,
    SearchProvider,
    first_matches,
)

__all__ = ["Found", "GlobalSearchResult", "GlobalSearchService", "SearchGroup", "SearchHit", "SearchProvider",
           "first_matches", "providers"]
