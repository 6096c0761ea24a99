"""Folding text into search keys, shared by the client service, the bench and the demo.

A search key is lower case with accents stripped ("Zoë" → "zoe"), so what people type
matches what was saved however either was spelled. Everything here is pure and total: any
Unicode string folds without error, and folding a folded key changes nothing.
"""

from __future__ import annotations

import re
import unicodedata

TERM_MAX = 64
QUERY_WORDS_MAX = 8

# Letters that NFKD does not split into a base letter plus a mark.
_LETTERS = str.maketrans({
    "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ł": "l", "Ł": "l",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ı": "i", "ħ": "h",
    "Ħ": "h", "ŧ": "t", "Ŧ": "t",
})
# Apostrophes join ("O'Brien" → "obrien"); other punctuation separates words.
_APOSTROPHES = str.maketrans("", "", "'’‘ʼ`´")
_SEPARATORS = re.compile(r"[^\w]+|_+")
# What a phone query may hold besides digits: "+1 (555) 123-4567", "555.12".
_PHONE_QUERY = re.compile(r"^[\d\s()+\-./]+$")


def _fold_once(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS).casefold().translate(_LETTERS))
    # Marks go (that is the accent stripping); so do control characters and lone
    # surrogates, which no database text column can hold.
    return "".join(c for c in text
                   if not unicodedata.combining(c) and unicodedata.category(c) not in ("Cc", "Cs"))


def fold(text: str) -> str:
    """Lower case, accents stripped, whitespace collapsed. Idempotent."""
    # Case folding and decomposition can each undo the other's work on a few compatibility
    # characters, so repeat until stable (twice in practice; bounded to be safe).
    for _ in range(4):
        folded = _fold_once(text)
        if folded == text:
            break
        text = folded
    return " ".join(text.split())


def same_name(typed: str, name: str) -> bool:
    """Whether ``typed`` is ``name`` as a person would type it: case, accents and spacing
    aside ("zoe  martin" is "Zoë Martín"). Used where a name is typed to confirm."""
    return bool(fold(typed)) and fold(typed) == fold(name)


def words(text: str) -> list[str]:
    """The folded words of ``text``: split on punctuation and spaces, apostrophes joined."""
    folded = fold(text).translate(_APOSTROPHES)
    return [w[:TERM_MAX] for w in _SEPARATORS.split(folded) if w]


def digits(text: str) -> str:
    """The ASCII digits 0-9 in ``text``, in order (other scripts' digits are dropped)."""
    return "".join(c for c in text if "0" <= c <= "9")


def is_phone_query(text: str) -> bool:
    return bool(_PHONE_QUERY.match(text)) and any("0" <= c <= "9" for c in text)


def name_key(full_name: str, preferred_name: str = "") -> str:
    """The folded name the list sorts by: full name, then the preferred name."""
    return fold(f"{full_name} {preferred_name}")[:250]


def email_key(email: str) -> str:
    return fold(email)[:254]


def phone_terms(e164: str, national_digits: str = "") -> set[str]:
    """Digit runs a phone number is found by: the full E.164 digits, the national number
    with and without its trunk prefix, and every tail of at least four digits, so typing
    any part of the number from its 1st to its 4th-last digit finds it."""
    full = digits(e164)
    if not full:
        return set()
    terms = {full}
    national = digits(national_digits) or full
    terms.add(national)
    core = national.lstrip("0") or national
    for start in range(len(core) - 3):
        terms.add(core[start:])
    return {t[:TERM_MAX] for t in terms}


def search_terms(full_name: str, preferred_name: str, email: str, e164: str,
                 national_digits: str = "") -> set[str]:
    """Every term a client is found by (see ClientSearchTerm)."""
    terms = set(words(full_name)) | set(words(preferred_name))
    mail = email_key(email)
    if mail:
        terms.add(mail[:TERM_MAX])
        local, _, domain = mail.partition("@")
        terms.update(words(local))
        if domain:
            terms.add(domain[:TERM_MAX])
            terms.update(words(domain))
    terms |= phone_terms(e164, national_digits)
    return {t for t in terms if t}


def query_terms(query: str) -> list[str]:
    """What a typed search looks for: one digit run for a phone-like query ("555 12" →
    "55512"), else its folded words; every one must prefix a term of a matching client.
    An email-like word is kept whole so "zoe@ex" matches the stored email."""
    query = query.strip()
    if not query:
        return []
    if is_phone_query(query):
        return [digits(query)[:TERM_MAX]]
    found: list[str] = []
    for chunk in fold(query).split():
        if "@" in chunk:
            found.append(chunk[:TERM_MAX])
        else:
            found.extend(words(chunk))
    unique = list(dict.fromkeys(found))
    # The longest words narrow the most; a handful is plenty for a name.
    return sorted(unique, key=len, reverse=True)[:QUERY_WORDS_MAX]


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``, so that
    ``prefix <= term < bound`` is a prefix match an ordinary index can answer."""
    while prefix:
        last = ord(prefix[-1])
        if last < 0x10FFFF:
            bumped = last + 1
            if 0xD800 <= bumped <= 0xDFFF:  # surrogates cannot be stored
                bumped = 0xE000
            return prefix[:-1] + chr(bumped)
        prefix = prefix[:-1]
    return ""


def initials(terms: set[str]) -> str:
    """The distinct first characters of ``terms``, in code-point order: a one-character
    word is a prefix of one of the terms exactly when it is one of these."""
    return "".join(sorted({t[0] for t in terms if t}))


def term_rows(terms: set[str]) -> list[tuple[str, int]]:
    """``terms`` in code-point order (SQLite's binary order), each with the length of the
    prefix it shares with the one before (see ClientSearchTerm.lcp)."""
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
