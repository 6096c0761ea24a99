"""Fixtures for the intake tests: a real studio on a real SQLite file, a clock the tests
move, and the real intake server on 127.0.0.1 (an ephemeral port)."""

from __future__ import annotations

import http.client
import io
import re
import secrets
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from studio.intake.limits import Limits
from studio.intake.server import IntakeServer
from studio.services.accounts import Passwords
from studio.services.common import Actor, Role
from studio.services.core import open_services
from studio.services.intake import CONSENT_CHECKS

PASSWORD = "violet anchors drift softly 42"


class MovableClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs) -> None:
        self.now += timedelta(**kwargs)


@dataclass
class Studio:
    services: object
    admin: object
    desk: object  # front desk actor
    artist: object
    clock: MovableClock


@pytest.fixture
def clock():
    return MovableClock()


@pytest.fixture(scope="session")
def studio_template(tmp_path_factory):
    """One set-up studio (argon2 is slow on purpose), copied for each test."""
    folder = tmp_path_factory.mktemp("template")
    passwords = Passwords()
    services = open_services(f"sqlite:///{folder / 'studio.db'}", clock=MovableClock(), data_dir=folder,
                             passwords=passwords)
    admin = services.setup.create_studio(
        studio_name="Ink & Iron", timezone="Europe/Lisbon", currency="EUR",
        admin_name="Ana Ruiz", admin_email="ana@studio.test", password=PASSWORD)
    desk = services.staff.add_staff(admin, name="Zoë Martín", email="zoe@studio.test",
                                    role="front_desk", password=PASSWORD + "x")
    artist = services.staff.add_staff(admin, name="Mara Okafor", email="mara@studio.test",
                                      role="artist", password=PASSWORD + "y")
    services.db.dispose()  # checkpoints the WAL into the file
    actors = (admin, Actor(desk.id, desk.name, desk.email, Role(desk.role)),
              Actor(artist.id, artist.name, artist.email, Role(artist.role)))
    return folder / "studio.db", actors, passwords


@pytest.fixture
def studio(tmp_path, clock, studio_template):
    template, (admin, desk, artist), passwords = studio_template
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(template, data / "studio.db")
    services = open_services(f"sqlite:///{data / 'studio.db'}", clock=clock, data_dir=data,
                             passwords=passwords)
    yield Studio(services, admin, desk, artist, clock)
    services.db.dispose()


@pytest.fixture
def ui(qtbot, qapp, studio):
    """An app context on the test studio, and a page host for (actor) with its toasts."""
    from studio.config import load_config
    from studio.ui.app import build_context, create_app
    from studio.ui.shell.page import PageHost
    from tests.support import DeskShell

    ctx = build_context(load_config(studio.services.data_dir), create_app())
    ctx.use_services(studio.services)
    toasts: list[str] = []
    settings = studio.services.settings.studio()

    def host_for(actor) -> PageHost:
        return PageHost(ctx, DeskShell(actor, settings, toasts))

    yield host_for, toasts
    assert ctx.tasks.wait_for_done(30_000)
    qapp.processEvents()


TEST_LIMITS = Limits(request_deadline=2.0, upload_deadline=5.0, max_connections=64,
                     connections_per_address=64, posts_per_window=1000, post_window=60.0)


@pytest.fixture
def server_factory(studio):
    started: list[IntakeServer] = []

    def start(limits: Limits = TEST_LIMITS) -> IntakeServer:
        server = IntakeServer(studio.services, limits=limits)
        server.start("127.0.0.1", 0)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def server(server_factory):
    return server_factory()


@dataclass
class Reply:
    status: int
    headers: dict
    body: str


def request(server: IntakeServer, method: str, path: str, body: bytes | None = None,
            headers: dict | None = None) -> Reply:
    host, port = server.address
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read().decode("utf-8", "replace")
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
    finally:
        conn.close()


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def good_fields(form_csrf: str, **overrides) -> dict[str, str]:
    fields = {
        "csrf": form_csrf, "release_version": "1", "full_name": "Rosa Amaral",
        "date_of_birth": "1990-04-21", "phone": "+351 912 345 678", "email": "rosa@example.com",
        "emergency_name": "Pedro Amaral", "emergency_phone": "+351 913 000 111",
        "med_diabetes": "1", "allergies": "Latex", "idea_description": "A small swallow",
        "idea_placement": "Left wrist", "idea_size": "5 cm",
        "signature": "10,10 100,100 200,50;300,20 350,80",
    }
    fields.update({f"consent_{key}": "1" for key in CONSENT_CHECKS})
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


def multipart(fields: dict[str, str], files: list[tuple[str, bytes]] = ()) -> tuple[bytes, str]:
    boundary = "----linework" + secrets.token_hex(8)
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(value.encode("utf-8") + b"\r\n")
    for filename, data in files:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="photos"; filename="{filename}"\r\n'
                  f"Content-Type: application/octet-stream\r\n\r\n".encode())
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def post_form(server: IntakeServer, path: str, fields: dict[str, str],
              files: list[tuple[str, bytes]] = ()) -> Reply:
    body, content_type = multipart(fields, files)
    return request(server, "POST", path, body, {"Content-Type": content_type})


def open_form(server: IntakeServer, path: str) -> str:
    reply = request(server, "GET", path)
    assert reply.status == 200, reply.body[:200]
    return csrf_of(reply.body)


def jpeg_bytes(size=(40, 30), exif_gps: bool = False) -> bytes:
    from PIL import Image

    image = Image.new("RGB", size, (180, 40, 90))
    out = io.BytesIO()
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        gps = exif.get_ifd(0x8825)
        gps[2] = (38.0, 42.0, 0.0)  # GPSLatitude
        image.save(out, format="JPEG", exif=exif.tobytes())
    else:
        image.save(out, format="JPEG")
    return out.getvalue()


def submit_walkin(studio, photos: list[bytes] = (), **overrides) -> int:
    """A walk-in form sent from a phone (through the phone desk, as the server would);
    returns the new submission's id."""
    from studio.services.intake import FormKind, PhoneDesk

    desk = PhoneDesk(studio.services)
    token = studio.services.intake.walkin_qr(studio.admin).url.rsplit("/", 1)[1]
    form = desk.open_form(FormKind.WALKIN, token)
    desk.submit(FormKind.WALKIN, token, good_fields(form.csrf, **overrides), list(photos))
    return studio.services.intake.submissions(studio.admin)[0].id


class PeakMemory:
    """The process's resident memory above where it was when entered, at its highest
    (sampled every few ms from /proc/self/status)."""

    def __enter__(self) -> PeakMemory:
        import threading

        self.base = self.peak = self._rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)

    @property
    def increase_mb(self) -> float:
        return (self.peak - self.base) / 1024

    def _watch(self) -> None:
        while not self._stop.wait(0.003):
            self.peak = max(self.peak, self._rss())

    @staticmethod
    def _rss() -> int:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
