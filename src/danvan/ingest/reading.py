"""Reading a batch's files in the background: each file's text and the event in it, one commit per file, the
batch's progress counted on its row for the page that polls it."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ImportBatch, ImportItem
from .reader import extract_text, read_event

logger = logging.getLogger(__name__)


def read_item(item: ImportItem) -> None:
    """Reads one file: its text and the event in it, or why it cannot be read. The file's bytes are dropped once
    read (the text is what is kept)."""
    try:
        text = extract_text(bytes(item.data), item.filename)
        event = read_event(text)
    except ValidationError as error:
        item.state, item.error = ImportItem.State.UNREADABLE, "; ".join(error.messages)[:2000]
        item.text, item.event = "", None
    except Exception:  # a reader's bug on one odd file must not stop the batch
        logger.exception("Archive item %s could not be read", item.pk)
        item.state, item.error = ImportItem.State.UNREADABLE, _("Không đọc được nội dung tệp này.")
        item.text, item.event = "", None
    else:
        item.state, item.error, item.text, item.event = ImportItem.State.READ, "", text, event
    item.data = b""
    item.save(update_fields=["state", "error", "text", "event", "data"])


def read_batch(batch_id: int) -> None:
    """The worker's job: reads each waiting file, counting progress on the batch (one commit per file, so the page
    polling it sees "đã đọc 7/12")."""
    updated = ImportBatch.objects.filter(
        pk=batch_id, state__in=[ImportBatch.State.QUEUED, ImportBatch.State.READING]
    ).update(state=ImportBatch.State.READING, updated_at=timezone.now())
    if not updated:
        return
    for item_id in ImportItem.objects.filter(batch_id=batch_id, state=ImportItem.State.WAITING).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            item = (
                ImportItem.objects.select_for_update()
                .filter(pk=item_id, state=ImportItem.State.WAITING)
                .first()
            )
            if item is None:
                continue
            read_item(item)
            ImportBatch.objects.filter(pk=batch_id).update(
                progress=F("progress") + 1, updated_at=timezone.now()
            )
    ImportBatch.objects.filter(pk=batch_id).update(state=ImportBatch.State.READY, updated_at=timezone.now())
