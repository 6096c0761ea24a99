"""Plugins' switches and settings, kept in the studio's settings store.

Whether a plugin is on is stored per plugin id under ``plugins.enabled``; a plugin never
switched on or off keeps its default (on for the plugins shipped with Linework, off for one
dropped into the data folder: it is code running with the app's rights, and an admin says
so first). Each plugin's settings are stored under ``plugin.<id>.<key>``."""

from __future__ import annotations

import json
import re
from pathlib import Path

from studio.services.common import audit_log, settings_store
from studio.services.common.audit_log import Words
from studio.services.common.base import Service
from studio.services.common.errors import ValidationError
from studio.services.common.i18n import N_, _
from studio.services.common.permissions import Permission
from studio.services.common.records import Actor

# A plugin's id is its module or package name.
PLUGIN_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_SWITCHES = "plugins.enabled"
_KEY = re.compile(r"[A-Za-z0-9_.-]{1,100}")
MAX_VALUE_BYTES = 64 * 1024  # settings are switches and names; files go in the data folder
DATA_FOLDER = "plugin-data"


def _checked_id(plugin_id: str) -> str:
    if not PLUGIN_ID.fullmatch(plugin_id or ""):
        raise ValidationError(_("“{id}” is not a plugin name: use letters, digits and underscores.").format(
            id=plugin_id))
    return plugin_id


class PluginService(Service):
    def switches(self, actor: Actor) -> dict[str, bool]:
        """The plugins switched on or off by an admin, by id (the rest keep their default)."""
        with self.unit_of_work(write=False) as uow:
            self.authorize_active(uow, actor)
            return dict(settings_store.read_value(uow.session, _SWITCHES) or {})

    def set_enabled(self, actor: Actor, plugin_id: str, enabled: bool, *, name: str) -> dict[str, bool]:
        """Switch a plugin on or off for the studio; audited with its name. Needs MANAGE_PLUGINS."""
        _checked_id(plugin_id)
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_PLUGINS)
            switches = dict(settings_store.read_value(uow.session, _SWITCHES) or {})
            switches[plugin_id] = bool(enabled)
            settings_store.write_value(uow.session, _SWITCHES, switches)
            audit_log.record(uow.session, self.clock(), audit_log.PLUGIN_ENABLED if enabled
                             else audit_log.PLUGIN_DISABLED, actor=actor, subject_type="plugin",
                             subject_id=plugin_id, subject=name or plugin_id,
                             # Translators: where a plugin came from: its file or folder.
                             detail=Words(N_("plugin {id}"), id=plugin_id))
            uow.commit()
            return switches

    # --- each plugin's own settings -------------------------------------------------------
    def setting(self, actor: Actor, plugin_id: str, key: str, default=None):
        with self.unit_of_work(write=False) as uow:
            self.authorize_active(uow, actor)
            value = settings_store.read_value(uow.session, _setting_key(plugin_id, key))
            return default if value is None else value

    def set_setting(self, actor: Actor, plugin_id: str, key: str, value) -> None:
        """Store a JSON value (text, numbers, lists, dicts) under the plugin's ``key``."""
        stored_key = _setting_key(plugin_id, key)
        try:
            size = len(json.dumps(value).encode())
        except (TypeError, ValueError):
            raise ValidationError(_("A plugin setting holds text, numbers, yes/no, lists and tables of "
                                    "those; not {kind}.").format(kind=type(value).__name__)) from None
        if size > MAX_VALUE_BYTES:
            raise ValidationError(_("A plugin setting holds at most 64 KB; keep files in the plugin's "
                                    "data folder."))
        with self.unit_of_work() as uow:
            self.authorize_active(uow, actor)
            settings_store.write_value(uow.session, stored_key, value)
            uow.commit()

    def delete_setting(self, actor: Actor, plugin_id: str, key: str) -> None:
        stored_key = _setting_key(plugin_id, key)
        with self.unit_of_work() as uow:
            self.authorize_active(uow, actor)
            settings_store.delete_value(uow.session, stored_key)
            uow.commit()

    def data_folder(self, plugin_id: str) -> Path:
        """The plugin's own folder in the data dir (made on first use): its files belong with
        the studio's data, so backups take them along."""
        folder = self.data_dir / DATA_FOLDER / _checked_id(plugin_id)
        folder.mkdir(parents=True, exist_ok=True)
        return folder


def _setting_key(plugin_id: str, key: str) -> str:
    if not _KEY.fullmatch(key or ""):
        raise ValidationError(_("“{key}” is not a setting name: use letters, digits, dots, dashes and "
                                "underscores.").format(key=key))
    return f"plugin.{_checked_id(plugin_id)}.{key}"
