"""client search terms carry the client's initials and their own initial

Revision ID: 0006_search_initials
Revises: 0005_search_index
Create Date: 2026-11-29 10:05:00.000000
"""
from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = '0006_search_initials'
down_revision = '0005_search_index'
branch_labels = None
depends_on = None

_BATCH = 2_000


def upgrade() -> None:
    with op.batch_alter_table('client_search_terms', schema=None) as batch_op:
        batch_op.drop_index('ix_client_search_terms_lcp_term')
        batch_op.add_column(sa.Column('initials', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('initial', sa.String(length=1), server_default='', nullable=False))
    _rewrite_terms(op.get_bind())
    with op.batch_alter_table('client_search_terms', schema=None) as batch_op:
        batch_op.create_index('ix_client_search_terms_lcp_term',
                              ['lcp', 'term', 'name_key', 'client_id', 'initials'], unique=False)
        batch_op.create_index('ix_client_search_terms_initial',
                              ['lcp', 'initial', 'name_key', 'client_id', 'initials'], unique=False)


def _rewrite_terms(conn) -> None:
    """Every client's term rows again, built by a frozen copy of what the service wrote them
    with when this revision was made (so the new columns hold exactly what a save put there
    then, whatever the service's search terms become later)."""
    clients = sa.table('clients', sa.column('id'), sa.column('full_name'), sa.column('preferred_name'),
                       sa.column('email'), sa.column('phone'), sa.column('phone_national'),
                       sa.column('search_name'))
    terms = sa.table('client_search_terms', sa.column('client_id'), sa.column('term'), sa.column('lcp'),
                     sa.column('name_key'), sa.column('initials'), sa.column('initial'))
    rows = conn.execute(sa.select(clients.c.id, clients.c.full_name, clients.c.preferred_name,
                                  clients.c.email, clients.c.phone, clients.c.phone_national,
                                  clients.c.search_name).order_by(clients.c.id)).all()
    conn.execute(terms.delete())
    for start in range(0, len(rows), _BATCH):
        records = [record for r in rows[start:start + _BATCH] for record in term_records(*r)]
        if records:
            conn.execute(terms.insert(), records)


def downgrade() -> None:
    with op.batch_alter_table('client_search_terms', schema=None) as batch_op:
        batch_op.drop_index('ix_client_search_terms_initial')
        batch_op.drop_index('ix_client_search_terms_lcp_term')
        batch_op.drop_column('initial')
        batch_op.drop_column('initials')
    with op.batch_alter_table('client_search_terms', schema=None) as batch_op:
        batch_op.create_index('ix_client_search_terms_lcp_term', ['lcp', 'term', 'name_key', 'client_id'],
                              unique=False)


# --- frozen: the client search terms as studio/services/clients/search.py's term_records and
# studio/services/common/folding.py built them at this revision. An old migration must write
# the same rows however the live code changes later, so it keeps its own copy: do not edit.

_TERM_MAX = 64
_LETTERS = str.maketrans({
    "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ł": "l", "Ł": "l",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ı": "i", "ħ": "h",
    "Ħ": "h", "ŧ": "t", "Ŧ": "t",
})
_APOSTROPHES = str.maketrans("", "", "'’‘ʼ`´")
_SEPARATORS = re.compile(r"[^\w]+|_+")


def _fold_once(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS).casefold().translate(_LETTERS))
    return "".join(c for c in text
                   if not unicodedata.combining(c) and unicodedata.category(c) not in ("Cc", "Cs"))


def _fold(text: str) -> str:
    for _ in range(4):
        folded = _fold_once(text)
        if folded == text:
            break
        text = folded
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    folded = _fold(text).translate(_APOSTROPHES)
    return [w[:_TERM_MAX] for w in _SEPARATORS.split(folded) if w]


def _digits(text: str) -> str:
    return "".join(c for c in text if "0" <= c <= "9")


def _phone_terms(e164: str, national_digits: str = "") -> set[str]:
    full = _digits(e164)
    if not full:
        return set()
    terms = {full}
    national = _digits(national_digits) or full
    terms.add(national)
    core = national.lstrip("0") or national
    for start in range(len(core) - 3):
        terms.add(core[start:])
    return {t[:_TERM_MAX] for t in terms}


def _search_terms(full_name: str, preferred_name: str, email: str, e164: str,
                  national_digits: str = "") -> set[str]:
    terms = set(_words(full_name)) | set(_words(preferred_name))
    mail = _fold(email)[:254]
    if mail:
        terms.add(mail[:_TERM_MAX])
        local, _, domain = mail.partition("@")
        terms.update(_words(local))
        if domain:
            terms.add(domain[:_TERM_MAX])
            terms.update(_words(domain))
    terms |= _phone_terms(e164, national_digits)
    return {t for t in terms if t}


def _term_rows(terms: set[str]) -> list[tuple[str, int]]:
    rows: list[tuple[str, int]] = []
    previous = ""
    for term in sorted(terms):
        shared = 0
        for a, b in zip(previous, term):
            if a != b:
                break
            shared += 1
        rows.append((term, shared))
        previous = term
    return rows


def term_records(client_id: int, full_name: str, preferred_name: str, email: str, phone_e164: str,
                 phone_national: str, search_name: str) -> list[dict]:
    terms = _search_terms(full_name, preferred_name, email, phone_e164, _digits(phone_national))
    initials = "".join(sorted({t[0] for t in terms if t}))
    return [{"client_id": client_id, "term": term, "lcp": lcp, "name_key": search_name,
             "initials": initials, "initial": term[0]}
            for term, lcp in _term_rows(terms)]
