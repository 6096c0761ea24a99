"""Linework: the desktop app that runs a tattoo studio."""

__version__ = "0.1.0"
