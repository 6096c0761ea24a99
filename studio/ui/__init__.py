"""PySide6 widgets, Qt models and dialogs. Calls services; holds no rules."""
