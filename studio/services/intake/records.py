"""Plain, frozen values the intake service takes and returns (see services/intake/service.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from studio.services.common.i18n import N_
from studio.services.common.paging import RowsPage


class FormKind(StrEnum):
    CLIENT = "client"  # the client's own QR: pre-filled, spent by one submission
    WALKIN = "walkin"  # the counter's QR: an empty form for a new client


class SubmissionStatus(StrEnum):
    PENDING = "pending"
    ACCEPTING = "accepting"  # claimed by one reviewer while it is filed (services/intake/claims.py)
    ACCEPTED = "accepted"
    REJECTED = "rejected"


# The consent boxes every client ticks: key → sentence (marked: translate where shown).
# Keys are stored; never rename one.
CONSENT_CHECKS: dict[str, str] = {
    "release": N_("I have read the release above and I agree to it."),
    "health_true": N_("My health answers are true and complete; I will tell the artist if anything changes."),
    "aftercare": N_("I will follow the aftercare instructions I am given."),
    "sober": N_("I am not under the influence of alcohol or drugs."),
}

# Photo-ID types the desk records (stored in English; translate where shown); "last 4" is
# of the document number.
ID_TYPES = (N_("Passport"), N_("Driving licence"), N_("National ID card"), N_("Residence permit"),
            N_("Other"))


@dataclass(frozen=True)
class IntakeSettings:
    host: str  # "" = this PC's LAN address
    port: int
    autostart: bool
    min_age: int
    walkin_daily: bool


@dataclass(frozen=True)
class ReleaseTextRecord:
    version: int
    body: str
    created_at: datetime
    created_by_name: str
    language: str = "en"  # the history it belongs to (services/common/i18n.py LANGUAGES)


@dataclass(frozen=True)
class QrCode:
    """A URL for a phone, as text and as a QR PNG."""

    url: str
    png: bytes
    issued_at: datetime
    expires_at: datetime | None  # None: until rotated


@dataclass(frozen=True)
class PhoneFormContext:
    """What the phone form needs to render; built only for a live token."""

    kind: FormKind
    studio_name: str
    release: ReleaseTextRecord
    min_age: int
    csrf: str
    prefill: dict = field(default_factory=dict)  # answers shape (intake_forms.empty_answers)
    # The language the form speaks (the phone's); ``release.language`` differs from it when
    # that language has no release text yet and the studio's is shown instead.
    language: str = "en"


@dataclass(frozen=True)
class SubmissionNotice:
    """Told to listeners (the UI) right after a submission is committed."""

    submission_id: int
    kind: FormKind
    full_name: str
    received_at: datetime
    pending: int


@dataclass(frozen=True)
class SubmissionRow:
    id: int
    kind: FormKind
    status: SubmissionStatus
    full_name: str
    received_at: datetime
    client_id: int | None
    is_minor: bool
    id_check_required: bool
    id_checked: bool
    photos: int


@dataclass(frozen=True)
class FieldDiff:
    """One field of the review: what the studio holds and what the phone sent."""

    field: str
    label: str
    current: str
    submitted: str

    @property
    def differs(self) -> bool:
        return self.current != self.submitted


@dataclass(frozen=True)
class SubmissionReview:
    """Everything the review dialog shows. ``health`` is None when the reviewer's role may
    not see health answers; ``diffs`` compares with ``client_id``'s record when there is one."""

    row: SubmissionRow
    date_of_birth: date | None
    age: int | None
    contact: tuple[FieldDiff, ...]
    health: tuple[FieldDiff, ...] | None
    tattoo: dict
    consents: dict
    guardian: dict | None
    release_version: int
    signature_png: bytes
    guardian_signature_png: bytes | None
    id_type: str
    id_last4: str
    id_checked_by_name: str
    decided_by_name: str
    reject_reason: str
    duplicates: tuple = ()  # ClientMatch of existing clients with this phone or email
    region: str = "US"  # the studio's dialling region: how its phone numbers are shown
    language: str = "en"  # the language the client filled the form in
    release_language: str = "en"  # the language of the release text they signed


@dataclass(frozen=True)
class AcceptResult:
    client_id: int
    consent_id: int
    pdf_path: Path
    health_applied: bool


@dataclass(frozen=True)
class ConsentRecord:
    id: int
    client_id: int | None
    client_name: str
    release_version: int
    signed_at: datetime
    accepted_at: datetime
    accepted_by_name: str
    pdf_path: Path
    language: str = "en"  # the language the client read and signed in


@dataclass(frozen=True)
class ConsentOnFile:
    """That a client signed a consent, without the PDF (which holds health answers): what
    every role that sees the client may know."""

    signed_at: datetime
    release_version: int


@dataclass(frozen=True)
class ConsentFilter:
    """Which consents the archive lists: client names matching ``query`` (folded prefix of
    any word), signed between ``since`` and ``until`` (the studio's local days, inclusive;
    None: no bound)."""

    query: str = ""
    since: date | None = None
    until: date | None = None




@dataclass(frozen=True)
class IntakeDesk:
    """Everything the Intake page shows after a refresh, read in one unit of work.
    ``consents`` is None when the actor's role may not see consents; ``consent_filter`` is
    the filter it was read with (its default window ends on ``today``, the studio's day)."""

    timezone: str
    today: date
    pending: int
    submissions: RowsPage[SubmissionRow]
    walkin: QrCode
    consent_filter: ConsentFilter
    consents: RowsPage[ConsentRecord] | None
