"""Reads of the archive reader through the user's scope: the batches of the units a user edits (a batch holds
unpublished texts and the corrections under way, so viewers do not see it)."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone

from danvan.accounts.models import Role
from danvan.accounts.scope import role_q

from .models import ImportBatch, ImportItem

# A batch still reading after this long has lost its worker (stopped mid-way): the page says so.
STUCK_AFTER = datetime.timedelta(minutes=10)


def batches_visible_to(user):
    return ImportBatch.objects.filter(role_q(user, Role.EDITOR, "unit_path")).select_related(
        "unit", "uploaded_by"
    )


def get_batch_for(user, pk) -> ImportBatch:
    """The batch, or 404 when it does not exist or belongs to a unit the user does not edit."""
    return get_object_or_404(batches_visible_to(user), pk=pk)


def get_item_for(user, batch: ImportBatch, pk) -> ImportItem:
    return get_object_or_404(
        ImportItem.objects.filter(batch=batch).select_related("batch", "chosen_unit"), pk=pk
    )


def items_of(batch: ImportBatch):
    return (
        batch.items.defer("data")
        .select_related("chosen_unit", "result", "result__meeting", "result__inspection", "result__article")
        .order_by("position", "id")
    )


def is_stuck(batch: ImportBatch, now: datetime.datetime | None = None) -> bool:
    busy = batch.state in (ImportBatch.State.QUEUED, ImportBatch.State.READING)
    return busy and (now or timezone.now()) - batch.updated_at > STUCK_AFTER
