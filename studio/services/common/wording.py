"""Small pieces of English every module's sentences share."""

from __future__ import annotations


def count_of(n: int, noun: str, *, zero: str = "no") -> str:
    """"no photos", "1 photo", "3 photos" (regular plurals only)."""
    if n == 0:
        return f"{zero} {noun}s"
    return f"1 {noun}" if n == 1 else f"{n} {noun}s"
