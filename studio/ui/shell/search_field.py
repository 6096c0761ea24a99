"""The top bar's search (Ctrl+K): a field that searches every kind the role may see as
you type, and a list of results under it that never takes the keyboard from the field.

The list is a child of the main window laid over the pages, not a popup window: it never
activates, so typing goes on in the field while ↑/↓ move the selection, Enter opens the
selected hit and Esc closes the list.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFrame, QListView, QVBoxLayout, QWidget

from studio.services.common import N_, _
from studio.ui.kit.widgets import SEARCH_DELAY_MS, search_field
from studio.ui.shell.search_results import HIT_ROLE, SearchResultsDelegate, SearchResultsModel

PLACEHOLDER = N_("Search clients, staff, forms…")
FIELD_MAX_WIDTH = 420
LIST_MAX_HEIGHT = 440
LIST_MIN_WIDTH = 360

FOCUS_KEYS = Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_K  # the main window's shortcut
_NAVIGATION = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape}


class ResultsPopup(QFrame):
    """The framed list under the field. It takes no focus, and a click on a hit only
    reports it (``clicked``)."""

    def __init__(self, model: SearchResultsModel) -> None:
        super().__init__()
        self.setObjectName("SearchPopup")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.view = QListView()
        self.view.setObjectName("SearchResults")
        self.view.setAccessibleName(_("Search results"))
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setModel(model)
        self.view.setItemDelegate(SearchResultsDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setUniformItemSizes(False)
        self.view.setMouseTracking(True)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self.view)
        self.hide()

    def content_height(self) -> int:
        rows = sum(self.view.sizeHintForRow(r) for r in range(self.view.model().rowCount()))
        margins = self.layout().contentsMargins()
        return rows + margins.top() + margins.bottom() + 2 * self.view.frameWidth() + 2


class GlobalSearch(QObject):
    """Owns the field (``edit``) and its results; ``chosen`` carries the SearchHit to open."""

    chosen = Signal(object)

    def __init__(self, host, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.edit = search_field(_(PLACEHOLDER), max_width=FIELD_MAX_WIDTH, shortcut="Ctrl+K")
        self.edit.setObjectName("GlobalSearch")
        self.edit.setAccessibleName(_("Search clients, staff and forms"))
        self.model = SearchResultsModel()
        self.popup = ResultsPopup(self.model)
        self.popup.view.clicked.connect(self._clicked)
        self.popup.view.entered.connect(self._hovered)
        self._generation = 0  # moves on with every search sent: older answers are dropped
        self._answered = ""  # the query the list shows
        self._open_when_answered = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.search_now)
        self.edit.textChanged.connect(self._typed)
        self.edit.installEventFilter(self)

    # --- focus and searching -------------------------------------------------------------
    def focus(self) -> None:
        """Ctrl+K: into the field, its text selected to type over."""
        if not self.edit.isVisible():
            return  # locked: the field is behind the lock screen
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if self._answered and self._answered == self.edit.text().strip():
            self.show_popup()

    def _typed(self, text: str) -> None:
        self._open_when_answered = False
        if text.strip():
            self._debounce.start()
        else:
            self._debounce.stop()
            self._generation += 1
            self._answered = ""
            self.hide_popup()

    def search_now(self) -> None:
        self._debounce.stop()
        query = self.edit.text().strip()
        if not query:
            return
        self._generation += 1
        generation = self._generation
        self.host.call(lambda s, a: s.search.search(a, query),
                       lambda result: self._answer(generation, result),
                       lambda error: self._failed(generation, error))

    def _answer(self, generation: int, result) -> None:
        if generation != self._generation:
            return  # typed on since: a newer search is on its way
        self.model.timezone = self.host.settings.timezone
        self.model.set_result(result)
        self._answered = result.query
        hits = self.model.hit_rows()
        if hits:
            self._select(hits[0])
        if self._open_when_answered:
            self._open_when_answered = False
            self.open_selected()
        elif self.edit.hasFocus():
            self.show_popup()

    def _failed(self, generation: int, error) -> None:
        if generation != self._generation:
            return
        self._open_when_answered = False
        self.model.set_message(error.message)
        self._answered = ""
        if self.edit.hasFocus():
            self.show_popup()

    # --- the list --------------------------------------------------------------------------
    def show_popup(self) -> None:
        window = self.edit.window()
        if self.popup.parent() is not window:
            self.popup.setParent(window)
        self._place()
        if not self.popup.isVisible():
            self.popup.show()
            QApplication.instance().installEventFilter(self)
        self.popup.raise_()

    def hide_popup(self) -> None:
        if self.popup.isVisible():
            QApplication.instance().removeEventFilter(self)
            self.popup.hide()

    def _place(self) -> None:
        window = self.popup.parentWidget()
        if window is None:
            return
        width = max(self.edit.width(), LIST_MIN_WIDTH)
        left = self.edit.mapTo(window, QPoint(0, self.edit.height() + 6))
        x = min(left.x(), max(0, window.width() - width - 8))
        height = min(self.popup.content_height(), LIST_MAX_HEIGHT, max(120, window.height() - left.y() - 8))
        self.popup.setGeometry(x, left.y(), width, height)

    def _select(self, row: int) -> None:
        index = self.model.index(row)
        self.popup.view.setCurrentIndex(index)
        self.popup.view.scrollTo(index)

    def move(self, step: int) -> None:
        hits = self.model.hit_rows()
        if not hits:
            return
        current = self.popup.view.currentIndex().row()
        at = hits.index(current) if current in hits else -1 if step > 0 else len(hits)
        self._select(hits[max(0, min(len(hits) - 1, at + step))])

    def selected_hit(self):
        index = self.popup.view.currentIndex()
        return index.data(HIT_ROLE) if index.isValid() else None

    def open_selected(self) -> None:
        hit = self.selected_hit()
        if hit is not None:
            self.hide_popup()
            self.chosen.emit(hit)

    def _clicked(self, index) -> None:
        if index.data(HIT_ROLE) is not None:
            self._select(index.row())
            self.open_selected()

    def _hovered(self, index) -> None:
        if index.data(HIT_ROLE) is not None:
            self.popup.view.setCurrentIndex(index)

    # --- keys and focus --------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if watched is self.edit:
            if kind == QEvent.Type.ShortcutOverride and event.key() in _NAVIGATION and self._navigating(event):
                event.accept()  # these keys are the list's while it is open, not a shortcut's
                return True
            if kind == QEvent.Type.ShortcutOverride and event.keyCombination() == FOCUS_KEYS:
                # A line edit on X11 takes Ctrl+K as "delete to the end of the line"; here it
                # stays the window's shortcut, which selects the text to type over.
                event.ignore()
                return True
            if kind == QEvent.Type.KeyPress and event.key() in _NAVIGATION:
                return self._key(event.key())
            if kind in (QEvent.Type.FocusOut, QEvent.Type.Hide):
                self.hide_popup()
            elif kind in (QEvent.Type.Move, QEvent.Type.Resize) and self.popup.isVisible():
                self._place()
        elif kind == QEvent.Type.MouseButtonPress and isinstance(watched, QWidget):
            if not (self._inside(watched, self.popup) or self._inside(watched, self.edit)):
                self.hide_popup()  # a click anywhere else closes the list
        return False

    def _navigating(self, event) -> bool:
        if event.modifiers() not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            return False
        return self.popup.isVisible() or (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                                          and self._pending())

    def _pending(self) -> bool:
        """A search is due or on its way for what the field holds."""
        return bool(self.edit.text().strip()) and self._answered != self.edit.text().strip()

    def _key(self, key) -> bool:
        if key == Qt.Key.Key_Escape:
            if self.popup.isVisible():
                self.hide_popup()
                return True
            return False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._pending():
                self._open_when_answered = True  # typed and pressed Enter at once: open the top hit
                if self._debounce.isActive():
                    self.search_now()
                return True
            if self.popup.isVisible():
                self.open_selected()
                return True
            return False
        if not self.popup.isVisible():
            if key == Qt.Key.Key_Down and self._answered and self._answered == self.edit.text().strip():
                self.show_popup()
                return True
            return False
        self.move(1 if key == Qt.Key.Key_Down else -1)
        return True

    @staticmethod
    def _inside(widget: QWidget, container: QWidget) -> bool:
        return widget is container or container.isAncestorOf(widget)
