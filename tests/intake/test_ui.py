"""The Intake page and review dialog show what phones sent as text, never as markup."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.intake.conftest import jpeg_bytes, submit_walkin

EVIL = "<script>alert(1)</script> <b>Doe</b>"


def test_a_name_with_markup_is_shown_as_text_in_the_app(qtbot, qapp, studio):
    from studio.config import load_config
    from studio.ui.app import build_context, create_app
    from studio.ui.intake.review import IntakeReviewDialog
    from studio.ui.shell.main_window import MainWindow

    submit_walkin(studio, full_name=EVIL)

    ctx = build_context(load_config(studio.services.data_dir), create_app())
    ctx.use_services(studio.services)
    window = MainWindow(ctx, studio.admin, studio.services.settings.studio())
    qtbot.addWidget(window)
    window.show()
    try:
        window.open_page("intake")
        page = window.pages["intake"]
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
        assert page.model.index(0, 1).data() == EVIL
        qtbot.waitUntil(lambda: window.nav["intake"].badge.text() == "1", timeout=5_000)
        page.table.selectRow(0)
        page.review_selected()
        dialog = page.findChild(IntakeReviewDialog)
        qtbot.waitUntil(lambda: dialog.review is not None, timeout=5_000)
        assert dialog.heading.text() == EVIL
        assert dialog.heading.textFormat() == Qt.TextFormat.PlainText
        assert dialog.review.health is not None  # an admin sees the health answers
        dialog.close()
    finally:
        assert ctx.tasks.wait_for_done(30_000)
        qapp.processEvents()


def test_the_review_shows_the_reference_photos(qtbot, studio, ui):
    from studio.ui.intake.review import THUMB_SIZE, IntakeReviewDialog

    submission = submit_walkin(studio, [jpeg_bytes((400, 300)), jpeg_bytes((200, 600))])
    host_for, _toasts = ui
    dialog = IntakeReviewDialog(host_for(studio.desk), submission)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.thumbs) == 2 and all(t.pixmap() and not t.pixmap().isNull()
                                                           for t in dialog.thumbs), timeout=10_000)
    sizes = [(t.pixmap().width(), t.pixmap().height()) for t in dialog.thumbs]
    assert sizes == [(THUMB_SIZE, THUMB_SIZE * 3 // 4), (THUMB_SIZE // 3, THUMB_SIZE)]
    assert not dialog.error.isVisible()
