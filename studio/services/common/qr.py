"""QR codes: the unguessable token a code carries and the PNG that encodes it. The URL a
phone opens is the intake area's (studio.services.intake.urls)."""

from __future__ import annotations

import io
import secrets

# 24 random bytes = 192 bits, URL-safe base64 (32 characters): unguessable, and short
# enough that the QR code stays easy to scan from a printed card.
QR_TOKEN_BYTES = 24


def new_qr_token() -> str:
    return secrets.token_urlsafe(QR_TOKEN_BYTES)


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
