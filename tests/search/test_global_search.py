"""The global search service: clients, staff and pending intake forms in one call, each
kind only for the roles that may see it, on a real SQLite studio."""

from __future__ import annotations

import pytest

from studio.services.clients import ClientInput
from studio.services.common import Permission, PermissionDenied, ValidationError
from studio.services.intake import FormKind, PhoneDesk
from studio.services.search import Found, SearchHit, SearchProvider
from tests.intake.conftest import good_fields


def walk_in(services, actor, full_name: str) -> int:
    """A walk-in form sent from a phone as ``full_name``; its submission id."""
    desk = PhoneDesk(services)
    token = services.intake.walkin_qr(actor).url.rsplit("/", 1)[1]
    form = desk.open_form(FormKind.WALKIN, token)
    desk.submit(FormKind.WALKIN, token, good_fields(form.csrf, full_name=full_name), [])
    return next(r.id for r in services.intake.submissions(actor) if r.full_name == full_name)


def add_clients(services, admin, *names: str) -> dict[str, int]:
    return {name: services.clients.create(admin, ClientInput(full_name=name, email=f"c{i}@mail.test"),
                                          allow_duplicate=True).id
            for i, name in enumerate(names)}


def kinds(result) -> list[str]:
    return [g.kind for g in result.groups]


def titles(result, kind: str) -> list[str]:
    return [h.title for g in result.groups if g.kind == kind for h in g.hits]


def test_one_query_finds_clients_staff_and_pending_forms_folded(services, admin, make_staff):
    add_clients(services, admin, "Zoë Martín", "Martina Kowalski", "Noah Kim")
    make_staff("artist", name="Martim Sousa", email="martim@studio.test")
    walk_in(services, admin, "Márta Nagy")
    result = services.search.search(admin, "mart")
    assert kinds(result) == ["clients", "staff", "intake"]
    assert titles(result, "clients") == ["Martina Kowalski", "Zoë Martín"]
    assert titles(result, "staff") == ["Martim Sousa"]
    assert titles(result, "intake") == ["Márta Nagy"]
    group = result.groups[0]
    assert (group.title, group.icon, group.total, group.more) == ("Clients", "users", 2, 0)
    staff_hit = result.groups[1].hits[0]
    assert staff_hit.detail == "Artist · martim@studio.test"
    form_hit = result.groups[2].hits[0]
    assert form_hit.detail == "Walk-in form" and form_hit.when is not None


def test_every_word_must_start_a_term_and_misses_give_no_groups(services, admin):
    add_clients(services, admin, "Zoë Martín", "Zoe Adams")
    assert titles(services.search.search(admin, "zoe mar"), "clients") == ["Zoë Martín"]
    empty = services.search.search(admin, "xqz")
    assert not empty and empty.groups == () and empty.query == "xqz"
    assert not services.search.search(admin, "   ")


def test_each_kind_is_capped_and_says_how_many_more(services, admin):
    add_clients(services, admin, *(f"Ana Test{i:02d}" for i in range(8)))
    group = services.search.search(admin, "ana test").groups[0]
    assert len(group.hits) == 5 and group.total == 8 and group.more == 3 and not group.capped
    assert len(services.search.search(admin, "ana", limit=2).groups[0].hits) == 2
    with pytest.raises(ValidationError):
        services.search.search(admin, "ana", limit=0)


def test_an_artist_sees_no_staff_and_no_intake_forms(services, admin, make_staff):
    artist = make_staff("artist", name="Rita Alves")
    add_clients(services, admin, "Rita Moreira")
    walk_in(services, admin, "Rita Lopes")
    result = services.search.search(artist, "rita")
    assert kinds(result) == ["clients"]


def test_the_front_desk_sees_forms_but_not_staff(services, admin, make_staff):
    desk = make_staff("front_desk", name="Rui Costa")
    walk_in(services, admin, "Rui Lopes")
    assert kinds(services.search.search(desk, "rui")) == ["intake"]


def test_the_role_is_read_from_the_database_not_the_sign_in(services, admin, make_staff):
    promoted = make_staff("artist", name="Inês Prata")
    services.staff.change_role(admin, promoted.staff_id, "admin")
    assert "staff" in kinds(services.search.search(promoted, "ines"))  # the Actor still says artist
    services.staff.set_active(admin, promoted.staff_id, False)
    with pytest.raises(PermissionDenied):
        services.search.search(promoted, "ines")


def test_only_pending_forms_are_found(services, admin):
    submission = walk_in(services, admin, "Paula Reis")
    services.intake.reject(admin, submission, "test")
    assert kinds(services.search.search(admin, "paula")) == []


def test_names_come_back_as_typed(services, admin):
    add_clients(services, admin, "<b>Bold</b> Client")
    assert titles(services.search.search(admin, "bold"), "clients") == ["<b>Bold</b> Client"]


def test_a_new_kind_is_one_registered_provider(services, admin):
    def find(_uow, _actor, query, limit):
        return Found((SearchHit("items", 7, f"Ink for {query}"),), 1)

    services.search.register(SearchProvider("items", "Items", "package", Permission.VIEW_DASHBOARD, find))
    result = services.search.search(admin, "black")
    assert kinds(result) == ["items"] and titles(result, "items") == ["Ink for black"]
    with pytest.raises(ValueError):
        services.search.register(SearchProvider("items", "Items", "package", Permission.VIEW_DASHBOARD, find))
