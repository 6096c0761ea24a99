"""The Calendar page: the range in view with ‹ Today › and the view switcher, the mini month
and the artists' legend at the left, and the day, week, month or agenda view. Everything
it shows comes from one ``calendar`` call per range, off the GUI thread; moves, status
changes and cancels go through the scheduling services, and moves can be undone until the
window closes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QHBoxLayout,
    QMenu,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from studio.services.common import (
    N_,
    Permission,
    Role,
    _,
    can,
    date_range,
    full_date,
    month_year,
    ngettext,
    stamp,
    weekday,
)
from studio.services.scheduling import CalendarRange, ChangeResult, OutsideHours, Status
from studio.ui.calendar.agenda import AgendaModel
from studio.ui.calendar.month import MonthView
from studio.ui.calendar.timegrid import Column, TimeGrid
from studio.ui.calendar.times import VIEWS, span, step
from studio.ui.kit import icons, theme
from studio.ui.kit.format import qlocale
from studio.ui.kit.prompts import ask, choose_save_path, offer
from studio.ui.kit.widgets import Segmented, button, configure_table, label
from studio.ui.shell.page import Page

VIEW_LABELS = {"day": N_("Day"), "week": N_("Week"), "month": N_("Month"), "agenda": N_("Agenda")}
LEFT_WIDTH = 232


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime
    artist_id: int


@dataclass(frozen=True)
class Move:
    """One move the page made, to undo (back to ``before``) or redo (to ``after``)."""

    appointment_id: int
    before: Slot
    after: Slot


class CalendarPage(Page):
    title = N_("Calendar")

    def __init__(self, host) -> None:
        super().__init__(host)
        self.layout().setContentsMargins(24, 16, 24, 16)
        self.zone = ZoneInfo(host.settings.timezone)
        self.view = "week"
        self.today = self._today()
        self.anchor = self.today
        self.data: CalendarRange | None = None
        self._to_open = None  # an appointment to open once its range has loaded
        self.hidden: set[int] = set()
        self.artist_boxes: dict[int, QCheckBox] = {}
        self.undo_stack: list[Move] = []
        self.redo_stack: list[Move] = []
        self._generation = 0
        self._shown_generation = 0
        self.may_book = can(host.actor.role, Permission.BOOK_APPOINTMENTS)

        self.new_button = button(_("New appointment"), icon_name="plus", variant="primary", keys="Ctrl+N",
                                 on_click=self.new_item)
        self.new_button.setObjectName("NewAppointment")
        self.new_button.setVisible(self.may_book)
        self.waitlist_button = button(_("Waitlist"), icon_name="users", tooltip=_("Who waits for an earlier slot"),
                                      on_click=self.toggle_waitlist)
        self.waitlist_button.setObjectName("ShowWaitlist")
        self.waitlist_button.setCheckable(True)
        self.waitlist_panel = None  # made the first time it is shown
        self.actions.addWidget(self.waitlist_button)
        self.actions.addWidget(self.new_button)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.prev_button = self._nav_button("Previous", "chevron-left", _("Previous"), "←", lambda: self.go(-1))
        self.today_button = button(_("Today"), tooltip=_("Go to today"), keys="T", on_click=self.go_today)
        self.today_button.setObjectName("TodayButton")
        self.next_button = self._nav_button("Next", "chevron-right", _("Next"), "→", lambda: self.go(1))
        for widget in (self.prev_button, self.today_button, self.next_button):
            bar.addWidget(widget)
        self.range_label = label("", "title")
        self.range_label.setObjectName("RangeLabel")
        bar.addSpacing(8)
        bar.addWidget(self.range_label)
        bar.addStretch(1)
        self.switcher = Segmented([(key, _(text)) for key, text in VIEW_LABELS.items()], self.set_view)
        for n, key in enumerate(VIEWS, 1):
            self.switcher.buttons[key].setToolTip(_("{action} ({keys})").format(action=_(VIEW_LABELS[key]), keys=n))
        self.switcher.choose(self.view)
        bar.addWidget(self.switcher)
        self.body.addLayout(bar)

        row = QHBoxLayout()
        row.setSpacing(16)
        left = QVBoxLayout()
        left.setSpacing(8)
        self.mini = QCalendarWidget()
        self.mini.setObjectName("MiniMonth")
        self.mini.setLocale(qlocale())
        self.mini.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.mini.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.mini.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.SingleLetterDayNames)
        self.mini.setFixedSize(LEFT_WIDTH, 210)
        plain = QTextCharFormat()
        plain.setForeground(self.palette().text())
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.mini.setWeekdayTextFormat(day, plain)
        for name, icon_name in (("qt_calendar_prevmonth", "chevron-left"), ("qt_calendar_nextmonth", "chevron-right")):
            arrow = self.mini.findChild(QWidget, name)
            if arrow is not None:
                arrow.setIcon(icons.icon(icon_name, theme.current().text))
        self.mini.clicked.connect(lambda day: self.go_to(day.toPython()))
        left.addWidget(self.mini)
        left.addSpacing(8)
        left.addWidget(label(_("Artists"), "fieldLabel"))
        self.legend = QVBoxLayout()
        self.legend.setSpacing(4)
        left.addLayout(self.legend)
        left.addStretch(1)
        holder = QWidget()
        holder.setFixedWidth(LEFT_WIDTH)
        holder.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        row.addWidget(holder)

        right = QVBoxLayout()
        right.setSpacing(8)
        self.banner = label("", "banner", wrap=True)
        self.banner.setObjectName("CalendarBanner")
        self.banner.setVisible(False)
        right.addWidget(self.banner)
        self.stack = QStackedWidget()
        self.grid = TimeGrid()
        self.grid.clock = host.services.clock
        self.grid.slot_chosen.connect(self._slot_chosen)
        self.grid.block_dropped.connect(self._dropped)
        self.grid.block_opened.connect(self.open_appointment)
        self.grid.block_menu.connect(self._block_menu)
        self.month = MonthView()
        self.month.day_chosen.connect(self._month_day)
        self.agenda_model = AgendaModel()
        self.agenda = QTableView()
        self.agenda.setObjectName("AgendaTable")
        self.agenda.setModel(self.agenda_model)
        configure_table(self.agenda, {0: 120, 1: 170, 2: 130, 3: 170, 5: 210}, stretch=4)
        self.agenda.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda.doubleClicked.connect(lambda index: self.open_appointment(self.agenda_model.rows[index.row()]))
        for widget in (self.grid, self.month, self.agenda):
            self.stack.addWidget(widget)
        right.addWidget(self.stack, 1)
        self.empty_agenda = label(_("Nothing booked in these days."), "muted")
        self.empty_agenda.setVisible(False)
        right.addWidget(self.empty_agenda)
        row.addLayout(right, 1)
        self.body.addLayout(row, 1)

        self._keys()
        self._show_header()

    def _nav_button(self, name: str, icon_name: str, tip: str, arrow: str, run):
        # The arrow itself names the key: Qt would spell "Left" out in each language.
        widget = button("", icon_name=icon_name, variant="ghost",
                        tooltip=_("{action} ({keys})").format(action=tip, keys=arrow), on_click=run)
        widget.setObjectName(f"Nav{name}")
        widget.setAccessibleName(tip)
        return widget

    def _keys(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        bindings = {"Left": lambda: self.go(-1), "Right": lambda: self.go(1), "T": self.go_today,
                    "Ctrl+Z": self.undo, "Ctrl+Shift+Z": self.redo}
        bindings.update({str(n): (lambda k=key: self.set_view(k)) for n, key in enumerate(VIEWS, 1)})
        self.shortcuts = {}
        for keys, run in bindings.items():
            shortcut = QShortcut(QKeySequence(keys), self, run, context=context)
            self.shortcuts[keys] = shortcut

    # --- where it is -------------------------------------------------------------------
    def _today(self) -> date:
        return self.host.services.clock().astimezone(self.zone).date()

    def span(self) -> tuple[date, date]:
        return span(self.view, self.anchor)

    def set_view(self, view: str) -> None:
        self.view = view
        self.waitlist_button.setChecked(False)
        self.switcher.choose(view)
        self._show_header()
        self.refresh()

    def go(self, direction: int) -> None:
        self.anchor = step(self.view, self.anchor, direction)
        self._show_header()
        self.refresh()

    def go_today(self) -> None:
        self.today = self._today()
        self.go_to(self.today)

    def go_to(self, day: date) -> None:
        self.anchor = day
        self._show_header()
        self.refresh()

    def toggle_waitlist(self) -> None:
        """The waitlist in place of the view (the button again, or a view, brings it back)."""
        if self.waitlist_panel is None:
            from studio.ui.calendar.waitlist_panel import WaitlistPanel

            self.waitlist_panel = WaitlistPanel(self.host)
            self.waitlist_panel.booked.connect(lambda _r: self._changed(_("Appointment booked.")))
            self.stack.addWidget(self.waitlist_panel)
        if self.waitlist_button.isChecked():
            self.waitlist_panel.refresh()
        self._show_header()

    def _month_day(self, day: date) -> None:
        self.anchor = day
        self.set_view("day")

    def _show_header(self) -> None:
        first, last = self.span()
        if self.view == "month":
            text = month_year(self.anchor)
        elif self.view == "day":
            text = full_date(first)
        else:
            text = date_range(first, last)
        self.range_label.setText(text)
        self.mini.blockSignals(True)
        self.mini.setSelectedDate(QDate(self.anchor.year, self.anchor.month, self.anchor.day))
        self.mini.blockSignals(False)
        shown = {"day": self.grid, "week": self.grid, "month": self.month, "agenda": self.agenda}[self.view]
        if self.waitlist_button.isChecked() and self.waitlist_panel is not None:
            shown = self.waitlist_panel
        if shown is not self.agenda:
            self.empty_agenda.setVisible(False)
        had_focus = self.isAncestorOf(QApplication.focusWidget())
        self.stack.setCurrentWidget(shown)
        if had_focus:
            shown.setFocus()  # the keys keep working in the view just switched to

    # --- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        first, last = self.span()
        self._generation += 1
        generation = self._generation
        self.host.call(lambda s, a: s.scheduling.calendar(a, first, last),
                       lambda data: self._loaded(generation, data), self._load_failed)

    def _loaded(self, generation: int, data: CalendarRange) -> None:
        if generation != self._generation or not isValid(self):
            return  # a newer range was asked for meanwhile
        self.loaded = True
        self._shown_generation = generation
        self.data = data
        self.today = self._today()
        self._fill_legend(data)
        self.render()
        if self._to_open is not None:  # a search hit, now that its week is shown
            record, self._to_open = self._to_open, None
            self.open_appointment(record)

    def _load_failed(self, error) -> None:
        self.show_banner(error.message)

    def _fill_legend(self, data: CalendarRange) -> None:
        if [a for a in self.artist_boxes] == [a.id for a in data.artists]:
            return
        first_fill = not self.artist_boxes
        while self.legend.count():
            item = self.legend.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.artist_boxes = {}
        me = self.host.actor
        if first_fill and me.role == Role.ARTIST and any(a.id == me.staff_id for a in data.artists):
            # Artists open on their own calendar; colleagues can be added from the legend.
            self.hidden = {a.id for a in data.artists if a.id != me.staff_id}
        for artist in data.artists:
            box = QCheckBox(artist.name)
            box.setObjectName(f"Artist-{artist.id}")
            box.setIcon(icons.dot(artist.color))
            box.setChecked(artist.id not in self.hidden)
            box.toggled.connect(lambda on, a=artist.id: self._artist_toggled(a, on))
            self.legend.addWidget(box)
            self.artist_boxes[artist.id] = box
        if not data.artists:
            self.legend.addWidget(label(_("No artists yet: add one in Staff."), "muted", wrap=True))

    def _artist_toggled(self, artist_id: int, on: bool) -> None:
        (self.hidden.discard if on else self.hidden.add)(artist_id)
        self.render()

    def shown_artists(self):
        return [a for a in self.data.artists if a.id not in self.hidden] if self.data else []

    def render(self) -> None:
        data = self.data
        if data is None:
            return
        first, last = data.first_day, data.last_day
        if self.view in ("week", "day"):
            if self.view == "day":
                columns = [Column(first, a.id, a.name, color=a.color) for a in self._day_artists()]
            else:
                columns = [Column(day, None, weekday(day), str(day.day)) for day in _days(first, last)]
            self.grid.show_range(data, columns, today=self.today, hidden=self.hidden)
        elif self.view == "month":
            self.month.show_range(data, self.anchor.month, today=self.today, hidden=self.hidden)
        else:
            rows = [r for r in data.appointments if r.artist_id not in self.hidden]
            self.agenda_model.show(rows, data.timezone)
            self.empty_agenda.setVisible(not rows)

    def _day_artists(self):
        """The day view's columns: the artists shown, the signed-in artist first."""
        me = self.host.actor.staff_id
        return sorted(self.shown_artists(), key=lambda a: a.id != me)

    # --- new and open ----------------------------------------------------------------------
    def new_item(self) -> None:
        if not self.may_book or self.data is None:
            return
        from studio.ui.calendar.dialog import default_slot

        starts, ends = default_slot(self.anchor, self.host.services.clock(), self.zone)
        self._open_new(starts, ends, None)

    def _slot_chosen(self, starts: datetime, ends: datetime, artist_id: int | None) -> None:
        if self.may_book:
            self._open_new(starts, ends, artist_id)

    def _open_new(self, starts: datetime, ends: datetime, artist_id: int | None) -> None:
        from studio.ui.calendar.dialog import AppointmentDialog

        if artist_id is None and len(self.shown_artists()) == 1:
            artist_id = self.shown_artists()[0].id
        dialog = AppointmentDialog(self.host, self.data.artists, self.data.timezone, self,
                                   starts=starts, ends=ends, artist_id=artist_id)
        dialog.saved.connect(lambda _r: self._changed(_("Appointment booked.")))
        dialog.open()

    def open_record(self, record_id: int) -> None:
        """A hit of the global search: its week (or day) is shown, then its dialog opens."""
        def found(record) -> None:
            if not isValid(self):
                return
            self._to_open = record
            self.go_to(record.starts_at.astimezone(self.zone).date())

        self.host.call(lambda s, a: s.scheduling.appointment(a, record_id), found, self._load_failed)

    def open_appointment(self, record) -> None:
        if record.busy_only or self.data is None:
            return
        from studio.ui.calendar.dialog import AppointmentDialog

        dialog = AppointmentDialog(self.host, self.data.artists, self.data.timezone, self, record=record)
        dialog.saved.connect(lambda result: self._after_change(result, _("Appointment saved."), record))
        dialog.deposit_recorded.connect(lambda _d: self.refresh())
        dialog.checkout_wanted.connect(self.check_out)
        dialog.use_wanted.connect(self.record_use)
        dialog.open()

    # --- changes -------------------------------------------------------------------------
    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))
        if text:
            self.host.toast(text)

    def _changed(self, sentence: str) -> None:
        self.show_banner("")
        self.host.toast(sentence)
        self.refresh()
        if self.waitlist_panel is not None and self.waitlist_button.isChecked():
            self.waitlist_panel.refresh()

    def _after_change(self, result: ChangeResult, sentence: str, freed) -> None:
        """A change went through: the deposit's sentence, the waitlist for the slot it freed."""
        self._changed(" ".join(s for s in (sentence, result.deposit.sentence) if s))
        if result.waitlist and can(self.host.actor.role, Permission.MANAGE_WAITLIST):
            self._offer_waitlist(result, freed)

    def _offer_waitlist(self, result: ChangeResult, freed: Slot) -> None:
        entries = result.waitlist[:3]
        names = ", ".join(e.client_name for e in entries)
        # Translators: {names} are the waiting clients' names.
        text = ngettext("{n} client on the waitlist fits the freed time: {names}.",
                        "{n} clients on the waitlist fit the freed time: {names}.", len(result.waitlist)).format(
            n=len(result.waitlist), names=names)
        actions = {_("Book {name}").format(name=e.client_name): (lambda e=e: self._book_waiting(e, freed))
                   for e in entries}
        self.waitlist_box = offer(self, _("Waitlist"), text, actions, close=_("Not now"))

    def _book_waiting(self, entry, freed: Slot) -> None:
        self.host.call(lambda s, a: s.waitlist.book(a, entry.id, freed.artist_id, freed.starts_at, freed.ends_at),
                       lambda _r: self._changed(_("{name} is booked from the waitlist.").format(name=entry.client_name)),
                       lambda error: self.show_banner(error.message), write=True)

    def _dropped(self, record, starts: datetime, ends: datetime, artist_id: int | None) -> None:
        move = Move(record.id, _slot(record), Slot(starts, ends, artist_id or record.artist_id))

        def done() -> None:
            self.undo_stack.append(move)
            self.redo_stack.clear()

        self._move(move.appointment_id, move.before, move.after, record.version, done)

    def _move(self, appointment_id: int, before: Slot, after: Slot, version: int | None,
              done: Callable[[], None], failed: Callable[[], None] | None = None, *, outside_ok: bool = False) -> None:
        """Move from ``before`` to ``after``; ``version`` None reads the current one first
        (an undo or redo moves what is there now). ``done``/``failed`` keep the undo stacks."""
        def call(s, a):
            current = version if version is not None else s.scheduling.appointment(a, appointment_id).version
            return s.scheduling.move(a, appointment_id, after.starts_at, after.ends_at, version=current,
                                     artist_id=after.artist_id if after.artist_id != before.artist_id else None,
                                     outside_hours_ok=outside_ok)

        def moved(result: ChangeResult) -> None:
            done()
            self._after_change(result, "", before)

        def refused(error) -> None:
            if isinstance(error, OutsideHours):
                ask(self, _("Outside working hours"), error.message,
                    lambda: self._move(appointment_id, before, after, version, done, failed, outside_ok=True),
                    yes=_("Move anyway"), on_no=lambda: self._snap_back(failed))
                return
            self._snap_back(failed)
            self.show_banner(error.message)
            self.refresh()  # a stale version: show what the other window changed

        self.show_banner("")
        self.host.call(call, moved, refused, write=True)

    def _snap_back(self, failed: Callable[[], None] | None) -> None:
        self.grid.rebuild()  # the block goes back where it was
        if failed is not None:
            failed()

    def undo(self) -> None:
        self._replay(self.undo_stack, self.redo_stack, back=True, empty=_("Nothing to undo."))

    def redo(self) -> None:
        self._replay(self.redo_stack, self.undo_stack, back=False, empty=_("Nothing to redo."))

    def _replay(self, source: list[Move], target: list[Move], *, back: bool, empty: str) -> None:
        """The last move of ``source`` made again (``back``: undone), then kept on ``target``;
        refused (a clash since), it stays on ``source`` to try again. It moves the
        appointment as it is now (its current version) and keeps to the hours it had."""
        if not source:
            self.host.toast(empty)
            return
        move = source.pop()
        before, after = (move.after, move.before) if back else (move.before, move.after)
        self._move(move.appointment_id, before, after, None, lambda: target.append(move),
                   lambda: source.append(move), outside_ok=True)

    # --- the block's menu ------------------------------------------------------------------
    def _block_menu(self, record, where: QPoint) -> None:
        from studio.ui.calendar.actions import PAYABLE

        if record.status in PAYABLE and can(self.host.actor.role, Permission.TAKE_PAYMENTS):
            # Paid or not decides between "Check out…" and its receipt: asked first (a quick read).
            self.host.call(lambda s, a: s.checkout.receipt_of(a, record.id),
                           lambda receipt: isValid(self) and self._popup_menu(record, where, receipt),
                           lambda error: self.show_banner(error.message))
            return
        self._popup_menu(record, where, None)

    def _popup_menu(self, record, where: QPoint, receipt) -> None:
        from studio.ui.calendar.actions import fill_menu

        menu = QMenu(self)
        menu.setObjectName("AppointmentMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fill_menu(menu, record, self.host.actor.role, open_=lambda: self.open_appointment(record),
                  step=lambda status: self._step(record, status), cancel=lambda: self._cancel(record),
                  reschedule=lambda: self._reschedule(record), deposit=lambda: self._deposit(record),
                  calendar_file=lambda: self._calendar_file(record), checkout=lambda: self.check_out(record),
                  receipt=receipt, show_receipt=lambda: self._show_receipt(receipt),
                  record_use=lambda: self.record_use(record))
        menu.popup(where)

    def check_out(self, record) -> None:
        """The checkout for the appointment; one still in progress is marked completed first."""
        from studio.ui.calendar.actions import start_checkout

        start_checkout(self.host, self, record, refresh=self.refresh, failed=self.show_banner,
                       done=lambda r: self._changed(_("Receipt No. {number} saved.").format(number=r.number)))

    def record_use(self, record) -> None:
        """What the session used: the inks, needles and cartridges, by lot."""
        from studio.ui.inventory import open_use

        self.use_dialog = open_use(self.host, self, record, on_done=lambda moves: self.host.toast(ngettext(
            "{n} line recorded as used.", "{n} lines recorded as used.", len(moves)).format(n=len(moves))))

    def _show_receipt(self, receipt) -> None:
        from studio.ui.register import open_receipt

        self.receipt_dialog = open_receipt(self.host, self, receipt)

    def _calendar_file(self, record) -> None:
        """One appointment's .ics for the client (their phone's calendar takes it): no
        notes, no price, the client's first name only."""
        first_name = (record.client_name.split() or ["appointment"])[0]
        suggested = f"{first_name}-{stamp(record.starts_at.astimezone(self.zone), with_time=False)}.ics"

        def chosen(path: str) -> None:
            def write(s, a) -> str:
                Path(path).write_bytes(s.calendar_files.appointment_file(a, record.id))
                return path

            self.host.call(write, lambda where: self.host.toast(_("Saved {file}.").format(file=where)),
                           lambda error: self.show_banner(error.message))

        choose_save_path(self, _("Save calendar file"), suggested, _("Calendar files (*.ics)"), chosen)

    def _step(self, record, status: Status) -> None:
        self.host.call(lambda s, a: s.scheduling.set_status(a, record.id, status, version=record.version),
                       lambda result: self._after_change(result, _("{client}: {status}.").format(
                           client=record.client_name, status=status.label), _slot(record)),
                       lambda error: self.show_banner(error.message), write=True)

    def _cancel(self, record) -> None:
        from studio.ui.calendar.actions import CancelDialog

        dialog = CancelDialog(self.host, record, self)
        dialog.saved.connect(lambda result: self._after_change(result, _("Appointment cancelled."), _slot(record)))
        dialog.open()

    def _reschedule(self, record) -> None:
        from studio.ui.calendar.actions import RescheduleDialog

        dialog = RescheduleDialog(self.host, record, self)
        dialog.saved.connect(lambda result: self._after_change(result, _("Appointment rescheduled."), _slot(record)))
        dialog.open()

    def _deposit(self, record) -> None:
        from studio.ui.calendar.actions import DepositDialog

        dialog = DepositDialog(self.host, record, self)
        dialog.saved.connect(lambda _d: self._changed(_("Deposit recorded.")))
        dialog.open()


def _slot(record) -> Slot:
    return Slot(record.starts_at, record.ends_at, record.artist_id)


def _days(first: date, last: date):
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
