"""The application: every rule, permission, validation and I/O. No Qt here."""
