"""The intake server's security rules, over raw HTTP against the real server on 127.0.0.1."""

from __future__ import annotations

import re
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from studio.intake.limits import Limits
from studio.services.clients import ClientInput
from studio.models import AuditEvent, IntakeSubmission
from tests.intake.conftest import (
    TEST_LIMITS,
    csrf_of,
    good_fields,
    jpeg_bytes,
    open_form,
    path_of,
    post_form,
    request,
)


def submissions(studio) -> int:
    with studio.services.db.unit_of_work(write=False) as uow:
        return uow.session.scalar(select(func.count()).select_from(IntakeSubmission))


def raw(server, data: bytes, *, read: bool = True, timeout: float = 10) -> bytes:
    with socket.create_connection(server.address, timeout=timeout) as sock:
        sock.sendall(data)
        if not read:
            return b""
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


@pytest.fixture
def walkin_path(studio):
    return path_of(studio.services.intake.walkin_qr(studio.desk).url)


# ---------------------------------------------------------------- tokens

def test_tokens_are_long_random_and_single_purpose(studio, server):
    intake = studio.services.intake
    client = studio.services.clients.create(studio.desk, ClientInput(full_name="Rosa Amaral"))
    walkin = path_of(intake.walkin_qr(studio.desk).url)
    own = path_of(intake.issue_client_qr(studio.desk, client.id).url)
    for path in (walkin, own):
        token = path.rsplit("/", 1)[1]
        assert re.fullmatch(r"[A-Za-z0-9_-]{32}", token)  # 24 random bytes: 192 bits
    assert walkin.startswith("/w/") and own.startswith("/i/")
    # A walk-in token does not open a client form, nor the other way round.
    assert request(server, "GET", "/i/" + walkin[3:]).status == 404
    assert request(server, "GET", "/w/" + own[3:]).status == 404
    assert request(server, "GET", own).status == 200


def test_unknown_expired_malformed_and_spent_tokens_get_the_same_404(studio, server, walkin_path):
    intake = studio.services.intake
    client = studio.services.clients.create(studio.desk, ClientInput(full_name="Rosa Amaral"))
    expired = path_of(intake.issue_client_qr(studio.desk, client.id).url)
    studio.clock.advance(hours=24, seconds=1)
    spent_client = studio.services.clients.create(studio.desk, ClientInput(full_name="Tiago Reis"))
    spent = path_of(intake.issue_client_qr(studio.desk, spent_client.id).url)
    assert post_form(server, spent, good_fields(open_form(server, spent))).status == 200
    never_shown = studio.services.clients.create(studio.desk, ClientInput(full_name="Ines Sousa"))
    with studio.services.db.unit_of_work(write=False) as uow:
        from studio.models import Client
        unshown = "/i/" + uow.session.get(Client, never_shown.id).qr_id

    replies = [request(server, "GET", p) for p in (
        expired, spent, unshown, "/w/" + "A" * 32, "/i/" + "A" * 32, "/w/short", "/w/" + "!" * 40,
        walkin_path[:-1], walkin_path + "x", "/nothing", "/")]
    assert {r.status for r in replies} == {404}
    assert len({r.body for r in replies}) == 1
    assert "Ask the front desk for a new code" in replies[0].body
    assert "Ink" not in replies[0].body  # not even the studio's name
    assert request(server, "GET", walkin_path).status == 200


def test_token_checks_are_constant_time_comparisons():
    import inspect

    from studio.services.intake import tokens as intake_tokens

    source = inspect.getsource(intake_tokens)
    assert source.count("hmac.compare_digest") >= 3


def test_a_used_client_token_cannot_be_replayed(studio, server):
    client = studio.services.clients.create(studio.desk, ClientInput(full_name="Rosa Amaral", phone="+351912345678"))
    path = path_of(studio.services.intake.issue_client_qr(studio.desk, client.id).url)
    page = request(server, "GET", path)
    assert "Rosa Amaral" in page.body  # pre-filled
    fields = good_fields(re.search(r'name="csrf" value="([^"]+)"', page.body).group(1))
    assert post_form(server, path, fields).status == 200
    again = post_form(server, path, fields)  # the exact same request, replayed
    assert again.status == 404
    assert request(server, "GET", path).status == 404
    assert submissions(studio) == 1
    # Showing the client's QR again issues a fresh code that works.
    fresh = path_of(studio.services.intake.issue_client_qr(studio.desk, client.id).url)
    assert request(server, "GET", fresh).status == 200


def test_rotating_the_walk_in_code_kills_the_old_one(studio, server, walkin_path):
    csrf = open_form(server, walkin_path)
    new = path_of(studio.services.intake.rotate_walkin(studio.desk).url)
    assert new != walkin_path
    assert request(server, "GET", walkin_path).status == 404
    assert post_form(server, walkin_path, good_fields(csrf)).status == 404
    assert request(server, "GET", new).status == 200


def test_daily_rotation(studio, server, walkin_path):
    s = studio.services.intake.settings()
    studio.services.intake.update_settings(studio.admin, host=s.host, port=s.port, autostart=False,
                                           min_age=18, walkin_daily=True)
    assert request(server, "GET", walkin_path).status == 200
    studio.clock.advance(days=1)
    assert request(server, "GET", walkin_path).status == 404
    fresh = path_of(studio.services.intake.walkin_qr(studio.desk).url)
    assert fresh != walkin_path and request(server, "GET", fresh).status == 200


# ---------------------------------------------------------------- CSRF and state

def test_post_without_or_with_a_wrong_csrf_token_is_refused(studio, server, walkin_path):
    csrf = open_form(server, walkin_path)
    other = path_of(studio.services.intake.issue_client_qr(
        studio.desk, studio.services.clients.create(studio.desk, ClientInput(full_name="X Y")).id).url)
    other_csrf = open_form(server, other)
    tampered = csrf[:-2] + ("AA" if not csrf.endswith("AA") else "BB")
    for value in (None, "", "nonsense", tampered, other_csrf):
        reply = post_form(server, walkin_path, good_fields(csrf, csrf=value))
        assert reply.status == 403, value
    assert submissions(studio) == 0
    assert post_form(server, walkin_path, good_fields(csrf)).status == 200


def test_get_changes_nothing(studio, server, walkin_path):
    def state():
        with studio.services.db.unit_of_work(write=False) as uow:
            return (uow.session.scalar(select(func.count()).select_from(AuditEvent)),
                    uow.session.scalar(select(func.count()).select_from(IntakeSubmission)))

    before = state()
    for path in (walkin_path, walkin_path + "?full_name=x", "/static/form.css", "/w/" + "A" * 32):
        request(server, "GET", path)
    assert state() == before


def test_the_same_walk_in_form_posted_twice_is_stored_once(studio, server, walkin_path):
    fields = good_fields(open_form(server, walkin_path))
    assert post_form(server, walkin_path, fields).status == 200
    assert post_form(server, walkin_path, fields).status == 200
    assert submissions(studio) == 1


# ---------------------------------------------------------------- limits

def test_a_body_claiming_10_gb_gets_413_before_any_body_is_read(server, walkin_path):
    reply = raw(server, (f"POST {walkin_path} HTTP/1.1\r\nHost: x\r\n"
                         "Content-Type: multipart/form-data; boundary=abc\r\n"
                         "Content-Length: 10737418240\r\n\r\n").encode())
    assert reply.startswith(b"HTTP/1.0 413")


def test_a_form_without_photos_is_limited_to_64_kib(studio, server, walkin_path):
    csrf = open_form(server, walkin_path)
    body = ("csrf=" + csrf + "&allergies=" + "x" * (64 * 1024)).encode()
    reply = request(server, "POST", walkin_path, body, {"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status == 413
    # In a multipart form, the text (everything but photos) has the same 64 KiB limit.
    reply = post_form(server, walkin_path, good_fields(csrf, allergies="x" * (65 * 1024)))
    assert reply.status == 413
    assert submissions(studio) == 0


def test_photos_at_most_5_mb_each_and_3_in_all(studio, server, walkin_path):
    csrf = open_form(server, walkin_path)
    big = b"\xff" * (5 * 1024 * 1024 + 1)
    assert post_form(server, walkin_path, good_fields(csrf), [("a.jpg", big)]).status == 413
    four = [(f"{i}.jpg", jpeg_bytes()) for i in range(4)]
    assert post_form(server, walkin_path, good_fields(csrf), four).status == 413
    assert submissions(studio) == 0


def test_a_post_without_content_length_gets_411(server, walkin_path):
    reply = raw(server, (f"POST {walkin_path} HTTP/1.1\r\nHost: x\r\n"
                         "Content-Type: application/x-www-form-urlencoded\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n").encode())
    assert reply.startswith(b"HTTP/1.0 411")
    reply = raw(server, (f"POST {walkin_path} HTTP/1.0\r\nHost: x\r\n"
                         "Content-Type: application/x-www-form-urlencoded\r\n\r\n").encode())
    assert reply.startswith(b"HTTP/1.0 411")


def test_headers_that_cannot_be_read_get_400(server, walkin_path):
    for block in ("X-Folded: a\r\n  b\r\n", "Not a header\r\n", "Bad Name: x\r\n",
                  "Content-Length: 5\r\nContent-Length: 6\r\n"):
        reply = raw(server, f"POST {walkin_path} HTTP/1.1\r\nHost: x\r\n{block}\r\n".encode())
        assert reply.startswith(b"HTTP/1.0 400"), block
    for line in (b"GET " + walkin_path.encode() + b" HTTP/2.0", b"GET " + walkin_path.encode() + b" HTTX/1.1",
                 b"POST " + walkin_path.encode()):
        assert not raw(server, line + b"\r\n\r\n").startswith(b"HTTP/1.0 200"), line
    # Names are case-insensitive and a repeated Content-Length with the same value is fine.
    reply = raw(server, (f"POST {walkin_path} HTTP/1.1\r\nhost: x\r\ncontent-type: multipart/form-data; boundary=a\r\n"
                         "CONTENT-LENGTH: 10737418240\r\nContent-Length: 10737418240\r\n\r\n").encode())
    assert reply.startswith(b"HTTP/1.0 413")


def test_the_cached_walk_in_form_follows_what_it_shows(studio, server, walkin_path):
    first, second = request(server, "GET", walkin_path), request(server, "GET", walkin_path)
    nonce = re.compile(r"'nonce-([^']+)'")
    assert csrf_of(first.body) != csrf_of(second.body)
    assert nonce.search(first.headers["content-security-policy"]).group(1) in first.body
    assert nonce.search(first.headers["content-security-policy"]).group(1) != \
        nonce.search(second.headers["content-security-policy"]).group(1)
    studio.services.intake.set_release_text(studio.admin, "Version two: <b>bold</b> words.")
    s = studio.services.intake.settings()
    studio.services.intake.update_settings(studio.admin, host=s.host, port=s.port, autostart=False,
                                           min_age=21, walkin_daily=False)
    page = request(server, "GET", walkin_path).body
    assert "Version two: &lt;b&gt;bold&lt;/b&gt; words." in page and 'value="2"' in page
    assert 'data-min-age="21"' in page
    fresh = path_of(studio.services.intake.rotate_walkin(studio.desk).url)
    assert f'action="{fresh}"' in request(server, "GET", fresh).body
    assert request(server, "GET", walkin_path).status == 404


def test_request_line_and_headers_are_bounded(server):
    assert raw(server, b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.0 414")
    assert raw(server, b"GET / HTTP/1.1\r\nX-Long: " + b"a" * 9000 + b"\r\n\r\n").startswith(b"HTTP/1.0 431")
    many = b"".join(b"X-H%d: 1\r\n" % i for i in range(100))
    assert raw(server, b"GET / HTTP/1.1\r\n" + many + b"\r\n").startswith(b"HTTP/1.0 431")


def test_a_stalled_or_slowloris_client_is_dropped_and_delays_no_one(server, walkin_path):
    limits = server.limits
    assert Limits().request_deadline <= 10 and Limits().upload_deadline <= 60  # the app's limits
    silent = socket.create_connection(server.address)
    slow = socket.create_connection(server.address)
    dropped = {}

    def trickle() -> None:
        start = time.monotonic()
        try:
            for byte in b"GET " + walkin_path.encode() + b" HTTP/1.1\r\nHost: x\r\n":
                slow.sendall(bytes([byte]))
                time.sleep(0.3)  # each byte well inside any per-read timeout
                if time.monotonic() - start > 10:
                    break
        except OSError:
            pass
        dropped["slow"] = time.monotonic() - start

    thread = threading.Thread(target=trickle)
    thread.start()
    try:
        # Meanwhile other phones are served at once.
        for _ in range(5):
            start = time.monotonic()
            assert request(server, "GET", walkin_path).status == 200
            assert time.monotonic() - start < 0.5
        start = time.monotonic()
        silent.settimeout(10)
        assert silent.recv(1024) == b""  # the server hung up on the silent client
        assert time.monotonic() - start <= limits.request_deadline + 1
        thread.join(15)
        assert dropped["slow"] <= limits.request_deadline + 1.5
    finally:
        silent.close()
        slow.close()


def test_a_trickled_body_is_cut_at_the_request_deadline_and_told_so(server, walkin_path):
    limits = server.limits
    with socket.create_connection(server.address, timeout=10) as sock:
        start = time.monotonic()
        sock.sendall((f"POST {walkin_path} HTTP/1.1\r\nHost: x\r\n"
                      "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\n").encode())
        reply = b""
        for _ in range(40):  # a byte every 0.1 s: 4 s at most
            try:
                sock.sendall(b"a")
            except OSError:
                break
            time.sleep(0.1)
            sock.setblocking(False)
            try:
                reply += sock.recv(65536)
            except BlockingIOError:
                pass
            except OSError:
                break
            finally:
                sock.setblocking(True)
            if reply:
                break
        elapsed = time.monotonic() - start
    assert reply.startswith(b"HTTP/1.0 408"), reply[:40]
    assert limits.request_deadline - 0.2 <= elapsed <= limits.request_deadline + 1


def test_at_the_cap_the_oldest_slow_connection_makes_way_for_a_phone(studio, server_factory, walkin_path):
    server = server_factory(Limits(request_deadline=5, max_connections=4, connections_per_address=4))
    idle = [socket.create_connection(server.address) for _ in range(4)]
    try:
        deadline = time.monotonic() + 5
        while server.httpd.open_connections < 4 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server.httpd.open_connections == 4
        start = time.monotonic()
        assert request(server, "GET", walkin_path).status == 200  # the newcomer is served
        assert time.monotonic() - start < 1
        idle[0].settimeout(5)
        assert idle[0].recv(1024) == b""  # the oldest was closed for it
        assert server.httpd.open_connections <= 4
    finally:
        for s in idle:
            s.close()


def test_posts_are_rate_limited_per_address(studio, server_factory, walkin_path):
    server = server_factory(Limits(request_deadline=2, posts_per_window=3, post_window=60))
    csrf = open_form(server, walkin_path)
    statuses = [post_form(server, walkin_path, good_fields(csrf, full_name=f"Person {i}")).status
                for i in range(5)]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [429, 429]


def test_fifty_phones_submitting_at_once_are_all_stored_once(studio, server, walkin_path):
    names = [f"Client Number{i:02d}" for i in range(50)]
    forms = [good_fields(open_form(server, walkin_path), full_name=name) for name in names]
    barrier = threading.Barrier(50)

    def phone(fields):
        barrier.wait()
        return post_form(server, walkin_path, fields).status

    with ThreadPoolExecutor(50) as pool:
        statuses = list(pool.map(phone, forms))
    assert statuses == [200] * 50
    rows = studio.services.intake.submissions(studio.desk)
    assert sorted(r.full_name for r in rows) == names


# ---------------------------------------------------------------- paths, headers, escaping

@pytest.mark.parametrize("path", [
    "/static/../../studio.db", "/static/..%2f..%2fstudio.db", "//", "//etc/passwd", "/%2e%2e/%2e%2e/studio.db",
    "/static/..%5c..%5cstudio.db", "/..%5c..%5cstudio.db", "/static/", "/static", "/static/form.css/",
    "/static/%66orm.css", "/studio.db", "/w/", "/w/../static/form.css", "/i/%2e%2e",
])
def test_no_files_by_path_no_listing_no_traversal(server, path):
    reply = request(server, "GET", path)
    assert reply.status == 404
    assert "This code doesn" in reply.body and "Ask the front desk for a new code" in reply.body


def test_security_headers_on_every_page_and_no_server_version(server, walkin_path):
    for path, personal in ((walkin_path, True), ("/nothing", True), ("/static/form.css", False)):
        reply = request(server, "GET", path)
        assert "server" not in reply.headers
        assert reply.headers["x-content-type-options"] == "nosniff"
        assert reply.headers["referrer-policy"] == "no-referrer"
        csp = reply.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'nonce-" in csp and "unsafe-inline" not in csp
        assert "http" not in csp  # no external origins
        if personal:
            assert reply.headers["cache-control"] == "no-store"
    page = request(server, "GET", walkin_path).body
    nonce = re.search(r"script-src 'nonce-([^']+)'", request(server, "GET", walkin_path).headers["content-security-policy"])
    assert nonce
    assert re.findall(r"<script[^>]*>", page) and all("src=\"/static/intake.js\"" in t for t in re.findall(r"<script[^>]*>", page))
    assert "style=" not in page and "http://" not in page and "https://" not in page


def test_other_methods_are_not_allowed(server, walkin_path):
    for method in ("PUT", "DELETE", "OPTIONS", "TRACE"):
        assert request(server, method, walkin_path).status == 405


def test_names_are_escaped_on_the_phone(studio, server, walkin_path):
    evil = "<script>alert(1)</script>"
    csrf = open_form(server, walkin_path)
    refused = post_form(server, walkin_path, good_fields(csrf, full_name=evil, phone="not a phone"))
    assert refused.status == 422
    assert evil not in refused.body and "&lt;script&gt;alert(1)&lt;/script&gt;" in refused.body
    thanks = post_form(server, walkin_path, good_fields(csrf, full_name=evil + " Doe"))
    assert thanks.status == 200 and evil not in thanks.body


# ---------------------------------------------------------------- images

def test_photos_are_reencoded_and_metadata_is_stripped(studio, server, walkin_path):
    import io

    from PIL import Image

    csrf = open_form(server, walkin_path)
    original = jpeg_bytes(exif_gps=True)
    assert Image.open(io.BytesIO(original)).getexif()
    reply = post_form(server, walkin_path, good_fields(csrf), [("me.jpg", original)])
    assert reply.status == 200
    row = studio.services.intake.submissions(studio.desk)[0]
    stored = studio.services.intake.photo(studio.desk, row.id, 0)
    assert stored != original
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and not image.getexif() and "exif" not in image.info


def test_heic_photos_are_accepted(studio, server, walkin_path):
    import io

    from PIL import Image

    from studio.services.intake import heif_supported

    assert heif_supported()
    out = io.BytesIO()
    Image.new("RGB", (32, 32), (10, 200, 10)).save(out, format="HEIF")
    csrf = open_form(server, walkin_path)
    assert post_form(server, walkin_path, good_fields(csrf), [("IMG_0001.HEIC", out.getvalue())]).status == 200


@pytest.mark.parametrize("data", [b"not an image at all", b"\xff\xd8\xff\xe0" + b"\0" * 100,
                                  b"GIF89a" + b"\0" * 50])
def test_anything_that_is_not_a_photo_is_refused(studio, server, walkin_path, data):
    csrf = open_form(server, walkin_path)
    reply = post_form(server, walkin_path, good_fields(csrf), [("x.jpg", data)])
    assert reply.status == 422
    assert "a photo we can read" in reply.body
    assert submissions(studio) == 0


# ---------------------------------------------------------------- stopping

def test_the_server_stops_cleanly(studio):
    from studio.intake.server import IntakeServer

    server = IntakeServer(studio.services, limits=TEST_LIMITS)
    host, port = server.start("127.0.0.1", 0)
    lingering = socket.create_connection((host, port))  # a phone that never finishes
    time.sleep(0.05)
    try:
        server.stop()
    finally:
        lingering.close()
    assert not [t for t in threading.enumerate() if t.name.startswith("intake-")]
    with socket.socket() as probe:
        # Released: a new listener can take it (the reuse flag only forgives the closed
        # connections' TIME_WAIT, never a socket still listening).
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
        probe.listen()
