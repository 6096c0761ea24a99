"""argparse's own words ("usage:", "options", its error sentences), marked here so Babel
extracts them into Linework's catalog, and argparse pointed at that catalog: Python ships
no translations of them."""

from __future__ import annotations

import argparse

from studio.services.common.i18n import N_, _, ngettext

# The ones a person at the command line meets (argparse writes them with %-placeholders).
WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


def use_the_catalog() -> None:
    """argparse looks ``_`` and ``ngettext`` up in its module when it writes; ours answer
    in the current language."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
