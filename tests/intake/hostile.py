"""What the flood tests and bench/intake.py send: photos that open huge, and connections
that trickle a request a byte at a time. Standard library only, so the bench can use it
in a process of its own."""

from __future__ import annotations

import selectors
import socket
import struct
import threading
import time
import zlib


def png_bomb(width: int, height: int) -> bytes:
    """A one-colour RGBA PNG of width × height, written row by row (small on the wire,
    width × height × 4 bytes once decoded), without this process ever holding its pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    packer = zlib.compressobj(9)
    row = b"\0" + b"\xc8\x0a\x0a\xff" * width
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", idat) + chunk(b"IEND", b""))


def trickle(address: tuple[str, int], path: str, count: int, sources: list[str], seconds: float, *,
            pace: float = 1.0, stop: threading.Event | None = None) -> int:
    """``count`` connections, half sending a GET's headers and half a POST's body a byte
    every ``pace`` s, from ``sources`` in turn; each one the server drops comes back at
    once. One thread, non-blocking sockets; ends after ``seconds`` (or at ``stop``) and
    returns how many were dropped."""
    post = (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            "Content-Length: 60000\r\n\r\n").encode()
    get = f"GET {path} HTTP/1.1\r\nHost: x\r\nX-Pad: ".encode() + b"a" * 60000
    selector, socks, dropped = selectors.DefaultSelector(), {}, 0

    def connect(n: int) -> None:
        sock = socket.socket()
        sock.bind((sources[n % len(sources)], 0))
        sock.setblocking(False)
        sock.connect_ex(address)
        socks[sock] = [n, 0]
        selector.register(sock, selectors.EVENT_READ)

    for n in range(count):
        connect(n)
    until, tick = time.monotonic() + seconds, time.monotonic()
    while time.monotonic() < until and not (stop is not None and stop.is_set()):
        for key, _ in selector.select(0.05):
            try:
                gone = not key.fileobj.recv(65536)
            except BlockingIOError:
                continue
            except OSError:
                gone = True
            if gone:
                selector.unregister(key.fileobj)
                n = socks.pop(key.fileobj)[0]
                key.fileobj.close()
                dropped += 1
                connect(n)
        if time.monotonic() >= tick:
            tick += pace
            for sock, state in socks.items():
                n, sent = state
                body = n % 2 == 1
                data = post if body and sent == 0 else (b"a" if body else get[sent:sent + 1])
                try:
                    state[1] = sent + sock.send(data)
                except OSError:
                    pass
    for sock in socks:
        sock.close()
    selector.close()
    return dropped
