"""The windows' language: Linework's own catalogs (services/common/i18n.py) and Qt's
translations of its standard buttons and dialogs ("Cancel", "Save"…), set together.

``apply(code)`` before a window is built makes that window speak ``code``; a window already
on screen keeps its texts (the shell rebuilds it instead). Nothing here loads the data layer,
so the sign-in window may call it before SQLAlchemy is imported.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from studio.services.common import set_language

DEFAULT_LANGUAGE = "en"  # the source strings' language

# The PC's language, as one Linework speaks (any Portuguese reads the Brazilian one).
_QT_LANGUAGES = {QLocale.Language.Spanish: "es", QLocale.Language.Portuguese: "pt_BR"}
# The window prefs' key (QSettings): the studio's language, for the next sign-in window.
STUDIO_LANGUAGE_KEY = "studio_language"

_qt_translator: QTranslator | None = None


def system_language() -> str:
    """The PC's language when Linework speaks it, else English: a first run's default."""
    return _QT_LANGUAGES.get(QLocale.system().language(), DEFAULT_LANGUAGE)


def apply(code: str | None) -> str:
    """Speak ``code`` (unknown or None: English) from now on, Qt's own texts too; returns it."""
    global _qt_translator
    language = set_language(code)
    app = QCoreApplication.instance()
    if app is None:
        return language
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if language != DEFAULT_LANGUAGE:
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{language}", folder):
            app.installTranslator(translator)
            _qt_translator = translator
    return language


def qt_translated() -> bool:
    """Whether Qt's own texts are translated now (a language other than English is on)."""
    return _qt_translator is not None
