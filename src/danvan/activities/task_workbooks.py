"""Tasks in Excel: the board's export, and the bulk progress workbook — a lead unit's open tasks to fill offline
(percent, what was done, the completion date), read back by the same machinery as every import (core/excel.py:
size, zip and extent limits before any work; headers matched without accents)."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.excel import (
    DATE_FORMAT,
    HEADER_FILL,
    REQUIRED_HEADER_COLOUR,
    Column,
    ImportReport,
    ImportSheet,
    SheetRow,
    cell_date,
    is_blank,
    read_into_report,
)
from danvan.core.excel_export import append_row, workbook_bytes
from danvan.core.text import nfc

from .models import Task
from .selectors.tasks import STATUS_LABELS, status_of

TEXT_MAX = 10_000

PROGRESS_SHEET = ImportSheet(
    title="Tiến độ nhiệm vụ",
    columns=(
        Column("id", "Mã nhiệm vụ", True, 12, gettext_lazy("Giữ nguyên: mã của nhiệm vụ trên hệ thống.")),
        Column("title", "Nội dung nhiệm vụ", False, 50, gettext_lazy("Để tham khảo, không đọc lại.")),
        Column(
            "deadline",
            "Hạn hoàn thành",
            False,
            14,
            gettext_lazy("Để tham khảo, không đọc lại."),
            (),
            None,
            DATE_FORMAT,
        ),
        Column("current", "Tiến độ hiện tại (%)", False, 12, gettext_lazy("Để tham khảo, không đọc lại.")),
        Column("percent", "Tiến độ mới (%)", True, 12, gettext_lazy("Số nguyên từ 0 đến 100.")),
        Column(
            "text",
            "Kết quả thực hiện",
            True,
            60,
            gettext_lazy("Đã làm được gì (bắt buộc khi cập nhật)."),
            (),
            TEXT_MAX,
            "",
            True,
        ),
        Column(
            "done_on",
            "Ngày hoàn thành",
            True,
            14,
            gettext_lazy("Ghi khi nhiệm vụ đã xong (dd/mm/yyyy); tiến độ khi đó là 100%."),
            (),
            None,
            DATE_FORMAT,
        ),
    ),
    no_header_message=gettext_lazy(
        "Trang tính «%(sheet)s» không có dòng tiêu đề: hãy dùng tệp tải về từ trang cập nhật tiến độ."
    ),
    no_rows_message=gettext_lazy("Trang tính «%(sheet)s» không có nhiệm vụ nào."),
)
READ_COLUMNS = ("percent", "text", "done_on")


@dataclass(frozen=True)
class Change:
    """One row's progress report, as checked: what the confirmation saves."""

    row: int
    task_id: int
    title: str
    before: int
    percent: int
    text: str
    done_on: datetime.date | None

    def as_json(self) -> dict:
        return {**self.__dict__, "done_on": self.done_on.isoformat() if self.done_on else None}

    @classmethod
    def from_json(cls, data: dict) -> "Change":
        done_on = datetime.date.fromisoformat(data["done_on"]) if data.get("done_on") else None
        return cls(**{**data, "done_on": done_on})


@dataclass
class BulkCheck:
    report: ImportReport
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0


def _style_header(sheet, columns) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True, color=REQUIRED_HEADER_COLOUR if column.required_header else "000000")
        cell.fill = fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"


def progress_workbook(tasks) -> bytes:
    """The open tasks of a lead unit, one row each, with the three columns to fill."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = PROGRESS_SHEET.title
    columns = PROGRESS_SHEET.columns
    sheet.append([column.header for column in columns])
    _style_header(sheet, columns)
    for task in tasks:
        sheet.append([task.pk, task.title, task.deadline, task.progress, None, None, None])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime.date):
                cell.number_format = DATE_FORMAT
    guide = workbook.create_sheet("Hướng dẫn")
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["B"].width = 90
    guide.append([_("Cập nhật tiến độ nhiệm vụ bằng Excel")])
    guide.append(
        [
            _(
                "Điền các cột tiến độ mới, kết quả thực hiện và (khi đã xong) ngày hoàn thành rồi tải tệp lên "
                "trang «Cập nhật tiến độ bằng Excel». Dòng để trống ba cột này được bỏ qua. Tệp chỉ được lưu "
                "khi mọi dòng đều hợp lệ."
            )
        ]
    )
    guide.append([])
    for column in columns:
        guide.append([column.header, str(column.help)])
    return workbook_bytes(workbook)


def tasks_workbook(tasks, today: datetime.date) -> bytes:
    """The board's rows (its filters applied), streamed."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Nhiệm vụ"))
    headers = [
        _("STT"),
        _("Mã"),
        _("Nội dung nhiệm vụ"),
        _("Đơn vị giao"),
        _("Đơn vị chủ trì"),
        _("Đơn vị phối hợp"),
        _("Nguồn giao"),
        _("Văn bản giao"),
        _("Ngày giao"),
        _("Hạn ban đầu"),
        _("Hạn hoàn thành"),
        _("Tình trạng"),
        _("Tiến độ (%)"),
        _("Ngày hoàn thành"),
        _("Kết quả cần đạt"),
    ]
    for index, width in enumerate([6, 8, 50, 28, 28, 28, 18, 22, 12, 12, 12, 22, 10, 14, 40]):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    bold = Font(bold=True)
    append_row(sheet, [_cell(sheet, header, font=bold) for header in headers])
    for number, task in enumerate(tasks, start=1):
        dates = [task.assigned_on, task.original_deadline, task.deadline, task.completed_on]
        append_row(
            sheet,
            [
                number,
                task.pk,
                task.title,
                task.assigner.name,
                task.lead_unit.name,
                ", ".join(unit.name for unit in task.supporting_units.all()),
                str(task.get_source_display()),
                task.source_reference,
                *(_cell(sheet, day, number_format=DATE_FORMAT) if day else None for day in dates[:3]),
                str(STATUS_LABELS[status_of(task, today)]),
                task.progress,
                _cell(sheet, dates[3], number_format=DATE_FORMAT) if dates[3] else None,
                task.expected_result,
            ],
        )
    return workbook_bytes(workbook)


def _cell(sheet, value, *, font=None, number_format=""):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    if number_format:
        cell.number_format = number_format
    return cell


# --- reading the workbook back ------------------------------------------------------------------------------------


def _percent(value, text: str, add) -> int | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        add("percent", _("Tiến độ phải là số nguyên từ 0 đến 100, không phải “%(text)s”.") % {"text": text})
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        cleaned = text.strip().removesuffix("%").strip()
        if not cleaned.isdigit():
            add(
                "percent",
                _("Tiến độ phải là số nguyên từ 0 đến 100, không phải “%(text)s”.") % {"text": text[:30]},
            )
            return None
        value = int(cleaned)
    if not 0 <= value <= 100:
        add("percent", _("Tiến độ %(value)s%% không hợp lệ: phải từ 0 đến 100.") % {"value": value})
        return None
    return value


def read_progress(upload, tasks_by_id: dict[int, Task], today: datetime.date) -> BulkCheck:
    """Checks every row of the upload against the unit's open tasks (`tasks_by_id`); a row whose three columns to
    fill are blank is left alone. Each problem names its row and column; the caller saves nothing unless none."""
    check = BulkCheck(ImportReport(root=None))
    report = check.report
    rows: list[SheetRow] = read_into_report(upload, PROGRESS_SHEET, report)
    seen: dict[int, int] = {}
    for row in rows:
        problems: dict[str, list[str]] = {}

        def add(key, message, problems=problems):
            problems.setdefault(key, []).append(message)

        if all(is_blank(row.values.get(key)) for key in READ_COLUMNS):
            check.unchanged += 1
            continue
        raw_id = row.text.get("id", "").strip()
        task = None
        if not raw_id.isdigit() or len(raw_id) > 12:
            add("id", _("Mã nhiệm vụ “%(id)s” không hợp lệ.") % {"id": raw_id[:30]})
        else:
            task = tasks_by_id.get(int(raw_id))
            if task is None:
                add(
                    "id",
                    _(
                        "Nhiệm vụ mã %(id)s không có trong danh sách nhiệm vụ đang thực hiện của đơn vị "
                        "(không tồn tại, của đơn vị khác, hoặc đã xong, đã hủy)."
                    )
                    % {"id": raw_id},
                )
            elif task.pk in seen:
                add(
                    "id", _("Nhiệm vụ mã %(id)s đã có ở dòng %(row)s.") % {"id": raw_id, "row": seen[task.pk]}
                )
            else:
                seen[task.pk] = row.number
        percent = _percent(row.values.get("percent"), row.text.get("percent", ""), add)
        text = nfc(row.text.get("text", "")).strip()
        if not text:
            add("text", _("Hãy ghi kết quả thực hiện."))
        elif "\x00" in text:
            add("text", _("Nội dung có ký tự không hợp lệ (NUL)."))
        elif len(text) > TEXT_MAX:
            add("text", _("Dài quá %(max)s ký tự.") % {"max": TEXT_MAX})
        done_on = None
        try:
            done_on = cell_date(row.values.get("done_on"), row.text.get("done_on", ""), serial_numbers=True)
        except ValueError:
            add(
                "done_on",
                _("Ngày hoàn thành “%(text)s” không hợp lệ: hãy ghi dd/mm/yyyy, ví dụ 15/07/2026.")
                % {"text": row.text.get("done_on", "")[:30]},
            )
        if done_on is not None:
            if done_on > today:
                add("done_on", _("Ngày hoàn thành không được sau hôm nay."))
            elif task is not None and done_on < task.assigned_on:
                add(
                    "done_on",
                    _("Ngày hoàn thành trước ngày giao nhiệm vụ (%(day)s).")
                    % {"day": f"{task.assigned_on:%d/%m/%Y}"},
                )
            if percent is not None and percent != 100:
                add("percent", _("Đã ghi ngày hoàn thành thì tiến độ phải là 100%."))
            percent = 100
        elif percent is None and "percent" not in problems:
            add("percent", _("Hãy ghi tiến độ mới (%), hoặc ngày hoàn thành."))
        if problems:
            report.fail_row(row.number, problems, PROGRESS_SHEET)
            continue
        check.changes.append(Change(row.number, task.pk, task.title, task.progress, percent, text, done_on))
    if not report.errors and not check.changes:
        report.fail(_("Tệp không có dòng nào được điền tiến độ mới, kết quả hoặc ngày hoàn thành."))
    return check
