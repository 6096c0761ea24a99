"""Shared widgets: what they show fits the space they are given."""

from __future__ import annotations

from studio.ui.app import create_app
from studio.ui.kit.widgets import UrlText


def test_a_long_link_wraps_inside_its_box_and_copies_whole(qtbot):
    create_app()
    url = "http://192.168.100.200:8765/i/tt5CWS2k4Rr5ogL2E3bFlLLrtxweQ9vXb3kZ0aPq"  # no spaces
    field = UrlText()
    qtbot.addWidget(field)
    field.setFixedWidth(268)  # the width the client dialog's QR card gives it
    field.setText(url)
    field.show()
    qtbot.waitExposed(field)
    lines = field.document().lineCount()
    assert lines >= 2  # it wrapped
    assert lines * field.fontMetrics().lineSpacing() <= field.viewport().height()  # nothing is cut off
    field.selectAll()
    assert field.textCursor().selectedText() == url
