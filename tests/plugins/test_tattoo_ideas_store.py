"""The Tattoo ideas plugin's store, import and thumbnail cache, on a real data folder with
real images made by Pillow: a JPEG whose EXIF says "rotate", a PNG with transparency, a
file that is no image, a crash in the middle of a write (a real process that dies)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap

ROOT = Path(__file__).resolve().parents[2]
PLUGIN_DIR = ROOT / "plugins" / "tattoo_ideas"
PRIVATE_NAME = "linework_plugin_test_tattoo_ideas"


def load_plugin_package():
    """The plugin's package as Linework imports it: under a private name, so its relative
    imports work and nothing imports it by its folder name."""
    if PRIVATE_NAME in sys.modules:
        return sys.modules[PRIVATE_NAME]
    spec = importlib.util.spec_from_file_location(PRIVATE_NAME, PLUGIN_DIR / "__init__.py",
                                                  submodule_search_locations=[str(PLUGIN_DIR)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[PRIVATE_NAME] = module
    spec.loader.exec_module(module)
    return module


def submodule(name: str):
    load_plugin_package()
    return importlib.import_module(f"{PRIVATE_NAME}.{name}")


def rotated_jpeg(path: Path, size=(300, 200)) -> Path:
    """A landscape JPEG with a red left half (the rest white), marked EXIF orientation 6 ("turn 90° clockwise
    to show"), and a camera tag that must not survive the import."""
    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 2, size[1]), fill=(255, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6            # Orientation
    exif[0x010F] = "PhoneMaker"  # Make
    image.save(path, "JPEG", exif=exif.tobytes(), quality=95)
    return path


def alpha_png(path: Path, size=(120, 80), color=(20, 20, 20, 255)) -> Path:
    """A PNG with a transparent border around a disc of ``color`` in its height's square."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((10, 10, size[1] - 10, size[1] - 10), fill=color)
    image.save(path, "PNG")
    return path


@pytest.fixture
def store(tmp_path):
    made = submodule("store").Store(tmp_path / "plugin-data")
    yield made
    made.close()


def test_a_rotated_jpeg_is_stored_upright_without_its_exif(store, tmp_path):
    add_file = submodule("importer").add_file
    added = add_file(store, rotated_jpeg(tmp_path / "dragon_flash-02.jpg"))
    assert added.problem == ""
    image = added.image
    assert (image.width, image.height, image.title) == (200, 300, "dragon flash 02")
    with Image.open(store.image_path(image)) as stored:
        assert stored.format == "JPEG" and stored.size == (200, 300)
        assert not stored.getexif()  # no orientation left to apply twice, no camera make
        assert "exif" not in stored.info
        # The red half was the left; turned clockwise it is the top.
        assert stored.getpixel((100, 40))[0] > 200 and stored.getpixel((100, 40))[1] < 60
        assert stored.getpixel((100, 260)) > (200, 200, 200)
    assert [i.id for i in store.images()] == [image.id]


def test_a_png_with_transparency_stays_a_png_with_its_alpha(store, tmp_path):
    image = submodule("importer").add_file(store, alpha_png(tmp_path / "rose.png")).image
    with Image.open(store.image_path(image)) as stored:
        assert stored.format == "PNG" and stored.mode == "RGBA"
        assert stored.getpixel((0, 0))[3] == 0 and stored.getpixel((40, 40))[3] == 255


def test_an_unreadable_file_is_refused_with_a_sentence_and_leaves_nothing(store, tmp_path):
    bad = tmp_path / "notes.jpg"
    bad.write_bytes(b"this is a shopping list, not a JPEG")
    added = submodule("importer").add_file(store, bad)
    assert added.image is None
    assert added.problem == ("notes.jpg was not added: it is not an image Linework can read "
                             "(or the file is damaged).")
    gone = submodule("importer").add_file(store, tmp_path / "missing.png")
    assert gone.problem == "missing.png was not added: the file is no longer there."
    assert store.images() == []
    assert list(store.images_dir.iterdir()) == []


def test_a_huge_image_is_bounded_to_4096_px(store, tmp_path):
    Image.new("RGB", (6000, 1500), (40, 90, 200)).save(tmp_path / "scan.jpg", quality=70)
    image = submodule("importer").add_file(store, tmp_path / "scan.jpg").image
    assert (image.width, image.height) == (4096, 1024)


def test_tags_are_cleaned_filter_and_search(store):
    first = store.insert_image("a.jpg", "Koi   sleeve", 10, 10)
    second = store.insert_image("b.jpg", "Rose", 10, 10)
    store.add_tag(first.id, "  Japanese \n traditional ")
    store.add_tag(first.id, "Japanese traditional")  # twice is once
    store.add_tag(second.id, "flash")
    store.add_tag(second.id, "   ")  # nothing
    store.add_tag(999, "ghost")  # no such image: nothing
    assert store.all_tags() == ["flash", "Japanese traditional"]
    by_id = {image.id: image for image in store.images()}
    assert by_id[first.id].title == "Koi sleeve"
    assert by_id[first.id].tags == ("Japanese traditional",)
    assert by_id[first.id].matches("japanese") and by_id[first.id].matches("koi")
    assert not by_id[second.id].matches("japanese") and by_id[second.id].matches("fla")
    assert store.remove_tag(first.id, "Japanese traditional").tags == ()
    assert store.all_tags() == ["flash"]


def test_attachments_follow_their_client_and_go_with_their_image(store):
    koi = store.insert_image("a.jpg", "Koi", 10, 10)
    rose = store.insert_image("b.jpg", "Rose", 10, 10)
    store.attach(koi.id, client_id=7, project_id=None)
    store.attach(rose.id, client_id=7, project_id=3)
    store.attach(koi.id, client_id=7, project_id=5)  # again: now for project 5
    store.attach(koi.id, client_id=8, project_id=None)
    assert sorted((a.image.title, a.project_id) for a in store.attachments_of_client(7)) == [
        ("Koi", 5), ("Rose", 3)]
    store.detach(rose.id, 7)
    assert [a.image.title for a in store.attachments_of_client(7)] == ["Koi"]
    store.remove_image(koi.id)
    assert store.attachments_of_client(7) == [] and store.attachments_of_client(8) == []
    assert [i.title for i in store.images()] == ["Rose"]


def test_each_thread_has_its_own_connection_and_sees_committed_rows(store):
    made = []
    worker = threading.Thread(target=lambda: made.append(store.insert_image("w.jpg", "From a worker", 1, 1)))
    worker.start()
    worker.join(10)
    assert [i.title for i in store.images()] == ["From a worker"]
    assert len(store._all) == 2


CRASH = textwrap.dedent("""
    import importlib.util, os, sys
    spec = importlib.util.spec_from_file_location("p", {init!r}, submodule_search_locations=[{folder!r}])
    sys.modules["p"] = module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from p.store import Store
    store = Store({root!r})
    store.insert_image(store.write_image(b"kept", ".jpg"), "Committed", 1, 1)
    {before_death}
    os._exit(9)  # dies there: no close, no clean-up
""")


@pytest.mark.parametrize("before_death", [
    'store.write_image(b"half", ".jpg")',  # the copy is written, the row never inserted
    'open(store.images_dir / ".x.jpg.part", "wb").write(b"half")',  # died mid-copy
])
def test_a_crash_mid_write_keeps_what_was_committed_and_registers_nothing_half_done(tmp_path, before_death):
    root = tmp_path / "plugin-data"
    script = CRASH.format(init=str(PLUGIN_DIR / "__init__.py"), folder=str(PLUGIN_DIR), root=str(root),
                          before_death=before_death)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=60)
    assert result.returncode == 9, result.stderr.decode()
    left = [p for p in (root / "images").iterdir() if p.read_bytes() == b"half"]
    assert len(left) == 1  # what the crash left behind
    store = submodule("store").Store(root)
    try:
        images = store.images()
        assert [i.title for i in images] == ["Committed"]
        assert store.image_path(images[0]).read_bytes() == b"kept"
    finally:
        store.close()
    assert left[0].exists()  # a fresh leftover may be another Linework's copy in progress: kept
    hour_ago = time.time() - 3601
    os.utime(left[0], (hour_ago, hour_ago))
    submodule("store").Store(root).close()
    assert not left[0].exists()  # an hour on, it is swept away
    assert [p.read_bytes() for p in (root / "images").iterdir()] == [b"kept"]


# --- thumbnails -----------------------------------------------------------------------------

@pytest.fixture
def cache(qtbot, store):
    thumbs = submodule("thumbs").ThumbCache(store.images_dir, store.root / "thumbs", 160)
    yield thumbs
    thumbs.stop()
    thumbs.deleteLater()


def thumbnail_of(qtbot, cache, image, timeout=10_000):
    """The pixmap once the cache has it: asked for as a painted tile asks, waited for."""
    cache.pixmap(image)
    qtbot.waitUntil(lambda: cache.pixmap(image) is not None or cache.failed(image.id), timeout=timeout)
    return cache.pixmap(image)


def test_a_thumbnail_is_made_off_the_gui_thread_and_kept_on_disk(qtbot, store, cache, tmp_path):
    image = submodule("importer").add_file(store, rotated_jpeg(tmp_path / "koi.jpg", (3000, 2000))).image
    assert cache.pixmap(image) is None  # asked for: a placeholder until it is ready
    with qtbot.waitSignal(cache.ready, timeout=10_000):
        pass
    pixmap = cache.pixmap(image)
    assert (pixmap.width(), pixmap.height()) == (107, 160)  # upright, fitted into 160 px
    on_disk = store.root / "thumbs" / f"{image.id}-160.jpg"
    with Image.open(on_disk) as thumb:
        assert thumb.size == (107, 160)


def test_a_warm_cache_reads_the_thumbnail_from_disk(qtbot, store, cache, tmp_path):
    image = submodule("importer").add_file(store, rotated_jpeg(tmp_path / "koi.jpg")).image
    thumbnail_of(qtbot, cache, image)
    cache.stop()
    store.image_path(image).unlink()  # only the cached thumbnail can answer now
    again = submodule("thumbs").ThumbCache(store.images_dir, store.root / "thumbs", 160)
    try:
        pixmap = thumbnail_of(qtbot, again, image)
        assert pixmap is not None and pixmap.height() == 160
    finally:
        again.stop()
        again.deleteLater()


def test_a_png_thumbnail_keeps_its_transparency(qtbot, store, cache, tmp_path):
    image = submodule("importer").add_file(store, alpha_png(tmp_path / "rose.png")).image
    pixmap = thumbnail_of(qtbot, cache, image)
    picture = pixmap.toImage()
    assert picture.hasAlphaChannel() and picture.pixelColor(0, 0).alpha() == 0
    assert (store.root / "thumbs" / f"{image.id}-160.png").exists()


def test_a_missing_image_file_shows_as_failed_not_as_a_crash(qtbot, store, cache):
    ghost = store.insert_image("gone.jpg", "Gone", 10, 10)
    assert thumbnail_of(qtbot, cache, ghost) is None
    assert cache.failed(ghost.id) and not cache.busy


def test_the_grid_model_passes_qt_s_model_tester_and_never_holds_pixmaps_itself(qtbot, qtmodeltester, store, cache,
                                                                                  tmp_path):
    names = ["rose 0.png", "<img src=x>koi.png", "rose 2.png"]  # a title that looks like markup
    images = [submodule("importer").add_file(store, alpha_png(tmp_path / name)).image for name in names]
    model = submodule("grid").GalleryModel(cache)
    model.set_images(images, ["", "Koi sleeve", ""])
    qtmodeltester.check(model)
    assert model.index(1).data(submodule("grid").CaptionRole) == "Koi sleeve"
    assert model.index(1).data() == "<img src=x>koi"  # shown as typed
    tip = model.index(1).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img src=x&gt;koi" in tip and "<img" not in tip and "Koi sleeve" in tip
    qtbot.waitUntil(lambda: not cache.busy, timeout=10_000)  # what the tester's reads asked for
    assert not any(isinstance(value, QPixmap) for value in vars(model).values())
    with qtbot.waitSignal(model.dataChanged, timeout=5_000):  # a thumbnail that arrives repaints its tile
        cache.forget(images[2].id)
        model.index(2).data(Qt.ItemDataRole.DecorationRole)
