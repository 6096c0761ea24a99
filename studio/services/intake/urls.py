"""The URL a phone opens from an intake QR code: a client's own form or the walk-in form."""

from __future__ import annotations

from studio.services.intake.records import FormKind
from studio.services.intake.settings import bind_and_url_host, read_intake_settings


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
