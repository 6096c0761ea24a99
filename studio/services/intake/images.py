"""Reference photos from phones: decoded and re-encoded with Pillow, so only pixels reach
the disk (EXIF with GPS positions, comments and anything hidden after the image are gone).

JPEG and PNG always; HEIC/HEIF (iPhones) when pillow-heif is installed, which it is with
Linework. Anything that does not decode as one of these is refused.

Decoding is bounded in memory across every phone at once, since a small file can open into
a huge picture (a one-colour 7700×7700 PNG is 249 KB and 237 MB decoded). Photos are
decoded one at a time, all on one thread (so the freed memory of one is reused by the next
rather than kept by each thread's allocator), and each one's decoded size is known from its
header before a pixel is read: one over PIXELS_MAX (240 MB decoded) is refused. JPEGs are decoded reduced
(Pillow's draft: 1/2, 1/4 or 1/8 scale, to no less than the 2048 px that are kept); PNG
and HEIC cannot be, so they are reduced by whole factors straight after decoding, before
any copy. A photo that waits more than DECODE_WAIT seconds for its turn is refused with a
sentence for the phone.
"""

from __future__ import annotations

import io
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from studio.services.common.errors import ValidationError
from studio.services.common.i18n import N_, _
from studio.services.common.image_files import EDGE_MAX, ImageFolder, jpeg_bytes, unreadable_errors

PHOTO_BYTES_MAX = 5 * 1024 * 1024
PHOTOS_MAX = 3
PIXELS_MAX = 60_000_000  # a 48 MP phone camera is fine; a decompression bomb is not
DECODE_WAIT = 30.0  # seconds a photo may wait for its turn
INTAKE_DIR = "intake"
TOO_LARGE = N_("That photo is too large to open here. Choose a smaller picture (a phone camera's photo is fine).")
BUSY = N_("We're busy reading other photos just now. Wait a minute and send the form again.")
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


_decoder: ThreadPoolExecutor | None = None
_decoder_lock = threading.Lock()


def _one_at_a_time() -> ThreadPoolExecutor:
    global _decoder
    with _decoder_lock:
        if _decoder is None:
            _decoder = ThreadPoolExecutor(1, thread_name_prefix="photo-decoder")
        return _decoder


def reencode_photo(data: bytes, *, field: str = "photos", wait: float = DECODE_WAIT) -> bytes:
    """A JPEG of the picture in ``data``: upright, at most 2048 px a side, no metadata.
    ValidationError when it is too big, waited too long for its turn, or is not a JPEG, PNG
    or HEIC picture."""
    if len(data) > PHOTO_BYTES_MAX:
        raise ValidationError(_("Each photo can be at most 5 MB."), field=field)
    job = _one_at_a_time().submit(_reencode, data, field)
    try:
        return job.result(wait)
    except FutureTimeout:
        job.cancel()  # not started yet: it never will be
        raise ValidationError(_(BUSY), field=field) from None


def _reencode(data: bytes, field: str) -> bytes:
    from PIL import Image, ImageOps

    refused = ValidationError(_("That file isn't a photo we can read (use JPEG, PNG or HEIC).") if heif_supported()
                              else _("That file isn't a photo we can read (use JPEG or PNG)."), field=field)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in _FORMATS:
                    raise refused
                if probe.size[0] * probe.size[1] > PIXELS_MAX:
                    raise ValidationError(_(TOO_LARGE), field=field)
                if probe.format != "HEIF":  # Pillow cannot verify() HEIF; decoding checks it
                    probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                if image.format in ("JPEG", "MPO"):
                    image.draft("RGB", (EDGE_MAX, EDGE_MAX))  # decoded reduced: sets its size
                image.load()
                small = _reduced(image, max(image.size) // EDGE_MAX)
                small.thumbnail((EDGE_MAX, EDGE_MAX))
                rgb = ImageOps.exif_transpose(small).convert("RGB")
    except ValidationError:
        raise
    except unreadable_errors():
        raise refused from None
    return jpeg_bytes(rgb, 85)


def _reduced(image, factor: int):
    """``image`` made ``factor`` times smaller (box average), a band of rows at a time:
    Pillow's reduce() of a picture with alpha first copies all of it (premultiplied)."""
    from PIL import Image

    if factor <= 1:
        return image
    width, height = image.size
    out = Image.new(image.mode, (-(-width // factor), -(-height // factor)))
    band = factor * 128
    for top in range(0, height, band):
        with image.crop((0, top, width, min(top + band, height))) as rows:
            out.paste(rows.reduce(factor), (0, top // factor))
    out.info = image.info  # the orientation, for exif_transpose
    return out


INTAKE_FILES = ImageFolder(INTAKE_DIR)


def intake_dir(data_dir: Path) -> Path:
    return INTAKE_FILES.folder(data_dir)


def store(data_dir: Path, jpeg: bytes) -> str:
    return INTAKE_FILES.store(data_dir, jpeg)


def path_of(data_dir: Path, name: str) -> Path:
    return INTAKE_FILES.path(data_dir, name)


def delete(data_dir: Path, names: list[str]) -> None:
    INTAKE_FILES.delete(data_dir, names)
