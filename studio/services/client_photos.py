"""Client photos: checked and re-encoded with Pillow, stored under <data dir>/photos/.

Re-encoding drops EXIF (phones put GPS positions there) and bounds the size; the file name
is random, so it tells nothing about the client.
"""

from __future__ import annotations

import io
import os
import secrets
import warnings
from pathlib import Path

from studio.services.errors import ValidationError

PHOTO_BYTES_MAX = 25 * 1024 * 1024
PHOTO_EDGE_MAX = 2048
PHOTOS_DIR = "photos"


def prepare_photo(data: bytes, *, field: str = "photo") -> bytes:
    """A JPEG of the image in ``data``, upright, at most PHOTO_EDGE_MAX px a side, no
    metadata. ValidationError when ``data`` is not a picture Pillow can read."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not data:
        raise ValidationError("Choose a photo file.", field=field)
    if len(data) > PHOTO_BYTES_MAX:
        raise ValidationError("That photo is too large (25 MB at most).", field=field)
    refused = ValidationError("That file isn't a photo Linework can read (use JPEG or PNG).", field=field)
    try:
        with warnings.catch_warnings():
            # An image that decompresses to an absurd size is refused, not attempted.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image = ImageOps.exif_transpose(image)
                image.thumbnail((PHOTO_EDGE_MAX, PHOTO_EDGE_MAX))
                rgb = image.convert("RGB")
    except (UnidentifiedImageError, Image.DecompressionBombWarning, Image.DecompressionBombError,
            OSError, ValueError, SyntaxError):
        raise refused from None
    out = io.BytesIO()
    rgb.save(out, format="JPEG", quality=88, optimize=True)
    return out.getvalue()


def photos_dir(data_dir: Path) -> Path:
    return data_dir / PHOTOS_DIR


def store_photo(data_dir: Path, jpeg: bytes) -> str:
    """Write ``jpeg`` under a new random name; returns the name."""
    folder = photos_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.jpg"
    tmp = folder / f".{name}.part"
    tmp.write_bytes(jpeg)
    os.replace(tmp, folder / name)
    return name


def photo_path(data_dir: Path, name: str) -> Path:
    # Names come from store_photo; refuse anything that could step outside the folder.
    if not name or Path(name).name != name or name.startswith("."):
        raise ValueError(f"bad photo file name {name!r}")
    return photos_dir(data_dir) / name


def delete_photo(data_dir: Path, name: str | None) -> None:
    if not name:
        return
    try:
        photo_path(data_dir, name).unlink(missing_ok=True)
    except (OSError, ValueError):
        # A photo that cannot be removed now is an orphan file, not a reason to fail the
        # action the person asked for; it holds no name and is listed by no record.
        import logging

        logging.getLogger(__name__).warning("could not delete photo file %s", name)
