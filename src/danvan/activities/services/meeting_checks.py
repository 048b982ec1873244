"""What the meeting services share: the lock on a meeting, the organiser's permission, the log's keys."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from danvan.core.errors import NotAllowed
from danvan.orgunits.models import OrgUnit

from ..models import Meeting
from .access import can_edit

# Keys of the change log that are no field of the meeting: shown as written on the history tab.
REASON_KEY = "Lý do thay đổi"
ATTENDANCE_KEY = "Thành phần tham dự"
POINTS_KEY = "Các điểm cầu"
MAX_ATTENDEES = 500


def check_organizer(actor, organizer) -> None:
    if not isinstance(organizer, OrgUnit):
        raise ValidationError({"organizer": [_("Hãy chọn đơn vị tổ chức.")]})
    if not can_edit(actor, organizer):
        raise NotAllowed(_("Bạn không có quyền ghi hội nghị của %(unit)s.") % {"unit": organizer.name})


def locked(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",)).select_related("organizer", "host").get(pk=meeting.pk)
    )
