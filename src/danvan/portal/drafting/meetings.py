"""A story from a held meeting: "<Ban> sơ kết công tác dân vận 6 tháng đầu năm 2026"; the lead "Sáng ngày
dd/mm/yyyy, tại …, <Ban> tổ chức hội nghị …"; who chaired and attended with the posts they held that day; the period
reviewed and what the minutes record; the conclusions and the tasks they directed, as lists."""

from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.activities.models import Meeting
from danvan.activities.selectors.meetings import attendance_of, meeting_day
from danvan.core.periods import Period

from .wording import (
    Draft,
    bullet_list,
    day_text,
    items_of,
    lower_first,
    paragraph,
    paragraphs_of,
    part_of_day,
    people_phrase,
    person,
    sentence,
    voice_of,
)

# Titles that already say what the event is ("Hội nghị …", "Lớp tập huấn …"): the lead uses them as they are.
_EVENT_WORDS = ("hội nghị", "hội thảo", "lớp", "buổi", "cuộc", "lễ", "tọa đàm", "chương trình", "diễn đàn")
_EVENT_OF_TYPE = {
    Meeting.Type.TAP_HUAN: "lớp",
    Meeting.Type.DOI_THOAI: "buổi",
    Meeting.Type.TIEP_XUC: "buổi",
    Meeting.Type.HOI_THAO: "hội thảo",
}
# What the organiser does, for the reviews of a period: "sơ kết công tác dân vận 6 tháng đầu năm 2026".
_REVIEW_VERB = {
    Meeting.Type.SO_KET: "sơ kết",
    Meeting.Type.TONG_KET: "tổng kết",
    Meeting.Type.GIAO_BAN: "giao ban",
}


def period_label(code: str) -> str:
    try:
        return Period.parse(code).label if code else ""
    except ValueError:
        return ""


def _event(meeting: Meeting, period: str) -> str:
    """What was held, as the lead names it after "tổ chức": "hội nghị sơ kết công tác dân vận 6 tháng đầu năm
    2026", "lớp tập huấn …", or the meeting's own title."""
    if meeting.type in _REVIEW_VERB and period:
        return f"hội nghị {_REVIEW_VERB[meeting.type]} công tác dân vận {period}"
    title = lower_first(meeting.title)
    if title.lower().startswith(_EVENT_WORDS):
        return title
    return f"{_EVENT_OF_TYPE.get(meeting.type, 'hội nghị')} {title}"


def short_event(event: str) -> str:
    """How the story names the event again after the lead: "hội nghị", "lớp tập huấn", "buổi đối thoại"."""
    for prefix in ("hội nghị", "hội thảo", "tọa đàm", "diễn đàn", "chương trình"):
        if event.startswith(prefix):
            return prefix
    if event.startswith("lớp"):
        return "lớp tập huấn" if "tập huấn" in event else "lớp học"
    if event.startswith(("buổi", "cuộc")):
        return "buổi đối thoại" if "đối thoại" in event else "buổi làm việc"
    if event.startswith("lễ"):
        return "buổi lễ"
    return "hội nghị"


def headline(meeting: Meeting, voice: str, period: str) -> str:
    if meeting.type in _REVIEW_VERB and period:
        return f"{voice} {_REVIEW_VERB[meeting.type]} công tác dân vận {period}"
    return f"{voice} tổ chức {_event(meeting, period)}"


def _attendance_paragraphs(meeting: Meeting, event_word: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The paragraphs naming who attended and who chaired (with the posts held on the meeting's date), and the
    chairs."""
    attendance = attendance_of(meeting)
    found = []
    chairs = [(a.name, a.title) for a in attendance.chairs]
    present = [(a.name, a.title) for a in [*attendance.guests, *attendance.members]]
    if present:
        found.append(
            paragraph(
                sentence(
                    _("Dự %(event)s có %(people)s") % {"event": event_word, "people": people_phrase(present)}
                )
            )
        )
    if len(chairs) == 1:
        found.append(
            paragraph(
                sentence(
                    _("Đồng chí %(person)s chủ trì %(event)s")
                    % {"person": person(*chairs[0]), "event": event_word}
                )
            )
        )
    elif chairs:
        found.append(
            paragraph(
                sentence(
                    _("Các đồng chí: %(people)s đồng chủ trì %(event)s")
                    % {"people": "; ".join(person(*chair) for chair in chairs), "event": event_word}
                )
            )
        )
    return found, chairs


def _conclusion_paragraphs(meeting: Meeting, chairs, event_word: str) -> list[str]:
    found = []
    intro, items = items_of(meeting.conclusions)
    if items:
        if chairs:
            lead = _(
                "Phát biểu kết luận %(event)s, đồng chí %(person)s đề nghị thời gian tới tập trung thực hiện tốt "
                "các nhiệm vụ sau:"
            ) % {"event": event_word, "person": person(*chairs[0])}
        else:
            lead = _("Kết luận %(event)s nêu rõ các nhiệm vụ thời gian tới:") % {"event": event_word}
        if intro and not chairs:
            lead = sentence(intro).rstrip(".") + ":"
        found += [paragraph(lead), bullet_list(items)]
    tasks = list(meeting.tasks.select_related("lead_unit").order_by("deadline", "id"))
    if tasks:
        notice = ""
        if meeting.conclusion_number:
            notice = _(" (Thông báo số %(number)s)") % {"number": meeting.conclusion_number}
        found.append(
            paragraph(
                _("Thực hiện kết luận %(event)s%(notice)s, %(count)d nhiệm vụ đã được giao cho các đơn vị:")
                % {"event": event_word, "notice": notice, "count": len(tasks)}
            )
        )
        found.append(
            bullet_list(
                [
                    sentence(
                        _("%(task)s – %(unit)s chủ trì, hoàn thành trước ngày %(day)s")
                        % {
                            "task": task.title.rstrip("."),
                            "unit": task.lead_unit.name,
                            "day": day_text(task.deadline),
                        }
                    )
                    for task in tasks
                ]
            )
        )
    return found


def compose_meeting(meeting: Meeting) -> Draft:
    day = meeting_day(meeting)
    start = timezone.localtime(meeting.starts_at)
    voice = voice_of(meeting.host or meeting.organizer, day)
    period = period_label(meeting.period)
    event = _event(meeting, period)
    event_word = short_event(event)
    place = _(", tại %(place)s") % {"place": meeting.place} if meeting.place else ""
    lead = _("%(part)s ngày %(day)s%(place)s, %(voice)s tổ chức %(event)s.") % {
        "part": part_of_day(start),
        "day": day_text(day),
        "place": place,
        "voice": voice,
        "event": event,
    }
    paragraphs = []
    points = meeting.connection_points.count()
    if meeting.online:
        online = _("%(event)s được tổ chức theo hình thức trực tuyến") % {"event": event_word}
        if points:
            online += _(", kết nối tới %(count)d điểm cầu") % {"count": points}
        paragraphs.append(paragraph(sentence(online)))
    attendance, chairs = _attendance_paragraphs(meeting, event_word)
    paragraphs += attendance
    if period:
        paragraphs.append(
            paragraph(
                sentence(
                    _(
                        "%(event)s đã đánh giá kết quả công tác dân vận %(period)s, chỉ ra những hạn chế và bàn "
                        "nhiệm vụ thời gian tới"
                    )
                    % {"event": event_word, "period": period}
                )
            )
        )
    paragraphs += paragraphs_of(meeting.minutes)
    paragraphs += _conclusion_paragraphs(meeting, chairs, event_word)
    return Draft(title=headline(meeting, voice, period), summary=lead, paragraphs=paragraphs)
