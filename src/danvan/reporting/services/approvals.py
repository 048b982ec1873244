"""Many reports approved at once from the completeness page: each through the workflow's own `transition`, all in
one transaction, every refusal named by its unit."""

from dataclasses import dataclass, field

from django.db import transaction

from danvan.core.errors import NotAllowed, ValidationError

from ..models import Submission
from .workflow import transition


@dataclass
class BulkApproval:
    approved: list[Submission] = field(default_factory=list)
    refused: list[tuple[Submission, str]] = field(default_factory=list)


def _reason(error: ValidationError | NotAllowed) -> str:
    return error.message if isinstance(error, NotAllowed) else " ".join(error.messages)


@transaction.atomic
def approve_many(actor, submissions, comment: str = "") -> BulkApproval:
    """Approves each report (in id order, the order rows are locked in) as `transition(actor, s, "approve")` would
    one by one; a report the workflow refuses (returned meanwhile, not the actor's to approve…) is left as it was and
    listed with the reason, the others are approved and logged."""
    result = BulkApproval()
    for submission in sorted(submissions, key=lambda s: s.pk):
        try:
            with transaction.atomic():
                result.approved.append(transition(actor, submission, "approve", comment=comment))
        except (ValidationError, NotAllowed) as error:
            result.refused.append((submission, _reason(error)))
    return result
