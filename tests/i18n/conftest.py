"""The language sweeps open real windows: they share the widget tests' studio, context and
settling (tests/ui/conftest.py)."""

from tests.ui.conftest import ctx, settle, studio, studio_template, ui_config  # noqa: F401
