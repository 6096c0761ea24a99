"""The clients area's public face: the client service, the records it takes and returns, and
the checks the intake form shares with the client form.

The data-rights service (export and erase, clients/rights.py) is not re-exported here: it
reads what the intake area holds about a client, so it sits above intake, and importing it
from this face would make every import of intake's forms (which build on clients' checks)
import intake again halfway through. The composition root imports it from its module."""

from studio.services.clients.forms import age_on, clean_client, clean_medical
from studio.services.clients.records import (
    MEDICAL_CHECKS,
    ClientDetail,
    ClientExport,
    ClientInput,
    ClientMatch,
    ClientRow,
    ClientSearch,
    ClientSort,
    MedicalInfo,
)
from studio.services.clients.search import SEARCH_COUNT_CAP
from studio.services.clients.service import ClientService, medical_of

__all__ = [
    "MEDICAL_CHECKS", "SEARCH_COUNT_CAP", "ClientDetail", "ClientExport", "ClientInput", "ClientMatch",
    "ClientRow", "ClientSearch", "ClientService", "ClientSort", "MedicalInfo",
    "age_on", "clean_client", "clean_medical", "medical_of",
]
