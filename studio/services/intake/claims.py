"""Claims on submissions, as older Linework made them: filing took three commits (claim the
submission with status "accepting", write the client, archive the consent), and a claim left
by an app that died mid-filing was taken over after CLAIM_STALE.

Filing is now one write (services/intake/accept.py) and nothing sets "accepting" any more,
but rows an older version left that way are still honoured: shown as being filed until the
claim is stale, then filed like a pending one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from studio.models import IntakeSubmission
from studio.services.common.i18n import N_
from studio.services.intake.records import SubmissionStatus

CLAIM_STALE = timedelta(minutes=15)
FILING_ELSEWHERE = N_("Someone else is filing this submission.")


def is_stale(s: IntakeSubmission, now: datetime) -> bool:
    """Whether the submission carries a claim old enough to be taken over."""
    return (s.status == SubmissionStatus.ACCEPTING and s.decided_at is not None
            and s.decided_at < now - CLAIM_STALE)
