"""Reference photos from phones: decoded and re-encoded with Pillow, so only pixels reach
the disk (EXIF with GPS positions, comments and anything hidden after the image are gone).

JPEG and PNG always; HEIC/HEIF (iPhones) when pillow-heif is installed, which it is with
Linework. Anything that does not decode as one of these is refused.
"""

from __future__ import annotations

from pathlib import Path

from studio.services.errors import ValidationError
from studio.services.image_files import ImageFolder, reencode_jpeg

PHOTO_BYTES_MAX = 5 * 1024 * 1024
PHOTOS_MAX = 3
PIXELS_MAX = 60_000_000  # a 48 MP phone camera is fine; a decompression bomb is not
INTAKE_DIR = "intake"
_FORMATS = frozenset({"JPEG", "MPO", "PNG", "HEIF"})
_heif_ready: bool | None = None


def heif_supported() -> bool:
    global _heif_ready
    if _heif_ready is None:
        try:
            from pillow_heif import register_heif_opener

            register_heif_opener()
            _heif_ready = True
        except ImportError:  # pragma: no cover - pillow-heif is a dependency
            _heif_ready = False
    return _heif_ready


INTAKE_FILES = ImageFolder(INTAKE_DIR)


def reencode_photo(data: bytes, *, field: str = "photos") -> bytes:
    """A JPEG of the picture in ``data``: upright, at most 2048 px a side, no metadata.
    ValidationError when it is too big or not a JPEG, PNG or HEIC picture."""
    if len(data) > PHOTO_BYTES_MAX:
        raise ValidationError("Each photo can be at most 5 MB.", field=field)
    kinds = "JPEG, PNG or HEIC" if heif_supported() else "JPEG or PNG"
    refused = ValidationError(f"That file isn't a photo we can read (use {kinds}).", field=field)
    return reencode_jpeg(data, refused, formats=_FORMATS, pixels_max=PIXELS_MAX, quality=85)


def intake_dir(data_dir: Path) -> Path:
    return INTAKE_FILES.folder(data_dir)


def store(data_dir: Path, jpeg: bytes) -> str:
    return INTAKE_FILES.store(data_dir, jpeg)


def path_of(data_dir: Path, name: str) -> Path:
    return INTAKE_FILES.path(data_dir, name)


def delete(data_dir: Path, names: list[str]) -> None:
    INTAKE_FILES.delete(data_dir, names)
