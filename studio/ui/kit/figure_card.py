"""The dashboard's compact figure card: a small heading, one big figure, a few lines under
it, and a link to the page the figure comes from (a click anywhere on the card opens it
too). Areas build their dashboard cards from it, so the morning view reads as one grid."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from studio.ui.kit import icons
from studio.ui.kit.widgets import button, label

Line = str | tuple[str, str]  # a line of text, or a name and its figure (right-aligned)


class FigureCard(QFrame):
    """Hidden until its first figures arrive (``show_figure``). ``links`` are (page key, link
    text) in order of preference: the first page the signed-in role has is the one opened."""

    columns = 1  # how many columns of the dashboard's grid the card takes

    def __init__(self, host, heading: str, links: tuple[tuple[str, str], ...] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("Card")
        # The grid shares its width evenly: long lines elide or wrap rather than widen a column.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.loaded = False
        allowed = {page.key for page in host.extensions.pages(host.actor.role)}
        self.page_key, link_text = next(((key, text) for key, text in links if key in allowed), ("", ""))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        top = QHBoxLayout()
        top.setSpacing(8)
        self.icon = QLabel()
        self.icon.setVisible(False)
        top.addWidget(self.icon)
        self.heading = label(heading, "fieldLabel", wrap=True)  # a narrow card, a long language: two lines
        self.heading.setObjectName("FigureHeading")
        top.addWidget(self.heading, 1)
        self.link = None
        if self.page_key:
            # An arrow, named in its tooltip: a word on every card would crowd the small headings.
            self.link = button("", icon_name="chevron-right", variant="link", tooltip=link_text,
                               on_click=self.open_page)
            self.link.setAccessibleName(link_text)
            self.link.setObjectName("FigureLink")
            top.addWidget(self.link)
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout.addLayout(top)
        self.figure = label("", "figure")
        self.figure.setObjectName("FigureValue")
        layout.addWidget(self.figure)
        self.note = label("", "muted", wrap=True)
        self.note.setObjectName("FigureNote")
        layout.addWidget(self.note)
        self.details = QWidget()
        layout.addWidget(self.details)
        layout.addStretch(1)
        self.setVisible(False)

    def open_page(self) -> None:
        if self.page_key:
            self.host.open_page(self.page_key)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override: take the press, so the release comes here
        if event.button() == Qt.MouseButton.LeftButton and self.page_key:
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if (event.button() == Qt.MouseButton.LeftButton and self.page_key
                and self.rect().contains(event.position().toPoint())):
            self.open_page()
            return
        super().mouseReleaseEvent(event)

    def show_figure(self, figure: str, note: str = "", lines: list[Line] | None = None, *,
                    warning: bool = False, icon: tuple[str, str] | None = None) -> None:
        """Show the card with these words; ``warning`` gives it the warning card's look,
        ``icon`` (an icon name and a theme colour) goes before the heading."""
        self.loaded = True
        if icon:
            self.icon.setPixmap(icons.pixmap(icon[0], icon[1], 16))
        self.icon.setVisible(bool(icon))
        self.figure.setText(figure)
        self.figure.setVisible(bool(figure))
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self._set_lines(lines or [])
        name = "WarningCard" if warning else "Card"
        if self.objectName() != name:
            self.setObjectName(name)
            self.style().unpolish(self)
            self.style().polish(self)
        self.setVisible(True)

    def _set_lines(self, lines: list[Line]) -> None:
        old = self.details
        self.details = QWidget()
        self.details.setObjectName("FigureLines")
        grid = QGridLayout(self.details)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(0)
        for row, line in enumerate(lines):
            # Lines wrap rather than elide: a name cut to "Rosa Amara…" reads as a different name.
            if isinstance(line, tuple):
                name, figure = line
                grid.addWidget(label(name, "small", wrap=True), row, 0)
                value = label(figure, "small")
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                grid.addWidget(value, row, 1)
            else:
                grid.addWidget(label(line, "small", wrap=True), row, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        self.layout().replaceWidget(old, self.details)
        old.deleteLater()
        self.details.setVisible(bool(lines))
