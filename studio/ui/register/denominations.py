"""The notes and coins a drawer holds, per currency, in cents (largest first), for counting
the drawer by denomination. A currency not listed counts with the euro's set."""

from __future__ import annotations

EURO_LIKE = (50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1)

DENOMINATIONS: dict[str, tuple[int, ...]] = {
    "EUR": EURO_LIKE,
    "USD": (10000, 5000, 2000, 1000, 500, 200, 100, 25, 10, 5, 1),
    "GBP": (5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1),
    "BRL": (20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 25, 10, 5),
    "CHF": (100000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5),
    "CAD": (10000, 5000, 2000, 1000, 500, 200, 100, 25, 10, 5),
    "AUD": (10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5),
    "MXN": (100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50),
}


def denominations(currency: str) -> tuple[int, ...]:
    return DENOMINATIONS.get((currency or "").upper(), EURO_LIKE)
