"""CSV files other programs read: UTF-8 with a byte-order mark (so Excel and LibreOffice
show accented names), amounts with a fixed decimal point, and every text cell neutralised
against formula injection (OWASP "CSV injection")."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

# A spreadsheet reads a cell starting with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number ("-12.50", "+3") is data, not a formula: it stays as it is so it sums.
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def csv_safe(value: object) -> str:
    """``value`` as a CSV cell a spreadsheet never runs: a text beginning with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a leading ``'``, unless it is a plain number."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def amount_text(cents: int) -> str:
    """Integer cents with a fixed decimal point and no grouping: 123450 → "1234.50",
    -5 → "-0.05". For files other programs read; people see formats.money."""
    if not isinstance(cents, int):
        raise TypeError("money is integer cents")
    whole, part = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{whole}.{part:02d}"


def csv_bytes(rows: Iterable[Iterable[object]]) -> bytes:
    """The rows as a CSV file's bytes, every cell through csv_safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_safe(c) for c in row])
    return out.getvalue().encode("utf-8-sig")
