"""Backup settings kept in the settings table: schedule, rotation, archive, second folder."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from studio.services.common.errors import ValidationError
from studio.services.common.i18n import N_, _
from studio.services.common.settings_store import read_value, read_values, write_value

PREFIX = "backup."
ARCHIVE_MODES = ("alongside", "replace")  # ZIP next to the .db, or the ZIP instead of it
# How each mode reads (marked: translate where shown).
ARCHIVE_MODE_LABELS = {"alongside": N_("ZIP next to the database copy"), "replace": N_("ZIP only (saves space)")}
# How the audit log names each setting: as the Backups page labels it.
FIELD_LABELS = {"enabled": N_("Back up every day"), "time": N_("Daily at"), "keep_daily": N_("Keep daily"),
                "keep_weekly": N_("Weekly"), "keep_monthly": N_("Monthly"), "archive_mode": N_("Archive"),
                "second_folder": N_("Second folder"), "second_folder_encrypted": N_("Encrypt copies there (AES-256)")}


@dataclass(frozen=True)
class BackupSettings:
    enabled: bool = True
    time: str = "02:00"  # local time, HH:MM
    keep_daily: int = 14
    keep_weekly: int = 8
    keep_monthly: int = 12
    archive_mode: str = "alongside"
    second_folder: str = ""  # a USB drive or network share; "" for none
    # Whether copies to the second folder are AES-256 encrypted. The passphrase itself is
    # stored apart and never returned.
    second_folder_encrypted: bool = False

    @property
    def hour_minute(self) -> tuple[int, int]:
        hour, minute = self.time.split(":")
        return int(hour), int(minute)


DEFAULTS = BackupSettings()
_FIELDS = tuple(BackupSettings.__dataclass_fields__)
PASSPHRASE_KEY = PREFIX + "second_folder_passphrase"
MIN_PASSPHRASE = 8


def read_backup_settings(session) -> BackupSettings:
    stored = {key[len(PREFIX):]: value for key, value in read_values(session, [PREFIX + f for f in _FIELDS]).items()}
    try:
        return clean(replace(DEFAULTS, **stored))
    except (ValidationError, TypeError, ValueError):
        return DEFAULTS  # a hand-edited, broken value: fall back rather than stop backing up


def read_passphrase(session) -> str | None:
    return read_value(session, PASSPHRASE_KEY)


def write_backup_settings(session, settings: BackupSettings, passphrase: str | None) -> None:
    for field in _FIELDS:
        write_value(session, PREFIX + field, getattr(settings, field))
    if passphrase is not None:
        write_value(session, PASSPHRASE_KEY, passphrase)


def clean(settings: BackupSettings) -> BackupSettings:
    try:
        hour, minute = settings.hour_minute
        valid_time = 0 <= hour < 24 and 0 <= minute < 60 and len(settings.time) == 5
    except ValueError:
        valid_time = False
    if not valid_time:
        raise ValidationError(_("Enter the backup time as HH:MM, e.g. 02:00."), field="time")
    for field, sentence, high in (("keep_daily", N_("Keep between 0 and {most} daily backups."), 366),
                                  ("keep_weekly", N_("Keep between 0 and {most} weekly backups."), 260),
                                  ("keep_monthly", N_("Keep between 0 and {most} monthly backups."), 240)):
        value = getattr(settings, field)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= high:
            raise ValidationError(_(sentence).format(most=high), field=field)
    if settings.keep_daily + settings.keep_weekly + settings.keep_monthly < 1:
        raise ValidationError(_("Keep at least one backup."), field="keep_daily")
    if settings.archive_mode not in ARCHIVE_MODES:
        raise ValidationError(_("Choose whether the archive goes next to the database copy or replaces it."),
                              field="archive_mode")
    folder = settings.second_folder.strip()
    if folder and not Path(folder).is_absolute():
        raise ValidationError(_("Choose the second folder with Browse… (a full path, e.g. E:\\Backups)."),
                              field="second_folder")
    return replace(settings, second_folder=folder, enabled=bool(settings.enabled),
                   second_folder_encrypted=bool(settings.second_folder_encrypted))


def clean_passphrase(passphrase: str) -> str:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(_("Use a passphrase of at least {n} characters.").format(n=MIN_PASSPHRASE),
                              field="passphrase")
    return passphrase
