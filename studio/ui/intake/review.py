"""Reviewing a phone submission next to what the studio holds (accept field by field, or
reject), recording the photo-ID check; the large walk-in QR; the release text editor."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from studio.services.common import LANGUAGES, N_, DuplicateClient, Permission, _, can, display_phone, language_name
from studio.services.intake import (
    CONSENT_CHECKS,
    ID_TYPES,
    FormKind,
    SubmissionReview,
    SubmissionStatus,
)
from studio.ui.kit import prompts
from studio.ui.kit.format import iso_date
from studio.ui.kit.widgets import Role, button, button_box, card, label, line_edit

THUMB_SIZE = 120
# What a duplicate matched on, as the review names it.
MATCHED_ON = {"phone": N_("phone"), "email": N_("email")}
PHONE_FIELDS = ("phone", "emergency_phone")  # stored in E.164


def shown_value(field: str, value: str, region: str) -> str:
    """A contact answer as the rest of the app shows it: a date of birth in the house
    format, a phone number as the client view writes it; "—" for none."""
    if not value:
        return "—"
    if field == "date_of_birth":
        return iso_date(value)
    if field in PHONE_FIELDS:
        return display_phone(value, region) or value
    return value


def text(value: str, role: str | None = None, *, wrap: bool = True) -> QLabel:
    """A label that shows ``value`` as typed: never as rich text, whatever a phone sent."""
    widget = label(value, role, wrap=wrap)  # label() is always plain text
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def png_label(data: bytes | None, width: int) -> QLabel:
    widget = QLabel()
    if data:
        pixmap = QPixmap()
        pixmap.loadFromData(data, "PNG")
        widget.setPixmap(pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))
    return widget


def _thumbnails(services, actor, submission_id: int) -> list[QImage | None]:
    """The reference photos scaled to thumbnails, None for one whose file is gone or
    unreadable; one service call (worker thread: QImage is safe there)."""
    return [_scaled(data) for data in services.intake.photos(actor, submission_id)]


def _scaled(data: bytes | None) -> QImage | None:
    image = QImage.fromData(data) if data else None
    if image is None or image.isNull():
        return None
    return image.scaled(THUMB_SIZE, THUMB_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)


class IntakeReviewDialog(QDialog):
    decided = Signal(object)

    def __init__(self, host, submission_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("IntakeReviewDialog")
        self.setWindowTitle(_("Review intake form"))
        self.setMinimumSize(860, 620)
        self.host = host
        self.submission_id = submission_id
        self.review: SubmissionReview | None = None
        self.take: dict[str, QCheckBox] = {}
        self.thumbs: list[QLabel] = []
        self.thumbs_generation = 0
        self.from_phone = None  # an accepted form's "Make a project" / "Request an appointment…"
        outer = QVBoxLayout(self)
        self.heading = text(_("Loading…"), "pageTitle")
        outer.addWidget(self.heading)
        self.flags = text("", "warning")
        outer.addWidget(self.flags)
        self.from_phone_row = QHBoxLayout()
        outer.addLayout(self.from_phone_row)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.content = QWidget()
        self.content_layout = QVBoxLayout(self.content)
        scroll.setWidget(self.content)
        outer.addWidget(scroll, 1)
        self.error = text("", "error")
        self.error.setObjectName("ReviewError")
        self.error.setVisible(False)
        outer.addWidget(self.error)
        self.reject_button = button(_("Reject…"), icon_name="x", variant="ghost", on_click=self.reject_submission)
        self.accept_button = button(_("Accept"), icon_name="circle-check", variant="primary",
                                    on_click=self.accept_submission)
        self.accept_button.setObjectName("AcceptSubmission")
        self.accept_button.setDefault(True)
        outer.addWidget(button_box((self.accept_button, Role.AcceptRole), (button(_("Close"), on_click=self.reject),
                                   Role.RejectRole), (self.reject_button, Role.DestructiveRole)))
        self.load()

    # --- loading ----------------------------------------------------------------------
    def load(self) -> None:
        self.host.call(lambda s, a: s.intake.review(a, self.submission_id), self._show, self._fail, write=True)

    def _clear(self) -> None:
        while self.content_layout.count():
            item = self.content_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()

    def _show(self, review: SubmissionReview) -> None:
        self.review = review
        self._clear()
        self.take.clear()
        row = review.row
        pending = row.status is SubmissionStatus.PENDING
        self.heading.setText(row.full_name)
        flags = []
        if row.id_check_required:
            flags.append(_("Under the studio's minimum age: check the client's and the guardian's photo ID.")
                         if not row.id_checked else _("ID checked by {name}.").format(name=review.id_checked_by_name))
        if row.status is SubmissionStatus.ACCEPTING:
            flags.append(_("{name} is filing this form right now.").format(name=review.decided_by_name))
        elif row.status is SubmissionStatus.ACCEPTED:
            flags.append(_("Already accepted by {name}.").format(name=review.decided_by_name))
        elif not pending:
            flags.append(_("Already rejected by {name}.").format(name=review.decided_by_name))
        self.flags.setText(" ".join(flags))
        self._from_phone(review)
        sent = (_("Sent from their own QR. Release text version {version}.") if row.kind is FormKind.CLIENT
                else _("Sent from the walk-in QR. Release text version {version}.")).format(
            version=review.release_version)
        if review.language != "en" or review.release_language != review.language:
            # Translators: {language} is the form's language, {release} the release text's (each named in itself).
            sent += " " + (_("Filled in {language}.") if review.release_language == review.language
                           else _("Filled in {language}; the release text was shown in {release}.")).format(
                language=language_name(review.language), release=language_name(review.release_language))
        self.content_layout.addWidget(text(sent, "muted"))
        self.content_layout.addWidget(self._compare(_("Contact details"), review.contact, pending,
                                                    on_file=row.client_id is not None))
        if review.health is not None:
            self.content_layout.addWidget(self._compare(_("Health"), review.health, pending,
                                                        on_file=row.client_id is not None))
        else:
            self.content_layout.addWidget(text(_("Health answers are kept in the signed consent; "
                                                 "an artist or admin sees them."), "muted"))
        self.content_layout.addWidget(self._details(review))
        self.content_layout.addWidget(self._id_check(review, pending))
        if review.duplicates and pending:
            # Translators: a client's name and what matched, e.g. "Rosa Amaral (phone, email)".
            names = ", ".join(_("{name} ({fields})").format(name=m.full_name, fields=", ".join(
                _(MATCHED_ON.get(f, f)) for f in m.matched_on)) for m in review.duplicates)
            self.content_layout.addWidget(text(_("Already on file with this phone or email: {names}.").format(
                names=names), "warning"))
            self.file_under = QComboBox()
            self.file_under.setAccessibleName(_("File under"))
            self.file_under.addItem(_("A new client"), None)
            for match in review.duplicates:
                self.file_under.addItem(_("Update {name}").format(name=match.full_name), match.id)
            self.content_layout.addWidget(self.file_under)
        else:
            self.file_under = None
        self.content_layout.addStretch(1)
        self.accept_button.setEnabled(pending)
        self.reject_button.setEnabled(pending)

    def _from_phone(self, review: SubmissionReview) -> None:
        """An accepted form's tattoo idea: Make a project / Request an appointment…, at the
        top where the desk looks (for those who may book)."""
        if self.from_phone is not None:
            self.from_phone_row.removeWidget(self.from_phone)
            self.from_phone.deleteLater()
            self.from_phone = None
        if (review.row.status is SubmissionStatus.ACCEPTED and (review.tattoo.get("description") or "").strip()
                and can(self.host.actor.role, Permission.BOOK_APPOINTMENTS)):
            from studio.ui.intake.from_phone import FromPhoneActions

            self.from_phone = FromPhoneActions(self.host, self.submission_id)
            self.from_phone_row.addWidget(self.from_phone)

    def _compare(self, title: str, diffs, pending: bool, *, on_file: bool) -> QWidget:
        frame, layout = card(margins=12, spacing=6)
        layout.addWidget(label(title, "title"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        headers = ("", _("On file"), _("From the phone"), _("Take")) if on_file else ("", _("From the phone"))
        for col, header in enumerate(headers):
            grid.addWidget(label(header, "fieldLabel"), 0, col)
        region = self.review.region if self.review is not None else ""
        for i, diff in enumerate(diffs, start=1):
            grid.addWidget(label(diff.label, "muted"), i, 0)
            current, submitted = (shown_value(diff.field, v, region) for v in (diff.current, diff.submitted))
            if on_file:
                grid.addWidget(text(current), i, 1)
                grid.addWidget(text(submitted, "warning" if diff.differs else None), i, 2)
                box = QCheckBox()
                box.setAccessibleName(_("Take {field}").format(field=diff.label))
                box.setChecked(diff.differs and bool(diff.submitted))
                box.setEnabled(pending and diff.differs and bool(diff.submitted))
                self.take[diff.field] = box
                grid.addWidget(box, i, 3)
            else:
                grid.addWidget(text(submitted), i, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        return frame

    def _details(self, review: SubmissionReview) -> QWidget:
        frame, layout = card(margins=12, spacing=6)
        layout.addWidget(label(_("Tattoo, consent and signature"), "title"))
        idea = review.tattoo
        layout.addWidget(text(" · ".join(v for v in (idea.get("description"), idea.get("placement"),
                                                      idea.get("size")) if v) or _("No idea described.")))
        if review.row.photos:
            layout.addWidget(self._thumbnails(review.row.photos))
        agreed = [_(sentence) for key, sentence in CONSENT_CHECKS.items() if review.consents.get(key)]
        layout.addWidget(text(_("Agreed: {sentences}").format(sentences=" ".join(agreed)), "small"))
        layout.addWidget(png_label(review.signature_png, 360))
        if review.guardian:
            # Translators: {name} is the guardian's name, {relationship} what they are to the client.
            layout.addWidget(text(_("Guardian: {name} ({relationship})").format(
                name=review.guardian.get("name", ""), relationship=review.guardian.get("relationship", ""))))
            layout.addWidget(png_label(review.guardian_signature_png, 360))
        return frame

    def _thumbnails(self, count: int) -> QWidget:
        """A row of reference photos, fetched and scaled on a worker (QImage is safe there)."""
        strip = QWidget()
        row = QHBoxLayout(strip)
        row.setContentsMargins(0, 0, 0, 0)
        self.thumbs = []
        for position in range(count):
            thumb = text(_("Loading…"), "muted", wrap=False)
            thumb.setObjectName("ReferencePhoto")
            thumb.setFixedSize(THUMB_SIZE, THUMB_SIZE)
            thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
            thumb.setAccessibleName(_("Reference photo {number}").format(number=position + 1))
            row.addWidget(thumb)
            self.thumbs.append(thumb)
        row.addStretch(1)
        self.thumbs_generation += 1
        generation, submission_id = self.thumbs_generation, self.submission_id
        self.host.call(lambda s, a: _thumbnails(s, a, submission_id),
                       lambda images: self._show_thumbnails(generation, images), self._fail)
        return strip

    def _show_thumbnails(self, generation: int, images) -> None:
        if generation != self.thumbs_generation:
            return  # the dialog reloaded meanwhile; these labels are gone
        for thumb, image in zip(self.thumbs, images):
            if image is None:
                thumb.setText(_("Missing"))
            else:
                thumb.setPixmap(QPixmap.fromImage(image))

    def _id_check(self, review: SubmissionReview, pending: bool) -> QWidget:
        frame, layout = card(margins=12, spacing=6)
        layout.addWidget(label(_("Photo ID"), "title"))
        if review.id_checked_by_name:
            # Translators: e.g. "Passport ending AB12, checked by Ana Ruiz."
            layout.addWidget(text(_("{type} ending {last4}, checked by {name}.").format(
                type=_(review.id_type), last4=review.id_last4, name=review.id_checked_by_name)))
        row = QHBoxLayout()
        self.id_type = QComboBox()
        self.id_type.setAccessibleName(_("Type of ID"))
        for id_type in ID_TYPES:
            self.id_type.addItem(_(id_type), id_type)  # stored in English
        self.id_last4 = line_edit(_("Last 4 characters"), max_length=4)
        self.id_last4.setAccessibleName(_("Last 4 characters of the ID number"))
        record = button(_("Record ID check"), icon_name="shield-check", on_click=self.record_id)
        record.setEnabled(pending)
        for widget in (self.id_type, self.id_last4, record):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        return frame

    # --- actions ----------------------------------------------------------------------
    def _fail(self, error) -> None:
        self.error.setText(error.message)
        self.error.setVisible(True)

    def record_id(self) -> None:
        id_type, last4 = self.id_type.currentData(), self.id_last4.text()
        self.host.call(lambda s, a: s.intake.record_id_check(a, self.submission_id, id_type, last4),
                       lambda _row: self.load(), self._fail, write=True)

    def accept_submission(self, *, allow_duplicate: bool = False) -> None:
        if self.review is None:
            return
        take = {field for field, box in self.take.items() if box.isChecked()} if self.take else None
        if self.review.row.client_id is None:
            take = None  # a new client takes everything
        client_id = self.file_under.currentData() if self.file_under is not None else None
        self.error.setVisible(False)

        def done(result) -> None:
            name = self.review.row.full_name
            self.host.toast(_("Accepted {name}; consent archived.").format(name=name) if result.health_applied
                            else _("Accepted {name}; consent archived. Health answers are in the consent for an "
                                   "artist to review.").format(name=name))
            self.decided.emit(result)
            self.accept()

        def failed(error) -> None:
            if isinstance(error, DuplicateClient):
                prompts.ask(self, _("Already on file"),
                            _("{problem}\n\nAdd as a new client anyway?").format(problem=error.message),
                            lambda: self.accept_submission(allow_duplicate=True), yes=_("Add as new"))
                return
            self._fail(error)

        self.host.call(lambda s, a: s.intake.accept(a, self.submission_id, take=take, client_id=client_id,
                                                    allow_duplicate=allow_duplicate),
                       done, failed, write=True)

    def reject_submission(self) -> None:
        prompts.ask_text(self, _("Reject form"), _("Why? (kept with the form; optional)"), self._reject)

    def _reject(self, reason: str) -> None:
        self.host.call(lambda s, a: s.intake.reject(a, self.submission_id, reason),
                       lambda row: (self.decided.emit(row), self.accept()), self._fail, write=True)


class LargeQrDialog(QDialog):
    """The walk-in QR as large as the screen allows, for the stand at the counter."""

    def __init__(self, png: bytes, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Walk-in QR"))
        layout = QVBoxLayout(self)
        heading = label(_("Scan to fill in your form"), "pageTitle")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(heading)
        layout.addWidget(png_label(png, 520), 0, Qt.AlignmentFlag.AlignHCenter)
        caption = text(url, "muted")
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(caption)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)


class ReleaseTextDialog(QDialog):
    """Admins edit the release, one text per language (a chooser picks which); saving makes
    a new version of that language's text (old signatures keep theirs). A language with no
    text yet says whose text its readers see meanwhile."""

    def __init__(self, host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReleaseTextDialog")
        self.setWindowTitle(_("Release text"))
        self.setMinimumSize(640, 480)
        self.host = host
        self.studio_language = getattr(host.settings, "language", "en") or "en"
        self.texts: dict = {}
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(label(_("Language"), "fieldLabel"))
        self.language = QComboBox()
        self.language.setObjectName("ReleaseLanguage")
        self.language.setAccessibleName(_("Language of the release text"))
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self.studio_language)))
        self.language.setEnabled(False)  # until the texts have arrived
        self.language.currentIndexChanged.connect(self._language_chosen)
        row.addWidget(self.language)
        row.addStretch(1)
        layout.addLayout(row)
        self.version = text("", "muted")
        self.version.setObjectName("ReleaseVersion")
        layout.addWidget(self.version)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(_("Release text"))
        layout.addWidget(self.editor, 1)
        self.error = text("", "error")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._shown = self.language.currentIndex()  # the language the editor holds
        self._loaded_body = ""
        host.call(lambda s, _a: s.intake.release_languages(), self._loaded)

    def _loaded(self, texts: dict) -> None:
        self.texts = texts
        self.language.setEnabled(True)
        self._show_language()

    def _edited(self) -> bool:
        return self.editor.toPlainText() != self._loaded_body

    def _language_chosen(self, index: int) -> None:
        """Another language was picked: an edit of the one shown asks first (save it,
        discard it, or keep editing, which goes back to that language)."""
        if not self._edited():
            self._show_language()
            return
        wanted = index
        self._back_to_shown()
        # Asked once the combo box has finished its own change, not inside it.
        QTimer.singleShot(0, lambda: prompts.ask_unsaved(
            self, lambda: self.save(then=lambda: self._switch_to(wanted)), lambda: self._switch_to(wanted)))

    def _back_to_shown(self) -> None:
        self.language.blockSignals(True)
        self.language.setCurrentIndex(self._shown)
        self.language.blockSignals(False)

    def _switch_to(self, index: int) -> None:
        self.language.blockSignals(True)
        self.language.setCurrentIndex(index)
        self.language.blockSignals(False)
        self._show_language()

    def reject(self) -> None:
        if self._edited():
            prompts.ask_unsaved(self, self.save, self._discard)
            return
        super().reject()

    def _discard(self) -> None:
        self._loaded_body = self.editor.toPlainText()
        self.reject()

    def _show_language(self, *_args) -> None:
        self._shown = self.language.currentIndex()
        code = self.language.currentData()
        release = self.texts.get(code)
        self.error.setVisible(False)
        if release is not None:
            self.version.setText(_("Version {version}. Saving makes version {next}; forms already signed keep the "
                                   "words they signed.").format(version=release.version, next=release.version + 1))
            self._loaded_body = release.body
            self.editor.setPlainText(release.body)
            return
        shown = self.studio_language if self.texts.get(self.studio_language) else next(
            (c for c, r in self.texts.items() if r is not None), self.studio_language)
        # Translators: {language} has no release text yet; its readers see the text in {shown}.
        self.version.setText(_("No text in {language} yet: clients who read {language} see the {shown} text, with "
                               "a note saying so. Saving makes version 1.").format(
            language=language_name(code), shown=language_name(shown)))
        self._loaded_body = ""
        self.editor.setPlainText("")

    def save(self, then=None) -> None:
        """Save the language shown as a new version; then close, or (``then``) stay open and
        go on with ``then`` (switching to the language that was picked)."""
        body, code = self.editor.toPlainText(), self.language.currentData()
        name = language_name(code)

        def saved(r) -> None:
            self.host.toast(_("Release text saved as version {version}.").format(version=r.version)
                            if code == self.studio_language else
                            _("Release text in {language} saved as version {version}.").format(
                                language=name, version=r.version))
            self.texts[code] = r
            self._loaded_body = body
            if then is None:
                self.accept()
            else:
                then()

        self.host.call(lambda s, a: s.intake.set_release_text(a, body, code), saved,
                       lambda e: (self.error.setText(e.message), self.error.setVisible(True)), write=True)


__all__ = ["IntakeReviewDialog", "LargeQrDialog", "ReleaseTextDialog"]
