"""The intake QR code renders to a PNG that decodes back to the URL it was issued for."""

from __future__ import annotations

import io

import zxingcpp
from PIL import Image

from studio.services.clients import ClientInput
from studio.services.common.qr import new_qr_token, render_qr_png
from studio.services.intake import FormKind, intake_url


def decode(png: bytes) -> str:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))
    assert len(results) == 1
    return results[0].text


def test_render_and_decode():
    url = intake_url("192.168.1.20", 8765, FormKind.CLIENT, new_qr_token())
    assert decode(render_qr_png(url)) == url


def test_client_qr_png_carries_the_live_url(studio):
    c = studio.clients.create(studio.desk, ClientInput("Zoë Martín"))
    first = studio.services.intake.issue_client_qr(studio.desk, c.id)
    assert decode(first.png) == first.url and "/i/" in first.url
    second = studio.services.intake.issue_client_qr(studio.desk, c.id, box_size=4)
    assert decode(second.png) == second.url != first.url
    walkin = studio.services.intake.walkin_qr(studio.desk)
    assert decode(walkin.png) == walkin.url and "/w/" in walkin.url


def test_tokens_are_long_random_and_url_safe():
    tokens = {new_qr_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(len(t) >= 32 and t.replace("-", "").replace("_", "").isalnum() for t in tokens)


def test_ipv6_host_is_bracketed():
    assert intake_url("fe80::1", 8765, FormKind.CLIENT, "tok") == "http://[fe80::1]:8765/i/tok"
    assert intake_url("fe80::1", 8765, FormKind.WALKIN, "tok") == "http://[fe80::1]:8765/w/tok"
