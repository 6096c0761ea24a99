"""Pictures people hand us (a client's photo, reference photos from phones): decoded and
re-encoded with Pillow so only pixels reach the disk — no EXIF with GPS positions, no
comments, nothing hidden after the image — and stored under random names in one folder of
the data dir, written whole (temp file + rename) or not at all."""

from __future__ import annotations

import io
import logging
import os
import secrets
import warnings
from pathlib import Path
from typing import Iterable

from studio.services.common.errors import ValidationError

log = logging.getLogger(__name__)

EDGE_MAX = 2048


def unreadable_errors() -> tuple[type[BaseException], ...]:
    """What Pillow raises for a file that is not a picture it can read, a bomb included."""
    from PIL import Image, UnidentifiedImageError

    return (UnidentifiedImageError, Image.DecompressionBombWarning, Image.DecompressionBombError,
            OSError, ValueError, SyntaxError, RuntimeError)


def jpeg_bytes(rgb, quality: int) -> bytes:
    """``rgb`` (a Pillow RGB image) as JPEG bytes, with no metadata."""
    out = io.BytesIO()
    rgb.save(out, format="JPEG", quality=quality, optimize=True)
    return out.getvalue()


def reencode_jpeg(data: bytes, refused: ValidationError, *, formats: frozenset[str] | None = None,
                  pixels_max: int | None = None, quality: int = 88) -> bytes:
    """A JPEG of the picture in ``data``: upright, at most EDGE_MAX px a side, no metadata.
    Raises ``refused`` for anything that is not a readable picture (of ``formats``, when
    given, and of at most ``pixels_max`` pixels); a decompression bomb is refused too."""
    from PIL import Image, ImageOps

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if formats is not None and probe.format not in formats:
                    raise refused
                if pixels_max is not None and probe.size[0] * probe.size[1] > pixels_max:
                    raise refused
                if probe.format != "HEIF":  # Pillow cannot verify() HEIF; decoding checks it
                    probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image = ImageOps.exif_transpose(image)
                image.thumbnail((EDGE_MAX, EDGE_MAX))
                rgb = image.convert("RGB")
    except ValidationError:
        raise
    except unreadable_errors():
        raise refused from None
    return jpeg_bytes(rgb, quality)


class ImageFolder:
    """One folder of the data dir holding JPEGs under random names."""

    def __init__(self, name: str) -> None:
        self.name = name

    def folder(self, data_dir: Path) -> Path:
        return data_dir / self.name

    def store(self, data_dir: Path, jpeg: bytes) -> str:
        """Write ``jpeg`` under a new random name; returns the name."""
        folder = self.folder(data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{secrets.token_hex(16)}.jpg"
        tmp = folder / f".{name}.part"
        tmp.write_bytes(jpeg)
        os.replace(tmp, folder / name)
        return name

    def path(self, data_dir: Path, name: str) -> Path:
        # Names come from store(); refuse anything that could step outside the folder.
        if not name or Path(name).name != name or name.startswith("."):
            raise ValueError(f"bad {self.name} file name {name!r}")
        return self.folder(data_dir) / name

    def delete(self, data_dir: Path, names: Iterable[str | None]) -> None:
        """Remove files; one that cannot be removed now is an orphan holding no name and
        listed by no record, not a reason to fail what the person asked for."""
        for name in names:
            if not name:
                continue
            try:
                self.path(data_dir, name).unlink(missing_ok=True)
            except (OSError, ValueError):
                log.warning("could not delete %s file %s", self.name, name)
