"""Which backups to keep: every backup of the last N days that had one, and the newest of
each of the last N weeks and months.

A pure function over (name, local time, verified) so it is tested without files. The newest
verified backup is always kept, whatever the counts say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Candidate:
    name: str
    local_time: datetime  # in the studio's time zone: "a day" is the studio's day
    verified: bool


def keep(candidates: list[Candidate], *, daily: int, weekly: int, monthly: int) -> set[str]:
    ordered = sorted(candidates, key=lambda c: c.local_time, reverse=True)
    kept: set[str] = set()
    # Daily keeps every backup of those days: a manual backup taken before a restore (or
    # the restore's safety backup) must not be deleted by the next backup that same day.
    days: list = []
    for candidate in ordered:
        if not candidate.verified:
            continue
        day = candidate.local_time.date()
        if day not in days:
            if len(days) >= daily:
                break
            days.append(day)
        kept.add(candidate.name)
    for count, bucket in ((weekly, lambda t: t.isocalendar()[:2]), (monthly, lambda t: (t.year, t.month))):
        seen: list = []
        for candidate in ordered:
            if not candidate.verified:
                continue
            key = bucket(candidate.local_time)
            if key in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(key)
            kept.add(candidate.name)
    newest_verified = next((c for c in ordered if c.verified), None)
    if newest_verified is not None:
        kept.add(newest_verified.name)
    # A backup that is not verified is kept only while no verified one is newer, so a
    # half-finished day never deletes the last good copy, and broken ones do not pile up.
    for candidate in ordered:
        if candidate.verified:
            break
        kept.add(candidate.name)
    return kept
