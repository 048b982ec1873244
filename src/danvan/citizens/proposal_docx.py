"""The "Phiếu đề xuất xử lý đơn" of one petition (TT 05/2021/TT-TTCP, mẫu số 01) as a Word file, on the shared layout
of `danvan.documents.word`. A denunciation's denouncers are never written: the masked label stands for them."""

import datetime

from django.utils.translation import gettext as _

from danvan.documents import word
from danvan.documents.names import vietnamese_date

from .models import Petition


def _heading(document, petition: Petition, today: datetime.date) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    center = WD_ALIGN_PARAGRAPH.CENTER
    table = document.add_table(rows=1, cols=2)
    word.no_borders(table)
    word.widths(table, [7.0, 9.5])
    left, right = table.rows[0].cells
    unit = petition.unit
    word.first_paragraph(left, (unit.parent.name if unit.parent else "").upper(), align=center, size=13)
    word.paragraph(left, unit.name.upper(), align=center, bold=True, size=13)
    word.paragraph(left, "———", align=center, size=13)
    word.first_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align=center, bold=True, size=13)
    word.paragraph(right, "Độc lập - Tự do - Hạnh phúc", align=center, bold=True)
    word.paragraph(right, "———————", align=center, size=13)
    word.paragraph(right, f"…………, {vietnamese_date(today)}", align=center, italic=True, before=6)


def sender_lines(petition: Petition) -> list[str]:
    """Who sent it, as the form asks: the masked label for a denunciation, the senders of any other petition."""
    if petition.is_denunciation:
        return [_("Người gửi đơn: %(label)s") % {"label": _("Người tố cáo (được giữ bí mật)")}]
    lines = []
    for sender in petition.senders.all():
        lines.append(_("Người gửi đơn: %(name)s") % {"name": sender.name})
        if sender.address:
            lines.append(_("Địa chỉ: %(address)s") % {"address": sender.address})
    return lines or [_("Người gửi đơn: %(label)s") % {"label": petition.sender_label or _("Đơn nặc danh")}]


def proposal_docx(petition: Petition, *, author: str, today: datetime.date) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    title = _("PHIẾU ĐỀ XUẤT XỬ LÝ ĐƠN")
    document = word.new_document(title=f"{title} {petition.number}/{petition.year}", author=author)
    _heading(document, petition, today)
    word.paragraph(document, title, align=center, bold=True, before=18, after=6)
    word.paragraph(
        document, _("Kính gửi: Lãnh đạo %(unit)s") % {"unit": petition.unit.name}, align=center, after=12
    )
    lines = [
        _("Ngày %(date)s, %(unit)s nhận được đơn số %(number)s/%(year)s (%(kind)s, %(channel)s).")
        % {
            "date": petition.received_on.strftime("%d/%m/%Y"),
            "unit": petition.unit.name,
            "number": petition.number,
            "year": petition.year,
            "kind": petition.get_kind_display().lower(),
            "channel": petition.get_channel_display().lower(),
        },
        *sender_lines(petition),
        _("Lĩnh vực: %(field)s.") % {"field": petition.get_field_display()},
        _("Nội dung đơn (trích yếu): %(subject)s.") % {"subject": petition.subject},
    ]
    if petition.forwarded_by:
        lines.append(_("Cơ quan chuyển đến: %(body)s.") % {"body": petition.forwarded_by})
    if petition.previous_id:
        lines.append(_("Đơn đã được giải quyết lần đầu (đơn số %(ref)s).") % {"ref": str(petition.previous)})
    proposal = petition.get_processing_display() if petition.processing else "……………………………………………………………………"
    lines += [
        _("Qua nghiên cứu nội dung đơn, đối chiếu với quy định của pháp luật, đề xuất: %(proposal)s.")
        % {"proposal": proposal},
        _("Hạn xử lý đơn: %(due)s.")
        % {"due": petition.due_on.strftime("%d/%m/%Y") if petition.due_on else "—"},
        _("Kính trình lãnh đạo xem xét, quyết định."),
    ]
    for line in lines:
        word.paragraph(document, line, align=justify, indent=1.0, after=6)
    word.signature_block(
        document,
        recipients=[],
        signers=[(_("Ý KIẾN CỦA LÃNH ĐẠO"), "", ""), (_("NGƯỜI ĐỀ XUẤT"), "", author)],
    )
    return word.to_bytes(document)
