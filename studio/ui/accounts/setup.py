"""First run: choose the studio's language, name the studio, pick its time zone and currency,
create the first admin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QDialog, QGridLayout, QHBoxLayout, QLayout, QVBoxLayout

from studio.services.common import LANGUAGES, Actor, _, current_language, local_timezone_name
from studio.services.settings import CURRENCIES, timezone_names
from studio.ui.context import AppContext
from studio.ui.kit import language
from studio.ui.kit.form_checks import FieldChecks
from studio.ui.kit.widgets import PASSWORDS_DIFFER, Field, brand_mark, button, card, label, line_edit


def two_columns() -> QGridLayout:
    """Both cards' grids: two equal columns, so their fields line up from card to card."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(16)
    grid.setVerticalSpacing(8)
    grid.setColumnStretch(0, 1)
    grid.setColumnStretch(1, 1)
    return grid


def timezone_combo(selected: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(timezone_names())
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    # Sized by the layout, not by the longest of 400 zone names, so it keeps to its column.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    combo.setCurrentText(selected)
    return combo


def currency_combo(selected: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(CURRENCIES)
    combo.setCurrentText(selected)
    return combo


class SetupDialog(QDialog):
    """Creates the studio and its first admin; emits ``created(Actor)`` signed in.

    The studio's language comes first, the PC's by default; choosing another turns the
    dialog's own words into it at once (and it becomes the studio's language)."""

    created = Signal(object)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("SetupDialog")
        self.setMinimumWidth(620)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.setSpacing(12)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        header = QHBoxLayout()
        header.addWidget(brand_mark(36))
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.title = label("", "pageTitle")
        self.intro = label("", "muted")
        titles.addWidget(self.title)
        titles.addWidget(self.intro)
        header.addLayout(titles, 1)
        outer.addLayout(header)

        self.language = QComboBox()
        self.language.setObjectName("Language")
        for code, name in LANGUAGES.items():  # each named in itself
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.studio_name = line_edit("", max_length=80)
        self.timezone = timezone_combo(local_timezone_name())
        self.currency = currency_combo("EUR" if local_timezone_name().startswith("Europe/") else "USD")
        self.admin_name = line_edit("", max_length=120)
        self.email = line_edit("")
        self.password = line_edit("", password=True, max_length=1024)
        self.confirm = line_edit("", password=True, max_length=1024)
        self.language_field = Field("", self.language)
        fields = {
            "studio_name": Field("", self.studio_name, required=True),
            "timezone": Field("", self.timezone, required=True),
            "currency": Field("", self.currency, required=True),
            "name": Field("", self.admin_name, required=True),
            "email": Field("", self.email, required=True),
            "password": Field("", self.password, required=True),
            "confirm": Field("", self.confirm, required=True),
        }
        self.fields = fields

        top = Qt.AlignmentFlag.AlignTop  # a field whose error wraps must not push its neighbour down
        studio_card, studio_layout = card(margins=20, spacing=12)
        self.studio_title = label("", "title")
        studio_layout.addWidget(self.studio_title)
        grid = two_columns()
        grid.addWidget(self.language_field, 0, 0, 1, 1, top)
        grid.addWidget(fields["studio_name"], 1, 0, 1, 2, top)
        grid.addWidget(fields["timezone"], 2, 0, 1, 1, top)
        grid.addWidget(fields["currency"], 2, 1, 1, 1, top)
        studio_layout.addLayout(grid)
        outer.addWidget(studio_card)

        admin_card, admin_layout = card(margins=20, spacing=12)
        self.admin_title = label("", "title")
        admin_layout.addWidget(self.admin_title)
        grid = two_columns()
        grid.addWidget(fields["name"], 0, 0, 1, 1, top)
        grid.addWidget(fields["email"], 0, 1, 1, 1, top)
        grid.addWidget(fields["password"], 1, 0, 1, 1, top)
        grid.addWidget(fields["confirm"], 1, 1, 1, 1, top)
        admin_layout.addLayout(grid)
        self.admin_note = label("", "small")
        admin_layout.addWidget(self.admin_note)
        outer.addWidget(admin_card)

        self.general_error = label("", "error", wrap=True)
        self.general_error.setVisible(False)
        outer.addWidget(self.general_error)
        self.errors = FieldChecks(self, fields, self._check, local=self._local, general=self.general_error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.submit = button("", variant="primary", on_click=self.attempt)
        self.submit.setObjectName("CreateStudio")
        self.submit.setDefault(True)
        buttons.addWidget(self.submit)
        outer.addLayout(buttons)
        self.retranslate()
        self.language.currentIndexChanged.connect(self._language_chosen)

    def _language_chosen(self) -> None:
        language.apply(self.language.currentData())
        self.retranslate()
        if self.errors.touched:  # the sentences shown come again in the new language
            self.errors.run()

    def retranslate(self) -> None:
        """Every word of the dialog in the language in use."""
        self.setWindowTitle(_("Set up your studio · Linework"))
        self.title.setText(_("Set up your studio"))
        self.intro.setText(_("A few details, then you're in. You can change them later in Settings."))
        self.studio_title.setText(_("Studio"))
        self.admin_title.setText(_("Your admin account"))
        self.admin_note.setText(_("You sign in with this email. A short sentence makes a strong password."))
        # Translators: the language Linework speaks in this studio (staff may each choose their own).
        self.language_field.set_text(_("Language"))
        for key, text in (("studio_name", _("Studio name")), ("timezone", _("Time zone")),
                          ("currency", _("Currency")), ("name", _("Your name")), ("email", _("Email")),
                          ("password", _("Password")), ("confirm", _("Confirm password"))):
            self.fields[key].set_text(text)
        self.studio_name.setPlaceholderText(_("e.g. Ink & Iron Tattoo"))
        self.admin_name.setPlaceholderText(_("Your name"))
        self.email.setPlaceholderText(_("you@studio.com"))
        self.password.setPlaceholderText(_("At least 12 characters"))
        self.confirm.setPlaceholderText(_("Type it again"))
        self.submit.setText(_("Create studio"))
        self.submit.setAccessibleName(self.submit.text())

    def _values(self) -> dict[str, str]:
        return dict(
            studio_name=self.studio_name.text(),
            timezone=self.timezone.currentText().strip(),
            currency=self.currency.currentText(),
            admin_name=self.admin_name.text(),
            admin_email=self.email.text(),
            password=self.password.text(),
            language=self.language.currentData(),
        )

    def _check(self, ok, failed) -> None:
        """The services' rules for every field, off the GUI thread (the data layer may still
        be loading on a first run: the check waits for it)."""
        values, ctx = self._values(), self.ctx
        ctx.tasks.run(lambda: ctx.services().setup.check_studio(**values), ok, failed)

    def _local(self) -> dict[str, str]:
        if not self.confirm.text():
            return {"confirm": _("Type the password again.")} if "confirm" in self.errors.touched else {}
        return {"confirm": _(PASSWORDS_DIFFER)} if self.confirm.text() != self.password.text() else {}

    def attempt(self) -> None:
        self.errors.submit(self._create)

    def _create(self) -> None:
        values = self._values()
        self.submit.setEnabled(False)
        self.submit.setText(_("Creating…"))
        ctx = self.ctx

        def work() -> Actor:
            return ctx.services().setup.create_studio(**values)

        ctx.tasks.run(work, self._created, self._failed, write=True)

    def _created(self, actor: Actor) -> None:
        """The studio exists: stay on screen until the main window replaces this one, so
        the person never sees a gap with no window at all."""
        self.password.clear()
        self.confirm.clear()
        self.submit.setText(_("Opening your studio…"))
        self.created.emit(actor)

    def _failed(self, error) -> None:
        self.submit.setEnabled(True)
        self.submit.setText(_("Create studio"))
        self.errors.show(error)
