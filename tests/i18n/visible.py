"""Every text a person can see (or hear from a screen reader) in the windows on screen, and
the judgements the language sweeps make of each one.

``texts_on_screen(where)`` reads every visible top-level window (the main window, dialogs,
menus, popups): labels, buttons, window titles, tab texts and tooltips, combo box items,
placeholders, tooltips, status tips and accessible names of every widget (hidden children
too: an error line or an empty state shows later), menu actions and submenus, table and
list headers and cells, group box titles, spin box prefixes and suffixes. File choosers are
Qt's own and skipped.

``unmarked(text, allowed)`` is what of ``text`` did not go through the pseudo catalog
(tests/i18n/pseudo.py): the words outside every ⟦…⟧ and inside the values filled into its
{placeholders}, once studio data (``allowed``), e-mail addresses, URLs, paths, time zone
names, currency codes, checksums and database layout versions (a backup's, in the audit
log), the language names, the brand and the locale's month and day names are set aside.
Empty: the text is fine."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from zoneinfo import available_timezones

from babel import Locale
from babel.numbers import list_currencies
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from studio.services.common.i18n import LANGUAGES
from tests.i18n.pseudo import CLOSE, OPEN, placeholder_values

BRAND = "Linework"
QT_BUTTON = "Qt's own button"  # a standard button showing the text Qt gives it
MAX_ROWS = 60  # cells read per table: enough for every kind of row the tour makes

URL = re.compile(r"\b(?:https?|file)://\S+")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PATH = re.compile(r"(?:[A-Za-z]:)?(?:[\\/][\w.@+-]+){2,}[\\/]?")  # /tmp/pytest-1/data/backups
ZONE = re.compile(r"\b[A-Z][A-Za-z_+-]*(?:/[A-Za-z0-9_+-]+)+")  # America/Argentina/Buenos_Aires
COLOUR = re.compile(r"#[0-9A-Fa-f]{3,8}\b")  # a staff colour's tooltip
DIGEST = re.compile(r"\b(?:sha256\s+)?[0-9a-f]{64}\b")  # a backup's checksum, as the audit log records it
REVISION = re.compile(r"\b\d{4}_[a-z0-9_]+\b")  # a database layout version: 0008_audit_wording
KEYS = re.compile(r"\b(?:Ctrl|Control|Shift|Mayús|Alt|Meta|Esc|F\d{1,2})(?:\+[\w]+)+")  # a shortcut, as Qt writes it: Ctrl+N
WORD = re.compile(r"[^\W\d_]{2,}")
MARKUP = re.compile(r"<(?:p|br|b|i|a|span|div|html|qt|img|ul|li|table)\b[^>]*>", re.IGNORECASE)
ACCELERATOR = re.compile(r"&(?=[^&\s])")
UNITS = {"KB", "MB", "GB", "TB", "kB", "UTC", "GMT", "PNG", "PDF", "JSON", "ZIP", "QR", "ID", "AES"}


@dataclass(frozen=True)
class Seen:
    text: str
    kind: str    # label, button, window title, tooltip, menu action, header…
    widget: str  # the widget it came from: class#objectName inside its parent
    where: str   # the page or dialog it was on
    elsewhere: int = 0  # other (widget, where) it was seen at

    def line(self) -> str:
        more = f" and {self.elsewhere} more" if self.elsewhere else ""
        return f"“{self.text}”  ({self.kind} of {self.widget}, on {self.where}{more})"


# --- reading the screen -------------------------------------------------------------------

def _plain(text: str) -> str:
    if MARKUP.search(text):
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return " ".join(text.replace("\u2029", "\n").split())


def _name(widget: QWidget) -> str:
    own = f"{type(widget).__name__}#{widget.objectName()}" if widget.objectName() else type(widget).__name__
    parent = widget.parentWidget()
    while parent is not None and not parent.objectName() and not parent.isWindow():
        parent = parent.parentWidget()
    if parent is None or parent is widget.window():
        return own
    return f"{own} in {type(parent).__name__}#{parent.objectName()}"


def window_name(window: QWidget) -> str:
    return f"{type(window).__name__} “{_plain(window.windowTitle()) or window.objectName()}”"


def _internal(widget: QWidget) -> bool:
    """Qt's own pieces inside a widget (a combo box's popup list, a tab bar's scroll buttons)."""
    name = widget.objectName()
    if name.startswith(("qt_", "_q_")):
        return True
    parent = widget.parentWidget()
    if isinstance(parent, QTabBar):  # its scroll buttons: Qt's own words, from Qt's translations
        return True
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox)):
            return True
        parent = parent.parentWidget()
    return False


@cache
def qt_standard_texts() -> dict[int, str]:
    """What Qt itself writes on each standard dialog button, in the language its
    translator speaks now (Qt's own translations, not Linework's catalog)."""
    box = QDialogButtonBox()
    texts = {}
    for flag in QDialogButtonBox.StandardButton:
        if flag in (QDialogButtonBox.StandardButton.NoButton,):
            continue
        try:
            made = box.addButton(flag)
        except (TypeError, ValueError):
            continue
        if made is not None:
            texts[int(flag.value)] = made.text().replace("&", "")
    box.deleteLater()
    return texts


def forget_qt_texts() -> None:
    qt_standard_texts.cache_clear()


def qt_own_text(button: QAbstractButton) -> bool:
    """A standard button (Save, Cancel, Close…) still showing the text Qt gives it."""
    parent = button.parentWidget()
    while parent is not None and not isinstance(parent, QDialogButtonBox):
        parent = parent.parentWidget()
    if parent is None:
        return False
    flag = parent.standardButton(button)
    if flag == QDialogButtonBox.StandardButton.NoButton:
        return False
    return qt_standard_texts().get(int(flag.value)) == button.text().replace("&", "")


def _model_texts(model: QAbstractItemModel, add, *, horizontal: bool, vertical: bool) -> None:
    root = QModelIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # a list model keeps its one column private
        columns = 1
    rows = min(model.rowCount(root), MAX_ROWS)
    for role, kind in ((Qt.ItemDataRole.DisplayRole, "header"), (Qt.ItemDataRole.ToolTipRole, "header tooltip")):
        if horizontal:
            for column in range(columns):
                add(model.headerData(column, Qt.Orientation.Horizontal, role), kind)
        if vertical:
            for row in range(rows):
                add(model.headerData(row, Qt.Orientation.Vertical, role), kind)
    for row in range(rows):
        for column in range(max(columns, 1)):
            index = model.index(row, column)
            add(model.data(index, Qt.ItemDataRole.DisplayRole), "cell")
            add(model.data(index, Qt.ItemDataRole.ToolTipRole), "cell tooltip")


def texts_of(widget: QWidget, where: str) -> list[Seen]:
    """The texts of ``widget`` itself (not its children)."""
    found: list[Seen] = []
    name = _name(widget)

    def add(value, kind: str) -> None:
        if isinstance(value, str) and value.strip():
            found.append(Seen(_plain(value), kind, name, where))

    if QWidget.isWindow(widget):
        add(QWidget.windowTitle(widget), "window title")
    if isinstance(widget, QLabel):
        add(QLabel.text(widget), "label")
    if isinstance(widget, QAbstractButton):
        add(ACCELERATOR.sub("", QAbstractButton.text(widget)), QT_BUTTON if qt_own_text(widget) else "button")
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            add(ACCELERATOR.sub("", widget.tabText(i)), "tab")
            add(widget.tabToolTip(i), "tab tooltip")
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            add(widget.itemText(i), "combo item")
            add(widget.itemData(i, Qt.ItemDataRole.ToolTipRole), "combo item tooltip")
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        add(type(widget).placeholderText(widget), "placeholder")
    if isinstance(widget, QGroupBox):
        add(QGroupBox.title(widget), "group title")
    if isinstance(widget, QAbstractSpinBox):
        add(widget.specialValueText(), "spin box text")
        for part in ("prefix", "suffix"):
            getter = getattr(widget, part, None)
            if getter is not None:
                add(getter(), f"spin box {part}")
    if isinstance(widget, QProgressBar) and widget.isTextVisible():
        add(widget.format(), "progress text")
    if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) and widget.model() is not None:
        header_h = getattr(widget, "horizontalHeader", None)
        header_v = getattr(widget, "verticalHeader", None)
        _model_texts(widget.model(), add,
                     horizontal=header_h is not None and not header_h().isHidden(),
                     vertical=header_v is not None and not header_v().isHidden())
    if isinstance(widget, QMenu):
        _menu_texts(widget, add)
    else:
        for action in QWidget.actions(widget):
            if not action.objectName().startswith(("qt_", "_q_")):
                add(ACCELERATOR.sub("", action.text()), "action")
                if action.toolTip() != action.text().replace("&", ""):  # Qt's default tooltip is the text
                    add(action.toolTip(), "action tooltip")
    add(QWidget.toolTip(widget), "tooltip")
    add(QWidget.statusTip(widget), "status tip")
    add(QWidget.whatsThis(widget), "what's this")
    add(QWidget.accessibleName(widget), "accessible name")
    add(QWidget.accessibleDescription(widget), "accessible description")
    return found


def _menu_texts(menu: QMenu, add) -> None:
    add(menu.title(), "menu title")
    for action in menu.actions():
        if action.isSeparator():
            continue
        add(ACCELERATOR.sub("", action.text()), "menu action")
        # Qt's own tooltip is the text without "&" and a trailing "…": read with the text.
        if action.toolTip() not in (action.text().replace("&", ""), action.text().replace("&", "").replace("…", "")):
            add(action.toolTip(), "menu action tooltip")
        if action.menu() is not None:
            _menu_texts(action.menu(), add)


def texts_on_screen(where: str) -> list[Seen]:
    """Every text in every visible top-level window now (``where``: what the tour is on)."""
    found: list[Seen] = []
    places: dict[int, str] = {}
    for top in QApplication.topLevelWidgets():
        if not top.isVisible() or isinstance(top, QFileDialog):
            continue
        for widget in [top, *top.findChildren(QWidget)]:
            window = widget.window()  # a dialog is its own window inside the main window's children
            if not window.isVisible() or isinstance(window, QFileDialog) or _internal(widget):
                continue
            place = places.setdefault(id(window), f"{where} › {window_name(window)}")
            found.extend(texts_of(widget, place))
    return found


def distinct(seen: Iterable[Seen]) -> list[Seen]:
    """One of each (text, kind), in the order first seen, counting the other places it was."""
    kept: dict[tuple[str, str], Seen] = {}
    places: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for item in seen:
        key = (item.text, item.kind)
        kept.setdefault(key, item)
        places.setdefault(key, set()).add((item.widget, item.where))
    return [replace(item, elsewhere=len(places[key]) - 1) for key, item in kept.items()]


# --- judging a text -----------------------------------------------------------------------

@cache
def calendar_words(language: str) -> frozenset[str]:
    """Month and day names, day periods and country names as Babel writes them in
    ``language`` (Babel's, already in the language; they never pass through the catalog)."""
    locale = Locale.parse(language)
    words: set[str] = set()
    for table in (locale.months, locale.days, locale.day_periods):
        for context in table.values():
            for width in context.values():
                for name in width.values():
                    words.update(w.lower() for w in WORD.findall(name))
    # Country names, as the studio's region chooser lists them: Babel's, in the language.
    for name in locale.territories.values():
        words.update(w.lower() for w in WORD.findall(name))
    return frozenset(words)


@cache
def _currencies() -> frozenset[str]:
    return frozenset(list_currencies())


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _set_aside(text: str, allowed: Iterable[str]) -> str:
    if text.strip() in _zones():  # a time zone's IANA name, as the time zone chooser lists them
        return ""
    for value in sorted({*allowed, *LANGUAGES.values(), BRAND}, key=len, reverse=True):
        text = text.replace(value, " ")
    for pattern in (URL, EMAIL, PATH, ZONE, COLOUR, DIGEST, REVISION, KEYS):
        text = pattern.sub(" ", text)
    return text


def words_of(text: str, allowed: Iterable[str], language: str) -> list[str]:
    """The words left in ``text`` once data, codes and the locale's calendar are set aside."""
    calendar = calendar_words(language)
    return [w for w in WORD.findall(_set_aside(text, allowed))
            if w not in UNITS and w not in _currencies() and w.lower() not in calendar]


def _segments(text: str) -> tuple[str, list[str]]:
    """``text`` split into what is outside every top-level ⟦…⟧ and what is inside each."""
    outside, inside, depth, current = [], [], 0, []
    for char in text:
        if char == OPEN:
            if depth == 0:
                current = []
            else:
                current.append(char)
            depth += 1
        elif char == CLOSE and depth > 0:
            depth -= 1
            if depth == 0:
                inside.append("".join(current))
            else:
                current.append(char)
        elif depth > 0:
            current.append(char)
        else:
            outside.append(char)
    if depth > 0:  # an unclosed ⟦: its text counts as outside
        outside.append("".join(current))
    return "".join(outside), inside


def unmarked(text: str, allowed: Iterable[str], language: str) -> list[str]:
    """The English words of ``text`` that did not come from the pseudo catalog: outside
    every ⟦…⟧, or inside a value filled into a marked string's {placeholder}."""
    outside, inside = _segments(text)
    found = words_of(outside, allowed, language)
    for segment in inside:
        for value in placeholder_values(segment) or []:
            found.extend(unmarked(value, allowed, language))
    return found
