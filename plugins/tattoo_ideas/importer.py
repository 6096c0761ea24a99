"""Adding one chosen file to the gallery (runs in a worker through ``ui.run``): re-encoded
with Pillow, written durably, then registered. No Qt here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from studio.plugin_api import _


@dataclass(frozen=True)
class Added:
    path: Path
    image: object | None    # store.Image when it was added
    problem: str = ""       # the sentence to show when it was not


def title_from(path: Path) -> str:
    """A first title from the file name: "dragon_flash-02.jpg" → "dragon flash 02"."""
    return " ".join(path.stem.replace("_", " ").replace("-", " ").split()) or path.name


def add_file(store, path: Path) -> Added:
    from . import imaging

    path = Path(path)
    if not path.is_file():
        return Added(path, None, _("{name} was not added: the file is no longer there.").format(name=path.name))
    try:
        encoded = imaging.reencode(path)
    except imaging.Unreadable:
        # Translators: {name} is a file's name.
        return Added(path, None, _("{name} was not added: it is not an image Linework can read "
                                   "(or the file is damaged).").format(name=path.name))
    try:
        name = store.write_image(encoded.data, encoded.suffix)
    except OSError as exc:
        return Added(path, None, _("{name} was not added: the image could not be saved ({reason}). "
                                   "Check the disk has room.").format(name=path.name, reason=exc.strerror or exc))
    image = store.insert_image(name, title_from(path), encoded.width, encoded.height)
    return Added(path, image)
