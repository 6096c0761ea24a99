"""Signing in: the login dialog, and the same form on the lock screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from studio.services.common import Actor, _
from studio.ui.context import AppContext
from studio.ui.kit.widgets import Field, brand_mark, button, card, label, line_edit


class SignInForm(QWidget):
    """Email + password → ``signed_in(Actor)``. With ``locked_actor`` the email is fixed
    and the form unlocks that person's window instead of starting a new session."""

    signed_in = Signal(object)

    def __init__(self, ctx: AppContext, *, locked_actor: Actor | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.locked_actor = locked_actor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.email = line_edit(_("you@studio.com"))
        self.email.setObjectName("Email")
        self.password = line_edit(_("Password"), password=True, max_length=1024)
        self.password.setObjectName("Password")
        self.email_field = Field(_("Email"), self.email)
        layout.addWidget(self.email_field)
        layout.addWidget(Field(_("Password"), self.password))
        self.error = label("", "error", wrap=True)
        self.error.setObjectName("SignInError")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        self.submit = button(_("Unlock") if locked_actor else _("Sign in"), variant="primary",
                             on_click=self.attempt)
        self.submit.setObjectName("SignIn")
        self.submit.setDefault(True)
        layout.addWidget(self.submit)
        self.email.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.attempt)
        if locked_actor is not None:
            self.email.setText(locked_actor.email)
            self.email.setReadOnly(True)

    def focus_first(self) -> None:
        (self.password if self.email.text() else self.email).setFocus()

    def attempt(self) -> None:
        if not self.submit.isEnabled():
            return
        email, password = self.email.text(), self.password.text()
        if not email.strip() or not password:
            self._show_error(_("Enter your email and password."))
            return
        self.submit.setEnabled(False)
        self.submit.setText(_("Checking…"))
        self.error.setVisible(False)
        locked = self.locked_actor
        ctx = self.ctx

        def work() -> Actor:
            services = ctx.services()
            return services.auth.unlock(locked, password) if locked else services.auth.login(email, password)

        ctx.tasks.run(work, self._succeeded, self._failed, write=True)

    def _reset_button(self) -> None:
        self.submit.setEnabled(True)
        self.submit.setText(_("Unlock") if self.locked_actor else _("Sign in"))

    def _succeeded(self, actor: Actor) -> None:
        self._reset_button()
        self.password.clear()
        self.signed_in.emit(actor)

    def _failed(self, error) -> None:
        self._reset_button()
        self.password.clear()
        self.password.setFocus()
        self._show_error(error.message)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)
        from studio.ui.kit.form_checks import grow_to_fit  # not on the way to the first window

        grow_to_fit(self.window())  # the sentence takes its lines; the inputs keep their height


class LoginDialog(QDialog):
    """The first window on a set-up studio. Shown before the data layer has loaded."""

    signed_in = Signal(object)
    shown = Signal()

    def __init__(self, ctx: AppContext, studio_name: str = "") -> None:
        super().__init__()
        self.setObjectName("LoginDialog")
        self.setWindowTitle(_("Sign in · Linework"))
        self.setMinimumWidth(420)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.setSpacing(16)
        outer.addWidget(brand_mark())
        title = label("Linework", "pageTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(title)
        self.studio = label(studio_name or _("Sign in to your studio"), "muted")
        self.studio.setObjectName("StudioName")
        self.studio.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.studio)
        self.notice = label("", "success", wrap=True)
        self.notice.setObjectName("LoginNotice")
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setVisible(False)
        outer.addWidget(self.notice)
        frame, inner = card(margins=24, spacing=12)
        self.form = SignInForm(ctx)
        self.form.signed_in.connect(self.signed_in)
        inner.addWidget(self.form)
        outer.addWidget(frame)
        help_text = label(_("Forgot your password? Ask an admin to reset it."), "small", wrap=True)
        help_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(help_text)
        self._announced = False

    def set_notice(self, text: str) -> None:
        """A line above the form, e.g. after a restore: "Restored from … Sign in again."."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        from studio.ui.kit.form_checks import grow_to_fit

        grow_to_fit(self)

    def set_studio_name(self, name: str) -> None:
        if name:
            # Translators: {name} is the studio's name.
            self.studio.setText(_("Sign in to {name}").format(name=name))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.form.focus_first()
        if not self._announced:
            self._announced = True
            QTimer.singleShot(0, self.shown.emit)  # once the event loop has put it on screen


def unlock_form(ctx: AppContext, actor: Actor) -> SignInForm:
    """The lock screen's form: the locked person's password brings their window back."""
    return SignInForm(ctx, locked_actor=actor)
