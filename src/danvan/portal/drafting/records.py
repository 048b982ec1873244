"""The work records a story can be written from, read through the user's scope: a held meeting, an inspection under
way or concluded, a recognised "Dân vận khéo" model. A record outside the scope is a 404, as on its own page."""

import datetime
from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.activities.models import Inspection, Meeting
from danvan.activities.selectors.meetings import get_meeting_for, meeting_day
from danvan.activities.selectors.oversight import get_inspection_for
from danvan.orgunits.models import OrgUnit
from danvan.portal.models import Article
from danvan.practices.models import Practice, Status
from danvan.practices.selectors import get_practice_for

from .inspections import compose_inspection
from .meetings import compose_meeting
from .practices import compose_practice
from .wording import Draft

Kind = Article.RecordKind
RECOGNISED = (Status.RECOGNISED, Status.REPLICATED)
# The kinds as the URLs name them: /tin-bai/viet-tin/hoi-nghi/12/.
SLUG_OF_KIND = {Kind.MEETING: "hoi-nghi", Kind.INSPECTION: "kiem-tra", Kind.PRACTICE: "mo-hinh"}
KIND_OF_SLUG = {slug: kind for kind, slug in SLUG_OF_KIND.items()}


@dataclass
class WorkRecord:
    kind: str
    obj: Meeting | Inspection | Practice
    unit: OrgUnit  # whose site the story goes to by default
    day: datetime.date | None

    @property
    def pk(self) -> int:
        return self.obj.pk

    @property
    def title(self) -> str:
        return str(self.obj)

    @property
    def url(self) -> str:
        name = {
            Kind.MEETING: "activities:meeting_detail",
            Kind.INSPECTION: "activities:inspection_detail",
            Kind.PRACTICE: "practices:detail",
        }[self.kind]
        return reverse(name, args=[self.pk])

    @property
    def refusal(self) -> str:
        """Why no story can be written from the record yet (empty when one can)."""
        if self.kind == Kind.MEETING and self.obj.status != Meeting.Status.HELD:
            return _("Chỉ viết tin từ hội nghị đã tổ chức.")
        if self.kind == Kind.INSPECTION and self.obj.status == Inspection.Status.PLANNED:
            return _("Chỉ viết tin khi cuộc kiểm tra, giám sát đã bắt đầu.")
        if self.kind == Kind.PRACTICE and self.obj.status not in RECOGNISED:
            return _("Chỉ viết tin về mô hình, điển hình đã được công nhận.")
        return ""

    def compose(self) -> Draft:
        if self.kind == Kind.MEETING:
            return compose_meeting(self.obj)
        if self.kind == Kind.INSPECTION:
            return compose_inspection(self.obj)
        return compose_practice(self.obj)


def record_for(user, kind: str, pk: int) -> WorkRecord:
    """The record the user reads, or 404 (an unknown kind, a record that does not exist or is outside the scope)."""
    if kind == Kind.MEETING:
        meeting = get_meeting_for(user, pk)
        return WorkRecord(kind, meeting, meeting.host or meeting.organizer, meeting_day(meeting))
    if kind == Kind.INSPECTION:
        inspection = get_inspection_for(user, pk)
        return WorkRecord(kind, inspection, inspection.organizer, inspection.starts_on)
    if kind == Kind.PRACTICE:
        practice = get_practice_for(user, pk)
        return WorkRecord(kind, practice, practice.owner, practice.recognition_date)
    raise Http404
