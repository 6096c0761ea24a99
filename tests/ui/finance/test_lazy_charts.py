"""pyqtgraph (and pandas) load when the Finance page is first opened, not at sign-in: a
fresh interpreter builds an admin's main window, then opens the page."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import json, os, sys, tempfile
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from studio.config import load_config
from studio.services.core import open_services
from studio.ui.app import build_context, create_app
from studio.ui.shell.main_window import MainWindow

def heavy():
    return sorted(h for h in ("pyqtgraph", "pandas") if any(m == h or m.startswith(h + ".") for m in sys.modules))

config = load_config(tempfile.mkdtemp())
services = open_services(config.database_url, data_dir=config.data_dir)
services.setup.create_studio(studio_name="Ink", timezone="Europe/Lisbon", currency="EUR", admin_name="Ana",
                             admin_email="ana@studio.test", password="violet anchors drift softly 42")
admin = services.auth.login("ana@studio.test", "violet anchors drift softly 42")
app = create_app()
ctx = build_context(config, app)
ctx.use_services(services)
window = MainWindow(ctx, admin, services.settings.studio(), idle_timeout_ms=3_600_000)
window.show()
for _ in range(5):
    ctx.tasks.wait_for_done(30_000)
    app.processEvents()
signed_in = heavy()
window.open_page("finance")
for _ in range(5):
    ctx.tasks.wait_for_done(30_000)
    app.processEvents()
print(json.dumps({"signed_in": signed_in, "opened": heavy(), "page": type(window.pages["finance"]).__name__}))
window.idle.stop()
window.close()
ctx.stop_runners()
"""


def test_pyqtgraph_loads_when_the_finance_page_first_opens_not_at_sign_in():
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=100)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["page"] == "FinancePage"
    assert found["signed_in"] == []
    assert "pyqtgraph" in found["opened"]
