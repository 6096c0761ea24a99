"""The clients area's public face: the client service, the data-rights service (export and
erase) with the client data holder protocol other areas implement to take part in them, the
records they take and return, and the checks the intake form shares with the client form."""

from studio.services.clients.forms import age_on, clean_client, clean_medical
from studio.services.clients.holders import ClientDataHolder, ErasedPart, ExportSection, HeldPart
from studio.services.clients.records import (
    CONTACT_FIELDS,
    MEDICAL_CHECKS,
    MEDICAL_TEXT_NAMES,
    ClientDetail,
    ClientExport,
    ClientInput,
    ClientMatch,
    ClientRow,
    ClientSearch,
    ClientSort,
    MedicalInfo,
)
from studio.services.clients.relations import CareRelationship, ClientRelations, VisitDates
from studio.services.clients.rights import ClientRightsService
from studio.services.clients.search import SEARCH_COUNT_CAP
from studio.services.clients.search import ids_named as client_ids_named
from studio.services.clients.service import ClientService, medical_of

__all__ = [
    "client_ids_named",
    "CONTACT_FIELDS", "MEDICAL_CHECKS", "MEDICAL_TEXT_NAMES", "SEARCH_COUNT_CAP", "ClientDataHolder", "ClientDetail", "ClientExport", "ClientInput",
    "ClientMatch", "ClientRelations", "ClientRightsService", "CareRelationship", "VisitDates", "ClientRow", "ClientSearch", "ClientService", "ClientSort",
    "ErasedPart", "ExportSection", "HeldPart", "MedicalInfo",
    "age_on", "clean_client", "clean_medical", "medical_of",
]
