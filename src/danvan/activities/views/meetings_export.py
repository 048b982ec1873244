"""The meeting list as an Excel workbook (…/hoi-nghi/xuat.xlsx), the list's filters applied."""

from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.excel_export import append_row, workbook_bytes, xlsx_response

from ..selectors.meetings import attendance_by_meeting

MAX_ROWS = 20_000


def meetings_workbook(meetings) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Hội nghị"))
    append_row(
        sheet,
        [
            _("Ngày"),
            _("Giờ"),
            _("Loại"),
            _("Tên hội nghị"),
            _("Đơn vị tổ chức"),
            _("Đơn vị chủ trì"),
            _("Địa điểm"),
            _("Kỳ"),
            _("Chủ trì"),
            _("Số người dự"),
            _("Vắng"),
            _("Tình trạng"),
            _("Số nhiệm vụ"),
        ],
    )
    rows = list(meetings[:MAX_ROWS])
    attendance = attendance_by_meeting(rows)
    for meeting in rows:
        start = timezone.localtime(meeting.starts_at)
        people = attendance[meeting.pk]
        append_row(
            sheet,
            [
                start.strftime("%d/%m/%Y"),
                start.strftime("%H:%M"),
                meeting.get_type_display(),
                meeting.title,
                meeting.organizer.name,
                meeting.host.name if meeting.host_id else "",
                meeting.place,
                meeting.period,
                "; ".join(f"{a.name}, {a.title}" if a.title else a.name for a in people.chairs),
                len(people.present()),
                len(people.absent),
                meeting.get_status_display(),
                getattr(meeting, "task_count", 0),
            ],
        )
    return workbook_bytes(workbook)


def meetings_workbook_response(meetings, filename: str = "hoi-nghi.xlsx"):
    return xlsx_response(meetings_workbook(meetings), filename)
