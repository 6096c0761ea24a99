"""The lock screen that auto-lock puts in front of the pages: the signed-in person's password
brings them back; someone else signs in afresh."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from studio.services.common import Actor, _
from studio.ui.context import AppContext
from studio.ui.kit.widgets import brand_mark, button, card, label
from studio.ui.shell.extensions import resolve


class LockScreen(QWidget):
    unlocked = Signal(object)
    switch_user = Signal()

    def __init__(self, ctx: AppContext, actor: Actor) -> None:
        super().__init__()
        self.setObjectName("LockScreen")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(12)
        column.addWidget(brand_mark(40))
        title = label(_("Linework is locked"), "pageTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(title)
        # Translators: {name} is the signed-in staff member's name.
        who = label(_("{name} stepped away. Enter your password to carry on where you left off.").format(
            name=actor.name), "muted", wrap=True)
        who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(who)
        frame, inner = card(margins=24, spacing=12)
        frame.setFixedWidth(400)
        self.form = resolve(ctx.extensions.unlock_form())(ctx, actor)  # the accounts area's
        self.form.signed_in.connect(self.unlocked)
        inner.addWidget(self.form)
        other = button(_("Sign in as someone else"), variant="ghost", on_click=self.switch_user.emit)
        other.setObjectName("SwitchUser")
        inner.addWidget(other)
        column.addWidget(frame)
        row.addLayout(column)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
