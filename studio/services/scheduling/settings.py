"""The scheduling settings: the booking policy and working hours (the studio's, and each
artist's own where set), as rows of the settings table, read and checked here."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import time

from studio.services.common.errors import ValidationError
from studio.services.common.i18n import _
from studio.services.common.settings_store import read_value, read_values, write_value
from studio.services.scheduling.records import SchedulingPolicy, WeekHours

POLICY_KEY = "scheduling.policy"
STUDIO_HOURS_KEY = "scheduling.hours"
ARTIST_HOURS_PREFIX = "scheduling.hours.artist."

# Tuesday to Saturday, 11:00–19:00: a common tattoo studio week (breaks, if any, are the
# studio's to add: the gap between two stretches of a day).
_DAY = ((time(11), time(19)),)
DEFAULT_HOURS: WeekHours = ((), _DAY, _DAY, _DAY, _DAY, _DAY, ())

LIMITS = {
    "deposit_cents": (0, 10_000_000),
    "deposit_percent": (1, 100),
    "late_cancel_hours": (0, 24 * 30),
    "reschedules_kept": (0, 10),
    "lateness_minutes": (5, 240),
}


def read_policy(session) -> SchedulingPolicy:
    stored = read_value(session, POLICY_KEY)
    if not isinstance(stored, dict):
        return SchedulingPolicy()
    try:
        return clean_policy(SchedulingPolicy(**{f.name: stored[f.name] for f in fields(SchedulingPolicy)
                                                if f.name in stored}))
    except (TypeError, ValidationError):
        return SchedulingPolicy()  # a damaged row never stops the calendar


def write_policy(session, policy: SchedulingPolicy) -> None:
    write_value(session, POLICY_KEY, asdict(policy))


def clean_policy(policy: SchedulingPolicy) -> SchedulingPolicy:
    """The policy as given, or ValidationError naming the first field out of its range."""
    sentences = {
        "deposit_cents": _("The deposit must be between {low} and {high}."),
        "deposit_percent": _("The deposit percentage must be between {low} and {high} %."),
        "late_cancel_hours": _("The late-cancel window must be between {low} and {high} hours."),
        "reschedules_kept": _("The reschedules that keep the deposit must be between {low} and {high}."),
        "lateness_minutes": _("The lateness limit must be between {low} and {high} minutes."),
    }
    for name, (low, high) in LIMITS.items():
        value = getattr(policy, name)
        if name == "deposit_percent" and value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            if name == "deposit_cents":
                low, high = low // 100, high // 100
            raise ValidationError(sentences[name].format(low=low, high=high), field=name)
    return SchedulingPolicy(**{**asdict(policy), "keep_as_credit": bool(policy.keep_as_credit)})


# ---- working hours


def read_studio_hours(session) -> WeekHours:
    return _parse_week(read_value(session, STUDIO_HOURS_KEY)) or DEFAULT_HOURS


def read_artist_hours(session) -> dict[int, WeekHours]:
    """Each artist's own hours, for those who have them (the others keep the studio's)."""
    own: dict[int, WeekHours] = {}
    for key, value in read_values(session).items():
        if key.startswith(ARTIST_HOURS_PREFIX) and key[len(ARTIST_HOURS_PREFIX):].isdigit():
            week = _parse_week(value)
            if week is not None:
                own[int(key[len(ARTIST_HOURS_PREFIX):])] = week
    return own


def write_hours(session, artist_id: int | None, week: WeekHours | None) -> None:
    """The studio's hours (``artist_id`` None) or an artist's own; an artist's ``None``
    goes back to the studio's."""
    key = STUDIO_HOURS_KEY if artist_id is None else f"{ARTIST_HOURS_PREFIX}{artist_id}"
    if week is None:
        from studio.models import Setting

        row = session.get(Setting, key)
        if row is not None:
            session.delete(row)
        return
    write_value(session, key, [[[a.isoformat("minutes"), b.isoformat("minutes")] for a, b in day] for day in week])


def clean_week(week) -> WeekHours:
    """Seven days of intervals, each starting before it ends and after the one before;
    ValidationError with a sentence otherwise."""
    if len(week) != 7:
        raise ValidationError(_("Give the hours of all seven days of the week."), field="hours")
    cleaned = []
    for day in week:
        intervals = tuple((a, b) for a, b in day)
        previous_end = None
        for start, end in intervals:
            if not start < end:
                raise ValidationError(_("Each stretch of working hours must end after it starts."), field="hours")
            if previous_end is not None and start < previous_end:
                raise ValidationError(_("The stretches of one day's hours may not overlap."), field="hours")
            previous_end = end
        cleaned.append(intervals)
    return tuple(cleaned)  # type: ignore[return-value]


def _parse_week(value) -> WeekHours | None:
    """Stored hours ([[["11:00", "15:00"], …] × 7]) or None when absent or damaged."""
    if not isinstance(value, list) or len(value) != 7:
        return None
    try:
        week = tuple(tuple((time.fromisoformat(a), time.fromisoformat(b)) for a, b in day) for day in value)
        return clean_week(week)
    except (TypeError, ValueError, ValidationError):
        return None
