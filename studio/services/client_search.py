"""Client search: the derived search keys and terms, and the queries over them.

What matches: a typed query becomes folded words (or one digit run when it looks like a
phone number, "555 12" → "55512"); a client matches when every word is a prefix of one of
its terms (ClientSearchTerm). Each word is an indexed range scan (``term >= w AND term <
bound``) — plain SQL any database answers from an index, where ``LIKE '%w%'`` reads every
row and SQLite only indexes ``LIKE 'w%'`` under case_sensitive_like or NOCASE.
"""

from __future__ import annotations

from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased

from studio.models import Client, ClientSearchTerm
from studio.services import folding, phones
from studio.services.client_records import ClientSort
from studio.services.errors import ValidationError

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


def term_rows(full_name: str, preferred_name: str, email: str, phone_e164: str,
              phone_national: str) -> list[tuple[str, int]]:
    """(term, lcp) rows of a client (the bench bulk-inserts through this too)."""
    return folding.term_rows(folding.search_terms(full_name, preferred_name, email, phone_e164,
                                                  folding.digits(phone_national)))


T = ClientSearchTerm

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
    """Rows of the term index for ``word``, exactly one per matching client."""
    return and_(T.lcp.in_(range(len(word))), _in_range(T, word))


def _has_term(word: str, client_id_column):
    other = aliased(ClientSearchTerm)
    # Selecting the key column (not *) keeps the probe inside the (client_id, term) index.
    return select(other.client_id).where(other.client_id == client_id_column,
                                         _in_range(other, word)).exists()


# Past this many matches, a page in name order is found faster by walking the clients'
# name index and testing each client than by sorting every match.
BROAD_MATCHES = 20_000


def is_broad(session, words: list[str]) -> bool:
    """True when every typed word matches more than BROAD_MATCHES clients (one letter, one
    digit, "+3"…), read from the index without counting them all."""
    for word in words:
        capped = select(T.client_id).where(driver(word)).limit(BROAD_MATCHES + 1).subquery()
        if (session.scalar(select(func.count()).select_from(capped)) or 0) <= BROAD_MATCHES:
            return False
    return True


def has_every_word(words: list[str], client_id_column) -> list:
    """Conditions that a client (by id column) has a term for each typed word."""
    return [_has_term(w, client_id_column) for w in words]


def matches(session, words: list[str]):
    """WHERE conditions over the term table: the rarest word drives (one index range),
    every other word is checked per client on the (client_id, term) key."""
    if len(words) > 1:
        def estimate(word: str) -> int:
            capped = select(T.client_id).where(driver(word)).limit(WORD_ESTIMATE_CAP).subquery()
            return session.scalar(select(func.count()).select_from(capped)) or 0
        words = sorted(words, key=lambda w: (estimate(w), -len(w)))
    return [driver(words[0]), *(_has_term(w, T.client_id) for w in words[1:])]


# Column, and the condition that puts unknown values (no email, no birthday) last.
_SORT_KEYS = {
    ClientSort.NAME: (Client.search_name, None),
    ClientSort.EMAIL: (Client.search_email, Client.search_email == ""),
    ClientSort.PHONE: (Client.phone, Client.phone == ""),
    ClientSort.AGE: (Client.date_of_birth, Client.date_of_birth.is_(None)),
    ClientSort.UPDATED: (Client.updated_at, None),
}


def order_by(sort: ClientSort, descending: bool) -> list:
    column, blank = _SORT_KEYS[sort]
    # Age ascending means the youngest first, i.e. the latest birthday first.
    reverse = descending != (sort is ClientSort.AGE)
    order = [column.desc() if reverse else column.asc(),
             Client.id.desc() if descending else Client.id.asc()]
    return ([blank] if blank is not None else []) + order


def parse_sort(value: ClientSort | str) -> ClientSort:
    try:
        return ClientSort(value)
    except ValueError:
        raise ValidationError("Sort by name, email, phone, age or last change.", field="sort") from None
