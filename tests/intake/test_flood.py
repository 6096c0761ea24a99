"""The phone server under attack, over real sockets on 127.0.0.1 (bounded in count and
time): tricklers, malformed request lines, hostile multipart bodies, padded CSRF tokens,
photos that open huge."""

from __future__ import annotations

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from studio.intake.limits import Limits
from tests.intake.conftest import (
    PeakMemory,
    Reply,
    csrf_of,
    good_fields,
    jpeg_bytes,
    multipart,
    open_form,
    path_of,
    post_form,
    request,
)
from tests.intake.hostile import png_bomb, trickle

SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy",
                    "cache-control", "x-frame-options")


@pytest.fixture
def walkin_path(studio):
    return path_of(studio.services.intake.walkin_qr(studio.desk).url)


def raw(server, data: bytes, timeout: float = 10) -> bytes:
    with socket.create_connection(server.address, timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def headers_of(reply: bytes) -> dict[str, str]:
    head = reply.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")[1:]
    return {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in head)}


class Tricklers:
    """hostile.trickle in a thread, for the length of a with block."""

    def __init__(self, server, path: str, count: int, source: str) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=trickle, args=(server.address, path, count, [source], 30),
                                        kwargs={"pace": 0.5, "stop": self._stop}, daemon=True)

    def __enter__(self) -> Tricklers:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(10)


def _request(server, *args) -> Reply:
    try:
        return request(server, *args)
    except OSError:  # no answer
        return Reply(0, {}, "")


@pytest.mark.parametrize("source", ["127.0.0.2", "127.0.0.1"], ids=["another-address", "the-phones-address"])
def test_a_phone_gets_its_form_and_sends_it_while_tricklers_flood(studio, server_factory, walkin_path, source):
    limits = Limits(request_deadline=2.0, max_connections=32, connections_per_address=12, posts_per_window=1000)
    server = server_factory(limits)
    failures, sent = [], 0
    with Tricklers(server, walkin_path, 60, source):  # 30 trickle headers, 30 a body
        time.sleep(1.0)  # every cap is full by now
        assert server.httpd.open_connections >= limits.connections_per_address
        for i in range(10):
            start = time.monotonic()
            page = _request(server, "GET", walkin_path)
            if page.status != 200 or time.monotonic() - start > 2.0:
                failures.append(("GET", page.status, time.monotonic() - start))
                continue
            start = time.monotonic()
            body, content_type = multipart(good_fields(csrf_of(page.body), full_name=f"Phone Number{i}"))
            reply = _request(server, "POST", walkin_path, body, {"Content-Type": content_type})
            sent += reply.status == 200
            if reply.status != 200 or time.monotonic() - start > 2.0:
                failures.append(("POST", reply.status, time.monotonic() - start))
            time.sleep(0.2)
        assert server.httpd.open_connections <= limits.max_connections
        assert server.httpd.connections_from(source) <= limits.connections_per_address
    # Of 20 requests, >= 95 % within 2 s. When the flood shares the phone's address, the
    # server cannot tell them apart: the phone gets in because the oldest slow connection
    # makes way, but a connection whose request is a moment late can be closed for one
    # of the flood's (bench/intake.py measures 39 of 40 with the app's limits).
    allowed = 1 if source != "127.0.0.1" else 4
    assert len(failures) <= allowed, failures
    assert len(studio.services.intake.submissions(studio.desk)) == sent >= 10 - allowed


@pytest.mark.parametrize("line, status", [
    (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 400),  # a TLS hello
    (b"GET /w/x\x00y HTTP/1.1", 400), (b"GET /w/x HTTP/1.1 extra", 400), (b"GET /w/x", 400),
    (b"GET /w/x HTTP/1.99999999", 400), (b"GET /w/x HTTP/9999999999.0", 400), (b"GET  /w/x HTTP/1.1", 400),
    (b"GET /w/x HTTX/1.1", 400), (b"GET /w/x HTTP/2.0", 505), (b"GET /w/x HTTP/3.0", 505),
    (b"", 400), (b"garbage", 400),
])
def test_malformed_request_lines_get_a_status_line_and_every_security_header(server, line, status):
    reply = raw(server, line + b"\r\n\r\n")
    assert reply.startswith(b"HTTP/1.0 %d " % status), reply[:60]
    headers = headers_of(reply)
    for name in SECURITY_HEADERS:
        assert name in headers, name
    assert headers["cache-control"] == "no-store" and "server" not in headers
    assert "could not be read" in reply.decode("utf-8", "replace")


def test_unreadable_headers_get_400_with_every_security_header(server, walkin_path):
    for block in ("X-Folded: a\r\n  b\r\n", "Bad Name: x\r\n", "X-Nul: a\x00b\r\n"):
        reply = raw(server, f"GET {walkin_path} HTTP/1.1\r\nHost: x\r\n{block}\r\n".encode())
        assert reply.startswith(b"HTTP/1.0 400"), block
        assert all(name in headers_of(reply) for name in SECURITY_HEADERS), block


def test_a_csrf_token_with_padding_or_stray_characters_is_refused(studio, server, walkin_path):
    csrf = open_form(server, walkin_path)
    for value in (csrf + "=", csrf + "==", csrf + "A", " " + csrf, csrf[:-1]):
        assert post_form(server, walkin_path, good_fields(csrf, csrf=value)).status == 403, value
    assert studio.services.intake.submissions(studio.desk) == []
    assert post_form(server, walkin_path, good_fields(csrf)).status == 200


def _post_raw_multipart(server, path: str, body: bytes, boundary: str):
    return request(server, "POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def test_hostile_multipart_bodies_are_refused_whole(studio, server, walkin_path):
    csrf = open_form(server, walkin_path)
    good, content_type = multipart(good_fields(csrf))
    boundary = content_type.split("boundary=")[1]
    b = boundary.encode()
    nul_name = good.replace(b'name="allergies"', b'name="aller\x00gies"')
    nested = good.replace(b"--" + b + b"--\r\n", b"--" + b + b'\r\nContent-Disposition: form-data; name="more"\r\n'
                          b"Content-Type: multipart/mixed; boundary=inner\r\n\r\n--inner\r\n"
                          b'Content-Disposition: form-data; name="x"\r\n\r\ny\r\n--inner--\r\n--' + b + b"--\r\n")
    unterminated = good[:-len(b"--" + b + b"--\r\n")]
    file_elsewhere = good.replace(b'name="allergies"', b'name="allergies"; filename="a.txt"')
    for body in (nul_name, nested, unterminated, file_elsewhere, b"not multipart at all"):
        reply = _post_raw_multipart(server, walkin_path, body, boundary)
        assert reply.status == 400, body[-80:]
        assert "could not be read" in reply.body
    assert studio.services.intake.submissions(studio.desk) == []
    assert _post_raw_multipart(server, walkin_path, good, boundary).status == 200


def test_a_photo_too_large_to_open_is_refused_with_a_sentence_on_the_form(studio, server, walkin_path):
    csrf = open_form(server, walkin_path)
    reply = post_form(server, walkin_path, good_fields(csrf), [("huge.png", png_bomb(8000, 8000))])
    assert reply.status == 422
    assert "That photo is too large to open here" in reply.body
    assert 'value="Rosa Amaral"' in reply.body  # the rest of the form is kept
    assert studio.services.intake.submissions(studio.desk) == []


def test_photos_that_open_huge_are_decoded_within_a_memory_bound(studio, server, walkin_path):
    bomb = png_bomb(5000, 5000)  # 100 MB decoded, 3 per form: 4 forms at once held 1.2 GB
    assert len(bomb) < 200_000
    forms = [good_fields(open_form(server, walkin_path), full_name=f"Bomb Sender{i}") for i in range(4)]
    barrier = threading.Barrier(4)

    def phone(fields):
        barrier.wait()
        return post_form(server, walkin_path, fields, [(f"{n}.png", bomb) for n in range(3)]).status

    with PeakMemory() as memory, ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(phone, forms))
    assert statuses == [200] * 4
    assert memory.increase_mb < 300, memory.increase_mb  # one decoded at a time: ~100 MB + bands


def test_a_photo_that_waits_too_long_for_its_turn_gets_a_sentence():
    from studio.services.common import ValidationError
    from studio.services.intake import BUSY, reencode_photo

    bomb = png_bomb(6000, 6000)
    first = threading.Thread(target=reencode_photo, args=(bomb,))
    first.start()
    try:
        time.sleep(0.05)
        with pytest.raises(ValidationError) as refused:
            reencode_photo(jpeg_bytes(), wait=0.01)
        assert refused.value.message == BUSY
    finally:
        first.join(60)
    assert reencode_photo(jpeg_bytes())  # its turn comes once the other is done
