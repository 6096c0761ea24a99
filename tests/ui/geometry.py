"""Checks that a window shows everything whole: nothing cut, squeezed or drawn over."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QWidget

LEAVES = (QLabel, QLineEdit, QAbstractButton, QComboBox)


def _rect_in(window: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def problems(window: QWidget) -> list[str]:
    """What is wrong with the visible leaf widgets of ``window``: outside it, clipped by the
    widget that holds it, squeezed below its own height, a wrapped label shorter than its
    lines, or two of them overlapping."""
    found = []
    leaves = [w for w in window.findChildren(QWidget) if isinstance(w, LEAVES) and w.isVisibleTo(window)
              and w.window() is window and not isinstance(w.parentWidget(), (QComboBox, QLineEdit))]
    inside = window.rect()
    rects = {}
    for w in leaves:
        name = f"{type(w).__name__} {w.objectName() or getattr(w, 'text', lambda: '')()!r}"
        r = _rect_in(window, w)
        rects[name] = r
        if not inside.contains(r):
            found.append(f"{name} is outside the window ({r} not in {inside})")
        shown = w.visibleRegion().boundingRect()
        if shown.size() != w.size():
            found.append(f"{name} is clipped: {shown.width()}×{shown.height()} of {w.width()}×{w.height()} shows")
        if isinstance(w, QLineEdit) and w.height() < w.sizeHint().height():
            found.append(f"{name} is squeezed to {w.height()} px (needs {w.sizeHint().height()})")
        if isinstance(w, QLabel) and w.wordWrap() and w.text() and w.heightForWidth(w.width()) > w.height():
            found.append(f"{name} is cut: {w.height()} px for {w.heightForWidth(w.width())} px of lines")
    names = list(rects)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if rects[a].intersects(rects[b]) and not (rects[a].contains(rects[b]) or rects[b].contains(rects[a])):
                found.append(f"{a} overlaps {b}")
    return found
