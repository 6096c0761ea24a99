"""Intake QR codes: the URL a client's phone opens, and the PNG that encodes it."""

from __future__ import annotations

import io
import secrets

# 24 random bytes = 192 bits, URL-safe base64 (32 characters): unguessable, and short
# enough that the QR code stays easy to scan from a printed card.
QR_TOKEN_BYTES = 24


def new_qr_token() -> str:
    return secrets.token_urlsafe(QR_TOKEN_BYTES)


def intake_url(host: str, port: int, token: str) -> str:
    """``http://<host>:<port>/i/<token>``; an IPv6 host is bracketed."""
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}/i/{token}"


def render_qr_png(text: str, *, box_size: int = 10, border: int = 4) -> bytes:
    """A black-on-white PNG of ``text`` as a QR code, medium error correction
    (survives a scuffed print). Pure: no Qt, no files."""
    import qrcode  # lazy: only when a code is shown, saved or printed
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=border)
    code.add_data(text)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
