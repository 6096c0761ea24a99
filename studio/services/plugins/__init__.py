"""The plugins area: which plugins the studio has switched on (admins, audited), each
plugin's own settings and its data folder. Loading plugins is the UI's (studio/ui/plugins),
since a plugin adds widgets; what it may do through the plugin API is still checked here
and in the other areas, as the signed-in staff member."""

from studio.services.plugins.service import PLUGIN_ID, PluginService

__all__ = ["PLUGIN_ID", "PluginService"]
