"""The top bar's global search (Ctrl+K): the field and its results."""
