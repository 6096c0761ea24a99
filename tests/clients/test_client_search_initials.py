"""One-letter words and the initials on the search terms: what they match, that every
write keeps them in step, and that migration 0006 fills them in as the service would."""

from __future__ import annotations

from itertools import product

from alembic import command
from sqlalchemy import create_engine, select, text

from studio.db import Database, alembic_config
from studio.models import Client, ClientSearchTerm
from studio.services.clients import ClientInput
from studio.services.clients.search import derived_columns, term_records
from studio.services.common import folding
from tests.support import sqlite_url

PEOPLE = [
    ClientInput("Bea Quist", email="bea@kite.example"),
    ClientInput("Ana Sousa", phone="912 345 678", email="ana.sousa@example.com"),
    ClientInput("João Silva Neves", phone="+44 7400 123456"),
    ClientInput("Zoë Martín", preferred_name="Zo"),
    ClientInput("Ümit Öz", email="u@x.example"),
]


def names(studio, query):
    return sorted(r.full_name for r in studio.clients.search(studio.desk, query).rows)


def expected(query: str, people: list[ClientInput], region_phones: dict[str, str]) -> list[str]:
    """What a query matches, worked out in Python from the terms alone."""
    found = []
    for p in people:
        terms = folding.search_terms(p.full_name, p.preferred_name, p.email, region_phones[p.full_name])
        if all(any(t.startswith(w) for t in terms) for w in folding.query_terms(query)):
            found.append(p.full_name)
    return sorted(found)


def stored_terms(studio, client_id: int) -> list[tuple]:
    with studio.services.db.engine.connect() as conn:
        return conn.execute(select(ClientSearchTerm.term, ClientSearchTerm.lcp, ClientSearchTerm.initials,
                                   ClientSearchTerm.initial)
                            .where(ClientSearchTerm.client_id == client_id)
                            .order_by(ClientSearchTerm.term)).all()


def test_one_letter_words_alone_and_with_others_match_what_the_terms_say(studio):
    phones = {}
    for person in PEOPLE:
        phones[person.full_name] = studio.clients.create(studio.desk, person).phone
    letters = sorted({c for p in PEOPLE for c in folding.fold(p.full_name + p.email) if c.isalnum()} | {"7", "9", "x"})
    queries = letters + [f"{a} {b}" for a, b in product(["a", "s", "bea", "silva", "zo"], ["q", "s", "n", "k", "9"])]
    for query in queries:
        want = expected(query, PEOPLE, phones)
        assert names(studio, query) == want, query
        assert studio.clients.count(studio.desk, query) == len(want), query
        for descending in (False, True):
            page = [r.full_name for r in studio.clients.page(studio.desk, query, 0, 100, descending=descending)]
            assert sorted(page) == want and page == sorted(page, key=folding.fold, reverse=descending), query


def test_initials_follow_every_edit_and_a_search_right_after_sees_it(studio):
    bea = studio.clients.create(studio.desk, ClientInput("Bea Quist"))
    assert names(studio, "q") == ["Bea Quist"] and names(studio, "y") == []
    assert names(studio, "bea q") == ["Bea Quist"]

    bea = studio.clients.update(studio.desk, bea.id, ClientInput("Bea Young"), version=bea.version)
    assert names(studio, "q") == [] and names(studio, "bea q") == []
    assert names(studio, "y") == ["Bea Young"] and names(studio, "bea y") == ["Bea Young"]

    bea = studio.clients.update(studio.desk, bea.id, ClientInput("Bea Young", email="hello@kite.example"),
                                version=bea.version)
    assert names(studio, "k") == names(studio, "h") == names(studio, "young k") == ["Bea Young"]

    bea = studio.clients.update(studio.desk, bea.id, ClientInput("Bea Young", phone="+44 7400 123456"),
                                version=bea.version)
    assert names(studio, "k") == [] and names(studio, "7") == names(studio, "bea 7") == ["Bea Young"]

    rows = stored_terms(studio, bea.id)
    terms = {t for t, *_ in rows}
    assert {initials for *_, initials, _ in rows} == {folding.initials(terms)}
    assert all(initial == term[0] for term, _, _, initial in rows)


def test_migration_0006_fills_the_initials_exactly_as_the_service_writes_them(tmp_path):
    url = sqlite_url(tmp_path / "m.db")
    cfg = alembic_config()
    cfg.set_main_option("sqlalchemy.url", url)
    command.upgrade(cfg, "0005_search_index")
    engine = create_engine(url)
    people = [("Bea Quist", "", "bea@kite.example", ""), ("João Silva", "Jo", "", "+351912345678"),
              ("Ümit Öz", "", "u@x.example", "+447400123456"), ("Nobody Known", "", "", "")]
    with engine.begin() as conn:
        for i, (full, preferred, email, phone) in enumerate(people, start=1):
            columns = derived_columns(full, preferred, email, phone)
            conn.execute(text(
                "INSERT INTO clients (id, full_name, preferred_name, pronouns, phone, email, address,"
                " emergency_name, emergency_phone, notes, medical_checks, allergies, conditions,"
                " medications, skin_conditions, medical_notes, has_medical, qr_id, search_name,"
                " search_email, phone_digits, phone_national, phone_international, created_at,"
                " updated_at, updated_by_name, version) VALUES (:id, :full, :preferred, '', :phone,"
                " :email, '', '', '', '', '', '', '', '', '', '', 0, :qr, :search_name, :search_email,"
                " :phone_digits, :phone_national, :phone_international, '2026-01-01 00:00:00',"
                " '2026-01-01 00:00:00', 'test', 1)"),
                dict(id=i, full=full, preferred=preferred, phone=phone, email=email, qr=f"qr{i}", **columns))
            for record in term_records(i, full, preferred, email, phone, columns["phone_national"],
                                       columns["search_name"]):
                conn.execute(text("INSERT INTO client_search_terms (client_id, term, lcp, name_key)"
                                  " VALUES (:client_id, :term, :lcp, :name_key)"), record)
    command.upgrade(cfg, "head")
    with engine.connect() as conn:
        for i, (full, preferred, email, phone) in enumerate(people, start=1):
            client = conn.execute(select(Client.phone_national, Client.search_name).where(Client.id == i)).one()
            stored = conn.execute(select(ClientSearchTerm.client_id, ClientSearchTerm.term, ClientSearchTerm.lcp,
                                         ClientSearchTerm.name_key, ClientSearchTerm.initials,
                                         ClientSearchTerm.initial)
                                  .where(ClientSearchTerm.client_id == i).order_by(ClientSearchTerm.term)).all()
            want = term_records(i, full, preferred, email, phone, client.phone_national, client.search_name)
            assert [r._asdict() for r in stored] == want, full
            assert stored or full == "Nobody Known"
    engine.dispose()
    db = Database(url)  # and the app's own upgrade path agrees it is at head
    assert db.migrate() is False
    db.dispose()
