"""The calendar: the week, day, month and agenda views over the scheduling services, the
appointment dialog, and the moves, status changes and cancels made from the calendar."""

from studio.faces import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "page": ("CalendarPage",),
    "dialog": ("AppointmentDialog",),
    "descriptor": ("DESCRIPTOR",),
})
