"""A package's public face, loaded on first use (PEP 562): the one way the service and UI
areas export names without importing every module behind them.

``from studio.ui.accounts import LoginDialog`` imports the sign-in module and nothing else
of the area, so the login window does not wait for the Staff page's imports; and
``from studio.services.backup import database_problem`` does not bring SQLAlchemy. A
submodule (``from studio.services.common import folding``) still imports as usual: Python
falls back to it when the face has no such name.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Callable


def lazy_exports(package: str, where: dict[str, tuple[str, ...]]) -> tuple[Callable[[str], object], list[str]]:
    """``(__getattr__, __all__)`` for ``package``; ``where`` maps a submodule to the names it exports."""
    module_of = {name: f"{package}.{module}" for module, names in where.items() for name in names}

    def __getattr__(name: str) -> object:
        module = module_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__, sorted(module_of)
