"""Client data holders: what an area keeps about a client, for the client's data rights.

Every area that keeps data about a client registers one holder with the data-rights
service (the composition root does it, ``services/core.py``), so exporting and erasing a
client reach everything held without the clients area naming any other area.

- Export runs inside the export's read-only unit of work: each holder returns its sections
  (one key of the export's JSON file and one titled table of its PDF each) and the files
  that go beside them.
- Erasure runs inside the erasure's unit of work, after the client's own audit rows are
  scrubbed and before the client row is deleted (rows that point at the client are still
  there to find). Each holder deletes its rows and returns the files to delete and what it
  keeps; the files are deleted once every holder has run and before the commit, so a file
  that cannot be deleted erases nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from sqlalchemy.orm import Session

from studio.services.common.audit_wording import Text, Words


@dataclass(frozen=True)
class ExportSection:
    """One part of an export: ``data`` (JSON-ready) under ``key`` in the JSON file, and a
    table titled ``heading`` with ``rows`` (label, text) in the PDF ("None" when empty)."""

    key: str
    heading: str
    data: object
    rows: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class HeldPart:
    """A holder's part of an export: its sections and the files (source path, name in the
    export folder) copied beside the JSON and PDF when they exist."""

    sections: tuple[ExportSection, ...] = ()
    files: tuple[tuple[Path, str], ...] = ()


@dataclass(frozen=True)
class ErasedPart:
    """What a holder's erasure leaves to do and to say: ``files`` to delete before the
    commit, and ``kept``, a phrase for the audit row naming what stays and why (or ""):
    Words to be read in each reader's language, or plain text."""

    files: tuple[Path, ...] = ()
    kept: Text = ""


@runtime_checkable
class ClientDataHolder(Protocol):
    """An area's part of a client's data (see this module's docstring for when each runs)."""

    name: str

    def export_part(self, session: Session, client_id: int, prefix: str) -> HeldPart:
        """Everything this area holds about ``client_id``; files it adds to the export are
        named ``prefix``-… so one export's files sort together."""
        ...

    def erase_part(self, session: Session, client_id: int, erased_subject: Words) -> ErasedPart:
        """Delete what this area holds about ``client_id`` (audit rows about it keep their
        place with ``erased_subject`` as their subject and no detail: update them with
        ``audit_log.scrubbed(erased_subject)``)."""
        ...
