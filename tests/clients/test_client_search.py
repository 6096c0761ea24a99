"""The clients table's search, paging and sorting, on a real SQLite file."""

from __future__ import annotations

from datetime import date

import pytest

from studio.services.clients import ClientInput, ClientSort
from studio.services.common import ValidationError

PEOPLE = [
    ClientInput("Zoë Martín", phone="+1 (202) 555-0143", email="zoe.martin@example.com",
                date_of_birth=date(1990, 5, 1)),
    ClientInput("João Silva", phone="912 345 678", email="JOAO@Sapo.pt", date_of_birth=date(2001, 2, 3)),
    ClientInput("Siobhán O'Brien", preferred_name="Shiv", phone="+44 7400 123456",
                email="shiv@mail.example"),
    ClientInput("Łukasz Wiśniewski", phone="936 111 222", date_of_birth=date(1985, 12, 24)),
    ClientInput("Ana Sousa", email="ana.sousa@example.com", date_of_birth=date(1999, 7, 7)),
    ClientInput("Mara Okafor-Müller", phone="961 000 999"),
]


@pytest.fixture
def people(studio):
    ids = {}
    for data in PEOPLE:
        ids[data.full_name] = studio.clients.create(studio.desk, data).id
    return ids


def names(studio, query, **kw):
    return [r.full_name for r in studio.clients.page(studio.desk, query, 0, 100, **kw)]


@pytest.mark.parametrize("query, expected", [
    ("zoe", ["Zoë Martín"]),
    ("ZOË", ["Zoë Martín"]),
    ("martin", ["Zoë Martín"]),
    ("mart zo", ["Zoë Martín"]),
    ("joao", ["João Silva"]),
    ("obrien", ["Siobhán O'Brien"]),
    ("o'brien", ["Siobhán O'Brien"]),
    ("shiv", ["Siobhán O'Brien"]),
    ("lukasz wis", ["Łukasz Wiśniewski"]),
    ("muller", ["Mara Okafor-Müller"]),
    ("okafor", ["Mara Okafor-Müller"]),
    ("ana", ["Ana Sousa"]),
    ("sousa@ex", []),
    ("ana.sousa@ex", ["Ana Sousa"]),
    ("sapo.pt", ["João Silva"]),
    ("example.com", ["Ana Sousa", "Zoë Martín"]),
    ("nobody", []),
])
def test_search_on_folded_names_and_emails(studio, people, query, expected):
    assert names(studio, query) == expected
    assert studio.clients.count(studio.desk, query) == len(expected)


@pytest.mark.parametrize("query, expected", [
    ("555 01", ["Zoë Martín"]),          # as typed, spaces and all
    ("(202) 555-0143", ["Zoë Martín"]),
    ("+1 202", ["Zoë Martín"]),
    ("0143", ["Zoë Martín"]),            # the last four digits
    ("912 34", ["João Silva"]),
    ("+351 912", ["João Silva"]),
    ("345 678", ["João Silva"]),
    ("07400", ["Siobhán O'Brien"]),      # UK national form with trunk 0
    ("7400 123", ["Siobhán O'Brien"]),
    ("9", ["João Silva", "Łukasz Wiśniewski", "Mara Okafor-Müller"]),
    ("999 999", []),
])
def test_search_on_phone_digits(studio, people, query, expected):
    assert names(studio, query) == expected
    assert studio.clients.count(studio.desk, query) == len(expected)


def test_empty_query_lists_everyone_by_folded_name(studio, people):
    assert studio.clients.count(studio.desk, "") == len(PEOPLE)
    assert names(studio, "  ") == ["Ana Sousa", "João Silva", "Łukasz Wiśniewski", "Mara Okafor-Müller",
                                   "Siobhán O'Brien", "Zoë Martín"]


def test_rows_carry_display_values_not_medical_content(studio, people):
    row = next(r for r in studio.clients.page(studio.desk, "joao") if r.full_name == "João Silva")
    assert row.phone == "+351912345678"
    assert row.phone_display == "912 345 678"  # the studio is in Portugal: national format
    assert row.email == "joao@sapo.pt"
    assert row.age == 25  # on 2026-03-14
    foreign = studio.clients.page(studio.desk, "zoe")[0]
    assert foreign.phone_display == "+1 202-555-0143"
    assert not hasattr(row, "allergies")
    assert row.last_visit is None and row.next_appointment is None


def test_search_follows_every_write(studio, people):
    zoe = studio.clients.get(studio.desk, people["Zoë Martín"])
    studio.clients.update(studio.desk, zoe.id, ClientInput("Zoë Ferreira", phone="961 234 567"),
                          version=zoe.version)
    assert names(studio, "martin") == []
    assert names(studio, "ferr") == ["Zoë Ferreira"]
    assert names(studio, "555 01") == []
    assert names(studio, "961 23") == ["Zoë Ferreira"]
    assert names(studio, "example.com") == ["Ana Sousa"]


def test_pages_do_not_overlap_and_cover_everything(studio):
    for i in range(23):
        studio.clients.create(studio.desk, ClientInput(f"Mira Test {i:02d}"), allow_duplicate=True)
    studio.clients.create(studio.desk, ClientInput("Mira Test 05"))  # same name: tie broken by id
    seen = []
    for offset in range(0, 30, 7):
        seen += [r.id for r in studio.clients.page(studio.desk, "mira", offset, 7)]
    assert len(seen) == len(set(seen)) == 24 == studio.clients.count(studio.desk, "mira")


@pytest.mark.parametrize("sort, descending, expected", [
    (ClientSort.NAME, True, ["Zoë Martín", "Siobhán O'Brien", "Mara Okafor-Müller"]),
    (ClientSort.AGE, False, ["João Silva", "Ana Sousa", "Zoë Martín"]),       # youngest first
    (ClientSort.AGE, True, ["Łukasz Wiśniewski", "Zoë Martín", "Ana Sousa"]),
    (ClientSort.EMAIL, False, ["Ana Sousa", "João Silva", "Siobhán O'Brien"]),
    ("phone", False, ["Zoë Martín", "João Silva", "Łukasz Wiśniewski"]),
])
def test_sorting(studio, people, sort, descending, expected):
    assert names(studio, "", sort=sort, descending=descending)[:3] == expected


def test_unknown_values_sort_last_both_ways(studio, people):
    for descending in (False, True):
        rows = studio.clients.page(studio.desk, "", sort="email", descending=descending)
        assert [r.email for r in rows][-2:] == ["", ""]
        rows = studio.clients.page(studio.desk, "", sort="age", descending=descending)
        assert rows[-1].date_of_birth is None


def test_unknown_sort_is_a_validation_error(studio):
    with pytest.raises(ValidationError) as err:
        studio.clients.page(studio.desk, "", sort="shoe size")
    assert err.value.field == "sort"


def test_multi_word_search_agrees_with_count_in_every_order(studio):
    for i in range(12):
        studio.clients.create(studio.desk, ClientInput(f"Marta Walk {i:02d}"))
    studio.clients.create(studio.desk, ClientInput("Other Person", email="marta@x.example"))
    assert studio.clients.count(studio.desk, "mar") == 13
    assert studio.clients.count(studio.desk, "walk mar") == studio.clients.count(studio.desk, "mar walk") == 12
    by_name = [r.id for r in studio.clients.page(studio.desk, "mar walk", 0, 20)]
    assert [r.id for r in studio.clients.page(studio.desk, "mar walk", 5, 5)] == by_name[5:10]
    backwards = [r.id for r in studio.clients.page(studio.desk, "mar walk", 0, 20, descending=True)]
    assert backwards == by_name[::-1]
    by_update = studio.clients.page(studio.desk, "mar walk", 0, 20, sort="updated")
    assert sorted(r.id for r in by_update) == sorted(by_name)


def test_the_issue_example_phone_is_stored_and_found_by_its_digits(studio):
    """"555 12" finds "+1 (555) 123-4567": a possible (right-length) number is accepted."""
    created = studio.clients.create(studio.admin, ClientInput("Rae Example", phone="+1 (555) 123-4567"),
                                    allow_duplicate=True)
    assert created.phone == "+15551234567"
    assert [r.full_name for r in studio.clients.page(studio.desk, "555 12")] == ["Rae Example"]


def test_count_can_stop_early_for_the_search_box(studio, people):
    everyone = studio.clients.count(studio.desk, "")
    assert everyone > 2
    assert studio.clients.count(studio.desk, "", at_most=2) == 2
    assert studio.clients.count(studio.desk, "9", at_most=1) == 1
    assert studio.clients.count(studio.desk, "", at_most=everyone + 5) == everyone


@pytest.mark.parametrize("query", ["a", "9", "ma", "zo"])
def test_broad_queries_walking_the_name_index_give_the_same_pages(studio, people, monkeypatch, query):
    from studio.services.clients import search as client_search

    def pages(descending: bool) -> list[int]:
        return [r.id for offset in (0, 2) for r in
                studio.clients.page(studio.desk, query, offset, 2, descending=descending)]

    sorted_matches = {d: pages(d) for d in (False, True)}
    # Every query of several characters now counts as broad (one character never does).
    monkeypatch.setattr(client_search, "BROAD_MATCHES", 0)
    assert {d: pages(d) for d in (False, True)} == sorted_matches
    assert sorted_matches[False]  # the query matched someone: the comparison meant something


@pytest.mark.parametrize("broad_matches", [None, 0])  # 0: every query walks the name index
@pytest.mark.parametrize("sort, descending", [("name", False), ("name", True), ("age", False)])
def test_search_is_the_count_and_first_page_the_search_box_asks_for(studio, people, monkeypatch,
                                                                       broad_matches, sort, descending):
    from studio.services.clients import search as client_search
    from studio.services.clients import service as clients

    for i in range(6):
        studio.clients.create(studio.desk, ClientInput(f"Marta Walk {i:02d}", email=f"walk{i}@sapo.pt"))
    monkeypatch.setattr(clients, "SEARCH_COUNT_CAP", 4)  # so some queries pass the cap
    if broad_matches is not None:
        monkeypatch.setattr(client_search, "BROAD_MATCHES", broad_matches)
    for query in ["", "a", "ma", "mar walk", "sapo walk 03", "9", "example.com", "nobody"]:
        for limit in (3, 100):
            found = studio.clients.search(studio.desk, query, limit, sort, descending)
            assert found.total == studio.clients.count(studio.desk, query, at_most=5), query
            assert found.rows == studio.clients.page(studio.desk, query, 0, limit, sort, descending), query
    assert studio.clients.search(studio.desk, "ma").total == 5  # 7 match: counted up to the cap + 1
    assert studio.clients.search(studio.desk, "mar walk 04").total == 1


def test_search_refuses_an_unknown_sort(studio):
    with pytest.raises(ValidationError) as err:
        studio.clients.search(studio.desk, "", sort="shoe size")
    assert err.value.field == "sort"
