"""The global search finds appointments by client, artist or piece; upcoming first; an
artist finds their own only."""

from __future__ import annotations

from datetime import timedelta

from tests.scheduling.booking import book_any_time as book
from tests.scheduling.conftest import MONDAY, at


def found(studio, actor, query):
    result = studio.services.search.search(actor, query, limit=10)
    group = next((g for g in result.groups if g.kind == "appointments"), None)
    return [] if group is None else [(h.id, h.title, h.detail) for h in group.hits]


def test_appointments_are_found_by_client_artist_and_piece(studio):
    studio.clock.now = at(MONDAY - timedelta(days=20), 9)
    old = book(studio, studio.mia, at(MONDAY - timedelta(days=19), 12), description="Rosé outline")
    studio.clock.now = at(MONDAY, 9)
    later = book(studio, studio.mia, at(MONDAY + timedelta(days=8), 12), description="Rosé shading")
    soon = book(studio, studio.leo, at(MONDAY + timedelta(days=1), 12), client_id=studio.ben_id,
                description="Koi sleeve")

    by_client = found(studio, studio.desk, "ana")
    assert [i for i, *_ in by_client] == [later.id, old.id]  # upcoming first, then the past
    assert by_client[0][1] == "Ana Lima · Tattoo session"
    assert by_client[0][2] == "Mia · Rosé shading · Booked"
    assert [i for i, *_ in found(studio, studio.desk, "leo")] == [soon.id]
    assert [i for i, *_ in found(studio, studio.desk, "koi sle")] == [soon.id]
    assert [i for i, *_ in found(studio, studio.desk, "shading")] == [later.id]
    assert found(studio, studio.desk, "tulip") == []


def test_an_artist_finds_only_their_own(studio):
    mine = book(studio, studio.mia, at(MONDAY + timedelta(days=2), 12), description="Koi")
    book(studio, studio.leo, at(MONDAY + timedelta(days=1), 12), description="Koi")
    assert [i for i, *_ in found(studio, studio.mia, "koi")] == [mine.id]
    assert len(found(studio, studio.desk, "koi")) == 2
