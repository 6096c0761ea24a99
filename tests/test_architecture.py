"""The layering holds (import-linter's contracts), and start-up stays free of heavy imports."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.support import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
HEAVY = ("sqlalchemy", "alembic", "pandas", "pyqtgraph", "reportlab", "PySide6")


def contract_names(project: Path) -> list[str]:
    config = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    return [contract["name"] for contract in config["tool"]["importlinter"]["contracts"]]


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """import-linter on ``project``'s own ``studio`` package (not an installed copy)."""
    env = dict(os.environ, PYTHONPATH=str(project))
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


def test_every_import_contract_is_kept():
    names = contract_names(ROOT)
    assert names, "pyproject.toml declares no import-linter contracts"
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in names:
        assert f"{name} KEPT" in result.stdout, result.stdout
    assert f"{len(names)} kept, 0 broken" in result.stdout


def test_the_contracts_catch_a_service_importing_qt_a_model_importing_a_service_and_an_upward_area(tmp_path):
    """Proof that the check above can fail: break both rules in a copy of the project."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "studio", project / "studio", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    (project / "studio" / "services" / "qt_leak.py").write_text("import PySide6.QtCore\n")
    (project / "studio" / "models" / "upward.py").write_text("import studio.services.accounts.staff\n")
    (project / "studio" / "services" / "common" / "upward.py").write_text("import studio.services.clients.service\n")

    result = lint_imports(project)
    assert result.returncode != 0
    assert "Services, models and db never import Qt BROKEN" in result.stdout
    assert "Layers: ui -> services -> models/db BROKEN" in result.stdout
    assert "studio.services.qt_leak" in result.stdout
    assert "studio.models.upward" in result.stdout
    assert "Service areas in order: common, clients, intake, scheduling, register, the rest BROKEN" in result.stdout
    assert "studio.services.common.upward" in result.stdout


def test_the_contracts_catch_a_widget_reaching_below_a_face_and_a_shell_naming_an_area(tmp_path):
    """Proof that the UI's door can fail: a widget importing the data layer or an area's
    private module, and the shell importing an area."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "studio", project / "studio", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    (project / "studio" / "ui" / "clients" / "leak.py").write_text(
        "import sqlalchemy\nimport studio.models\nimport studio.services.clients.search\n")
    (project / "studio" / "ui" / "shell" / "names_an_area.py").write_text("import studio.ui.intake\n")

    result = lint_imports(project)
    assert result.returncode != 0
    door = "Widgets and plugins reach services through area faces only"
    assert f"{door} BROKEN" in result.stdout
    for forbidden in ("sqlalchemy", "studio.models", "studio.services.clients.search"):
        assert f"studio.ui.clients.leak -> {forbidden}" in result.stdout
    assert "The shell and the kit name no area: areas plug in through their descriptors BROKEN" in result.stdout
    assert "studio.ui.shell.names_an_area -> studio.ui.intake" in result.stdout


def loaded_after(code: str) -> list[str]:
    """Which HEAVY packages a fresh interpreter holds after running ``code``."""
    probe = (
        f"{code}\n"
        "import json, sys\n"
        f"heavy = {HEAVY!r}\n"
        "print(json.dumps(sorted(h for h in heavy if any("
        "m == h or m.startswith(h + '.') for m in sys.modules))))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_probe_sees_a_heavy_import():
    assert loaded_after("import sqlalchemy") == ["sqlalchemy"]


@pytest.mark.parametrize("code", [
    "import studio.cli, studio.config",
    "import studio.cli\n"
    "try:\n    studio.cli.main(['--version'])\nexcept SystemExit:\n    pass",
    "import studio.cli\nstudio.cli.build_parser().parse_args(['init', '--admin-email', 'a@b.test'])",
], ids=["import", "--version", "parse a sub-command"])
def test_the_command_line_starts_without_heavy_imports(code):
    assert loaded_after(code) == []


def test_the_first_window_loads_no_data_layer():
    """The sign-in window shows before SQLAlchemy, Alembic and the rest are imported (they
    load in a worker once it is on screen): importing what it needs pulls none of them."""
    code = ("import studio.cli, studio.ui.app\n"
            "from studio.ui.accounts import LoginDialog\n"
            "from studio.services.backup.health import database_problem\n")
    assert loaded_after(code) == ["PySide6"]


def test_services_never_load_qt():
    services = ROOT / "studio" / "services"
    modules = sorted(".".join(p.relative_to(services).with_suffix("").parts)
                     for p in services.rglob("*.py") if p.stem != "__init__")
    assert "clients.service" in modules  # the walk reaches into the area packages
    code = "\n".join(f"import studio.services.{m}" for m in modules) + "\nimport studio.db, studio.models"
    loaded = loaded_after(code)
    assert "sqlalchemy" in loaded  # the probe ran the imports
    assert "PySide6" not in loaded and "pyqtgraph" not in loaded


def test_opening_a_migrated_database_does_not_load_alembic(tmp_path):
    """Start-up compares the revision with SCHEMA_HEAD and only imports Alembic to migrate."""
    from studio.db import Database

    url = f"sqlite:///{tmp_path / 'studio.db'}"
    db = Database(url)
    assert db.migrate() is True
    db.dispose()
    code = (
        "from studio.db import Database\n"
        f"db = Database({url!r})\n"
        "assert db.migrate() is False\n"
        "db.dispose()"
    )
    assert loaded_after(code) == ["sqlalchemy"]


# --- no nested event loops ----------------------------------------------------------------

BLOCKING_STATICS = {
    "QMessageBox": {"question", "warning", "information", "critical", "about", "aboutQt"},
    "QFileDialog": {"getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory",
                    "getOpenFileUrl", "getSaveFileUrl", "getExistingDirectoryUrl"},
    "QInputDialog": {"getText", "getInt", "getDouble", "getItem", "getMultiLineText"},
    "QColorDialog": {"getColor"},
    "QFontDialog": {"getFont"},
}
# The one event loop: QApplication.exec() where the app starts.
MAIN_LOOP = ("studio/ui/app.py", "app")


def blocking_calls(source: str, path: str) -> list[str]:
    """Calls in ``source`` that start an event loop of their own inside the caller: the
    static dialog helpers and any ``.exec()`` but the main loop's."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name, owner = node.func.attr, node.func.value
        if name in ("exec", "exec_"):
            if (path, getattr(owner, "id", None)) != MAIN_LOOP:
                found.append(f"{path}:{node.lineno}: .{name}()")
        elif isinstance(owner, ast.Name) and name in BLOCKING_STATICS.get(owner.id, ()):
            found.append(f"{path}:{node.lineno}: {owner.id}.{name}()")
    return found


def test_widgets_never_start_a_nested_event_loop():
    """A dialog opened with exec() or a static helper holds the click that opened it until
    someone answers: a test waits forever, and background results stop arriving. Dialogs
    open with open() and answer by callback (studio/ui/kit/prompts.py)."""
    found = []
    for path in sorted((ROOT / "studio").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        found += blocking_calls(path.read_text(encoding="utf-8"), rel)
    assert found == []


def test_the_nested_loop_check_sees_each_kind_of_blocking_call():
    source = ("QMessageBox.question(None, 't', 'q')\nQFileDialog.getOpenFileName(None)\n"
              "QInputDialog.getText(None, 't', 'l')\nmenu.exec(pos)\ndialog.exec()\napp.exec()\n")
    assert blocking_calls(source, "studio/ui/audit/x.py") == [
        "studio/ui/audit/x.py:1: QMessageBox.question()", "studio/ui/audit/x.py:2: QFileDialog.getOpenFileName()",
        "studio/ui/audit/x.py:3: QInputDialog.getText()", "studio/ui/audit/x.py:4: .exec()",
        "studio/ui/audit/x.py:5: .exec()", "studio/ui/audit/x.py:6: .exec()"]
    assert blocking_calls("app.exec()\n", "studio/ui/app.py") == []
