"""The intake area's public face: the desk's intake service, the phone side the HTTP server
calls (PhoneDesk and its refusals), the records both return, the form's fields and photo
limits the phone page and the desk's screens show, and the page size of the desk's lists."""

from studio.services.intake.client_data import IntakeClientData
from studio.services.intake.consents import consents_dir
from studio.services.intake.forms import MEDICAL_FORM_NAMES, MEDICAL_TEXT_LABELS, SIG_HEIGHT, SIG_WIDTH, empty_answers
from studio.services.intake.images import BUSY, PHOTOS_MAX, heif_supported, intake_dir, reencode_photo
from studio.services.intake.images import path_of as intake_photo_path
from studio.services.common.paging import PAGE_LIMIT, RowsPage
from studio.services.intake.phone import CsrfRejected, PhoneDesk, PhoneFormInvalid, TokenRejected
from studio.services.intake.records import (
    CONSENT_CHECKS,
    ID_TYPES,
    AcceptResult,
    ConsentFilter,
    ConsentOnFile,
    ConsentRecord,
    FieldDiff,
    FormKind,
    IntakeDesk,
    IntakeSettings,
    PhoneFormContext,
    QrCode,
    ReleaseTextRecord,
    SubmissionNotice,
    SubmissionReview,
    SubmissionRow,
    SubmissionStatus,
)
from studio.services.intake.service import IntakeService
from studio.services.intake.urls import intake_url

__all__ = [
    "BUSY", "CONSENT_CHECKS", "ID_TYPES", "MEDICAL_FORM_NAMES", "MEDICAL_TEXT_LABELS", "PAGE_LIMIT", "PHOTOS_MAX", "SIG_HEIGHT",
    "SIG_WIDTH", "AcceptResult", "ConsentFilter", "ConsentOnFile", "ConsentRecord", "CsrfRejected", "FieldDiff",
    "FormKind", "IntakeClientData", "IntakeDesk", "IntakeService", "IntakeSettings", "PhoneDesk", "PhoneFormContext", "PhoneFormInvalid",
    "QrCode", "ReleaseTextRecord", "RowsPage", "SubmissionNotice", "SubmissionReview", "SubmissionRow", "SubmissionStatus", "TokenRejected",
    "consents_dir", "empty_answers", "heif_supported", "intake_dir", "intake_photo_path", "intake_url", "reencode_photo",
]
