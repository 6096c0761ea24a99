"""Saving a file a service makes (a PDF, a CSV): where, asked without blocking; the bytes
made and written off the GUI thread; a toast when done, the failure's sentence otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QFileDialog, QWidget

from studio.services.common import _
from studio.ui.kit import prompts


def save_made(parent: QWidget, host, title: str, suggested: str, name_filter: str,
              make: Callable[[object, object], bytes], *,
              on_failed: Callable[[object], None] | None = None) -> QFileDialog:
    """Ask where to save ``suggested``; then ``make(services, actor)`` and write it there."""

    def failed(error) -> None:
        prompts.tell(parent, title, getattr(error, "message", "") or str(error))

    def chosen(path: str) -> None:
        def write(services, actor) -> str:
            Path(path).write_bytes(make(services, actor))
            return path

        host.call(write, lambda where: host.toast(_("Saved {file}.").format(file=Path(where).name)),
                  on_failed or failed)

    return prompts.choose_save_path(parent, title, suggested, name_filter, chosen)
