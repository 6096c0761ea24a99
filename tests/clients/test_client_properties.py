"""Property tests: folding and phone normalisation never crash, and are stable."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from studio.services.common import ValidationError, folding
from studio.services.common.phones import formats, normalize_phone, pick_display
from studio.services.common.validation import multi_line, one_line

# phonenumbers accepts numbers a little longer than E.164's 15 digits (some German ones).
E164 = re.compile(r"^\+[1-9]\d{3,18}$")
phoneish = st.from_regex(r"\A\+?[0-9 ()\-.]{0,24}\Z") | st.text(max_size=30)
regions = st.sampled_from(["PT", "US", "GB", "DE", "BR", "JP", "IN", "FR"])


@given(st.text())
def test_fold_is_total_idempotent_and_accentless(text):
    once = folding.fold(text)
    assert folding.fold(once) == once
    assert once == once.strip() and "  " not in once
    assert not any(unicodedata.combining(c) for c in once)
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in once)
    once.encode("utf-8")  # storable


@given(st.text())
def test_words_and_query_terms_are_folded(text):
    for word in folding.words(text) + folding.query_terms(text):
        assert word and folding.fold(word) == word and " " not in word
        assert len(word) <= folding.TERM_MAX
    assert folding.words(folding.fold(text)) == folding.words(text)


@given(st.text(), st.text(alphabet="0123456789 ()+-./", max_size=20))
def test_phone_queries_become_one_run_of_digits(noise, typed):
    terms = folding.query_terms(typed)
    if any(c.isdigit() for c in typed):
        assert terms == [folding.digits(typed)]
        assert terms[0].isascii() and terms[0].isdigit()
    assert folding.digits(noise + typed) == folding.digits(noise) + folding.digits(typed)
    assert set(folding.digits(noise)) <= set("0123456789")


@given(st.text(min_size=1))
def test_prefix_bound_is_above_every_extension(prefix):
    bound = folding.prefix_upper_bound(prefix)
    if bound:
        assert prefix < bound and prefix + "\U0010fffe" < bound


@settings(max_examples=300)
@given(phoneish, regions)
@example("000000", "DE")  # read as +4900000, which reads back as +490000: refused
def test_phone_normalisation_is_total_and_idempotent(raw, region):
    try:
        e164 = normalize_phone(raw, region)
    except ValidationError as err:
        assert err.field == "phone" and err.message.endswith(".")
        return
    if not raw.strip():
        assert e164 == ""
        return
    assert E164.match(e164)
    assert normalize_phone(e164, region) == e164
    assert normalize_phone(e164, "US") == e164  # E.164 does not depend on the region
    national, international = formats(e164)
    assert normalize_phone(international, region) == e164
    assert pick_display(national, international, region) in (national, international)
    terms = folding.phone_terms(e164, folding.digits(national))
    assert terms and all(t.isascii() and t.isdigit() for t in terms)


@given(st.text(max_size=40), st.text(max_size=40), st.text(max_size=40))
def test_search_terms_and_lcp(full, preferred, email):
    rows = folding.term_rows(folding.search_terms(full, preferred, email, ""))
    terms = [t for t, _ in rows]
    assert terms == sorted(set(terms)) and all(terms)
    for (previous, _), (term, lcp) in zip(rows, rows[1:]):
        assert previous[:lcp] == term[:lcp]
        assert lcp == len(previous) or lcp == len(term) or previous[lcp] != term[lcp]


def _takes_space(c: str) -> bool:
    return not c.isspace() and unicodedata.category(c) not in ("Cf", "Cc", "Cs", "Mn", "Me") \
        and c not in "\u115f\u1160\u3164\uffa0"


@given(st.text())
def test_a_cleaned_line_is_stable_and_empty_only_when_nothing_in_it_shows(text):
    once = one_line(text)
    assert one_line(once) == once and multi_line(once) == once
    assert "\n" not in once and once == once.strip() and "  " not in once
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in once)
    if once:  # it neither starts nor ends with something invisible
        assert unicodedata.category(once[0]) != "Cf" and unicodedata.category(once[-1]) != "Cf"
    if any(_takes_space(c) for c in text):
        assert once
    if not any(_takes_space(c) or unicodedata.category(c) in ("Mn", "Me") for c in text):
        assert once == ""
