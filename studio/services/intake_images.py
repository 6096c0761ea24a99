"""Reference photos from phones: decoded and re-encoded with Pillow, so only pixels reach
the disk (EXIF with GPS positions, comments and anything hidden after the image are gone).

JPEG and PNG always; HEIC/HEIF (iPhones) when pillow-heif is installed, which it is with
Linework. Anything that does not decode as one of these is refused.
"""

from __future__ import annotations

import io
import os
import secrets
import warnings
from pathlib import Path

from studio.services.errors import ValidationError

PHOTO_BYTES_MAX = 5 * 1024 * 1024
PHOTOS_MAX = 3
PHOTO_EDGE_MAX = 2048
PIXELS_MAX = 60_000_000  # a 48 MP phone camera is fine; a decompression bomb is not
INTAKE_DIR = "intake"
_FORMATS = {"JPEG", "MPO", "PNG", "HEIF"}
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


def reencode_photo(data: bytes, *, field: str = "photos") -> bytes:
    """A JPEG of the picture in ``data``: upright, at most PHOTO_EDGE_MAX px a side, no
    metadata. ValidationError when it is too big or not a JPEG, PNG or HEIC picture."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > PHOTO_BYTES_MAX:
        raise ValidationError("Each photo can be at most 5 MB.", field=field)
    heif_supported()
    kinds = "JPEG, PNG or HEIC" if heif_supported() else "JPEG or PNG"
    refused = ValidationError(f"That file isn't a photo we can read (use {kinds}).", field=field)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in _FORMATS:
                    raise refused
                if probe.size[0] * probe.size[1] > PIXELS_MAX:
                    raise refused
                if probe.format != "HEIF":
                    probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image = ImageOps.exif_transpose(image)
                image.thumbnail((PHOTO_EDGE_MAX, PHOTO_EDGE_MAX))
                rgb = image.convert("RGB")
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombWarning, Image.DecompressionBombError,
            OSError, ValueError, SyntaxError, RuntimeError):
        raise refused from None
    out = io.BytesIO()
    rgb.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


def intake_dir(data_dir: Path) -> Path:
    return data_dir / INTAKE_DIR


def store(data_dir: Path, jpeg: bytes) -> str:
    folder = intake_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.jpg"
    tmp = folder / f".{name}.part"
    tmp.write_bytes(jpeg)
    os.replace(tmp, folder / name)
    return name


def path_of(data_dir: Path, name: str) -> Path:
    if not name or Path(name).name != name or name.startswith("."):
        raise ValueError(f"bad intake file name {name!r}")
    return intake_dir(data_dir) / name


def delete(data_dir: Path, names: list[str]) -> None:
    for name in names:
        try:
            path_of(data_dir, name).unlink(missing_ok=True)
        except (OSError, ValueError):
            pass
