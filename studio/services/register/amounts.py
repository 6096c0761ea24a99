"""The one check every amount the register takes goes through."""

from __future__ import annotations

from studio.services.common.errors import ValidationError
from studio.services.common.i18n import _

MAX_CENTS = 100_000_000  # one million in the studio's currency: more is a typing slip


def checked_cents(value: int, *, field: str, allow_zero: bool = False) -> int:
    """``value`` (integer cents) when it is a sensible amount; ValidationError otherwise."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(_("Type an amount."), field=field)
    if value < 0 or (value == 0 and not allow_zero):
        raise ValidationError(_("Type an amount above zero.") if not allow_zero
                              else _("An amount can't be negative."), field=field)
    if value > MAX_CENTS:
        raise ValidationError(_("That amount is too large for the register; check the number."), field=field)
    return value
