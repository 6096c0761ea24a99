"""The studio's sales tax (VAT, IVA, GST…): the rate its prices include and the name its
accountant knows it by, kept as settings, and the tax lines of a period's figures.

Prices in a studio include the tax, so the tax is taken out of the taxable gross: the
sales (vouchers redeemed among them) and the deposits kept, less the refunds (of sales and
tips: the figures hold them as one). Tips themselves are the artist's and carry none.
Cents round half up, once, on the period's total, as an accountant works it out from the
month's figures."""

from __future__ import annotations

from dataclasses import dataclass

from studio.services.common.errors import ValidationError
from studio.services.common.i18n import N_, _
from studio.services.common.settings_store import read_values, write_value
from studio.services.common.validation import clean_text
from studio.services.finance.records import SummaryPoint

RATE_KEY, NAME_KEY = "finance.tax_rate_bp", "finance.tax_name"
RATE_MAX_BP = 5_000  # 50 %: no sales tax comes near it
NAME_MAX = 20


@dataclass(frozen=True)
class TaxSetting:
    """``rate_bp`` in hundredths of a percent (2100: 21 %); 0: the studio charges none.
    ``name`` as the studio calls it ("" until set: reports say "VAT" in the reader's language)."""

    rate_bp: int = 0
    name: str = ""

    @property
    def shown_name(self) -> str:
        return self.name or _("VAT")


@dataclass(frozen=True)
class TaxLines:
    gross_cents: int      # the taxable takings, tax included
    tax_cents: int
    net_cents: int        # before tax


def read_tax(session) -> TaxSetting:
    values = read_values(session, (RATE_KEY, NAME_KEY))
    return TaxSetting(int(values.get(RATE_KEY) or 0), str(values.get(NAME_KEY) or ""))


def write_tax(session, rate_bp: int, name: str) -> TaxSetting:
    """Store a checked rate and name (a rate of 0 turns the tax lines off)."""
    if isinstance(rate_bp, bool) or not isinstance(rate_bp, int) or not 0 <= rate_bp <= RATE_MAX_BP:
        raise ValidationError(_("Type the tax rate as a percentage between 0 and 50, e.g. 21."), field="rate")
    name = clean_text(name, field="name", label=N_("tax name"), max_length=NAME_MAX, required=False)
    write_value(session, RATE_KEY, rate_bp)
    write_value(session, NAME_KEY, name)
    return TaxSetting(rate_bp, name)


def tax_lines(point: SummaryPoint, rate_bp: int) -> TaxLines:
    gross = point.sales_cents + point.forfeits_cents - point.refunds_cents
    tax = _round_half_up(gross * rate_bp, 10_000 + rate_bp)
    return TaxLines(gross, tax, gross - tax)


def _round_half_up(numerator: int, denominator: int) -> int:
    rounded = (abs(numerator) * 2 + denominator) // (2 * denominator)
    return rounded if numerator >= 0 else -rounded
