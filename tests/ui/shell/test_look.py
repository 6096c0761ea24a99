"""How the app looks, measured: one icon set, one button order, readable controls in both
themes, menus the right way round."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QMenu, QWidget

from studio.ui.accounts.change_password import ChangePasswordDialog
from studio.ui.clients.dialog import ClientDialog
from studio.ui.kit import theme
from tests.ui.dialogs import cancel, find_dialog


@pytest.fixture(params=["light", "dark"])
def themed(request, qapp):
    theme.apply(qapp, request.param)
    yield theme.current()
    theme.apply(qapp, "light")


def test_dialog_buttons_carry_no_stock_icons(qtbot, qapp, themed):
    """Desktops whose theme puts icons on dialog buttons (GNOME, KDE) get none from us: the
    app's stylesheet turns them off. Offscreen has no such theme, so the knob is shown to
    work here by turning it on in one widget first."""
    holders = []

    def buttons(style_sheet: str = "") -> QDialogButtonBox:
        holder = QWidget()
        holders.append(holder)
        holder.setStyleSheet(style_sheet)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                               holder)
        qtbot.addWidget(holder)
        holder.show()
        return box

    with_icons = buttons("QDialogButtonBox { dialogbuttonbox-buttons-have-icons: 1; }")
    assert not any(b.icon().isNull() for b in with_icons.buttons())  # the knob works here
    assert "dialogbuttonbox-buttons-have-icons: 0" in qapp.styleSheet()
    assert all(b.icon().isNull() for b in buttons().buttons())


@pytest.mark.parametrize("level, token", [("warning", "warning"), ("danger", "danger"),
                                          ("question", "accent"), ("info", "accent")])
def test_message_box_icons_are_line_icons_in_the_theme_s_colour(qtbot, themed, level, token):
    """Qt's own are filled, many-coloured pictures; ours are one colour, the token's."""
    from collections import Counter

    from studio.ui.kit import prompts

    holder = QWidget()
    qtbot.addWidget(holder)
    box = prompts.tell(holder, "Linework", "A sentence.", level=level)
    qtbot.waitExposed(box)
    image = box.iconPixmap().toImage()
    box.done(0)
    solid = Counter(QColor(image.pixel(x, y)).name() for x in range(image.width()) for y in range(image.height())
                    if QColor.fromRgba(image.pixel(x, y)).alpha() == 255)
    assert solid, "the icon has no solid pixels"
    assert set(solid) == {getattr(themed, token).lower()}


def test_every_dialog_orders_accept_and_cancel_the_same_way(qtbot, window, settle):
    orders = {}
    for name, dialog, accept, reject in (
        ("client", ClientDialog(window.host, None, window), "save_button", "cancel_button"),
        ("password", ChangePasswordDialog(window.host, window), "save_button", None),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        yes = getattr(dialog, accept)
        no = getattr(dialog, reject) if reject else dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        orders[name] = yes.mapTo(dialog, QPoint(0, 0)).x() < no.mapTo(dialog, QPoint(0, 0)).x()
        dialog.done(0)
    assert len(set(orders.values())) == 1, orders


def _indicator_contrast(checkbox: QCheckBox, background: str) -> float:
    """The strongest contrast between the unticked box's outline pixels and the surface."""
    image = checkbox.grab().toImage()
    box_edge = checkbox.height() // 2
    return max(theme.contrast(QColor(image.pixel(x, box_edge)), background) for x in range(0, 24))


def test_an_unticked_checkbox_is_visible_in_both_themes(qtbot, themed):
    holder = QWidget()
    holder.setStyleSheet(f"background: {themed.surface};")
    checkbox = QCheckBox("Allergic to latex", holder)
    qtbot.addWidget(holder)
    holder.resize(240, 40)
    holder.show()
    qtbot.waitExposed(holder)
    assert _indicator_contrast(checkbox, themed.surface) >= 3.0


def test_the_account_menu_opens_left_to_right_under_its_button(qtbot, window):
    qtbot.mouseClick(window.user_button, Qt.MouseButton.LeftButton)
    menu = find_dialog(qtbot, QMenu)
    assert menu.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert [a.text() for a in menu.actions() if a.text()][:2] == ["Change password…", "Studio settings…"]
    button_right = window.user_button.mapToGlobal(window.user_button.rect().bottomRight()).x()
    screen_right = menu.screen().availableGeometry().right()  # offscreen's screen is 800 px wide
    assert abs(menu.geometry().right() - min(button_right, screen_right)) <= 2
    cancel(qtbot, QMenu)


def test_a_very_long_name_ends_in_an_ellipsis_and_overflows_nothing(qtbot, ctx, settle, studio):
    from studio.services.common import Actor
    from tests.ui.conftest import open_window

    services, admin, _ = studio
    long_name = "Maria " + "da Conceição " * 6 + "Okafor-Lindqvist"  # 100 letters, under the 120 cap
    record = services.staff.add_staff(admin, name=long_name, email="long@studio.test", role="artist",
                                      password="lantern pepper orbit canyon 9")
    actor = services.auth.current_actor(Actor(record.id, "", "", record.role))
    window = open_window(qtbot, ctx, settle, services, actor)
    bar = window.statusBar()
    who = window.who
    assert who.full_text() == f"Signed in as {long_name} (artist)" and who.full_text() in who.toolTip()
    assert who.text().endswith("…") and len(who.text()) < len(who.full_text())
    shown = [w for w in (who, window.status_widgets["intake-server"]) if w.isVisible()]
    rects = [w.geometry() for w in shown]
    assert all(bar.rect().contains(r) for r in rects)
    assert not rects[0].intersects(rects[1])
    assert window.user_button.width() < 260 and window.user_button.text().strip().endswith("…")
    window.close()
