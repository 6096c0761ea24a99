"""A walk through every page and dialog of Linework, offscreen, reading every text on screen
at each stop (tests/i18n/visible.py). The language sweeps (test_every_screen.py) take it
in a pseudo catalog and in each real one.

The studio is tests/ui/conftest.py's (Ink & Iron, Ana Ruiz the admin, Mara Okafor the artist)
with what ``studio_data`` adds: two phone forms (one accepted, so there is a client with a
signed consent; one waiting at the desk), a verified backup and the sentence an encrypted
archive's import answers without its passphrase, and audit rows of many kinds (a refused
sign-in, a lock, staff, client, consent and settings changes) for the audit log, which the
tour reads first and again at the end. ``STUDIO_DATA`` is every value of theirs a screen may
show; nothing else may stay untranslated.

Pages are opened from the sidebar, dialogs by their buttons, rows by double-clicks, menus
by their button or Shift+F10 (the row menu). A few are built with the window's host where
a person's way there is long or leads through a file chooser (Qt's own): the large walk-in
QR (needs the server running), the backup export and passphrase dialogs, the sign-in, the
set-up and the recovery screen (first windows, before any main window). Every dialog is
closed before the tour ends."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox, QTableView, QWidget

from studio.services.accounts import LOCKED_BY_IDLE_OR_KEYS
from studio.services.clients import ClientInput
from studio.services.common import DomainError, _
from studio.services.intake import CONSENT_CHECKS, FormKind, PhoneDesk
from tests.i18n.visible import Seen, distinct, texts_on_screen
from tests.ui.conftest import ADMIN_PASSWORD
from tests.ui.dialogs import close_every_dialog, find_dialog, focus

# The studio data the tour's screens show (tests/ui/conftest.py's studio and PHONE_FORMS):
# names, typed answers, the release text's title. Nothing here is ever translated.
STUDIO = ("Ink & Iron", "Ana Ruiz", "Mara Okafor", "Ana")  # "Ana": the greeting uses the first name
PHONE_FORMS = (
    dict(full_name="Rosa Amaral", date_of_birth="1990-04-21", phone="+351 912 345 678", email="rosa@example.com",
         emergency_name="Pedro Amaral", emergency_phone="+351 913 000 111", allergies="Latex",
         idea_description="Swallow", idea_placement="Wrist", idea_size="Palm"),
    dict(full_name="Tiago Nunes", date_of_birth="1985-09-02", phone="+351 912 345 679", email="tiago@example.com",
         emergency_name="Joana Nunes", emergency_phone="+351 913 000 112", allergies="",
         idea_description="Compass", idea_placement="Shoulder", idea_size="Large"),
)
PROJECT_NAME = "Koi"  # the project the tour starts from a client's History tab
TILL_NOTE = "Flash piece"  # the register entry the tour refunds and corrects
# The Inventory page's stock (the tour's inventory_page step adds it): names, supplier, lot.
STOCK_DATA = ("Black ink", "Nitrile gloves", "Dynamic", "A-100")
STUDIO_DATA = STUDIO + (PROJECT_NAME, TILL_NOTE) + STOCK_DATA + tuple(
    value for form in PHONE_FORMS for key, value in form.items()
    if value and key not in ("date_of_birth", "phone", "emergency_phone", "email")) + (
    # The aftercare text's blanks, as the text must write them (names Linework fills; never translated).
    "{first_name}", "{date}", "{artist}", "{placement}")
# The stock the inventory_use step adds (an ink stocked by lot): studio data, never translated.
INVENTORY_USE = ("Dynamic Black", "flask", "DB-1", "Dynamic")
STUDIO_DATA += INVENTORY_USE
PASSPHRASE = "lantern orbit harbour pepper"


@dataclass
class Data:
    client_id: int          # Rosa Amaral, made by accepting her phone form
    pending_id: int         # Tiago Nunes's form, waiting for review
    passphrase_reason: str  # what importing the encrypted copy says without its passphrase
    walkin_png: bytes
    walkin_url: str
    appointment_id: int     # Rosa's session with Mara, booked on a Tuesday a few days ahead
    appointment_day: date
    accepted_id: int = 0    # Rosa Amaral's form, accepted: its tattoo idea can become a project


def studio_data(services, admin, tmp_path: Path) -> Data:
    """Add the tour's data to the test studio, through the services a phone and the desk use."""
    desk = PhoneDesk(services)
    token = services.intake.walkin_qr(admin).url.rsplit("/", 1)[1]
    ids = []
    for answers in PHONE_FORMS:
        form = desk.open_form(FormKind.WALKIN, token)
        fields = {"csrf": form.csrf, "release_version": str(form.release.version),
                  "signature": "10,10 100,100 200,50;300,20 350,80", **answers}
        fields.update({f"consent_{key}": "1" for key in CONSENT_CHECKS})
        desk.submit(FormKind.WALKIN, token, {k: v for k, v in fields.items() if v}, [])
        ids.append(services.intake.submissions(admin)[0].id)
    accepted = services.intake.accept(admin, ids[0], allow_duplicate=True)
    client_id = getattr(accepted, "client_id", None) or services.clients.search(admin, "Rosa")[0].id
    more_audit_rows(services, admin, client_id, accepted.consent_id)
    made = services.backup.back_up_now(admin).backup
    encrypted = tmp_path / "exported"
    encrypted.mkdir()
    services.backup.export_backup(admin, made.name, encrypted, passphrase=PASSPHRASE)
    archive = next(encrypted.iterdir())
    try:
        services.backup.import_backup(admin, archive)
        reason = ""
    except DomainError as error:
        reason = error.message
    walkin = services.intake.walkin_qr(admin, box_size=8)
    appointment_id, day = _book_session(services, admin, client_id)
    _take_money(services, admin)
    return Data(client_id, ids[1], reason, walkin.png, walkin.url, appointment_id, day, accepted_id=ids[0])


def _book_session(services, admin, client_id: int) -> tuple[int, date]:
    """A tattoo session for Rosa with Mara at noon on a Tuesday (a working day) at least two
    days ahead, awaiting its deposit: the calendar's blocks, menus and dialogs have one."""
    from studio.services.scheduling import AppointmentInput, Kind

    zone = ZoneInfo(services.settings.studio().timezone)
    day = datetime.now(zone).date() + timedelta(days=2)
    day += timedelta(days=(1 - day.weekday()) % 7)
    starts = datetime.combine(day, time(12), zone)
    artist = services.scheduling.artists(admin)[0]
    booked = services.scheduling.book(admin, AppointmentInput(
        client_id=client_id, artist_id=artist.id, kind=Kind.SESSION, starts_at=starts,
        ends_at=starts + timedelta(hours=2), description="Swallow"))
    return booked.id, day


def _take_money(services, admin) -> None:
    """A sale at the register today, for its row's refund and correction."""
    from studio.services.register import EntryInput, EntryKind, Method

    services.register.record(admin, EntryInput(EntryKind.SALE, Method.CASH, 4000, note=TILL_NOTE))


def more_audit_rows(services, admin, client_id: int, consent_id: int) -> None:
    """Audit rows of kinds the tour's own steps do not write before it reads the log, each
    through the service a screen calls (the screens themselves are toured elsewhere)."""
    try:
        services.auth.login("nobody@studio.test", "not a password of anyone")
    except DomainError:
        pass
    services.auth.lock(admin, reason=LOCKED_BY_IDLE_OR_KEYS)
    services.auth.unlock(admin, ADMIN_PASSWORD)
    mara = next(s for s in services.staff.list_staff(admin) if s.email.startswith("mara@"))
    services.staff.change_role(admin, mara.id, "front_desk")
    services.staff.change_role(admin, mara.id, "artist")
    services.staff.update_staff(admin, mara.id, name=mara.name, email=mara.email, color="#0e7490")
    client = services.clients.get(admin, client_id)
    typed = replace(ClientInput.from_values(asdict(client)), phone="+351 912 345 670")
    services.clients.update(admin, client_id, typed, version=client.version)
    services.clients.medical(admin, client_id)
    services.intake.consent_pdf(admin, consent_id)
    intake = services.intake.settings()
    for min_age in (21, intake.min_age):
        services.intake.update_settings(admin, host=intake.host, port=intake.port, autostart=intake.autostart,
                                        min_age=min_age, walkin_daily=intake.walkin_daily)
    services.backup.update_settings(admin, keep_daily=15)


class Tour:
    """Walks ``window`` (the admin's main window) through every screen, keeping what it reads."""

    def __init__(self, qtbot, ctx, window, settle, data: Data) -> None:
        self.qtbot, self.ctx, self.window, self.settle, self.data = qtbot, ctx, window, settle, data
        self.seen: list[Seen] = []

    # --- reading and moving ---------------------------------------------------------------
    def look(self, where: str) -> None:
        self.settle()
        QApplication.processEvents()
        self.seen.extend(texts_on_screen(where))

    def click(self, widget: QWidget) -> None:
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    def dialog(self, kind: type[QDialog] = QDialog) -> QDialog:
        return find_dialog(self.qtbot, kind)

    def escape(self, dialog: QWidget) -> None:
        """Esc in ``dialog``; a question it asks on the way out is read, then answered Esc too."""
        name = type(dialog).__name__
        self.qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
        QApplication.processEvents()
        if shiboken6.isValid(dialog):
            box = next((w for w in QApplication.topLevelWidgets()
                        if isinstance(w, QMessageBox) and w.isVisible() and w is not dialog), None)
            if box is not None:
                self.look(f"closing {name}")
                close_every_dialog()
                return
        self.gone(dialog, f"{name} after Esc")

    def gone(self, widget: QWidget, what: str) -> None:
        try:
            self.qtbot.waitUntil(lambda: not (shiboken6.isValid(widget) and widget.isVisible()), timeout=5_000)
        except self.qtbot.TimeoutError:
            close_every_dialog()
            raise AssertionError(f"{what}: still open") from None

    def menu(self) -> QMenu:
        return find_dialog(self.qtbot, QMenu)

    def close_menu(self, menu: QMenu) -> None:
        self.qtbot.keyClick(menu, Qt.Key.Key_Escape)
        self.gone(menu, "the menu after Esc")

    def tabs_of(self, tabs, where: str) -> None:
        """Each tab of a QTabWidget, clicked in turn."""
        bar = tabs.tabBar()
        for index in range(tabs.count()):
            if not tabs.isTabVisible(index) or not tabs.isTabEnabled(index):
                continue
            self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
            self.qtbot.waitUntil(lambda i=index: tabs.currentIndex() == i, timeout=5_000)
            self.look(f"{where}, tab {index + 1}")

    def row_menus(self, page: QWidget, where: str) -> None:
        """The context menu of the first row of each table on ``page`` (Shift+F10)."""
        for table in page.findChildren(QTableView):
            if (table.contextMenuPolicy() != Qt.ContextMenuPolicy.CustomContextMenu or not table.isVisible()
                    or table.model().rowCount() == 0):
                continue
            focus(self.qtbot, table)
            table.setCurrentIndex(table.model().index(0, 0))
            self.qtbot.keyClick(table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
            self.close_menu_after_look(f"{where}, row menu")

    def close_menu_after_look(self, where: str) -> None:
        menu = self.menu()
        self.look(where)
        self.close_menu(menu)

    def double_click_row(self, table: QTableView, row: int = 0) -> None:
        rect = table.visualRect(table.model().index(row, 1))
        self.qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        self.qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    def account_action(self, key: str) -> None:
        """An account-menu action, picked from the menu with the keyboard."""
        self.click(self.window.user_button)
        menu = self.menu()
        menu.setActiveAction(self.window.area_actions.get(key) if key != "lock" else self.window.lock_action)
        self.qtbot.keyClick(menu, Qt.Key.Key_Return)
        self.gone(menu, f"the account menu after choosing {key}")

    # --- the walk ---------------------------------------------------------------------------
    def run(self, tmp_path: Path) -> list[Seen]:
        self.pages()
        self.morning_view()
        self.account_menu()
        self.clients()
        self.calendar()
        self.register_page()
        self.inventory_page()
        self.finance_page()
        self.staff()
        self.intake()
        self.scheduling()
        self.checkout_and_settings()
        self.inventory_use()
        self.backups()
        self.plugins()
        self.search()
        self.audit_log()
        self.first_windows(tmp_path)
        self.lock()
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, (QDialog, QMenu)) and w.isVisible()]
        return distinct(self.seen)

    def pages(self) -> None:
        for key, nav in list(self.window.nav.items()):
            self.click(nav)
            self.look(f"the {key} page")
            page = self.window.pages[key]
            self.row_menus(page, f"the {key} page")

    def morning_view(self) -> None:
        """The dashboard's cards, each loaded and shown (a card that failed would hide, and
        its words would go unread): today's takings by method, the week and month against
        last year, the deposit awaiting for Rosa's session, the form waiting, the no-show
        rate, today, the backup's one line; with the arrows' tooltips."""
        self.click(self.window.nav["dashboard"])
        self.settle()
        cards = self.window.pages["dashboard"].cards
        expected = ("takings", "takings-week", "takings-month", "deposits", "intake-pending", "no-shows", "backup")
        self.qtbot.waitUntil(lambda: all(cards[key].isVisible() for key in expected), timeout=10_000)
        self.look("the dashboard's cards")

    def account_menu(self) -> None:
        self.click(self.window.user_button)
        self.close_menu_after_look("the account menu")
        for key in list(self.window.area_actions):
            self.account_action(key)
            dialog = self.dialog()
            self.look(f"the account menu's {key}")
            if key == "change-password":  # sent empty: each field's sentence
                self.click(dialog.save_button)
                self.look(f"the account menu's {key}, sent empty")
            self.escape(dialog)

    def clients(self) -> None:
        from studio.ui.clients.dialog import ClientDialog
        from studio.ui.clients.rights import EraseClientDialog

        self.click(self.window.nav["clients"])
        page = self.window.pages["clients"]
        self.settle()
        self.click(page.add_button)
        new = self.dialog(ClientDialog)
        self.tabs_of(new.tabs, "a new client")
        self.click(new.save_button)
        self.look("a new client, sent empty")
        self.escape(new)

        self.double_click_row(page.table)
        client = self.dialog(ClientDialog)
        self.tabs_of(client.tabs, "a client")
        self.project_of(client)
        self.qtbot.mouseClick(client.tabs.tabBar(), Qt.MouseButton.LeftButton,
                              pos=client.tabs.tabBar().tabRect(0).center())
        if client.qr.issue_button.isVisible():
            self.click(client.qr.issue_button)
            self.qtbot.waitUntil(lambda: client.qr.code is not None, timeout=10_000)
            self.look("a client's QR")
            self.click(client.qr.renew_button)
            box = self.dialog(QMessageBox)
            self.look("a client's QR, renewing")
            self.escape(box)
        self.click(client.findChild(QWidget, "EraseClient"))
        eraser = self.dialog(EraseClientDialog)
        self.look("erasing a client")
        self.escape(eraser)
        self.escape(client)

    def project_of(self, client) -> None:
        """The History tab's New project…: its question, then the project's dialog."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        from studio.ui.clients.project_dialog import ProjectDialog

        tabs = client.tabs
        index = next(i for i in range(tabs.count()) if tabs.widget(i).findChild(QWidget, "NewProject"))
        bar = tabs.tabBar()
        self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        button = tabs.widget(index).findChild(QWidget, "NewProject")
        self.qtbot.waitUntil(button.isVisible, timeout=10_000)
        self.click(button)
        asked = self.dialog(QInputDialog)
        self.look("a new project's name")
        field = asked.findChild(QLineEdit)
        self.qtbot.keyClicks(field, PROJECT_NAME)
        self.qtbot.keyClick(field, Qt.Key.Key_Return)
        project = self.dialog(ProjectDialog)
        self.settle()
        self.look("a project")
        self.escape(project)
        self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())

    def calendar(self) -> None:
        from studio.ui.calendar.actions import CancelDialog, DepositDialog, RescheduleDialog
        from studio.ui.calendar.dialog import AppointmentDialog

        self.click(self.window.nav["calendar"])
        page = self.window.pages["calendar"]
        self.settle()
        for key in ("day", "month", "agenda", "week"):
            self.click(page.switcher.buttons[key])
            self.look(f"the calendar's {key} view")
        while page.span()[1] < self.data.appointment_day:
            self.click(page.next_button)
            self.settle()
        self.click(page.new_button)
        new = self.dialog(AppointmentDialog)
        self.click(new.save_button)
        self.look("a new appointment, sent empty")
        self.escape(new)

        grid = page.grid
        block = grid.block_of(self.data.appointment_id)
        grid.ensureVisible(block.sceneBoundingRect(), 0, 20)
        point = grid.mapFromScene(block.sceneBoundingRect().center())
        self.qtbot.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=point)
        edit = self.dialog(AppointmentDialog)
        self.look("an appointment")
        self.click(edit.deposit_button)
        deposit = self.dialog(DepositDialog)
        self.look("recording a deposit")
        self.escape(deposit)
        self.escape(edit)
        for choice, kind in (("Cancel…", CancelDialog), ("Reschedule…", RescheduleDialog)):
            self.qtbot.mousePress(grid.viewport(), Qt.MouseButton.RightButton, pos=point)
            menu = self.menu()
            self.look("an appointment's menu")
            action = next(a for a in menu.actions() if a.text() == _(choice))
            menu.setActiveAction(action)
            self.qtbot.keyClick(menu, Qt.Key.Key_Return)
            self.gone(menu, f"the appointment's menu after {choice}")
            dialog = self.dialog(kind)
            self.look(f"an appointment's {choice}")
            self.escape(dialog)

    def inventory_page(self) -> None:
        """The Inventory page with an item chosen, its alerts and row menu, and each of its
        dialogs empty and sent empty: the item form, the delivery (an unknown code, a line
        without its lot), waste, return, adjust, the stock-take; archiving an item with stock."""
        from studio.services.inventory import Category, Delivery, ItemInput
        from studio.ui.inventory import (
            AdjustDialog,
            ItemDialog,
            ReceiveDialog,
            StockTakeDialog,
            WasteDialog,
        )

        host = self.window.host
        inventory, stock = host.services.inventory, host.services.stock
        if not inventory.items(host.actor):
            black = inventory.create(host.actor, ItemInput("Black ink", Category.INK, "bottle", threshold=4,
                                                           supplier="Dynamic", barcode="8400001"))
            gloves = inventory.create(host.actor, ItemInput("Nitrile gloves", Category.GLOVES, "box", threshold=3))
            stock.receive(host.actor, (Delivery(black.id, 10, "A-100", date.today() + timedelta(days=10)),
                                       Delivery(gloves.id, 2)))
        self.click(self.window.nav["inventory"])
        page = self.window.pages["inventory"]
        self.settle()
        rect = page.table.visualRect(page.model.index(page.model.rowCount() - 1, 0))  # Black ink, by lot
        self.qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        self.look("the inventory page, an item chosen")
        self.row_menus(page, "the inventory page")
        for widget, kind in ((page.new_button, ItemDialog), (page.edit_button, ItemDialog),
                             (page.waste_button, WasteDialog), (page.return_button, WasteDialog),
                             (page.adjust_button, AdjustDialog)):
            self.click(widget)
            dialog = self.dialog(kind)
            self.look(f"the inventory's {dialog.objectName()}")
            if widget is page.edit_button:
                dialog.name.clear()
            self.click(dialog.save_button)
            self.look(f"the inventory's {dialog.objectName()}, sent")
            self.escape(dialog)
        self.click(page.receive_button)
        receive = self.dialog(ReceiveDialog)
        for code in ("999", "8400001"):
            self.qtbot.keyClicks(receive.scan, code)
            self.qtbot.keyClick(receive.scan, Qt.Key.Key_Return)
            self.settle()
        self.qtbot.keyClick(receive.scan, Qt.Key.Key_Return)
        self.look("receiving a delivery: an unknown code, a line without its lot")
        self.escape(receive)
        self.click(page.stock_take_button)
        counting = self.dialog(StockTakeDialog)
        self.settle()
        self.click(counting.save_button)
        self.look("a stock-take, sent with nothing counted")
        self.escape(counting)
        self.click(page.archive_button)
        box = find_dialog(self.qtbot, QMessageBox)
        self.look("archiving an item that has stock")
        box.reject()
        self.gone(box, "the archive refusal")

    def finance_page(self) -> None:
        """The Finance page on each preset (last year drawn by week, which the chart says), a
        day's figures under the crosshair, each view, and the monthly report's dialog."""
        from PySide6.QtCore import QPointF

        from studio.ui.finance.report_dialog import MonthReportDialog

        self.click(self.window.nav["finance"])
        page = self.window.pages["finance"]
        self.settle()
        for key, button in page.presets.buttons.items():
            self.click(button)
            self.look(f"the finance page, {key}")
            chart = page.overview.chart
            box = chart.plot.getPlotItem().vb
            (left, right), (low, high) = box.viewRange()
            point = chart.plot.mapFromScene(box.mapViewToScene(QPointF((left + right) / 2, (low + high) / 2)))
            self.qtbot.mouseMove(chart.plot.viewport(), point)
            self.look(f"the finance page, {key}, the crosshair's figures")
        self.tabs_of(page.views, "the finance page")
        self.click(page.report_button)
        report = self.dialog(MonthReportDialog)
        self.look("the monthly report")
        self.escape(report)

    def register_page(self) -> None:
        from studio.ui.register.close_day import CloseDayDialog
        from studio.ui.register.dialogs import (
            CorrectDialog,
            RefundDialog,
            ReopenDialog,
            SellVoucherDialog,
            VoucherLookupDialog,
        )

        self.click(self.window.nav["register"])
        page = self.window.pages["register"]
        self.settle()
        self.click(page.form.save_button)
        self.look("the register's entry form, sent empty")
        page.table.setCurrentIndex(page.model.index(0, 0))
        for widget, kind in ((page.refund_button, RefundDialog), (page.correct_button, CorrectDialog),
                             (page.sell_button, SellVoucherDialog), (page.lookup_button, VoucherLookupDialog)):
            self.click(widget)
            dialog = self.dialog(kind)
            self.look(f"the register's {kind.__name__}")
            self.click(dialog.save_button)
            self.look(f"the register's {kind.__name__}, sent")
            self.escape(dialog)
        self.click(page.close_button)
        closing = self.dialog(CloseDayDialog)
        self.click(closing.mode.buttons["counted"])
        self.look("closing the day, counting notes and coins")
        self.click(closing.mode.buttons["typed"])
        self.qtbot.keyClicks(closing.counted_edit, "1")
        self.click(closing.save_button)
        self.look("closing the day with a count that differs")
        self.qtbot.keyClicks(closing.note, TILL_NOTE)
        self.click(closing.save_button)
        self.gone(closing, "the close of day")
        box = find_dialog(self.qtbot, QMessageBox)
        self.look("the day closed and its report")
        box.reject()
        self.gone(box, "the report's offer")
        self.settle()
        self.look("the register, a closed day")
        self.click(page.reopen_button)
        reopen = self.dialog(ReopenDialog)
        self.look("reopening the day")
        self.qtbot.keyClicks(reopen.reason, TILL_NOTE)
        self.click(reopen.save_button)
        self.gone(reopen, "reopening the day")
        self.settle()

    def staff(self) -> None:
        from studio.ui.accounts.staff_form import ResetPasswordDialog, StaffDialog

        self.click(self.window.nav["staff"])
        page = self.window.pages["staff"]
        self.settle()
        self.click(page.add_button)
        new = self.dialog(StaffDialog)
        self.look("adding staff")
        self.click(new.save_button)
        self.look("adding staff, sent empty")
        self.escape(new)

        row = next(r for r in range(page.proxy.rowCount()) if "mara@" in str(page.proxy.index(r, 1).data()))
        rect = page.table.visualRect(page.proxy.index(row, 1))
        self.qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        self.click(page.edit_button)
        edit = self.dialog(StaffDialog)
        self.look("editing staff")
        self.click(edit.reset_button)
        reset = self.dialog(ResetPasswordDialog)
        self.look("resetting a password")
        self.escape(reset)
        self.click(edit.active_button)
        self.settle()
        box = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)
        if box is not None:
            self.look("deactivating staff")
            self.escape(box)
        self.escape(edit)

    def intake(self) -> None:
        from studio.ui.intake.review import IntakeReviewDialog, LargeQrDialog, ReleaseTextDialog
        from studio.ui.intake.settings_dialog import IntakeSettingsDialog

        self.click(self.window.nav["intake"])
        page = self.window.pages["intake"]
        self.settle()
        focus(self.qtbot, page.status_filter)
        for index in range(page.status_filter.count()):
            self.qtbot.keyClick(page.status_filter, Qt.Key.Key_Down if index else Qt.Key.Key_Home)
            self.look(f"the intake page, filter {index + 1}")
        self.qtbot.keyClick(page.status_filter, Qt.Key.Key_Home)
        self.tabs_of(page.tabs, "the intake page")
        self.qtbot.mouseClick(page.tabs.tabBar(), Qt.MouseButton.LeftButton, pos=page.tabs.tabBar().tabRect(0).center())
        self.settle()

        release = next(page.actions.itemAt(i).widget() for i in range(page.actions.count())
                       if page.actions.itemAt(i).widget() is not page.settings_button)
        self.click(release)
        self.look("the release text")
        self.escape(self.dialog(ReleaseTextDialog))
        self.click(page.settings_button)
        self.look("the intake settings")
        self.escape(self.dialog(IntakeSettingsDialog))

        row = next(r for r, s in enumerate(page.model.rows) if s.id == self.data.pending_id)
        self.double_click_row(page.table, row)
        review = self.dialog(IntakeReviewDialog)
        self.qtbot.waitUntil(lambda: review.review is not None, timeout=10_000)
        self.look("reviewing a phone form")
        self.click(review.reject_button)
        self.qtbot.waitUntil(lambda: len([d for d in QApplication.topLevelWidgets()
                                          if isinstance(d, QDialog) and d.isVisible()]) > 1, timeout=5_000)
        self.look("rejecting a phone form")
        close_every_dialog()

        large = LargeQrDialog(self.data.walkin_png, self.data.walkin_url, self.window)
        large.open()
        self.look("the large walk-in QR")
        self.escape(large)

    def scheduling(self) -> None:
        """Settings → Scheduling (each tab, an artist's hours, adding days off, the policy
        sent with a bad value), the waitlist panel (adding someone, booking them) and an
        accepted phone form's "make it a project"."""
        from datetime import date, timedelta

        from studio.services.scheduling import Kind
        from studio.ui.calendar.waitlist_panel import AddToWaitlistDialog, BookFromWaitlistDialog, WaitlistPanel
        from studio.ui.intake.from_phone import RequestAppointmentDialog
        from studio.ui.intake.review import IntakeReviewDialog
        from studio.ui.settings.scheduling import SchedulingSettingsDialog
        from studio.ui.settings.time_off import AddTimeOffDialog

        self.account_action("scheduling-settings")
        settings = self.dialog(SchedulingSettingsDialog)
        self.qtbot.waitUntil(settings.save_button.isEnabled, timeout=10_000)
        self.tabs_of(settings.tabs, "the scheduling settings")
        self.click(settings.time_off_tab.add_button)
        self.look("adding days off")
        self.escape(self.dialog(AddTimeOffDialog))
        settings.tabs.setCurrentWidget(settings.hours_tab)
        settings.hours_tab.whose.setCurrentIndex(1)  # the artist, on the studio's hours
        self.look("the scheduling settings, an artist's hours")
        settings.tabs.setCurrentWidget(settings.policy_form)
        settings.policy_form.late_cancel.setText("soon")
        self.click(settings.save_button)
        self.qtbot.waitUntil(settings.policy_form.fields["late_cancel_hours"].error.isVisible, timeout=5_000)
        self.look("the scheduling settings, a bad value")
        self.escape(settings)

        host = self.window.host
        today = date.today()
        host.services.waitlist.add(host.actor, self.data.client_id, Kind.SESSION, today, today + timedelta(days=30))
        panel = WaitlistPanel(host)
        self.qtbot.addWidget(panel)
        panel.resize(900, 360)
        panel.show()
        panel.refresh()
        self.qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10_000)
        self.look("the waitlist panel")
        self.click(panel.add_button)
        adding = self.dialog(AddToWaitlistDialog)
        focus(self.qtbot, adding.client.query)
        self.qtbot.keyClicks(adding.client.query, "Rosa")
        self.qtbot.waitUntil(adding.client.matches.isVisible, timeout=10_000)
        self.click(adding.save_button)
        self.look("adding to the waitlist")
        self.escape(adding)
        panel.table.selectRow(0)
        self.click(panel.book_button)
        self.look("booking from the waitlist")
        self.escape(self.dialog(BookFromWaitlistDialog))
        panel.close()

        self.click(self.window.nav["intake"])
        page = self.window.pages["intake"]
        self.settle()
        page.show_accepted("Rosa Amaral", "Swallow", self.data.accepted_id)
        self.look("the intake page, a form just accepted")
        page.hide_accepted()
        page.open_record(self.data.accepted_id)
        review = self.dialog(IntakeReviewDialog)
        self.qtbot.waitUntil(lambda: review.from_phone is not None, timeout=10_000)
        self.look("an accepted phone form")
        self.click(review.from_phone.request_button)
        self.look("requesting an appointment from a phone form")
        self.escape(self.dialog(RequestAppointmentDialog))
        self.escape(review)

    def checkout_and_settings(self) -> None:
        """The checkout dialog (an appointment's, then a walk-in sale: a bad price, then paid
        and its receipt) and Settings → Register (each tab, a rate over 100 %)."""
        from studio.ui.register import CheckoutDialog, open_checkout
        from studio.ui.settings.register import RegisterSettingsDialog

        host = self.window.host
        booked = open_checkout(host, self.window, self.data.appointment_id)
        self.qtbot.waitUntil(lambda: booked.bill is not None, timeout=10_000)
        self.look("the checkout of an appointment")
        self.escape(booked)
        sale = open_checkout(host, self.window)
        self.qtbot.waitUntil(lambda: sale.bill is not None, timeout=10_000)
        self.look("a walk-in checkout")
        focus(self.qtbot, sale.price)
        self.qtbot.keyClicks(sale.price, PROJECT_NAME)  # not an amount (and studio data: it stays as typed)
        self.qtbot.keyClick(sale.price, Qt.Key.Key_Tab)
        self.look("a walk-in checkout, a bad price")
        sale.price.clear()
        self.qtbot.keyClicks(sale.price, "50")
        self.click(sale.rows.add_button)
        self.click(sale.rows.rows[1].rest)
        self.look("a walk-in checkout, paid in cash")
        self.click(sale.checkout_button)
        self.qtbot.waitUntil(lambda: sale.receipt is not None, timeout=10_000)
        self.look("a checkout's receipt")
        self.click(sale.checkout_button)
        self.gone(sale, "the checkout after Done")
        assert isinstance(sale, CheckoutDialog)

        self.account_action("register-settings")
        settings = self.dialog(RegisterSettingsDialog)
        self.qtbot.waitUntil(lambda: settings.loaded, timeout=10_000)
        self.tabs_of(settings.tabs, "the register settings")
        settings.tabs.setCurrentWidget(settings.rates_tab)
        settings.rates_tab.rate.setText("120")
        self.click(settings.rates_tab.set_button)
        self.qtbot.waitUntil(settings.rates_tab.fields["rate"].error.isVisible, timeout=10_000)
        self.look("the register settings, a rate over 100 %")
        self.escape(settings)

    def inventory_use(self) -> None:
        """Recording what a session used (a barcode scanned, an unknown one, saving before the
        session started) and the recall search (by lot, with no session found; by item)."""
        from studio.services.inventory import Category, Delivery, ItemInput
        from studio.ui.inventory import RecallDialog, UseDialog, open_recall, open_use

        host = self.window.host
        services, admin = host.services, host.actor
        name, unit, lot, supplier = INVENTORY_USE
        ink = services.inventory.create(admin, ItemInput(name, Category.INK, unit, threshold=2, supplier=supplier,
                                                         barcode="8400002"))
        services.stock.receive(admin, (Delivery(ink.id, 10, lot, date(2030, 1, 1)),))
        record = services.scheduling.appointment(admin, self.data.appointment_id)
        use = open_use(host, self.window, record)
        self.qtbot.waitUntil(lambda: use.loaded, timeout=10_000)
        self.look("recording what a session used, empty")
        for code in ("8400002", "0000000"):
            focus(self.qtbot, use.scan)
            self.qtbot.keyClicks(use.scan, code)
            self.qtbot.keyClick(use.scan, Qt.Key.Key_Return)
        self.qtbot.waitUntil(lambda: use.scan_error.isVisible() and len(use.lines) == 1
                             and use.lines[0].lot.isEnabled(), timeout=10_000)
        self.look("recording what a session used, a line and an unknown barcode")
        self.click(use.save_button)
        self.qtbot.waitUntil(use.general.isVisible, timeout=10_000)
        self.look("recording what a session used, before the session started")
        self.escape(use)
        assert isinstance(use, UseDialog)

        recall = open_recall(host, self.window)
        self.qtbot.waitUntil(lambda: recall.loaded, timeout=10_000)
        self.look("the recall search")
        edit = recall.lot.lineEdit()
        focus(self.qtbot, edit)
        self.qtbot.keyClicks(edit, lot)
        self.qtbot.keyClick(edit, Qt.Key.Key_Return)
        self.qtbot.waitUntil(lambda: bool(recall.summary.text()), timeout=10_000)
        self.look("the recall search, a lot no session used")
        self.click(recall.mode.buttons["item"])
        self.look("the recall search by item")
        self.escape(recall)
        assert isinstance(recall, RecallDialog)

    def backups(self) -> None:
        from studio.ui.backups.dialogs import ExportDialog, PassphraseDialog, RestoreDialog

        self.click(self.window.nav["backups"])
        page = self.window.pages["backups"]
        self.settle()
        page.table.selectRow(0)
        self.click(page.restore_button)
        self.look("restoring a backup")
        self.escape(self.dialog(RestoreDialog))
        self.click(page.delete_button)
        box = self.dialog(QMessageBox)
        self.look("deleting a backup")
        self.escape(box)
        export = ExportDialog(str(self.ctx.config.data_dir), self.window)
        export.open()
        self.look("exporting a backup")
        self.escape(export)
        asked = PassphraseDialog(self.data.passphrase_reason, self.window)
        asked.open()
        self.look("importing an encrypted backup")
        self.escape(asked)

    def plugins(self) -> None:
        """The shipped plugins loaded as a sign-in loads them, then the Plugins page listing
        them and each plugin's own pages."""
        self.ctx.plugins.start(self.window.actor, {})
        self.settle()
        self.click(self.window.nav["plugins"])
        self.look("the plugins page, the shipped plugins loaded")
        for key in [k for k in self.window.nav if "." in k]:  # "<plugin>.<page>"
            self.click(self.window.nav[key])
            self.look(f"the plugin page {key}")

    def audit_log(self) -> None:
        """The audit log again, now that the tour has written rows of its own (a client's QR,
        health answers read)."""
        self.click(self.window.nav["audit"])  # showing the page reads it again
        self.look("the audit log, at the end")

    def search(self) -> None:
        edit = self.window.search.edit
        focus(self.qtbot, edit)
        self.qtbot.keyClicks(edit, "Rosa")
        popup = self.window.search.popup
        self.qtbot.waitUntil(popup.isVisible, timeout=10_000)
        self.look("the global search")
        self.qtbot.keyClick(edit, Qt.Key.Key_Escape)
        self.qtbot.waitUntil(lambda: not popup.isVisible(), timeout=5_000)
        edit.clear()

    def first_windows(self, tmp_path: Path) -> None:
        """The windows before the main one: the sign-in (a wrong password too), the set-up
        (sent empty) and the recovery screen of a damaged database."""
        from studio.services.backup import database_problem
        from studio.ui.accounts.setup import SetupDialog
        from studio.ui.accounts.signin import LoginDialog
        from studio.ui.backups.recovery import RecoveryScreen

        login = LoginDialog(self.ctx, self.window.settings.name)
        self.qtbot.addWidget(login)
        login.show()
        self.look("the sign-in")
        self.qtbot.keyClicks(login.form.email, "nobody@studio.test")
        self.qtbot.keyClicks(login.form.password, "not a password of anyone")
        self.qtbot.keyClick(login.form.password, Qt.Key.Key_Return)
        self.qtbot.waitUntil(lambda: login.form.error.isVisibleTo(login), timeout=15_000)
        self.look("the sign-in, refused")
        login.close()

        setup = SetupDialog(self.ctx)
        self.qtbot.addWidget(setup)
        setup.show()
        self.look("the set-up")
        self.click(setup.submit)
        self.look("the set-up, sent empty")
        setup.close()

        damaged = tmp_path / "damaged.db"
        damaged.write_bytes(b"\x00" * 4096)
        problem = database_problem(damaged, self.ctx.config.backups_dir, pages=False)
        screen = RecoveryScreen(self.ctx, problem.reason)
        self.qtbot.addWidget(screen)
        screen.show()
        self.qtbot.waitUntil(lambda: not screen.empty.text().startswith(("Looking", "⟦Looking")) or
                             screen.backups.count() > 0, timeout=10_000)
        self.look("the recovery screen")
        self.click(screen.quit_button)
        self.qtbot.waitUntil(lambda: not screen.isVisible(), timeout=5_000)

    def lock(self) -> None:
        self.account_action("lock")
        self.qtbot.waitUntil(lambda: self.window.locked, timeout=5_000)
        self.look("the lock screen")
        form = self.window.lock_screen.form
        self.qtbot.keyClicks(form.password, "not the password at all")
        self.qtbot.keyClick(form.password, Qt.Key.Key_Return)
        self.qtbot.waitUntil(lambda: form.error.isVisibleTo(self.window), timeout=15_000)
        self.look("the lock screen, refused")
