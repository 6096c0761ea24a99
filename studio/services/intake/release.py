"""The release text clients sign: one numbered history per language (the admin writes each
language's text), the default first version, and which text a reader of a language signs.
Versions are kept forever; each signature records the language and version it signed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from studio.models import ReleaseText
from studio.services.common.i18n import DEFAULT_LANGUAGE, N_, _, supported, using_language
from studio.services.intake.records import ReleaseTextRecord

RELEASE_MAX = 20_000

# Translators: the release form a studio starts with, until an admin writes its own. Keep the
# blank lines between paragraphs.
DEFAULT_RELEASE = N_("""\
I confirm that I am getting this tattoo of my own free will and that the design, spelling \
and placement are as I asked.

I understand that a tattoo is permanent, that skin heals differently from person to person, \
and that colours may vary and fade over time. I understand the risks of infection, allergic \
reaction and scarring, and that following the aftercare instructions lowers them.

I have answered the health questions truthfully. I release the studio and its artists from \
liability for problems caused by information I did not give, or by not following aftercare.

I agree that the studio keeps this form, my answers and my signature for as long as the law \
requires.""")


def default_body(language: str) -> str:
    """The default release in ``language`` (what a studio starts with)."""
    with using_language(language):
        return _(DEFAULT_RELEASE)


def release_record(row: ReleaseText | None, language: str = DEFAULT_LANGUAGE) -> ReleaseTextRecord:
    """The record of ``row``; None is the default text (version 1) in ``language``."""
    if row is None:
        return ReleaseTextRecord(1, default_body(language), datetime(2026, 1, 1).astimezone(), "Linework",
                                 supported(language) or DEFAULT_LANGUAGE)
    return ReleaseTextRecord(row.version, row.body, row.created_at, row.created_by_name, row.language)


def current_release(session, language: str = DEFAULT_LANGUAGE) -> ReleaseText | None:
    """The newest version of ``language``'s history, or None when it has none."""
    return session.scalars(select(ReleaseText).where(ReleaseText.language == language)
                           .order_by(ReleaseText.version.desc()).limit(1)).first()


def current_releases(session) -> dict[str, ReleaseTextRecord]:
    """The newest version of every language that has a text, in one query."""
    newest = (select(ReleaseText.language, func.max(ReleaseText.version).label("version"))
              .group_by(ReleaseText.language).subquery())
    rows = session.scalars(select(ReleaseText).join(
        newest, (ReleaseText.language == newest.c.language) & (ReleaseText.version == newest.c.version)))
    return {row.language: release_record(row) for row in rows}


def release_for(releases: dict[str, ReleaseTextRecord], language: str, studio_language: str) -> ReleaseTextRecord:
    """What a reader of ``language`` signs: that language's newest text; when it has none,
    the studio's language's (the record's ``language`` says which), else any the studio
    wrote (English first), else the default text in the reader's language."""
    for candidate in (language, studio_language, DEFAULT_LANGUAGE, *sorted(releases)):
        if candidate in releases:
            return releases[candidate]
    return release_record(None, language)


def find_release(session, language: str, version: int) -> ReleaseText | None:
    return session.scalar(select(ReleaseText).where(ReleaseText.language == language,
                                                    ReleaseText.version == version))


def seed_release(session, now: datetime, language: str = DEFAULT_LANGUAGE) -> None:
    """Store the default release as version 1 (in ``language``, the studio's) when the studio
    has no release text in any language yet."""
    if session.scalar(select(ReleaseText.id).limit(1)) is None:
        language = supported(language) or DEFAULT_LANGUAGE
        session.add(ReleaseText(language=language, version=1, body=default_body(language), created_at=now,
                                created_by_name="Linework"))
        session.flush()
