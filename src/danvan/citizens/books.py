"""The official books as Excel, in the column layout of the forms annexed to Thông tư 05/2021/TT-TTCP: the *sổ theo
dõi đơn* (every petition a unit's subtree received in a date range) and the *sổ tiếp công dân* (every reception held
in it, with the petitions received there). A denunciation's denouncer is never named: "Người tố cáo (được giữ bí
mật)", with no address; texts are neutralised by `core.excel_export.workbook_bytes`."""

import datetime

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.excel_export import workbook_bytes
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtrees_q

from .models import Petition, PetitionStep, Reception, Sender
from .services.petitions import SEALED_LABEL

Processing = Petition.Processing
HANDLING = [
    (Processing.WITHIN, gettext_lazy("Thụ lý giải quyết")),
    (Processing.FORWARDED, gettext_lazy("Chuyển đơn đến cơ quan có thẩm quyền")),
    (Processing.GUIDED, gettext_lazy("Hướng dẫn, trả lại đơn")),
    (Processing.FILED, gettext_lazy("Lưu đơn")),
]
KIND_COLUMNS = [
    ((Petition.Kind.KHIEU_NAI_1, Petition.Kind.KHIEU_NAI_2), gettext_lazy("Khiếu nại")),
    ((Petition.Kind.TO_CAO,), gettext_lazy("Tố cáo")),
    ((Petition.Kind.KIEN_NGHI, Petition.Kind.PHAN_ANH), gettext_lazy("Kiến nghị, phản ánh")),
]
MARK = "x"


def petitions_in(unit: OrgUnit, first: datetime.date, last: datetime.date):
    """The petitions the unit's subtree (and its predecessors') received from `first` to `last`, in the book's order,
    with their senders and their processing step (three queries)."""
    return (
        Petition.objects.filter(
            subtrees_q(lineage_paths(unit), "unit_path"), received_on__gte=first, received_on__lte=last
        )
        .select_related("unit")
        .prefetch_related(
            Prefetch("senders", queryset=Sender.objects.order_by("-is_representative", "id")),
            Prefetch(
                "steps",
                queryset=PetitionStep.objects.filter(action=PetitionStep.Action.PROCESS).order_by("on", "id"),
                to_attr="processing_steps",
            ),
        )
        .order_by("received_on", "unit__path", "number", "id")
    )


def who(petition: Petition) -> str:
    """The sender's name and address as the book writes them; a denouncer masked."""
    if petition.kind == Petition.Kind.TO_CAO:
        return _(SEALED_LABEL)
    senders = list(petition.senders.all())
    if not senders:
        return petition.sender_label
    first = senders[0]
    text = petition.sender_label or first.name
    return f"{text} — {first.address}" if first.address else text


def competent_body(petition: Petition) -> str:
    """The body competent to resolve it: where it was forwarded, else the unit handling it."""
    steps = getattr(petition, "processing_steps", [])
    forwarded = [
        s.details.get("to_body", "") for s in steps if s.details.get("processing") == Processing.FORWARDED
    ]
    return forwarded[-1] if forwarded and forwarded[-1] else petition.unit.name


def result(petition: Petition) -> str:
    """What became of it: the resolution (its outcome and decision), else its stage."""
    if petition.resolved_on:
        parts = [_("Đã giải quyết ngày %(date)s") % {"date": f"{petition.resolved_on:%d/%m/%Y}"}]
        if petition.outcome:
            parts.append(petition.get_outcome_display())
        if petition.decision_reference:
            parts.append(petition.decision_reference)
        return "; ".join(parts)
    return petition.get_stage_display()


def _sheet(book, title: str, heading: str, unit: OrgUnit, first, last, head_top, head_sub, widths):
    """The book's title block and its two heading rows (the form's grouped columns merged)."""
    from openpyxl.styles import Alignment, Border, Font, Side

    sheet = book.active
    sheet.title = title[:31]
    columns = len(head_sub)
    sheet.append([unit.name])
    sheet.append([heading])
    sheet.append(
        [
            _("Từ ngày %(first)s đến ngày %(last)s")
            % {"first": f"{first:%d/%m/%Y}", "last": f"{last:%d/%m/%Y}"}
        ]
    )
    sheet.append([])
    for row in (2, 3):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        sheet.cell(row=row, column=1).alignment = Alignment(horizontal="center")
    sheet["A2"].font = Font(bold=True, size=13)
    sheet.append(head_top)
    sheet.append(head_sub)
    sheet.append([f"({n})" for n in range(1, columns + 1)])
    thin = Side(style="thin")
    for row in (5, 6, 7):
        for column in range(1, columns + 1):
            cell = sheet.cell(row=row, column=column)
            cell.font = Font(bold=row != 7, italic=row == 7)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    # A heading without sub-columns spans both heading rows; a group spans its sub-columns.
    column = 1
    while column <= columns:
        top = head_top[column - 1]
        span = 1
        while column + span <= columns and head_top[column + span - 1] is None:
            span += 1
        if span > 1:
            sheet.merge_cells(start_row=5, start_column=column, end_row=5, end_column=column + span - 1)
        elif top == head_sub[column - 1]:
            sheet.merge_cells(start_row=5, start_column=column, end_row=6, end_column=column)
        column += span
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = "A8"
    return sheet


def _grouped(tops: list[tuple[str, list[str] | None]]) -> tuple[list, list]:
    """Two heading rows from (heading, sub-columns or None)."""
    top, sub = [], []
    for heading, parts in tops:
        if parts is None:
            top.append(heading)
            sub.append(heading)
        else:
            top.extend([heading, *[None] * (len(parts) - 1)])
            sub.extend(parts)
    return top, sub


def petition_book(unit: OrgUnit, first: datetime.date, last: datetime.date) -> bytes:
    """Sổ theo dõi đơn: STT, ngày nhận, số đơn, người gửi (họ tên, địa chỉ), nội dung, loại đơn (khiếu nại, tố cáo,
    kiến nghị phản ánh), nguồn đơn, cơ quan có thẩm quyền, hướng xử lý (thụ lý, chuyển đơn, hướng dẫn, lưu đơn), kết
    quả giải quyết, ghi chú."""
    from openpyxl import Workbook

    top, sub = _grouped(
        [
            (_("STT"), None),
            (_("Ngày nhận đơn"), None),
            (_("Số vào sổ"), None),
            (_("Họ tên, địa chỉ người gửi đơn"), None),
            (_("Nội dung đơn"), None),
            (_("Phân loại đơn"), [str(label) for _kinds, label in KIND_COLUMNS]),
            (_("Nguồn đơn"), None),
            (_("Cơ quan có thẩm quyền giải quyết"), None),
            (_("Hướng xử lý"), [str(label) for _value, label in HANDLING]),
            (_("Kết quả giải quyết"), None),
            (_("Ghi chú"), None),
        ]
    )
    book = Workbook()
    widths = [6, 12, 10, 34, 50, 10, 10, 12, 22, 30, 12, 14, 12, 10, 34, 24]
    sheet = _sheet(book, _("Sổ theo dõi đơn"), _("SỔ THEO DÕI ĐƠN"), unit, first, last, top, sub, widths)
    for number, petition in enumerate(petitions_in(unit, first, last), start=1):
        sheet.append(
            [
                number,
                petition.received_on,
                f"{petition.number}/{petition.year}",
                who(petition),
                f"{petition.subject}. {petition.get_field_display()}",
                *[MARK if petition.kind in kinds else "" for kinds, _label in KIND_COLUMNS],
                petition.get_channel_display(),
                competent_body(petition),
                *[MARK if petition.processing == value else "" for value, _label in HANDLING],
                result(petition),
                _("Đơn tập thể (%(count)d người)") % {"count": petition.signers} if petition.is_group else "",
            ]
        )
        sheet.cell(row=sheet.max_row, column=2).number_format = "DD/MM/YYYY"
    return workbook_bytes(book)


def receptions_in(unit: OrgUnit, first: datetime.date, last: datetime.date):
    """The receptions the unit's subtree held from `first` to `last`, with their leader and the petitions received
    there (and those petitions' senders and processing steps)."""
    petitions = Petition.objects.select_related("unit").prefetch_related(
        Prefetch("senders", queryset=Sender.objects.order_by("-is_representative", "id")),
        Prefetch(
            "steps",
            queryset=PetitionStep.objects.filter(action=PetitionStep.Action.PROCESS).order_by("on", "id"),
            to_attr="processing_steps",
        ),
    )
    return (
        Reception.objects.filter(
            subtrees_q(lineage_paths(unit), "unit_path"), date__gte=first, date__lte=last
        )
        .select_related("leader", "unit")
        .prefetch_related(Prefetch("petitions", queryset=petitions.order_by("number", "id")))
        .order_by("date", "unit__path", "id")
    )


def reception_book(unit: OrgUnit, first: datetime.date, last: datetime.date) -> bytes:
    """Sổ tiếp công dân: STT, ngày tiếp, họ tên và địa chỉ, nội dung vụ việc, phân loại (khiếu nại, tố cáo, kiến
    nghị phản ánh), cơ quan đã giải quyết / có thẩm quyền, hướng xử lý, theo dõi kết quả, ghi chú (người tiếp). A
    reception where no petition was registered is one line with the number of citizens received."""
    from openpyxl import Workbook

    top, sub = _grouped(
        [
            (_("STT"), None),
            (_("Ngày tiếp"), None),
            (_("Họ tên, địa chỉ công dân"), None),
            (_("Nội dung vụ việc"), None),
            (_("Phân loại vụ việc, đơn"), [str(label) for _kinds, label in KIND_COLUMNS]),
            (_("Cơ quan có thẩm quyền giải quyết"), None),
            (_("Hướng xử lý"), [str(label) for _value, label in HANDLING]),
            (_("Theo dõi kết quả"), None),
            (_("Ghi chú"), None),
        ]
    )
    book = Workbook()
    widths = [6, 12, 34, 50, 10, 10, 12, 30, 12, 14, 12, 10, 30, 30]
    sheet = _sheet(book, _("Sổ tiếp công dân"), _("SỔ TIẾP CÔNG DÂN"), unit, first, last, top, sub, widths)
    number = 0
    for reception in receptions_in(unit, first, last):
        note = _("Người tiếp: %(leader)s") % {"leader": reception.leader.name} if reception.leader else ""
        petitions = list(reception.petitions.all())
        if not petitions:
            number += 1
            sheet.append(
                [
                    number,
                    reception.date,
                    _("%(count)d lượt công dân") % {"count": reception.citizens_count},
                    reception.notes or _("Không có đơn được tiếp nhận"),
                    *[""] * len(KIND_COLUMNS),
                    reception.unit.name,
                    *[""] * len(HANDLING),
                    "",
                    note,
                ]
            )
            sheet.cell(row=sheet.max_row, column=2).number_format = "DD/MM/YYYY"
        for petition in petitions:
            number += 1
            sheet.append(
                [
                    number,
                    reception.date,
                    who(petition),
                    f"{petition.subject}. {petition.get_field_display()}",
                    *[MARK if petition.kind in kinds else "" for kinds, _label in KIND_COLUMNS],
                    competent_body(petition),
                    *[MARK if petition.processing == value else "" for value, _label in HANDLING],
                    result(petition),
                    note,
                ]
            )
            sheet.cell(row=sheet.max_row, column=2).number_format = "DD/MM/YYYY"
    return workbook_bytes(book)
