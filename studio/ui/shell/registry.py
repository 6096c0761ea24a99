"""The sidebar's pages, in order. A module adds its page here; pages are imported and built
only when first opened, so start-up does not grow with the number of modules or the data."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from studio.services.common import Permission, can


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    icon: str
    permission: Permission
    target: str  # "module:Class"
    section: str = "studio"  # "studio" (top) or "admin" (below the divider)
    # The global search's kind whose hits this page opens (Page.open_record), if any: the
    # kind its area's SearchProvider registers (services/search/providers.py).
    search_kind: str = ""

    def load(self):
        module_name, class_name = self.target.split(":")
        return getattr(importlib.import_module(module_name), class_name)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", "Dashboard", "layout-dashboard", Permission.VIEW_DASHBOARD,
             "studio.ui.dashboard:DashboardPage"),
    PageSpec("clients", "Clients", "users", Permission.VIEW_CLIENTS,
             "studio.ui.clients:ClientsPage", search_kind="clients"),
    PageSpec("intake", "Intake", "smartphone", Permission.MANAGE_INTAKE,
             "studio.ui.intake:IntakePage", search_kind="intake"),
    PageSpec("staff", "Staff", "user-cog", Permission.VIEW_STAFF,
             "studio.ui.accounts:StaffPage", section="admin", search_kind="staff"),
    PageSpec("backups", "Backups", "hard-drive-download", Permission.MANAGE_BACKUPS,
             "studio.ui.backups:BackupsPage", section="admin"),
    PageSpec("audit", "Audit log", "scroll-text", Permission.VIEW_AUDIT,
             "studio.ui.audit:AuditPage", section="admin"),
)


def pages_for(role) -> list[PageSpec]:
    return [spec for spec in PAGES if can(role, spec.permission)]
