"""PySide6 widgets, Qt models and dialogs. Calls services; holds no rules.

``AREAS`` is the UI's one list of its areas: the shell builds the window from each one's
``DESCRIPTOR`` (studio/ui/shell/extensions.py) and names none of them itself. A new module
adds its package here."""

AREAS: tuple[str, ...] = (
    "studio.ui.dashboard",
    "studio.ui.clients",
    "studio.ui.calendar",
    "studio.ui.register",
    "studio.ui.inventory",
    "studio.ui.finance",
    "studio.ui.intake",
    "studio.ui.accounts",
    "studio.ui.settings",
    "studio.ui.backups",
    "studio.ui.audit",
    "studio.ui.plugins",
)
