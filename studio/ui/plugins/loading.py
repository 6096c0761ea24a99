"""Finding plugins in their folders and importing one, without Qt.

A plugin is ``<folder>/<id>.py`` or ``<folder>/<id>/__init__.py``. What the Plugins page says
about a plugin that is switched off comes from reading its ``PLUGIN = {…}`` without running
it (a literal, read with ``ast``): code dropped into the data folder runs only once an admin
has switched it on. A plugin is imported under a private name (``linework_plugin_…``), so
its package's relative imports work and two plugins never share a module."""

from __future__ import annotations

import ast
import importlib.machinery
import importlib.util
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Literal

from studio.plugin_api import API_VERSION
from studio.services.common import _

Origin = Literal["shipped", "studio"]
MODULE_PREFIX = "linework_plugin_"
_FIELDS = ("name", "version", "description")


@dataclass(frozen=True)
class Found:
    """A plugin file or package found in a folder (not imported)."""

    id: str
    path: Path  # the .py file, or the package's folder
    origin: Origin
    name: str  # from its PLUGIN literal when it could be read, else the id
    version: str
    description: str
    problem: str = ""  # why it cannot be loaded, found without running it ("" when none)

    @property
    def source(self) -> Path:
        return self.path / "__init__.py" if self.path.is_dir() else self.path

    @property
    def module_name(self) -> str:
        return f"{MODULE_PREFIX}{self.origin}_{self.id}"


class PluginFailed(Exception):
    """A plugin could not be loaded or stopped working: ``sentence`` for the Plugins page,
    ``details`` the traceback (empty when the plugin's own code never ran)."""

    def __init__(self, sentence: str, details: str = "") -> None:
        super().__init__(sentence)
        self.sentence = sentence
        self.details = details


def find(folders: list[tuple[Path, Origin]]) -> list[Found]:
    """Every plugin in ``folders`` (shipped first), by folder then name. A name found twice
    is kept once; the later one is reported as taken."""
    found: list[Found] = []
    seen: set[str] = set()
    for folder, origin in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir(), key=lambda p: p.name.lower()):
            plugin_id = _plugin_id(path)
            if plugin_id is None:
                continue
            entry = _read(path, plugin_id, origin)
            if plugin_id in seen:
                entry = _with_problem(entry, _("A plugin called “{id}” is already loaded from another folder; "
                                               "rename this one.").format(id=plugin_id))
            seen.add(plugin_id)
            found.append(entry)
    return found


def _plugin_id(path: Path) -> str | None:
    if path.name.startswith((".", "_")):
        return None
    if path.is_file() and path.suffix == ".py":
        return path.stem
    if path.is_dir() and (path / "__init__.py").is_file():
        return path.name
    return None


def _read(path: Path, plugin_id: str, origin: Origin) -> Found:
    source = path / "__init__.py" if path.is_dir() else path
    base = Found(plugin_id, path, origin, plugin_id, "", "")
    if not plugin_id.isidentifier():
        return _with_problem(base, _("“{id}” is not a plugin name: use letters, digits and underscores.")
                             .format(id=plugin_id))
    try:
        tree = ast.parse(source.read_bytes(), str(source))
    except SyntaxError as exc:
        return _with_problem(base, _("Its code has a syntax error on line {line}: {error}").format(
            line=exc.lineno or "?", error=exc.msg))
    except (OSError, ValueError) as exc:
        return _with_problem(base, _("Its file cannot be read: {error}").format(error=exc))
    declared = _declaration(tree)
    if declared is None:
        return _with_problem(base, declaration_problem(None))
    name = str(declared.get("name") or plugin_id)
    entry = Found(plugin_id, path, origin, name, str(declared.get("version", "")),
                  str(declared.get("description", "")))
    problem = declaration_problem(declared)
    return _with_problem(entry, problem) if problem else entry


def _declaration(tree: ast.Module) -> dict | None:
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == "PLUGIN" for t in targets) and node.value is not None:
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                return None
            return value if isinstance(value, dict) else None
    return None


def declaration_problem(declared: object) -> str:
    """Why a PLUGIN declaration is refused ("" when it is fine)."""
    if not isinstance(declared, dict):
        return _("It does not declare PLUGIN = {\"name\", \"version\", \"description\", \"api\"}, so it is "
                 "not a Linework plugin.")
    missing = [key for key in (*_FIELDS, "api") if key not in declared]
    if missing:
        return _("Its PLUGIN declaration lacks {keys}.").format(keys=", ".join(f"“{k}”" for k in missing))
    api = declared["api"]
    if api != API_VERSION:
        # Translators: {wanted} is the plugin API version a plugin asks for; {ours} the one Linework has.
        return _("It needs version {wanted} of the plugin API; this Linework offers version {ours}. "
                 "Ask its author for a version made for this one.").format(wanted=api, ours=API_VERSION)
    return ""


def _with_problem(entry: Found, problem: str) -> Found:
    return Found(entry.id, entry.path, entry.origin, entry.name, entry.version, entry.description, problem)


class _FreshLoader(importlib.machinery.SourceFileLoader):
    """Compiles from the source every time: a plugin edited and reloaded within the same
    second must not come back from a stale cached bytecode file."""

    def get_code(self, fullname):  # noqa: ANN001 - importlib's signature
        return compile(self.get_data(self.path), self.path, "exec", dont_inherit=True)


def import_plugin(entry: Found) -> ModuleType:
    """Import the plugin's code (it runs now) and check its declaration and ``register``.
    Raises PluginFailed with a sentence and, when its code raised, the traceback."""
    if entry.problem:
        raise PluginFailed(entry.problem)
    unload_modules(entry.module_name)
    source = entry.source
    loader = _FreshLoader(entry.module_name, str(source))
    locations = [str(entry.path)] if entry.path.is_dir() else None
    spec = importlib.util.spec_from_file_location(entry.module_name, source, loader=loader,
                                                  submodule_search_locations=locations)
    module = importlib.util.module_from_spec(spec)
    sys.modules[entry.module_name] = module
    try:
        loader.exec_module(module)
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - any failure of the plugin's code is reported
        unload_modules(entry.module_name)
        raise PluginFailed(first_line(exc, _("It failed while loading")), details(exc)) from None
    problem = declaration_problem(getattr(module, "PLUGIN", None))
    if not problem and not callable(getattr(module, "register", None)):
        problem = _("It has no register(app, ui) function.")
    if problem:
        unload_modules(entry.module_name)
        raise PluginFailed(problem)
    return module


def unload_modules(module_name: str) -> None:
    """Forget the plugin's module and its package's submodules, so a reload reads them anew."""
    for name in [n for n in sys.modules if n == module_name or n.startswith(module_name + ".")]:
        del sys.modules[name]


def first_line(exc: BaseException, where: str) -> str:
    """"It failed while loading: ZeroDivisionError: division by zero" — the error's first line."""
    said = str(exc).strip().splitlines()
    error = f"{type(exc).__name__}: {said[0]}" if said else type(exc).__name__
    # Translators: {where} says when a plugin failed ("It failed while loading"); {error} is
    # the programmer's error, left in English, e.g. "ZeroDivisionError: division by zero".
    return _("{where}: {error}").format(where=where, error=error)


def details(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
