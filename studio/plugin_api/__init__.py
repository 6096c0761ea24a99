"""The plugin API, version 1: what a plugin imports of Linework, and nothing else of it.

A plugin's ``register(app, ui)`` receives an :class:`App` (the studio's data, as the signed-in
staff member; app.py) and a :class:`Ui` (what it adds to the window; ui.py). The records it
gets back and the events its hooks hear are plain frozen dataclasses. docs/plugins.md is the
guide, with a complete example.

This face stays compatible within an API version: a plugin declares ``"api": 1`` in its
``PLUGIN`` and a Linework without that version refuses it with a sentence."""

from studio.plugin_api.app import API_VERSION, App, NotSignedIn
from studio.plugin_api.records import AppointmentInfo, ClientInfo, ProjectInfo, StaffMember
from studio.plugin_api.ui import Ui
from studio.services.common import (
    N_,
    AppointmentStatusChanged,
    BackupDone,
    ClientCreated,
    DayClosed,
    DomainError,
    Permission,
    PermissionDenied,
    _,
    ngettext,
    pgettext,
)

Refused = DomainError  # every sentence Linework answers a plugin's call with

__all__ = [
    "API_VERSION", "App", "AppointmentInfo", "AppointmentStatusChanged", "BackupDone", "ClientCreated",
    "ClientInfo", "DayClosed", "N_", "NotSignedIn", "Permission", "PermissionDenied", "ProjectInfo",
    "Refused", "StaffMember", "Ui", "_", "ngettext", "pgettext",
]
