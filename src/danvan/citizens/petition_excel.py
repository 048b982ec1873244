"""The register's list as an .xlsx (the list page's export, same filters): one row per petition, the sender as lists
show it — a denunciation's denouncer masked, never named."""

import datetime

from django.utils.translation import gettext as _

from danvan.core.excel_lists import ListSheet

from .models import Petition


def petitions_workbook(petitions, today: datetime.date) -> bytes:
    sheet = ListSheet(
        _("Sổ theo dõi đơn"),
        [
            (_("Số vào sổ"), 10),
            (_("Ngày nhận"), 12),
            (_("Loại đơn"), 18),
            (_("Nguồn đơn"), 22),
            (_("Người gửi"), 30),
            (_("Trích yếu"), 50),
            (_("Lĩnh vực"), 20),
            (_("Đơn vị giải quyết"), 30),
            (_("Tình trạng"), 18),
            (_("Hạn"), 12),
            (_("Còn (ngày)"), 10),
        ],
    )
    for petition in petitions:
        sender = (
            _("Người tố cáo (được giữ bí mật)")
            if petition.kind == Petition.Kind.TO_CAO
            else petition.sender_label
        )
        sheet.append(
            [
                sheet.text(f"{petition.number}/{petition.year}"),
                sheet.date(petition.received_on),
                petition.get_kind_display(),
                petition.get_channel_display(),
                sender,
                petition.subject,
                petition.get_field_display(),
                petition.unit.name,
                petition.get_stage_display(),
                sheet.date(petition.due_on),
                (petition.due_on - today).days if petition.due_on else None,
            ]
        )
    return sheet.content()
