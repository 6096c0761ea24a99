"""Small building blocks every page uses, so ten modules look like one app."""

from __future__ import annotations

import html
from typing import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHeaderView,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.services.common import N_, _
from studio.ui.kit import icons, theme


PASSWORDS_DIFFER = N_("The two passwords differ.")  # shown with _()
# A table column of local date and time ("29 Nov 2026, 08:17") at the theme's font.
DATETIME_WIDTH = 170


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` as typed. Qt renders any tooltip that looks like
    markup as rich text (an "<img src=…>" in a name would load a file), and has no plain
    mode for tooltips, so the text is escaped inside markup of ours."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""


def brand_mark(size: int = 44) -> QLabel:
    """Linework's mark in the theme's accent, for the sign-in, set-up and lock screens."""
    mark = QLabel()
    mark.setPixmap(icons.pixmap("sparkles", theme.current().accent, size))
    mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return mark


def label(text: str = "", role: str | None = None, *, wrap: bool = False) -> QLabel:
    """A label of plain text: names, notes and reasons come from people, and Qt would
    otherwise render anything that looks like markup ("<b>", "<img src=…>") as rich text."""
    widget = QLabel()
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setText(text)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    return widget


class UrlText(QPlainTextEdit):
    """A link shown whole: it wraps anywhere (a token has no spaces to wrap at), reads like
    small muted text, and can be selected and copied. ``setText`` as on a QLabel."""

    def __init__(self, lines: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UrlText")
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.document().setDocumentMargin(0)
        self.ensurePolished()  # the theme sets the font size; measure lines in that font
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 4)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:  # noqa: N802 - the QLabel spelling, on purpose
        self.setPlainText(text)

    def text(self) -> str:
        return self.toPlainText()


def button(
    text: str,
    *,
    icon_name: str | None = None,
    variant: str | None = None,
    tooltip: str = "",
    keys: str | None = None,
    on_click: Callable[[], None] | None = None,
) -> QPushButton:
    """A push button in the house style. ``keys`` names, in the tooltip, the shortcut that
    reaches this action; the main window owns page shortcuts (Ctrl+N → the page's
    ``new_item``), so the button does not bind it too: two bindings of one key in one
    window make Qt fire neither."""
    widget = QPushButton(text)
    if variant:
        widget.setProperty("variant", variant)
    if icon_name:
        widget.setIcon(_button_icon(icon_name, variant))
    if keys:
        # Translators: a button's tooltip and the keys that reach it, e.g. "Add staff (Ctrl+N)".
        tooltip = _("{action} ({keys})").format(
            action=tooltip or text, keys=QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText))
    if tooltip:
        widget.setToolTip(tooltip)
    widget.setAccessibleName(text or tooltip)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    if on_click:
        widget.clicked.connect(on_click)
    return widget


def _button_icon(icon_name: str, variant: str | None):
    from studio.ui.kit import theme

    # On a filled (primary, danger) button the icon takes the button's text colour.
    t = theme.current()
    color = {"primary": t.accent_text, "danger": theme.readable_text_on(t.danger), "link": t.accent}.get(variant or "")
    return icons.icon(icon_name, color)


def set_variant(widget: QPushButton, variant: str, *, icon_name: str | None = None) -> None:
    """Restyle a button made by ``button()`` ("primary", "secondary", "ghost", "danger"),
    and retint its icon to match."""
    widget.setProperty("variant", variant)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    if icon_name:
        widget.setIcon(_button_icon(icon_name, variant))


Role = QDialogButtonBox.ButtonRole


def button_box(*buttons: tuple[QPushButton, QDialogButtonBox.ButtonRole]) -> QDialogButtonBox:
    """A dialog's buttons in the platform's order (Windows, macOS and GNOME each put
    OK/Cancel their own way): ``(button(...), Role.AcceptRole)`` pairs, so every dialog of
    the app orders them alike without knowing the rule."""
    box = QDialogButtonBox()
    for widget, role in buttons:
        box.addButton(widget, role)
    return box


def card(*, margins: int = 16, spacing: int = 8) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("Card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(margins, margins, margins, margins)
    layout.setSpacing(spacing)
    return frame, layout


def page_scroll(content: QWidget, name: str = "") -> QScrollArea:
    """``content`` scrolling up and down inside a page or tab: no frame, no sideways bar (the
    content fits the width; only a tall one scrolls), the page's background showing through."""
    area = QScrollArea()
    if name:
        area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.viewport().setAutoFillBackground(False)
    area.setWidget(content)
    return area


def divider() -> QFrame:
    line = QFrame()
    line.setObjectName("Divider")
    return line


class ElidedLabel(QLabel):
    """One line of plain text that ends in "…" when there is not room for all of it (a long
    studio or staff name in a bar), with the whole text in its tooltip."""

    def __init__(self, text: str = "", *, max_width: int | None = None) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._full = ""
        if max_width is not None:
            self.setMaximumWidth(max_width)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's spelling
        self._full = text
        self.setToolTip(plain_tip(text))
        self.setAccessibleName(text)
        self._elide()
        self.updateGeometry()  # the hint follows the whole text, not what fits now

    def full_text(self) -> str:
        return self._full

    def minimumSizeHint(self):  # noqa: N802 - Qt override: it may shrink to a few letters
        hint = super().minimumSizeHint()
        hint.setWidth(min(hint.width(), self.fontMetrics().horizontalAdvance("M" * 6)))
        return hint

    def sizeHint(self):  # noqa: N802 - Qt override: as wide as the whole text wants
        hint = super().sizeHint()
        hint.setWidth(self.fontMetrics().horizontalAdvance(self._full) + self.contentsMargins().left()
                      + self.contentsMargins().right() + 2 * self.margin() + 4)
        return hint

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = self.contentsRect().width() - 2 * self.margin()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(room, 0)) \
            if room > 0 else self._full
        super().setText(shown)


class CheckItem(QWidget):
    """A checkbox whose words wrap to the width it is given, so a long question fits a
    narrow column instead of pushing the form wider than its window. Clicking the words
    ticks the box, as on a plain QCheckBox."""

    def __init__(self, text: str) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(8)
        self.box = QCheckBox()
        self.box.setAccessibleName(text)
        self.text = label(text, wrap=True)
        self.text.setBuddy(self.box)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        self.toggled = self.box.toggled
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def isChecked(self) -> bool:  # noqa: N802 - the QCheckBox spelling, on purpose
        return self.box.isChecked()

    def setChecked(self, checked: bool) -> None:  # noqa: N802
        self.box.setChecked(checked)

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802
        self.box.setEnabled(enabled)
        self.text.setEnabled(enabled)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - the words pass their clicks here
        if event.button() == Qt.MouseButton.LeftButton and self.box.isEnabled():
            self.box.toggle()
        super().mouseReleaseEvent(event)


class Field(QWidget):
    """A label above an input, with the error sentence under it in the danger colour."""

    def __init__(self, text: str, editor: QWidget, *, required: bool = False, hint: str = "") -> None:
        super().__init__()
        self.editor = editor
        self.required = required
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.caption = label(f"{text}{' *' if required else ''}", "fieldLabel")
        self.caption.setBuddy(editor)
        layout.addWidget(self.caption)
        layout.addWidget(editor)
        self.hint = label(hint, "small", wrap=True)
        self.hint.setVisible(bool(hint))
        layout.addWidget(self.hint)
        self.error = label("", "error", wrap=True)
        self.error.setVisible(False)
        self.error.setObjectName("FieldError")
        layout.addWidget(self.error)
        editor.setAccessibleName(text)

    def set_text(self, text: str, hint: str | None = None) -> None:
        """New words for the label (and hint), e.g. in another language."""
        self.caption.setText(f"{text}{' *' if self.required else ''}")
        self.editor.setAccessibleName(text)
        if hint is not None:
            self.hint.setText(hint)
            self.hint.setVisible(bool(hint) and not self.error.text())

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.hint.setVisible(not message and bool(self.hint.text()))
        self.editor.setProperty("invalid", bool(message))
        self.editor.style().unpolish(self.editor)
        self.editor.style().polish(self.editor)


# A pause in typing, not every keystroke, runs a search.
SEARCH_DELAY_MS = 120


def search_field(placeholder: str, *, max_width: int | None = None, shortcut: str = "Ctrl+F") -> QLineEdit:
    """The filter box above a table: a search icon, a clear button, its shortcut named in
    the hint (Ctrl+F; the top bar's search is Ctrl+K)."""
    edit = QLineEdit()
    # Translators: a filter field's hint and its shortcut, e.g. "Filter by name  (Ctrl+F)".
    edit.setPlaceholderText(_("{hint}  ({keys})").format(hint=placeholder, keys=shortcut))
    edit.setClearButtonEnabled(True)
    edit.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
    edit.setAccessibleName(placeholder)
    if max_width is not None:
        edit.setMaximumWidth(max_width)
    return edit


def line_edit(placeholder: str = "", *, password: bool = False, max_length: int = 254) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(max_length)
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class EmptyState(QFrame):
    """What a page shows when it has nothing yet: what to do next, not a blank table."""

    def __init__(self, icon_name: str, title: str, text: str, action: QPushButton | None = None) -> None:
        super().__init__()
        self.setObjectName("EmptyState")
        from studio.ui.kit import theme

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.setSpacing(8)
        # Centred by stretches and the labels' own alignment, not by the layout's: an aligned
        # layout gives a wrapping label its preferred width while the page sizes the frame for
        # the full width, so a sentence that wraps to more lines than that loses its last one.
        layout.addStretch(1)
        art = QLabel()
        art.setPixmap(icons.pixmap(icon_name, theme.current().text_muted, 40))
        art.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(art)
        self.title = label(title, "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        self.text = label(text, "muted", wrap=True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for line in (self.title, self.text):
            line.setTextFormat(Qt.TextFormat.PlainText)  # sentences may quote what people typed
        layout.addWidget(self.text)
        if action is not None:
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(action)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addStretch(1)


def configure_table(table: QTableView, widths: dict[int, int], *, stretch: int | None = None) -> None:
    """The house style for data tables: whole-row selection, no grid, left-aligned headers,
    starting column widths the person can drag, and one column that takes the rest."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    # Fixed row heights: Qt then never measures rows, which keeps long tables quick.
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(34)
    table.setShowGrid(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setHighlightSections(False)
    for column, width in widths.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(column, width)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)


def row_menu(table: QTableView, fill: Callable[[QMenu], None]) -> None:
    """The row's actions as a context menu: on a right-click, and from the keyboard with the
    Menu key or Shift+F10 on the current row. ``fill`` adds the actions (none: no menu)."""

    def show(pos: QPoint) -> None:
        menu = QMenu(table)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fill(menu)
        if menu.isEmpty():
            menu.deleteLater()
            return
        menu.popup(table.viewport().mapToGlobal(pos))

    def from_keyboard() -> None:
        index = table.currentIndex()
        show(table.visualRect(index).center() if index.isValid() else QPoint(8, 8))

    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    table.customContextMenuRequested.connect(show)
    action = QAction(table)
    action.setShortcuts([QKeySequence(Qt.Key.Key_Menu), QKeySequence("Shift+F10")])
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(from_keyboard)
    table.addAction(action)


def filter_combo(name: str, everything: str, options, on_change: Callable[[], None]) -> QComboBox:
    """A filter box above a table: ``everything`` (data None) first, then each (key, text)
    of ``options``; ``on_change`` runs when another is chosen."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(everything)
    combo.addItem(everything, None)
    for key, text in options:
        combo.addItem(text, key)
    combo.currentIndexChanged.connect(lambda _i: on_change())
    return combo


class Segmented(QWidget):
    """One control of joined, exclusive buttons ("Day | Week | Month | Agenda"): ``chosen``
    tells the key of the one pressed; ``choose(key)`` presses one without telling."""

    def __init__(self, options: list[tuple[str, str]], on_choose: Callable[[str], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QButtonGroup

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        for n, (key, text) in enumerate(options):
            widget = QPushButton(text)
            widget.setCheckable(True)
            widget.setObjectName(f"Segment-{key}")
            widget.setProperty("segment", "first" if n == 0 else "last" if n == len(options) - 1 else "middle")
            widget.setCursor(Qt.CursorShape.PointingHandCursor)
            self.group.addButton(widget)
            layout.addWidget(widget)
            self.buttons[key] = widget
            # Room for the chosen one's bolder text (the theme's :checked weight) and the style's
            # shift of a pressed button's text, so neither is cut.
            widget.ensurePolished()
            bold = QFont(widget.font())
            bold.setWeight(QFont.Weight.DemiBold)
            wider = QFontMetrics(bold).horizontalAdvance(text) - widget.fontMetrics().horizontalAdvance(text)
            widget.setMinimumWidth(widget.sizeHint().width() + max(wider, 0) + 8)
            if on_choose is not None:
                widget.clicked.connect(lambda _c=False, k=key: on_choose(k))

    def choose(self, key: str) -> None:
        self.buttons[key].setChecked(True)

    def current(self) -> str:
        return next((k for k, b in self.buttons.items() if b.isChecked()), "")


class AmountCard(QFrame):
    """A caption over a big amount, right-aligned (the register's totals, finance's figures).
    ``name`` is the amount label's object name."""

    def __init__(self, caption: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        self.caption = label(caption, "fieldLabel")
        self.amount = label("", "figure")
        self.amount.setObjectName(name)
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.caption)
        layout.addWidget(self.amount)
