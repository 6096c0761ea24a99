"""SQL that every engine Linework runs on answers the same way, written once: the upsert
of a kept total, and a text found inside a column whatever its case."""

from __future__ import annotations

import functools

from sqlalchemy.dialects import postgresql, sqlite


def upsert(session, table, values: dict, key: tuple[str, ...], added: tuple[str, ...]) -> None:
    """INSERT ``values``, or where a row with the same ``key`` columns exists, set each of
    ``added``'s columns to the row's value plus the new one (a running total)."""
    session.execute(_upsert(session.get_bind().dialect.name, table, key, added), values)


@functools.cache
def _upsert(dialect_name: str, table, key: tuple[str, ...], added: tuple[str, ...]):
    # Built once per table: making the statement costs more than running it.
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    statement = dialect.insert(table)
    return statement.on_conflict_do_update(
        index_elements=list(key), set_={name: table.c[name] + statement.excluded[name] for name in added})


def contains_text(session, column, text: str):
    """``column`` holds ``text`` anywhere, any case (ASCII letters; wildcards in ``text`` are
    plain characters). SQLite's LIKE already ignores ASCII case, and its lower() knows no
    more letters than that, so LIKE says the same as ILIKE there at a fifth of the cost;
    PostgreSQL's ILIKE is its own."""
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if session.get_bind().dialect.name == "sqlite":
        return column.like(pattern, escape="\\")
    return column.ilike(pattern, escape="\\")
