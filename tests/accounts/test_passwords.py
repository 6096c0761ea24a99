"""The password policy: length limits, nothing personal, and zxcvbn's judgement as the reason."""

from __future__ import annotations

import pytest
from zxcvbn import zxcvbn

from studio.services.accounts import MAX_LENGTH, MIN_LENGTH, check_policy
from studio.services.common import Role, ValidationError
from tests.support import row_counts

EMAIL = "anastasia.ruiz@studio.test"
NAME = "Anastasia Ruizova"
PASSPHRASE = "violet anchors drift softly 42"
# 128 characters that are not a pattern zxcvbn recognises.
LONG_128 = ("Gx7#pLm2 vQ9!rTz4 Wb6$kNy8 Hd3^sFj5 " * 4)[:128]


def refusal(password: str, **who: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_policy(password, **who)
    assert caught.value.field == "password"
    return caught.value


def test_long_128_is_what_it_says():
    assert len(LONG_128) == 128


@pytest.mark.parametrize("password", ["", "short one 1", "x" * (MIN_LENGTH - 1)])
def test_too_short_is_refused(password):
    error = refusal(password, email=EMAIL, name=NAME)
    assert f"at least {MIN_LENGTH} characters" in error.message


def test_too_long_is_refused_but_the_maximum_is_accepted():
    at_max = (LONG_128 * 2)[:MAX_LENGTH]
    check_policy(at_max, email=EMAIL, name=NAME)
    error = refusal(at_max + "z", email=EMAIL, name=NAME)
    assert error.message == f"Use at most {MAX_LENGTH} characters."


@pytest.mark.parametrize("password", [
    EMAIL, "  ANASTASIA.Ruiz@Studio.test ", NAME, "anastasia ruizova", "anastasia.ruiz",
])
def test_the_persons_own_email_or_name_is_refused(password):
    error = refusal(password, email=EMAIL, name=NAME)
    assert error.message == "The password can't be your email or your name."


@pytest.mark.parametrize("password, kind", [
    ("password1234", "common password"),
    ("qwertyuiop[]\\", "keyboard walk"),
    ("abcdefghijklmnop", "sequence"),
    ("aaaaaaaaaaaaaaaa", "repeats"),
    ("anastasia.ruiz@studio.test!", "the email with a twist"),
])
def test_guessable_passwords_are_refused_with_zxcvbns_feedback(password, kind):
    error = refusal(password, email=EMAIL, name=NAME)
    feedback = zxcvbn(password, user_inputs=[EMAIL, NAME, "anastasia.ruiz", "linework", "tattoo", "studio"])
    assert feedback["score"] < 3, kind
    warning = feedback["feedback"]["warning"] or "This password is easy to guess."
    assert error.message.startswith(warning)
    for suggestion in feedback["feedback"]["suggestions"]:
        assert suggestion in error.message
    assert password not in error.message


def test_a_keyboard_walk_is_called_one():
    error = refusal("qwertyuiop[]\\", email=EMAIL, name=NAME)
    assert "rows of keys" in error.message


@pytest.mark.parametrize("password", [PASSPHRASE, "Mara tattoos koi on Tuesdays", LONG_128])
def test_long_passphrases_are_accepted(password):
    check_policy(password, email=EMAIL, name=NAME)


def test_the_field_name_is_the_callers():
    with pytest.raises(ValidationError) as caught:
        check_policy("short", field="new_password")
    assert caught.value.field == "new_password"


def test_a_128_character_password_works_for_a_real_account(services, admin):
    record = services.staff.add_staff(admin, name=NAME, email=EMAIL, role=Role.ARTIST.value,
                                      password=LONG_128)
    actor = services.auth.login(EMAIL, LONG_128)
    assert actor.staff_id == record.id


def test_a_weak_password_creates_no_account(services, admin):
    before = row_counts(services)
    with pytest.raises(ValidationError) as caught:
        services.staff.add_staff(admin, name=NAME, email=EMAIL, role=Role.ARTIST.value,
                                 password="password1234")
    assert caught.value.field == "password"
    assert "common password" in caught.value.message
    assert row_counts(services) == before


def test_the_catalog_knows_every_piece_of_advice_zxcvbn_gives():
    """password_advice.py holds exactly the sentences zxcvbn's feedback module writes."""
    import ast
    import inspect

    import zxcvbn.feedback

    from studio.services.accounts.password_advice import ADVICE

    tree = ast.parse(inspect.getsource(zxcvbn.feedback))
    written = {node.args[0].value for node in ast.walk(tree)
               if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_"
               and isinstance(node.args[0], ast.Constant)}
    assert written and set(ADVICE) == written


@pytest.mark.parametrize("language, advice", [
    ("es", "Las filas seguidas de teclas son fáciles de adivinar."),
    ("pt_BR", "Sequências retas de teclas são fáceis de adivinhar."),
])
def test_zxcvbns_advice_reads_in_the_persons_language(language, advice):
    from studio.services.common import using_language

    with using_language(language):
        error = refusal("qwertyuiop[]\\", email=EMAIL, name=NAME)
    assert error.message.startswith(advice)
    assert "rows of keys" not in error.message
