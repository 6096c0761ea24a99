"""Password hashing (argon2id) and the password policy.

Policy (NIST SP 800-63B style): 12 to 256 characters, no composition rules; refuse the
person's own email or name and anything zxcvbn scores under 3, with its feedback as reason.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from studio.services.accounts.password_advice import ADVICE
from studio.services.common.errors import ValidationError
from studio.services.common.i18n import _, current_language

MIN_LENGTH = 12
MAX_LENGTH = 256
MIN_SCORE = 3
# zxcvbn's matching grows quickly with length; a long password is judged on its start,
# which is what its authors recommend. zxcvbn 4.5 refuses (ValueError) anything longer than
# 72 characters, so the prefix must not exceed that.
SCORED_PREFIX = 72


class Passwords:
    """Hash and verify with one hasher; verify takes the same time whether or not the
    account exists, by checking unknown accounts against a dummy hash."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self.hasher = hasher or PasswordHasher()
        # Made now, not on the first unknown email, so that first probe is not slower.
        self._dummy = self.hasher.hash("linework-timing-equaliser")

    def hash(self, password: str) -> str:
        return self.hasher.hash(password)

    def verify(self, stored_hash: str | None, password: str) -> bool:
        try:
            return self.hasher.verify(stored_hash or self._dummy, password) and bool(
                stored_hash
            )
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        return self.hasher.check_needs_rehash(stored_hash)


def check_policy(password: str, *, email: str = "", name: str = "", field: str = "password") -> None:
    """Raise ValidationError with a reason when the password is too weak."""
    if len(password) < MIN_LENGTH:
        raise ValidationError(
            _("Use at least {n} characters; a short sentence is easy to remember.").format(n=MIN_LENGTH),
            field=field,
        )
    if len(password) > MAX_LENGTH:
        raise ValidationError(_("Use at most {n} characters.").format(n=MAX_LENGTH), field=field)
    lowered = password.strip().lower()
    personal = {email.strip().lower(), name.strip().lower(), email.split("@")[0].lower()} - {""}
    if lowered in personal:
        raise ValidationError(_("The password can't be your email or your name."), field=field)

    from zxcvbn import zxcvbn  # lazy: its word lists take a moment to load

    inputs = [part for part in (email, name, email.split("@")[0], "linework", "tattoo", "studio") if part]
    result = zxcvbn(password[:SCORED_PREFIX], user_inputs=inputs)
    if result["score"] < MIN_SCORE:
        feedback = result.get("feedback") or {}
        # zxcvbn's advice is English; ours in the catalog (password_advice.py) translates it,
        # and anything a newer zxcvbn says that the catalog lacks is left out outside English.
        reasons = [_advice(feedback.get("warning") or "") or _("This password is easy to guess.")]
        reasons += [_advice(s) for s in feedback.get("suggestions") or []]
        text = " ".join(r.strip().rstrip(".") + "." for r in reasons if r.strip())
        raise ValidationError(text, field=field)


def _advice(english: str) -> str:
    if english in ADVICE or current_language() == "en":
        return _(english) if english else ""
    return ""
