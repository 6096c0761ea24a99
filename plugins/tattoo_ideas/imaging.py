"""Pillow's part: re-encoding an image someone adds, and making its thumbnail. Imported by
the workers when the first image is added or shown, never at plugin load. No Qt here.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

# A flash sheet scanned at 600 dpi is about 5000 px across; 4096 keeps the detail an
# artist zooms into and bounds what one image costs to open.
MAX_SIDE = 4096
THUMB_SIZE = 160
JPEG_QUALITY = 90
THUMB_QUALITY = 85

try:  # photos from phones (HEIC); pillow-heif is one of Linework's dependencies
    from pillow_heif import register_heif_opener
except ImportError:  # pragma: no cover - an install without it reads the other formats
    pass
else:
    register_heif_opener()


class Unreadable(Exception):
    """The file is not an image Pillow can read (or it is damaged)."""


@dataclass(frozen=True)
class Encoded:
    data: bytes
    suffix: str   # ".jpg" or ".png"
    width: int
    height: int


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)


def reencode(path: Path) -> Encoded:
    """The image at ``path`` turned the right way up (its EXIF orientation applied), bounded
    to MAX_SIDE, without its metadata (EXIF holds where and when a photo was taken), as
    JPEG, or PNG when it has transparency. Raises Unreadable."""
    try:
        with Image.open(path) as source:
            source.load()
            image = ImageOps.exif_transpose(source)
            if _has_alpha(image):
                image, fmt, suffix, options = image.convert("RGBA"), "PNG", ".png", {"optimize": False}
            else:
                image, fmt, suffix, options = image.convert("RGB"), "JPEG", ".jpg", {"quality": JPEG_QUALITY}
            image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
            clean = Image.new(image.mode, image.size)  # a new image carries no info/EXIF/ICC
            clean.paste(image)
            out = io.BytesIO()
            clean.save(out, fmt, **options)
            return Encoded(out.getvalue(), suffix, clean.width, clean.height)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise Unreadable(str(exc)) from exc


def thumbnail(path: Path, size: int = THUMB_SIZE) -> tuple[bytes, str]:
    """A thumbnail of the stored image at ``path`` that fits ``size``×``size``: its bytes and
    format ("JPEG", or "PNG" with transparency). JPEGs are decoded at a fraction of their
    size (draft), others reduced before resampling, so a 3000 px image costs a few ms."""
    with Image.open(path) as image:
        if image.format == "JPEG":
            image.draft("RGB", (size * 2, size * 2))
        image.thumbnail((size, size), Image.Resampling.LANCZOS, reducing_gap=2.0)
        out = io.BytesIO()
        if _has_alpha(image):
            image.convert("RGBA").save(out, "PNG")
            return out.getvalue(), "PNG"
        image.convert("RGB").save(out, "JPEG", quality=THUMB_QUALITY)
        return out.getvalue(), "JPEG"


def pixels(source: bytes | Path) -> tuple[bytes, int, int, bool]:
    """An encoded image (a cached thumbnail's bytes, or a stored image's file) decoded: its
    raw RGB or RGBA bytes, width, height, and whether it has alpha. Pillow decodes without
    holding Python's lock, so other threads (the GUI's) run meanwhile, which Qt's own
    decoder called from Python does not allow."""
    with Image.open(io.BytesIO(source) if isinstance(source, bytes) else source) as image:
        alpha = _has_alpha(image)
        image = image.convert("RGBA" if alpha else "RGB")
        return image.tobytes(), image.width, image.height, alpha
