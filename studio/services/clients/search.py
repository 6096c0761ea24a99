"""Client search: the derived search keys and terms, and the queries over them.

What matches: a typed query becomes folded words (or one digit run when it looks like a
phone number, "555 12" → "55512"); a client matches when every word is a prefix of one of
its terms (ClientSearchTerm). Each word is an indexed range scan (``term >= w AND term <
bound``) — plain SQL any database answers from an index, where ``LIKE '%w%'`` reads every
row and SQLite only indexes ``LIKE 'w%'`` under case_sensitive_like or NOCASE. A word of
one character is an equality on the term's ``initial`` instead, or, after the first word,
a test of the client's ``initials`` on the index row already being read.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, select

from studio.models import Client, ClientSearchTerm
from studio.services.clients.records import ClientSort
from studio.services.common import folding, phones
from studio.services.common.errors import ValidationError
from studio.services.common.i18n import _


def derived_columns(full_name: str, preferred_name: str, email: str, phone_e164: str) -> dict[str, str]:
    """The columns of a client row the service derives from what was typed: folded
    search keys and the phone's display forms."""
    national, international = phones.formats(phone_e164)
    return {
        "search_name": folding.name_key(full_name, preferred_name),
        "search_email": folding.email_key(email),
        "phone_digits": folding.digits(phone_e164),
        "phone_national": national,
        "phone_international": international,
    }


def term_records(client_id: int, full_name: str, preferred_name: str, email: str, phone_e164: str,
                 phone_national: str, search_name: str) -> list[dict]:
    """The client's ClientSearchTerm rows, as dicts to insert: the service writes through
    this, and so do the bench's bulk insert and migration 0006."""
    terms = folding.search_terms(full_name, preferred_name, email, phone_e164,
                                 folding.digits(phone_national))
    initials = folding.initials(terms)
    return [{"client_id": client_id, "term": term, "lcp": lcp, "name_key": search_name,
             "initials": initials, "initial": term[0]}
            for term, lcp in folding.term_rows(terms)]


# Core columns, not ORM attributes: these statements run on every keystroke, and a Core
# select skips the ORM's compile and row-loading layers.
_TERMS = ClientSearchTerm.__table__
T = _TERMS.c
C = Client.__table__.c

# A search box counts matches up to here and then says "1,000+": counting every match of a
# one-letter query would cost more than the page itself.
SEARCH_COUNT_CAP = 1_000

# Enough to tell which typed word is the rarer without reading much of a common one; past
# the cap, the longer word is taken as the rarer.
WORD_ESTIMATE_CAP = 500


def _in_range(table, word: str):
    bound = folding.prefix_upper_bound(word)
    condition = table.term >= word
    return and_(condition, table.term < bound) if bound else condition


def driver(word: str):
    """Rows of the term index for ``word``, exactly one per matching client. For a single
    character they are read from the initial index, already in name order."""
    if len(word) == 1:
        return and_(T.lcp == 0, T.initial == word)
    return and_(T.lcp.in_(range(len(word))), _in_range(T, word))


def _has_term(word: str, client_id_column):
    other = _TERMS.alias()
    # Selecting the key column (not *) keeps the probe inside the (client_id, term) index.
    return select(other.c.client_id).where(other.c.client_id == client_id_column,
                                           _in_range(other.c, word)).exists()


def _has_word(word: str, client_id_column, initials_column):
    """The condition that a client has a term starting with ``word``. Its first character
    must be among the client's initials (folding.initials), which are on the index row
    being read: that answers a one-character word entirely, and spares a longer one the
    look-up on every client whose terms never start with that character."""
    # Folded text has no upper-case ASCII, so LIKE's ASCII case-blindness changes nothing.
    has_initial = initials_column.contains(word[0], autoescape=True)
    return has_initial if len(word) == 1 else and_(has_initial, _has_term(word, client_id_column))


# Past this many matches, a page in name order is found faster by walking the clients'
# name index and testing each client than by sorting every match. A page of 100 costs the
# walk ~100·N/m look-ups (~3 µs each) for m matches of N clients and the sort ~m rows
# (~0.3 µs each): they cost the same at m ≈ √(1,000·N), 10,000 for 100,000 clients.
BROAD_MATCHES = 10_000


def _capped_count(word: str, cap: int):
    """How many clients ``word`` matches, counted up to ``cap`` (a scalar subquery)."""
    capped = select(T.client_id).where(driver(word)).limit(cap).subquery()
    return select(func.count()).select_from(capped).scalar_subquery()


@dataclass(frozen=True)
class Words:
    """A query's words in the order its SQL wants them: the one expected to match the
    fewest clients first (it drives, see matches()), and what is known of how many it
    matches."""

    words: list[str]
    fewest: int | None = None  # matches of words[0] up to WORD_ESTIMATE_CAP (None: not counted)

    def __bool__(self) -> bool:
        return bool(self.words)


def rarest_first(session, words: list[str]) -> Words:
    """``words`` rarest first, estimated in one statement (a lone word is not estimated)."""
    if len(words) < 2:
        return Words(words)
    estimates = session.execute(select(*(_capped_count(w, WORD_ESTIMATE_CAP) for w in words))).one()
    ranked = sorted(zip(estimates, words), key=lambda pair: (pair[0], -len(pair[1])))
    return Words([w for _, w in ranked], ranked[0][0])


def is_broad(session, words: Words) -> bool:
    """True when every typed word matches more than BROAD_MATCHES clients ("ma", "+3"…),
    read from the index without counting them all. Never when the rarest word is a single
    character: its matches come in name order already (see driver())."""
    if len(words.words[0]) == 1:
        return False
    if words.fewest is not None and words.fewest < min(WORD_ESTIMATE_CAP, BROAD_MATCHES):
        return False  # the rarest word was counted whole, and it is not broad
    for word in words.words:
        if session.scalar(select(_capped_count(word, BROAD_MATCHES + 1))) <= BROAD_MATCHES:
            return False
    return True


def has_every_word(words: list[str]) -> list:
    """Conditions over the clients table that a client has a term for each typed word."""
    return [_has_term(w, C.id) for w in words]


def matches(words: list[str]):
    """WHERE conditions over the term table: the first word drives (one index range, so
    put the rarest first), every other word is checked on the index row (initials) and,
    when longer than one character, then per client on the (client_id, term) key."""
    return [driver(words[0]), *(_has_word(w, T.client_id, T.initials) for w in words[1:])]


def ids_named(session, text: str):
    """A SELECT of the ids of the clients whose name, email or phone has a term starting
    with each word of ``text`` (the clients list's own rule), for other areas' filters;
    None when ``text`` has no word."""
    typed = folding.words(text)[:folding.QUERY_WORDS_MAX]
    if not typed:
        return None
    return select(T.client_id).where(*matches(rarest_first(session, typed).words))


def count_matches(session, query: Words, at_most: int | None = None) -> int:
    """How many clients match ``query`` (no words: every client), stopping at ``at_most``."""
    # Counted on the term index alone: one row per client thanks to ``lcp``.
    matching = select(T.client_id).where(*matches(query.words)) if query else select(C.id)
    if at_most is not None:
        matching = matching.limit(max(0, at_most))
    return session.scalar(select(func.count()).select_from(matching.subquery())) or 0


def page_rows(session, query: Words, columns: tuple, sort: ClientSort, descending: bool,
              offset: int, limit: int, *, broad: bool | None = None) -> list:
    """``columns`` of the clients matching ``query`` in ``sort`` order, ties by id.
    ``broad`` is is_broad(), when the caller already knows it."""
    words = query.words
    if words and sort is ClientSort.NAME:
        if broad is None:
            broad = is_broad(session, query)
        find = walk_by_name if broad else ids_by_name
        return rows_of(session, columns, find(session, words, descending, offset, limit))
    if words:
        statement = (select(*columns).select_from(_TERMS).join(Client.__table__, C.id == T.client_id)
                     .where(*matches(words)))
    else:
        statement = select(*columns)
    statement = statement.order_by(*order_by(sort, descending))
    return session.execute(statement.offset(offset).limit(limit)).all()


def ids_by_name(session, words: list[str], descending: bool, offset: int, limit: int) -> list[int]:
    """Ids of the clients matching ``words`` (rarest first) in name order, sorted inside the
    term index (name_key): no client row is read."""
    direction = (lambda c: c.desc()) if descending else (lambda c: c.asc())
    return session.scalars(
        select(T.client_id).where(*matches(words))
        .order_by(direction(T.name_key), direction(T.client_id))
        .offset(offset).limit(limit)).all()


def walk_by_name(session, words: list[str], descending: bool, offset: int, limit: int) -> list[int]:
    """ids_by_name() for words most clients match: walk the clients' name index and test
    each client. Only ids are selected, so the walk stays on the index; a client row is
    read for the page alone."""
    return session.scalars(select(C.id).where(*has_every_word(words))
                           .order_by(*order_by(ClientSort.NAME, descending))
                           .offset(offset).limit(limit)).all()


def rows_of(session, columns: tuple, ids: list[int]) -> list:
    """``columns`` (the id first) of the clients ``ids``, in that order (ids erased
    meanwhile are left out)."""
    found = {r[0]: r for r in session.execute(select(*columns).where(C.id.in_(ids))).all()}
    return [found[i] for i in ids if i in found]


def first_page(session, query: Words, columns: tuple, sort: ClientSort, descending: bool,
               limit: int, count_at_most: int) -> tuple[int, list]:
    """(count_matches(at_most=count_at_most), page_rows(offset=0)), in as few statements as
    the query allows. In name order, a lone word of several characters is counted once,
    far enough to tell whether it is broad; otherwise the matches are read in name order
    up to the count wanted (sorted, or straight from the initial index for a single
    character), and that one pass counts them too."""
    words, broad = query.words, None
    if len(words) == 1 and len(words[0]) > 1 and sort is ClientSort.NAME:
        counted = count_matches(session, query, max(count_at_most, BROAD_MATCHES + 1))
        broad = counted > BROAD_MATCHES
        rows = page_rows(session, query, columns, sort, descending, 0, limit, broad=broad)
        return min(counted, count_at_most), rows
    if words and sort is ClientSort.NAME:
        broad = is_broad(session, query)
        if not broad:
            ids = ids_by_name(session, words, descending, 0, max(limit, count_at_most))
            return min(len(ids), count_at_most), rows_of(session, columns, ids[:limit])
    return (count_matches(session, query, count_at_most),
            page_rows(session, query, columns, sort, descending, 0, limit, broad=broad))


# Column, and the condition that puts unknown values (no email, no birthday) last.
_SORT_KEYS = {
    ClientSort.NAME: (C.search_name, None),
    ClientSort.EMAIL: (C.search_email, C.search_email == ""),
    ClientSort.PHONE: (C.phone, C.phone == ""),
    ClientSort.AGE: (C.date_of_birth, C.date_of_birth.is_(None)),
    ClientSort.UPDATED: (C.updated_at, None),
}


def order_by(sort: ClientSort, descending: bool) -> list:
    column, blank = _SORT_KEYS[sort]
    # Age ascending means the youngest first, i.e. the latest birthday first.
    reverse = descending != (sort is ClientSort.AGE)
    order = [column.desc() if reverse else column.asc(),
             C.id.desc() if descending else C.id.asc()]
    return ([blank] if blank is not None else []) + order


def parse_sort(value: ClientSort | str) -> ClientSort:
    try:
        return ClientSort(value)
    except ValueError:
        raise ValidationError(_("Sort by name, email, phone, age or last change."), field="sort") from None
