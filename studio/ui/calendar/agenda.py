"""The agenda: the span's appointments as a list, day by day."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studio.services.common import N_, _, day_label, time_range
from studio.services.scheduling import AppointmentRecord, DepositState
from studio.ui.kit import icons
from studio.ui.kit.table_model import RecordTableModel


class AgendaModel(RecordTableModel[AppointmentRecord]):
    COLUMNS = (N_("Day"), N_("Time"), N_("Artist"), N_("Client"), N_("Piece"), N_("Status"))

    def __init__(self) -> None:
        super().__init__()
        self.zone = "UTC"

    def show(self, rows: list[AppointmentRecord], zone: str) -> None:
        self.zone = zone
        self.set_rows(rows)

    def cell(self, record: AppointmentRecord, column: int):
        if column == 0:
            return day_label(record.starts_at.astimezone(_zone(self.zone)).date())
        if column == 1:
            return time_range(record.starts_at, record.ends_at, self.zone)
        if column == 2:
            return record.artist_name
        if column == 3:
            return _("Busy") if record.busy_only else record.client_name
        if column == 4:
            return "" if record.busy_only else (record.description or record.kind.label)
        status = record.status.label
        if record.deposit == DepositState.AWAITING:
            # Translators: an appointment's status and that its deposit is missing, e.g. "Booked · awaiting deposit".
            status = _("{status} · awaiting deposit").format(status=status)
        return status

    def cell_role(self, record: AppointmentRecord, column: int, role: int):
        if role == Qt.ItemDataRole.DecorationRole and column == 2:
            return icons.dot(record.artist_color)
        return None


def _zone(name: str):
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)
