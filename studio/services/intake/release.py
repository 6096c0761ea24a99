"""The release text clients sign: the default first version, and reading the current one.
Versions are kept forever; each signature records the version it signed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from studio.models import ReleaseText
from studio.services.intake.records import ReleaseTextRecord

RELEASE_MAX = 20_000

DEFAULT_RELEASE = """\
I confirm that I am getting this tattoo of my own free will and that the design, spelling \
and placement are as I asked.

I understand that a tattoo is permanent, that skin heals differently from person to person, \
and that colours may vary and fade over time. I understand the risks of infection, allergic \
reaction and scarring, and that following the aftercare instructions lowers them.

I have answered the health questions truthfully. I release the studio and its artists from \
liability for problems caused by information I did not give, or by not following aftercare.

I agree that the studio keeps this form, my answers and my signature for as long as the law \
requires."""


def release_record(row: ReleaseText | None) -> ReleaseTextRecord:
    if row is None:
        return ReleaseTextRecord(1, DEFAULT_RELEASE, datetime(2026, 1, 1).astimezone(), "Linework")
    return ReleaseTextRecord(row.version, row.body, row.created_at, row.created_by_name)


def current_release(session) -> ReleaseText | None:
    return session.scalars(select(ReleaseText).order_by(ReleaseText.version.desc())).first()


def seed_release(session, now: datetime) -> None:
    """Store the default release as version 1 when the studio has none yet."""
    if current_release(session) is None:
        session.add(ReleaseText(version=1, body=DEFAULT_RELEASE, created_at=now, created_by_name="Linework"))
        session.flush()

