"""Client photos: checked and re-encoded with Pillow, stored under <data dir>/photos/.

Re-encoding drops EXIF (phones put GPS positions there) and bounds the size; the file name
is random, so it tells nothing about the client.
"""

from __future__ import annotations

from pathlib import Path

from studio.services.common.errors import ValidationError
from studio.services.common.i18n import _
from studio.services.common.image_files import ImageFolder, reencode_jpeg

PHOTO_BYTES_MAX = 25 * 1024 * 1024
PHOTOS_DIR = "photos"


PHOTOS = ImageFolder(PHOTOS_DIR)


def prepare_photo(data: bytes, *, field: str = "photo") -> bytes:
    """A JPEG of the image in ``data``, upright, at most 2048 px a side, no metadata.
    ValidationError when ``data`` is not a picture Pillow can read."""
    if not data:
        raise ValidationError(_("Choose a photo file."), field=field)
    if len(data) > PHOTO_BYTES_MAX:
        raise ValidationError(_("That photo is too large (25 MB at most)."), field=field)
    refused = ValidationError(_("That file isn't a photo Linework can read (use JPEG or PNG)."), field=field)
    return reencode_jpeg(data, refused, quality=88)


def photos_dir(data_dir: Path) -> Path:
    return PHOTOS.folder(data_dir)


def store_photo(data_dir: Path, jpeg: bytes) -> str:
    """Write ``jpeg`` under a new random name; returns the name."""
    return PHOTOS.store(data_dir, jpeg)


def photo_path(data_dir: Path, name: str) -> Path:
    return PHOTOS.path(data_dir, name)


def delete_photo(data_dir: Path, name: str | None) -> None:
    PHOTOS.delete(data_dir, [name])
