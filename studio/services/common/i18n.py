"""The one translation mechanism: gettext catalogs the services, the CLI, the phone form
and the widgets all read (no Qt here).

Mark every sentence Linework shows::

    from studio.services.common.i18n import _, N_, ngettext, pgettext

    raise ValidationError(_("Enter the client's full name."))
    _("Signed in as {name}").format(name=actor.name)        # fill after translating
    ngettext("{n} photo", "{n} photos", n).format(n=n)        # plural forms per language
    pgettext("menu", "Open")                                  # same English, other meanings
    TITLES = {Status.PENDING: N_("Nothing waiting")}          # at import: marked only,
    label.setText(_(TITLES[status]))                          # translated where shown
    Nn_("{n} photo", "{n} photos")                            # a plural pair, marked only

Studio data (names, notes, the release text) is never passed through ``_``.

The language is the signed-in person's (their own choice, else the studio's), set with
``set_language``; a piece of work that speaks to someone else — a phone filling the form,
a PDF the client signed in their language — runs inside ``using_language(code)``, which
holds for its thread and its context only. Catalogs are ``studio/locale/<lang>/LC_MESSAGES/
linework.po``, compiled to ``.mo`` when Linework is installed or built; a checkout whose
``.mo`` is missing or older than its ``.po`` compiles it in memory (with Babel) instead.
"""

from __future__ import annotations

import gettext as _gettext
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

DOMAIN = "linework"
LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
DEFAULT_LANGUAGE = "en"
# The languages Linework speaks, in the order a chooser lists them, each named in itself.
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español", "pt_BR": "Português (Brasil)"}

_process_language = DEFAULT_LANGUAGE
_override: ContextVar[str | None] = ContextVar("linework_language", default=None)
_catalogs: dict[str, _gettext.NullTranslations] = {}
_lock = threading.Lock()


def supported(code: str | None) -> str | None:
    """``code`` as one of LANGUAGES ("pt-br" → "pt_BR", "es_MX" → "es"), or None."""
    if not code:
        return None
    code = code.strip().replace("-", "_")
    by_lower = {known.lower(): known for known in LANGUAGES}
    if code.lower() in by_lower:
        return by_lower[code.lower()]
    base = code.split("_")[0].lower()
    if base == "pt":
        return "pt_BR"  # the Portuguese Linework speaks
    return by_lower.get(base)


def set_language(code: str | None) -> str:
    """The language of this process from now on (the signed-in person's); returns it."""
    global _process_language
    _process_language = supported(code) or DEFAULT_LANGUAGE
    return _process_language


def current_language() -> str:
    return _override.get() or _process_language


@contextmanager
def using_language(code: str | None) -> Iterator[str]:
    """Speak ``code`` inside the block, in this thread and context only."""
    token = _override.set(supported(code) or current_language())
    try:
        yield current_language()
    finally:
        _override.reset(token)


def catalog(code: str | None = None) -> _gettext.NullTranslations:
    """The translations of ``code`` (default: the current language), loaded once."""
    code = supported(code) or current_language()
    found = _catalogs.get(code)
    if found is None:
        with _lock:
            found = _catalogs.get(code) or _load(code)
            _catalogs[code] = found
    return found


def _load(code: str) -> _gettext.NullTranslations:
    if code == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()  # the source strings are English
    folder = LOCALE_DIR / code / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fp:
            return _gettext.GNUTranslations(fp)
    if po.exists():
        return _compiled_in_memory(po)
    return _gettext.NullTranslations()


def _compiled_in_memory(po: Path) -> _gettext.NullTranslations:
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as source:
        messages = read_po(source)
    buffer = BytesIO()
    write_mo(buffer, messages)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def forget_catalogs() -> None:
    """Read the catalogs again on next use (after compiling them)."""
    with _lock:
        _catalogs.clear()


def _(message: str) -> str:
    return catalog().gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Marks ``message`` for translation without translating it (a constant made at import)."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - the gettext convention
    """Marks a plural pair for translation without translating it, for a count known later
    (an audit row's ``Words.counted``); shown with ``ngettext(singular, plural, n)``."""
    return singular, plural


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalog().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return catalog().pgettext(context, message)


def language_name(code: str) -> str:
    """"Español" for "es": each language named in itself."""
    return LANGUAGES.get(supported(code) or DEFAULT_LANGUAGE, code)
