"""Make the README's screenshots: run the app offscreen on a demo studio and grab each
main page, in the light and the dark theme, into docs/screenshots/."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZE = (1280, 720)


def settle(app, ctx) -> None:
    for _ in range(5):
        ctx.tasks.wait_for_done(60_000)
        app.processEvents()


def calendar_week(services, admin) -> None:
    """A plausible week on the demo artists' calendars, unless the demo booked one already:
    sessions, consultations and a request or two, some awaiting their deposit, a check-in."""
    from datetime import datetime, time, timedelta
    from zoneinfo import ZoneInfo

    from studio.services.common import DomainError
    from studio.services.scheduling import AppointmentInput, Kind, Status

    zone = ZoneInfo(services.settings.studio().timezone)
    today = datetime.now(zone).date()
    monday = today - timedelta(days=today.weekday())
    if services.scheduling.calendar(admin, monday, monday + timedelta(days=6)).appointments:
        return
    artists = [a.id for a in services.scheduling.artists(admin)]
    clients = [row.id for row in services.clients.search(admin, "", 12).rows]
    pieces = ("Fine-line swallow", "Koi sleeve, session 2", "Peony on the shoulder", "Script under the collarbone",
              "Geometric wolf", "Botanical forearm", "Moth on the sternum")
    # (day of the week, start hour, hours, kind, status) for each artist in turn
    plan = ((1, 11, 3, Kind.SESSION, Status.BOOKED), (1, 15.5, 1, Kind.CONSULTATION, Status.REQUESTED),
            (2, 12, 2, Kind.SESSION, Status.BOOKED), (2, 16, 2.5, Kind.SESSION, Status.BOOKED),
            (3, 11, 1, Kind.TOUCH_UP, Status.BOOKED), (3, 13, 4, Kind.SESSION, Status.BOOKED),
            (4, 11.5, 1.5, Kind.CONSULTATION, Status.BOOKED), (4, 15.5, 3, Kind.SESSION, Status.REQUESTED),
            (5, 11, 5, Kind.SESSION, Status.BOOKED), (5, 16.5, 1.5, Kind.TOUCH_UP, Status.BOOKED))
    n = 0
    for shift, artist in enumerate(artists):
        for day, hour, hours, kind, status in plan:
            day = monday + timedelta(days=day)
            hour += 0.5 * shift
            starts = datetime.combine(day, time(int(hour), int(hour % 1 * 60)), zone)
            try:
                services.scheduling.book(admin, AppointmentInput(
                    client_id=clients[n % len(clients)], artist_id=artist, kind=kind, starts_at=starts,
                    ends_at=starts + timedelta(minutes=int(hours * 60)), description=pieces[n % len(pieces)],
                    status=status), outside_hours_ok=True)
            except DomainError:
                pass  # a clash with the demo's own bookings: that slot stays as it is
            n += 1


def register_day(services, admin) -> None:
    """Today's till, unless the demo took money today already: a float top-up, sales by card
    and cash with tips, a transfer, an expense and a voucher sold."""
    from studio.services.common import DomainError
    from studio.services.register import EntryInput, EntryKind, Method

    if services.register.day(admin).entries:
        return
    artists = [a.id for a in services.scheduling.artists(admin)] or [None]
    clients = [row.id for row in services.clients.search(admin, "", 6).rows] or [None]
    typed = ((EntryKind.CASH_IN, Method.CASH, 5000, "Change from the bank", None, None),
             (EntryKind.SALE, Method.CARD, 18000, "Fine-line swallow", 0, 0),
             (EntryKind.TIP, Method.CASH, 2000, "", 0, None),
             (EntryKind.SALE, Method.CASH, 9500, "Flash piece", 1, 1),
             (EntryKind.SALE, Method.TRANSFER, 32000, "Koi sleeve, session 2", 0, 2),
             (EntryKind.EXPENSE, Method.CASH, 2350, "Needles from the supplier", None, None),
             (EntryKind.TIP, Method.CARD, 1500, "", 1, None))
    try:
        for kind, method, cents, note, artist, client in typed:
            services.register.record(admin, EntryInput(
                kind, method, cents, note=note, artist_id=None if artist is None else artists[artist % len(artists)],
                client_id=None if client is None else clients[client % len(clients)]))
        services.vouchers.sell(admin, 10000, Method.CARD, for_name="Marta")
    except DomainError:
        pass  # today is closed in the demo: the page shows it locked


def stock_shelf(services, admin) -> None:
    """A studio's shelf, unless the demo stocked one already: inks by lot (one expiring
    soon), needles, cartridges, gloves running low, aftercare; a delivery and some waste."""
    from datetime import datetime, timedelta

    from studio.services.inventory import Category, Delivery, ItemInput

    if services.inventory.items(admin):
        return
    soon = datetime.now().date() + timedelta(days=12)
    later = datetime.now().date() + timedelta(days=400)
    shelf = (("Black ink, Dynamic 240 ml", Category.INK, "bottle", 3, "Dynamic", ((6, "DYN-24118", later),
                                                                               (2, "DYN-23907", soon))),
             ("Red ink, Eternal 30 ml", Category.INK, "bottle", 2, "Eternal", ((4, "ET-5521", later),)),
             ("White ink, Solid Ink", Category.INK, "bottle", 2, "Solid Ink", ((1, "SI-0811", later),)),
             ("3RL needles", Category.NEEDLES, "box", 2, "Kwadron", ((8, "KW-3RL-77", later),)),
             ("9RM cartridges", Category.CARTRIDGES, "box", 4, "Cheyenne", ((12, "CH-9RM-12", later),)),
             ("Nitrile gloves, M", Category.GLOVES, "box", 4, "MedSupply", ((3, "", None),)),
             ("Aftercare balm", Category.AFTERCARE, "piece", 10, "Hustle Butter", ((24, "", None),)),
             ("Green soap", Category.CLEANING, "bottle", 1, "MedSupply", ((2, "", None),)))
    for name, category, unit, threshold, supplier, lots in shelf:
        item = services.inventory.create(admin, ItemInput(name, category, unit, threshold=threshold,
                                                          reorder_quantity=threshold * 3, supplier=supplier))
        services.stock.receive(admin, tuple(Delivery(item.id, n, lot, expires) for n, lot, expires in lots))


FLASH = (("Swallow", "#1F6FEB", ("traditional", "bird")), ("Rose", "#D1242F", ("traditional", "flower")),
         ("Dagger", "#6E7781", ("traditional",)), ("Koi", "#E36209", ("japanese", "fish")),
         ("Peony", "#BF3989", ("japanese", "flower")), ("Compass", "#1A7F37", ("fine line",)),
         ("Moth", "#8250DF", ("blackwork",)), ("Snake", "#116329", ("traditional", "animal")),
         ("Wave", "#0969DA", ("japanese",)), ("Skull", "#24292F", ("blackwork",)))


def gallery_ideas(ctx, folder: Path) -> None:
    """A few flash sheets in the Tattoo ideas gallery (drawn with Pillow: rings and rays in
    each design's colour), tagged as a studio would."""
    from PIL import Image, ImageDraw

    gallery = ctx.plugins.module("tattoo_ideas")
    if gallery is None:
        return
    from importlib import import_module

    importer = import_module(gallery.__name__ + ".importer")
    store = gallery._state.store
    folder.mkdir(parents=True, exist_ok=True)
    for index, (title, colour, tags) in enumerate(FLASH):
        picture = Image.new("RGB", (900, 1200), "#F6F1E7")
        pen = ImageDraw.Draw(picture)
        for ring in range(6):
            inset = 90 + ring * 55
            pen.ellipse((inset, inset + 150, 900 - inset, 1050 - inset), outline=colour, width=14 - ring)
        for ray in range(index + 3):
            x = 150 + ray * (600 // (index + 3))
            pen.line((450, 600, x, 140), fill="#171A21", width=6)
        pen.rectangle((60, 60, 840, 1140), outline="#171A21", width=8)
        path = folder / f"{title}.jpg"
        picture.save(path, quality=90)
        added = importer.add_file(store, path)
        for tag in tags:
            store.add_tag(added.image.id, tag)


def thumbs_done(app, ctx) -> None:
    """Until the gallery's thumbnails on screen are painted (its own pool makes them)."""
    import time

    gallery = ctx.plugins.module("tattoo_ideas")
    cache = gallery._state.thumbs if gallery is not None else None
    deadline = time.monotonic() + 20
    while cache is not None and time.monotonic() < deadline:
        app.processEvents()
        if not cache.busy:
            break
        time.sleep(0.02)
    for _ in range(3):
        app.processEvents()


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from studio.config import load_config
    from studio.services.core import open_services
    from studio.services.system import build_demo
    from studio.ui.accounts.setup import SetupDialog
    from studio.ui.accounts.signin import LoginDialog
    from studio.ui.app import build_context, create_app
    from studio.ui.clients.dialog import ClientDialog
    from studio.ui.kit import theme
    from studio.ui.shell.main_window import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="linework-shots-") as tmp:
        config = load_config(tmp)
        services = open_services(config.database_url, data_dir=config.data_dir)
        accounts = build_demo(services)
        admin = services.auth.login(accounts[0].email, accounts[0].password)
        services.backup.back_up_now(admin)  # so the Backups page and the status bar have one
        calendar_week(services, admin)
        register_day(services, admin)
        stock_shelf(services, admin)
        app = create_app()
        ctx = build_context(config, app)
        ctx.use_services(services)
        ctx.plugins.start(admin, services.plugins.switches(admin))  # the shipped plugins, as at sign-in
        gallery_ideas(ctx, Path(tmp) / "flash")
        for mode in ("light", "dark"):
            theme.apply(app, mode)
            login = LoginDialog(ctx, services.settings.studio().name)
            login.show()
            settle(app, ctx)
            login.grab().save(str(OUT / f"login-{mode}.png"))
            login.close()
            setup = SetupDialog(ctx)
            setup.show()
            settle(app, ctx)
            setup.grab().save(str(OUT / f"setup-{mode}.png"))
            setup.close()
            window = MainWindow(ctx, admin, services.settings.studio())
            window.resize(*SIZE)
            window.show()
            for key in list(window.nav):
                window.open_page(key)
                settle(app, ctx)
                if key == "tattoo_ideas.ideas":  # its own pool makes the thumbnails
                    thumbs_done(app, ctx)
                window.grab().save(str(OUT / f"{key.replace('.', '-')}-{mode}.png"))
            calendar = window.pages["calendar"]
            window.open_page("calendar")
            for view in ("day", "month"):
                calendar.set_view(view)
                settle(app, ctx)
                window.grab().save(str(OUT / f"calendar-{view}-{mode}.png"))
            calendar.set_view("week")
            settle(app, ctx)
            register = window.pages["register"]
            window.open_page("register")
            settle(app, ctx)
            if register.view is not None and not register.closed():
                register.close_day()
                settle(app, ctx)
                closing = app.activeModalWidget() or next(
                    w for w in app.topLevelWidgets() if w.objectName() == "CloseDayDialog" and w.isVisible())
                closing.grab().save(str(OUT / f"register-close-{mode}.png"))
                closing.reject()
                settle(app, ctx)
            inventory = window.pages["inventory"]
            window.open_page("inventory")
            settle(app, ctx)
            if inventory.model.rows:
                inventory.table.selectRow(len(inventory.model.rows) - 1)
                settle(app, ctx)
                window.grab().save(str(OUT / f"inventory-item-{mode}.png"))
                inventory.receive()
                settle(app, ctx)
                receiving = next(w for w in app.topLevelWidgets()
                                 if w.objectName() == "ReceiveDialog" and w.isVisible())
                for row in inventory.model.rows[:3]:
                    receiving.add_item(row)
                settle(app, ctx)
                receiving.grab().save(str(OUT / f"inventory-receive-{mode}.png"))
                receiving.reject()
                settle(app, ctx)
            finance = window.pages.get("finance")
            if finance is not None:  # the last 3 months read better than a month just begun
                window.open_page("finance")
                finance.presets.buttons["quarter"].click()
                settle(app, ctx)
                window.grab().save(str(OUT / f"finance-{mode}.png"))
                finance.show_view("artists")
                settle(app, ctx)
                window.grab().save(str(OUT / f"finance-artists-{mode}.png"))
                finance.show_view("ledger")
                settle(app, ctx)
                window.grab().save(str(OUT / f"finance-ledger-{mode}.png"))
                finance.show_view("overview")
            page = window.pages["clients"]
            client = ClientDialog(window.host, page.model.rows[3].id, window)
            client.show()
            settle(app, ctx)
            client.tabs.setCurrentWidget(client.medical_tab)
            settle(app, ctx)
            client.tabs.setCurrentIndex(0)
            client.grab().save(str(OUT / f"client-{mode}.png"))
            client.dirty = False
            client.close()
            window.lock()
            settle(app, ctx)
            window.grab().save(str(OUT / f"locked-{mode}.png"))
            window.idle.stop()
            window.hide()
            window.deleteLater()
            settle(app, ctx)
        # The same studio for a Spanish-speaking desk and a Brazilian one.
        from studio.services.common import set_region
        from studio.ui.kit import language
        from studio.ui.kit.format import apply_locale

        theme.apply(app, "light")
        for code, region, shot in (("es", "ES", "clients-es"), ("pt_BR", "BR", "dashboard-pt_BR")):
            language.apply(code)
            set_region(region)
            apply_locale()
            window = MainWindow(ctx, admin, services.settings.studio())
            window.resize(*SIZE)
            window.show()
            window.open_page(shot.split("-")[0])
            settle(app, ctx)
            window.grab().save(str(OUT / f"{shot}.png"))
            window.idle.stop()
            window.hide()
            window.deleteLater()
            settle(app, ctx)
        language.apply("en")
        ctx.plugins.stop()
        services.db.dispose()
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
