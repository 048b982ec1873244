"""What a meeting leaves: its documents (checked by content) and the tasks its conclusion directs."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.changelog import record_change, snapshot
from danvan.core.text import nfc
from danvan.core.uploads import check_upload

from ..models import Meeting, MeetingDocument, Task
from .access import user_or_none
from .meeting_checks import check_organizer, locked
from .tasks import assign_task


@transaction.atomic
def add_document(actor, meeting: Meeting, uploaded, description: str = "") -> MeetingDocument:
    """A document of the meeting (report presented, signed minutes, slides): JPG, PNG, PDF or DOCX, its type checked
    by its first bytes."""
    meeting = locked(meeting)
    check_organizer(actor, meeting.organizer)
    if uploaded is None:
        raise ValidationError({"file": [_("Hãy chọn tệp.")]})
    checked = check_upload(uploaded, "file")
    description = nfc(str(description or "")).replace("\x00", "")
    if len(description) > 255:
        raise ValidationError({"description": [_("Mô tả dài quá 255 ký tự.")]})
    document = MeetingDocument(
        meeting=meeting,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        description=description,
        uploaded_by=user_or_none(actor),
    )
    uploaded.seek(0)
    document.file.save(f"tai-lieu{checked.extension}", uploaded, save=False)
    document.save()
    record_change(
        actor, "create", document, None, snapshot(document, exclude=("file",)), unit=meeting.organizer
    )
    return document


@transaction.atomic
def delete_document(actor, document: MeetingDocument) -> None:
    meeting = locked(document.meeting)
    check_organizer(actor, meeting.organizer)
    record_change(
        actor, "delete", document, snapshot(document, exclude=("file",)), None, unit=meeting.organizer
    )
    stored = document.file
    document.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


MAX_TASKS = 100
TASK_KEYS = {
    "lead_unit",
    "title",
    "deadline",
    "supporting_units",
    "source_reference",
    "assigned_on",
    "expected_result",
    "description",
}


@transaction.atomic
def conclusion_to_tasks(actor, meeting: Meeting, tasks) -> list[Task]:
    """Turns the meeting's conclusion into tasks of the organiser (the assigner) for units of its subtree: each row
    the keyword arguments of `assign_task` (lead_unit, title, deadline, supporting_units, expected_result…). All or
    none: the errors are keyed by row and field, `tasks-<row from 0>-<field>`, as a formset names its fields."""
    meeting = locked(meeting)
    check_organizer(actor, meeting.organizer)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError({"__all__": [_("Hội nghị đã hủy: không giao nhiệm vụ từ kết luận.")]})
    rows = list(tasks or [])
    if not rows:
        raise ValidationError({"__all__": [_("Hãy nhập ít nhất một nhiệm vụ.")]})
    if len(rows) > MAX_TASKS:
        raise ValidationError({"__all__": [_("Tối đa %(n)s nhiệm vụ một lần.") % {"n": MAX_TASKS}]})
    day = timezone.localtime(meeting.starts_at).date()
    errors: dict[str, list[str]] = {}
    made: list[Task] = []
    for index, row in enumerate(rows):
        prefix = f"tasks-{index}-"
        unknown = set(row) - TASK_KEYS
        if unknown:
            errors[prefix + "title"] = [_("Không nhận: %(f)s.") % {"f": ", ".join(sorted(unknown))}]
            continue
        missing = [k for k in ("lead_unit", "title", "deadline") if not row.get(k)]
        for key in missing:
            errors[prefix + key] = [_("Hãy nhập trường này.")]
        if missing:
            continue
        if not isinstance(row["deadline"], datetime.date) or isinstance(row["deadline"], datetime.datetime):
            errors[prefix + "deadline"] = [_("Hạn hoàn thành không phải là ngày.")]
            continue
        if row["deadline"] < day:
            errors[prefix + "deadline"] = [
                _("Dòng %(row)s: hạn hoàn thành (%(deadline)s) trước ngày hội nghị (%(day)s).")
                % {"row": index + 1, "deadline": f"{row['deadline']:%d/%m/%Y}", "day": f"{day:%d/%m/%Y}"}
            ]
            continue
        try:
            with transaction.atomic():
                made.append(
                    assign_task(
                        actor,
                        assigner=meeting.organizer,
                        source=Task.Source.MEETING,
                        meeting=meeting,
                        source_reference=row.get("source_reference") or meeting.conclusion_number,
                        **{k: v for k, v in row.items() if k != "source_reference"},
                    )
                )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(prefix + field, []).extend(
                    _("Dòng %(row)s: %(message)s") % {"row": index + 1, "message": message}
                    for message in messages
                )
    if errors:
        raise ValidationError(errors)
    return made
