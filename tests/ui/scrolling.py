"""Scrolling a view as a person does, until a lazily paged model holds every row."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QAbstractSlider


def scroll_to_the_end(qtbot, view, expected: int) -> None:
    """Drag the view's scroll bar to the bottom, again as each page comes in, until the
    model holds ``expected`` rows (Qt asks the model for more when the bar reaches its end)."""
    model = view.model()
    bar = view.verticalScrollBar()
    deadline = time.monotonic() + 30
    while model.rowCount() < expected:
        assert time.monotonic() < deadline, f"{model.rowCount()} of {expected} rows after 30 s"
        before = model.rowCount()
        bar.triggerAction(QAbstractSlider.SliderAction.SliderToMaximum)
        qtbot.waitUntil(lambda: model.rowCount() > before, timeout=10_000)
    assert model.rowCount() == expected and not model.canFetchMore()
