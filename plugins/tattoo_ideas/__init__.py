"""Tattoo ideas: a gallery of design ideas (flash sheets, references) with tags, a zoomable
preview, and ideas attached to a client (and one of their projects), shown on the client
view. It uses only Linework's plugin API (``studio.plugin_api``).

Loading it is cheap: ``register`` only names its page and tab. The widgets, the database
and Pillow are imported when the page or the tab is first built.
"""

from __future__ import annotations

from studio.plugin_api import N_, Permission, _

# A literal: Linework reads it without running the plugin.
PLUGIN = {
    "name": "Tattoo ideas",
    "version": "1.0",
    "description": "A gallery of design ideas (flash sheets, references) with tags, which you can attach "
                   "to a client and their project.",
    "api": 1,
}
# The same words marked for Linework's catalogs, for the Plugins page to show translated.
_TRANSLATED = (N_("Tattoo ideas"), N_("A gallery of design ideas (flash sheets, references) with tags, which you "
                                      "can attach to a client and their project."))

_state = None


def register(app, ui) -> None:
    global _state
    from .state import Gallery

    _state = Gallery(app, ui)
    ui.add_page("ideas", _("Ideas"), _state.make_page, icon="sparkles", permission=Permission.VIEW_CLIENTS,
                order=150)
    ui.add_client_tab("client_ideas", _("Ideas"), _state.make_client_tab, permission=Permission.VIEW_CLIENTS)


def unregister() -> None:
    global _state
    if _state is not None:
        _state.close()
        _state = None
