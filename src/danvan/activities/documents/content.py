"""What a meeting's minutes and conclusion notice say, from the record: the heading of the organising unit, the
time, place, content, chair and minute-taker with the posts they held that day, documents, members present and
absent with their reasons, guests, proceedings, conclusions and the tasks made of them."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import number_format

from danvan.core.periods import Period
from danvan.documents.names import issuer_lines, issuer_phrase, place_of, vietnamese_date

from ..models import Meeting
from ..selectors.meetings import Attendee, attendance_of, meeting_day


@dataclass
class Block:
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)
    # (label, text) lines: "Thời gian: …" with the label in bold
    labelled: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class DocumentText:
    superior_body: str
    issuing_body: str
    number_line: str
    place_date: str
    document_type: str
    summary: str
    blocks: list[Block]
    recipients: list[str]
    signers: list[tuple[str, str, str]]  # (authority, title, name), side by side


def _who(person: Attendee) -> str:
    return f"đồng chí {person.name}, {person.title}" if person.title else f"đồng chí {person.name}"


def _moment(value: datetime.datetime) -> str:
    local = timezone.localtime(value)
    return f"{local.hour} giờ {local.minute:02d}"


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _content_line(meeting: Meeting) -> str:
    text = meeting.title
    if meeting.period:
        try:
            label = Period.parse(meeting.period).label
        except ValueError:
            label = meeting.period
        if label not in text:
            text = f"{text} ({label})"
    return text


UNRECORDED = "chưa ghi"  # a blank line of the record, said in words rather than left as a bare full stop


def _sentence(text: str) -> str:
    return (text or UNRECORDED) + "."


def _heading(meeting: Meeting) -> tuple[str, str, str]:
    superior, issuing = issuer_lines(meeting.organizer)
    return superior, issuing, place_of(meeting.organizer)


def minutes_content(meeting: Meeting) -> DocumentText:
    """The minutes as Hướng dẫn 16-HD/VPTW lists them."""
    attendance = attendance_of(meeting)
    superior, issuing, place = _heading(meeting)
    day = meeting_day(meeting)
    start = timezone.localtime(meeting.starts_at)
    facts = [
        ("Thời gian", f"bắt đầu lúc {_moment(meeting.starts_at)}, {vietnamese_date(start.date())}."),
        ("Địa điểm", _sentence(meeting.place or ("trực tuyến" if meeting.online else ""))),
    ]
    points = list(meeting.connection_points.values_list("name", flat=True))
    if meeting.online and points:
        facts.append(("Hình thức", "trực tuyến, các điểm cầu: " + "; ".join(points) + "."))
    facts.append(("Nội dung", _content_line(meeting) + "."))
    if meeting.host_id and meeting.host_id != meeting.organizer_id:
        facts.append(("Đơn vị chủ trì", meeting.host.name + "."))
    facts.append(("Chủ trì", _sentence("; ".join(_who(a) for a in attendance.chairs))))
    facts.append(
        (
            "Thư ký (người ghi biên bản)",
            _sentence("; ".join(_who(a) for a in attendance.secretaries)),
        )
    )
    documents = [d.description or d.original_name for d in meeting.documents.all()]
    facts.append(("Tài liệu hội nghị", "; ".join(documents) + "." if documents else "không có."))
    present = [*attendance.chairs, *attendance.secretaries, *attendance.members]
    attending = Block(heading="Thành phần tham dự")
    attending.paragraphs.append(
        f"Có mặt: {number_format(len(present))} đồng chí"
        + (": " + "; ".join(_who(a) for a in present) + "." if present else ".")
    )
    absent = "; ".join(
        f"{_who(a)} (lý do: {a.absence_reason})" if a.absence_reason else _who(a) for a in attendance.absent
    )
    attending.paragraphs.append(
        f"Vắng mặt: {number_format(len(attendance.absent))} đồng chí" + (f": {absent}." if absent else ".")
    )
    if attendance.guests:
        attending.paragraphs.append("Khách mời: " + "; ".join(_who(a) for a in attendance.guests) + ".")
    blocks = [Block(labelled=facts), attending]
    blocks.append(Block(heading="Diễn biến hội nghị", paragraphs=_paragraphs(meeting.minutes) or ["…"]))
    blocks.append(
        Block(heading="Kết luận của đồng chí chủ trì", paragraphs=_paragraphs(meeting.conclusions) or ["…"])
    )
    if meeting.ends_at:
        blocks.append(
            Block(paragraphs=[f"Hội nghị kết thúc lúc {_moment(meeting.ends_at)} cùng ngày."])
            if timezone.localtime(meeting.ends_at).date() == day
            else Block(
                paragraphs=[
                    f"Hội nghị kết thúc lúc {_moment(meeting.ends_at)}, "
                    f"{vietnamese_date(timezone.localtime(meeting.ends_at).date())}."
                ]
            )
        )
    secretary = attendance.secretaries[0].name if attendance.secretaries else ""
    chair = attendance.chairs[0].name if attendance.chairs else ""
    return DocumentText(
        superior_body=superior,
        issuing_body=issuing,
        number_line="",
        place_date=f"{place}, {vietnamese_date(day)}",
        document_type="BIÊN BẢN",
        summary=f"{meeting.get_type_display()} — {meeting.title}"
        if meeting.get_type_display().lower() not in meeting.title.lower()
        else meeting.title,
        blocks=blocks,
        recipients=[],
        signers=[("THƯ KÝ HỘI NGHỊ", "", secretary), ("CHỦ TRÌ HỘI NGHỊ", "", chair)],
    )


def _task_line(index: int, task) -> str:
    line = (
        f"{index}. {task.lead_unit.name} chủ trì: {task.title}; thời hạn hoàn thành {task.deadline:%d/%m/%Y}."
    )
    if task.expected_result:
        line += f" Kết quả cần đạt: {task.expected_result}."
    return line


def notice_content(meeting: Meeting) -> DocumentText:
    """The conclusion notice: who concluded what at the meeting, and the tasks given (number, place and date of the
    notice from the record: its number and date, or the meeting's date)."""
    attendance = attendance_of(meeting)
    superior, issuing, place = _heading(meeting)
    day = meeting_day(meeting)
    chairs = attendance.chairs
    chair = chairs[0] if chairs else None
    summary = f"của {_who(chair)}" if chair else ""
    summary = (f"{summary} tại " if summary else "") + meeting.title[:1].lower() + meeting.title[1:]
    intro = (
        f"{vietnamese_date(day)[:1].upper()}{vietnamese_date(day)[1:]}, {issuer_phrase(meeting.organizer)} tổ chức "
        f"{meeting.title[:1].lower()}{meeting.title[1:]}"
    )
    intro += f" tại {meeting.place}." if meeting.place else "."
    paragraphs = [intro]
    if chairs:
        paragraphs.append("; ".join(_who(a)[:1].upper() + _who(a)[1:] for a in chairs) + " chủ trì hội nghị.")
    present = [*attendance.members, *attendance.guests]
    if present:
        paragraphs.append("Dự hội nghị có " + "; ".join(_who(a) for a in present) + ".")
    paragraphs.append(
        "Sau khi nghe báo cáo và ý kiến phát biểu của các đại biểu, đồng chí chủ trì hội nghị kết luận như sau:"
    )
    blocks = [Block(paragraphs=paragraphs), Block(paragraphs=_paragraphs(meeting.conclusions) or ["…"])]
    tasks = list(meeting.tasks.select_related("lead_unit").order_by("deadline", "id"))
    if tasks:
        blocks.append(
            Block(
                heading="Phân công thực hiện",
                paragraphs=[
                    f"{index}. {task.lead_unit.name} chủ trì: {task.title}; thời hạn hoàn thành "
                    f"{task.deadline:%d/%m/%Y}."
                    + (f" Kết quả cần đạt: {task.expected_result}." if task.expected_result else "")
                    for index, task in enumerate(tasks, start=1)
                ],
            )
        )
    blocks.append(
        Block(
            paragraphs=[
                f"{meeting.organizer.name} thông báo để các đơn vị, cá nhân liên quan biết, thực hiện."
            ]
        )
    )
    number = meeting.conclusion_number or ""
    notice_day = meeting.conclusion_date or day
    recipients = ["- Các đồng chí dự hội nghị,"]
    recipients += [f"- {unit}," for unit in dict.fromkeys(task.lead_unit.name for task in tasks)]
    recipients.append("- Lưu VT.")
    return DocumentText(
        superior_body=superior,
        issuing_body=issuing,
        number_line=f"Số {number}" if number else "Số     -TB/",
        place_date=f"{place}, {vietnamese_date(notice_day)}",
        document_type="THÔNG BÁO KẾT LUẬN",
        summary=summary,
        blocks=blocks,
        recipients=recipients,
        signers=[
            (
                "T/M " + issuing if issuing else "",
                "CHỦ TRÌ HỘI NGHỊ" if chair else "",
                chair.name if chair else "",
            )
        ],
    )
