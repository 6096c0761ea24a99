"""What the inventory's forms share: a whole number typed in, and the unit as shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from studio.services.common import _
from studio.ui.kit.widgets import line_edit


def typed_whole(text: str, *, allow_zero: bool = False) -> tuple[int | None, str | None]:
    """A typed quantity as (n, None), or (None, the sentence saying what is wrong)."""
    text = text.strip()
    if not text.isdigit():
        return None, _("Type the quantity as a whole number.") if text else _("Type a quantity.")
    n = int(text)
    if n == 0 and not allow_zero:
        return None, _("Type a quantity above zero.")
    return n, None


def number_edit(placeholder: str = "", *, name: str = "") -> QLineEdit:
    edit = line_edit(placeholder, max_length=9)
    edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if name:
        edit.setObjectName(name)
    return edit
