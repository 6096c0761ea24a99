"""Secrets in intake URLs and forms: finding what they open, and checking them in constant
time (URL tokens are made in services/common/qr.py, CSRF tokens here).

- A client's token is their ``qr_id`` (192 random bits, see services/common/qr.py). It opens their
  form for CLIENT_QR_HOURS after ``qr_issued_at`` and until a submission spends it
  (``qr_used_at``). It is found by its first SELECTOR_CHARS characters through the unique
  index, and every candidate is then compared whole with ``hmac.compare_digest``, so the
  index lookup can leak at most whether a 48-bit prefix exists, never the other 144 bits.
- The walk-in token is one live row at a time, compared with ``compare_digest``.
- A form carries a CSRF token: a random nonce and the time, MACed with the studio's form
  secret together with the URL token it was served for. The nonce also names the form,
  so the same form posted twice is one submission.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import struct
from datetime import datetime, timedelta

from sqlalchemy import select

from studio.models import Client, WalkinToken
from studio.services.common.folding import prefix_upper_bound
from studio.services.common.localtime import to_local
from studio.services.common.settings_store import read_settings
from studio.services.intake.settings import read_intake_settings

CLIENT_QR_HOURS = 24
SELECTOR_CHARS = 8
# What a URL token may look like at all; anything else is refused before any lookup.
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
CSRF_MAX_AGE = timedelta(hours=12)
_NONCE_BYTES = 16
_CSRF_BYTES = _NONCE_BYTES + 8 + 32  # nonce, time, MAC
_CSRF_RE = re.compile(r"[A-Za-z0-9_-]{%d}" % -(-_CSRF_BYTES * 4 // 3))  # unpadded base64url


def well_formed(token: str) -> bool:
    return isinstance(token, str) and bool(TOKEN_RE.match(token))


def client_expiry(client: Client) -> datetime | None:
    if client.qr_issued_at is None:
        return None
    return client.qr_issued_at + timedelta(hours=CLIENT_QR_HOURS)


def client_token_live(client: Client, now: datetime) -> bool:
    expires = client_expiry(client)
    return expires is not None and client.qr_used_at is None and now < expires


def find_client(session, token: str, now: datetime) -> Client | None:
    """The client whose live token this is, or None (unknown, spent, expired, malformed)."""
    if not well_formed(token):
        return None
    selector = token[:SELECTOR_CHARS]
    query = select(Client).where(Client.qr_id >= selector)
    bound = prefix_upper_bound(selector)
    if bound:
        query = query.where(Client.qr_id < bound)
    found = None
    for candidate in session.scalars(query.limit(16)):
        # Compare every candidate, so the time taken does not say which one matched.
        if hmac.compare_digest(candidate.qr_id.encode(), token.encode()):
            found = candidate
    if found is None or not client_token_live(found, now):
        return None
    return found


def live_walkin(session) -> WalkinToken | None:
    return session.scalars(
        select(WalkinToken).where(WalkinToken.retired_at.is_(None)).order_by(WalkinToken.id.desc())
    ).first()


def walkin_stale(session, row: WalkinToken, now: datetime) -> bool:
    """With daily rotation on, a walk-in token from before today (studio time) is dead."""
    return walkin_expired(row.issued_at, now, daily=read_intake_settings(session).walkin_daily,
                          zone=read_settings(session).timezone)


def walkin_expired(issued_at: datetime, now: datetime, *, daily: bool, zone: str) -> bool:
    return daily and to_local(issued_at, zone).date() < to_local(now, zone).date()



def walkin_matches(row: WalkinToken | None, token: str) -> bool:
    if row is None or not well_formed(token):
        return False
    return hmac.compare_digest(row.token.encode(), token.encode())


# ---------------------------------------------------------------- CSRF

def _mac(secret: bytes, kind: str, token: str, payload: bytes) -> bytes:
    message = kind.encode() + b"\0" + token.encode() + b"\0" + payload
    return hmac.new(secret, message, hashlib.sha256).digest()


def make_csrf(secret: bytes, kind: str, token: str, now: datetime) -> str:
    payload = secrets.token_bytes(_NONCE_BYTES) + struct.pack(">q", int(now.timestamp()))
    raw = payload + _mac(secret, kind, token, payload)
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def check_csrf(secret: bytes, kind: str, token: str, csrf: str, now: datetime) -> str | None:
    """The form's nonce (hex) when ``csrf`` was made by us for this kind and token and is
    not too old; None otherwise."""
    if not isinstance(csrf, str) or _CSRF_RE.fullmatch(csrf) is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(csrf + "=" * (-len(csrf) % 4))
    except (ValueError, TypeError):
        return None
    # Only the exact token we made: base64 decoding forgives padding, stray characters and
    # unused trailing bits, so the same bytes can be spelt many ways.
    if len(raw) != _CSRF_BYTES or base64.urlsafe_b64encode(raw).decode().rstrip("=") != csrf:
        return None
    payload, mac = raw[:_NONCE_BYTES + 8], raw[_NONCE_BYTES + 8:]
    if not hmac.compare_digest(mac, _mac(secret, kind, token, payload)):
        return None
    issued = struct.unpack(">q", payload[_NONCE_BYTES:])[0]
    age = now.timestamp() - issued
    if not -300 <= age <= CSRF_MAX_AGE.total_seconds():
        return None
    return payload[:_NONCE_BYTES].hex()
