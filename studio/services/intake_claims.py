"""Filing a submission takes three writes (claim, the client record, the archive). The claim
makes them one action against a second reviewer: a status write guarded by the status, so
only one person can win it; it is put back on any failure, so the submission is pending
again and nothing is half-done.

A claim is named by the moment it was made (``decided_at``), so a late archive or release
never touches someone else's claim. A claim left by an app that died mid-filing is taken
over after CLAIM_STALE; until then the submission shows as being filed.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, or_, update

from studio.models import IntakeSubmission
from studio.services.intake_records import SubmissionStatus

CLAIM_STALE = timedelta(minutes=15)
FILING_ELSEWHERE = "Someone else is filing this submission."


def claim(session, submission_id: int, by_name: str, now: datetime) -> bool:
    """Take the submission for filing; False when someone else has it (or it was decided)."""
    taken = session.execute(
        update(IntakeSubmission)
        .where(IntakeSubmission.id == submission_id,
               or_(IntakeSubmission.status == SubmissionStatus.PENDING,
                   and_(IntakeSubmission.status == SubmissionStatus.ACCEPTING,
                        IntakeSubmission.decided_at < now - CLAIM_STALE)))
        .values(status=SubmissionStatus.ACCEPTING, decided_at=now, decided_by_name=by_name)
        .execution_options(synchronize_session=False))
    return taken.rowcount == 1


def holds(s: IntakeSubmission, claimed_at: datetime) -> bool:
    """Whether the claim made at ``claimed_at`` is still the submission's."""
    return s.status == SubmissionStatus.ACCEPTING and s.decided_at == claimed_at


def release(session, submission_id: int, claimed_at: datetime) -> None:
    """Put the submission back to pending, if the claim made at ``claimed_at`` still holds."""
    session.execute(
        update(IntakeSubmission)
        .where(IntakeSubmission.id == submission_id,
               IntakeSubmission.status == SubmissionStatus.ACCEPTING,
               IntakeSubmission.decided_at == claimed_at)
        .values(status=SubmissionStatus.PENDING, decided_at=None, decided_by_name="")
        .execution_options(synchronize_session=False))
