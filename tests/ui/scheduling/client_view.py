"""Opening the client view on one of its tabs, as a person does: the dialog shown, then a
click on the tab."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studio.ui.clients.dialog import ClientDialog


def open_client(qtbot, window, settle, client_id: int) -> ClientDialog:
    dialog = ClientDialog(window.host, client_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    return dialog


def click_tab(qtbot, dialog: ClientDialog, tab) -> None:
    bar = dialog.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(dialog.tabs.indexOf(tab)).center())
