"""The backups table, and how a backup's size and age read."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from studio.services.backup import KIND_LABELS, STALE_AFTER, BackupInfo, BackupStatus
from studio.services.common import N_, _, ngettext
from studio.ui.kit import theme
from studio.ui.kit.format import local_datetime
from studio.ui.kit.table_model import RecordTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # what the proxy sorts by: times and bytes, not text


def version_tooltip(b: BackupInfo) -> str | None:
    # Translators: {made_by} is "Linework" and a version number, or "a Linework" when unknown.
    made_by = f"Linework {b.app_version}" if b.app_version else _("a Linework")
    if b.schema_state == "current":
        return _("Made by {made_by} with this version's database layout; it restores as it is.").format(made_by=made_by)
    if b.schema_state == "older":
        return _("Made by {made_by}, an older version; restoring brings it up to this version.").format(made_by=made_by)
    if b.schema_state == "newer":
        return _("Made by {made_by}, newer than this one; install it (or newer) to restore this backup.").format(
            made_by=made_by)
    return _("This backup's record is missing, so what made it is unknown.")


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            if unit == "bytes":
                return ngettext("{n} byte", "{n} bytes", int(value)).format(n=int(value))
            return f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"  # pragma: no cover - the loop always returns


def age(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return _("just now")
    if minutes < 60:
        return _("{n} min ago").format(n=minutes)
    hours = minutes // 60
    if hours < 48:
        return _("{n} h ago").format(n=hours)
    return ngettext("{n} day ago", "{n} days ago", hours // 24).format(n=hours // 24)


def status_line(status: BackupStatus, now: datetime) -> tuple[str, str]:
    """The status bar's words and level ("ok", "warning", "danger") for a backup status:
    amber once the newest good backup is over a day old, red over three days or failed."""
    newest = status.newest_verified_at
    if newest is None:
        return (_("Backup failed · no backup yet") if status.last_failure else _("No backup yet")), "danger"
    delta = now - newest
    # Translators: {age} is how long ago, e.g. "3 h ago".
    text = _("Backup ✓ {age}").format(age=age(delta))
    if status.last_failure:
        # Translators: {age} is how long ago, e.g. "3 h ago".
        return _("Backup failed · last good {age}").format(age=age(delta)), "danger"
    if delta > timedelta(days=3):
        return text, "danger"
    if delta > STALE_AFTER:
        return text, "warning"
    return text, "ok"


class BackupModel(RecordTableModel[BackupInfo]):
    COLUMNS = (N_("Date"), N_("Size"), N_("Verified"), N_("Version"), N_("Kind"))
    NUMERIC_COLUMNS = frozenset({1})

    def __init__(self, timezone: str = "UTC") -> None:
        super().__init__()
        self.timezone = timezone

    def cell(self, b: BackupInfo, column: int):
        if column == 0:
            return local_datetime(b.created_at, self.timezone) if b.created_at else b.name
        if column == 1:
            return human_size(b.size)
        if column == 2:
            return _("✓ Verified") if b.verified else _("✗ Not verified")
        if column == 3:
            return b.version_text
        return _(KIND_LABELS[b.kind]) if b.kind in KIND_LABELS else b.kind.capitalize()

    def cell_role(self, b: BackupInfo, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            t = theme.current()
            return QColor(t.success if b.verified else t.danger)
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and b.schema_state == "newer":
            return QColor(theme.current().warning)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 2 and not b.verified:
                return _("This backup failed a check or was never finished; it cannot be restored.")
            if column == 3:
                return version_tooltip(b)
            return b.name if column == 0 else None
        if role == SORT_ROLE:
            return (b.name, b.size, int(b.verified), b.schema_revision or "", b.kind)[column]
        return None
