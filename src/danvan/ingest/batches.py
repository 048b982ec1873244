"""The archive page's batches: an upload of news files saved for an editor's unit and read in the background
(`tasks.read_batch`, progress on the batch's row), each extraction corrected by the editor, then imported one by one
or all the checked ones at once (`importing.import_event`, each in its own savepoint, each keeping its result or its
error)."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts.models import Role
from danvan.accounts.scope import has_role_on
from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.orgunits.models import OrgUnit

from . import selectors, tasks
from .archive import read_upload
from .importing import clean_event, import_event
from .models import ImportBatch, ImportItem

logger = logging.getLogger(__name__)


def can_import(user, unit: OrgUnit) -> bool:
    """Reading an archive into a unit's records: an editor of the unit or above."""
    return has_role_on(user, Role.EDITOR, unit.path)


def batch_snapshot(batch: ImportBatch) -> dict:
    return snapshot(batch, exclude=("skipped", "error"))


@transaction.atomic
def create_batch(actor, *, unit: OrgUnit, uploads) -> ImportBatch:
    """Saves the uploaded news files (zips unpacked, within the limits of `archive`) as a batch of `unit`, and asks
    the worker to read them once the transaction commits."""
    if not isinstance(unit, OrgUnit):
        raise ValidationError({"unit": [_("Hãy chọn đơn vị.")]})
    if not can_import(actor, unit):
        raise NotAllowed(_("Bạn không có quyền nhập tin cho %(unit)s.") % {"unit": unit.name})
    upload = read_upload(list(uploads))
    names = [name for name, _data in upload.files]
    batch = ImportBatch.objects.create(
        unit=unit,
        unit_path=unit.path,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        name=(
            names[0]
            if len(names) == 1
            else _("%(first)s và %(n)s tệp khác") % {"first": names[0], "n": len(names) - 1}
        )[:255],
        total=len(upload.files),
        skipped=upload.skipped,
    )
    ImportItem.objects.bulk_create(
        ImportItem(batch=batch, position=position, filename=name, data=data)
        for position, (name, data) in enumerate(upload.files, start=1)
    )
    record_change(actor, "create", batch, None, batch_snapshot(batch), unit=unit)
    batch_id = batch.pk
    transaction.on_commit(lambda: _enqueue(batch_id))
    return batch


def resume_reading(actor, batch: ImportBatch) -> ImportBatch:
    """Queues a stuck batch's reading again (the worker stopped mid-way): the files not yet read are read, those
    read stay as they are (`reading.read_batch` takes only the waiting ones)."""
    if not can_import(actor, batch.unit):
        raise NotAllowed(_("Bạn không có quyền đọc tin vào đơn vị này."))
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if not selectors.is_stuck(batch):
            raise ValidationError({"batch": _("Đợt này không bị gián đoạn: không cần đọc tiếp.")})
        before = batch_snapshot(batch)
        batch.state = ImportBatch.State.QUEUED
        batch.save(update_fields=["state", "updated_at"])
        record_change(actor, "update", batch, before, batch_snapshot(batch), unit=batch.unit)
        transaction.on_commit(lambda: _enqueue(batch.pk))
    return batch


def _enqueue(batch_id: int) -> None:
    try:
        tasks.read_batch.enqueue(batch_id)
    except Exception as error:  # the queue itself failed: say so rather than wait forever
        logger.exception("Could not queue archive batch %s", batch_id)
        ImportBatch.objects.filter(pk=batch_id).update(
            state=ImportBatch.State.FAILED,
            error=_("Không đưa được việc đọc tin vào hàng đợi: %(e)s") % {"e": error},
        )


@transaction.atomic
def correct_item(actor, item: ImportItem, event: dict, *, organizer: OrgUnit | None = None) -> ImportItem:
    """Keeps the editor's corrections of an extraction (checked as an import would check them) and the organiser
    unit they chose (None: the unit the text names)."""
    item = ImportItem.objects.select_for_update().select_related("batch", "batch__unit").get(pk=item.pk)
    if not can_import(actor, item.batch.unit):
        raise NotAllowed(_("Bạn không có quyền nhập tin cho %(unit)s.") % {"unit": item.batch.unit.name})
    if item.state == ImportItem.State.IMPORTED:
        raise ValidationError({"__all__": [_("Tin này đã được nhập vào hệ thống.")]})
    clean_event(event)
    if organizer is not None and not can_import(actor, organizer):
        raise NotAllowed(_("Bạn không có quyền nhập tin cho %(unit)s.") % {"unit": organizer.name})
    item.corrected, item.chosen_unit = event, organizer
    if item.state == ImportItem.State.FAILED:
        item.state, item.error = ImportItem.State.READ, ""
    item.save(update_fields=["corrected", "chosen_unit", "state", "error"])
    return item


@transaction.atomic
def import_item(actor, item: ImportItem, *, organizer: OrgUnit | None = None, site=None) -> ImportItem:
    """Imports one item (its corrected event, else the one read) in a savepoint; keeps the result or the error on the
    item and returns it. The item's row is locked, so a second click waits and finds it imported. The batch's unit
    settles a name several units bear."""
    item = (
        ImportItem.objects.select_for_update(of=("self",))
        .select_related("batch", "batch__unit", "chosen_unit")
        .get(pk=item.pk)
    )
    if not can_import(actor, item.batch.unit):
        raise NotAllowed(_("Bạn không có quyền nhập tin cho %(unit)s.") % {"unit": item.batch.unit.name})
    if item.state not in (ImportItem.State.READ, ImportItem.State.FAILED):
        return item
    try:
        with transaction.atomic():
            record = import_event(
                actor,
                item.current_event,
                text=item.text,
                organizer=organizer or item.chosen_unit,
                site=site,
                context_unit=item.batch.unit,
            )
    except (ValidationError, NotAllowed) as error:
        item.state = ImportItem.State.FAILED
        item.error = "; ".join(_messages(error))[:2000]
        item.save(update_fields=["state", "error"])
        return item
    item.state, item.error, item.result = ImportItem.State.IMPORTED, "", record
    item.result_note = " ".join(getattr(record, "notes", []))[:500]
    item.save(update_fields=["state", "error", "result", "result_note"])
    return item


def _messages(error) -> list[str]:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return [message for messages in error.message_dict.values() for message in messages]
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error)]


@transaction.atomic
def import_items(actor, items) -> list[ImportItem]:
    """Imports each item in turn (one savepoint each: one item's error leaves the others imported)."""
    return [import_item(actor, item) for item in items]
