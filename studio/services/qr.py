"""Intake QR codes, in one place: the token, the URL a phone opens (a client's own form or
the walk-in form), and the PNG that encodes it."""

from __future__ import annotations

import io
import secrets

from studio.services.intake_records import FormKind
from studio.services.intake_settings import bind_and_url_host, read_intake_settings

# 24 random bytes = 192 bits, URL-safe base64 (32 characters): unguessable, and short
# enough that the QR code stays easy to scan from a printed card.
QR_TOKEN_BYTES = 24


def new_qr_token() -> str:
    return secrets.token_urlsafe(QR_TOKEN_BYTES)


def intake_url(host: str, port: int, kind: FormKind, token: str) -> str:
    """``http://<host>:<port>/i/<token>`` (a client's form) or ``/w/<token>`` (walk-in);
    an IPv6 host is bracketed."""
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    prefix = "i" if kind is FormKind.CLIENT else "w"
    return f"http://{host}:{port}/{prefix}/{token}"


def phone_url(session, kind: FormKind, token: str) -> str:
    """The URL for ``token`` at the address phones reach the intake server on (the intake
    settings: the LAN address unless the admin chose one)."""
    settings = read_intake_settings(session)
    _bind, host = bind_and_url_host(settings)
    return intake_url(host, settings.port, kind, token)


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
