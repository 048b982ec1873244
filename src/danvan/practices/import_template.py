"""The register's import template: the workbook to fill in, with its guide sheet, examples and the values the
columns accept (also shown on the import page)."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from danvan.core import excel
from danvan.core.excel import (
    MAX_ROWS,
)
from danvan.orgunits.models import OrgUnit

from .imports import (
    SHEET,
    SHEET_TITLE,
    _fields_near,
)
from .models import Field, Practice

# ---------------------------------------------------------------------------------------------- the template


def allowed_values(root: OrgUnit | None = None) -> dict[str, list[str]]:
    """The labels the columns «Loại» and «Lĩnh vực» accept, for the template and the page."""
    fields = _fields_near(root) if root is not None else list(Field.objects.filter(owner__isnull=True))
    return {
        "kinds": [str(label) for _value, label in Practice.Kind.choices],
        "fields": [f.name for f in fields],
    }


def _example_year(root: OrgUnit | None) -> int:
    year = timezone.localdate().year
    if root is not None and root.valid_to is not None and root.valid_to.year < year:
        return root.valid_to.year
    return year


def _units_for_guide(root: OrgUnit | None, year: int, limit: int = 3000) -> list[OrgUnit]:
    if root is None:
        return []
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return list(
        OrgUnit.objects.subtree(root)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .order_by("depth", "sort_key")[:limit]
    )


def template_workbook(root: OrgUnit | None = None) -> bytes:
    """The .xlsx to fill in: sheet "Mô hình" with headers, widths and dropdowns, sheet "Ví dụ" with two example
    rows valid for `root`, and sheet "Hướng dẫn" explaining each column and listing the allowed values and units."""
    year = _example_year(root)
    template = excel.TemplateWorkbook(
        SHEET,
        _example_rows(root, year),
        guide_title=_("Hướng dẫn nhập mô hình, điển hình “Dân vận khéo” từ Excel"),
        guide_intro=_(
            "Mỗi dòng của trang «%(sheet)s» là một mô hình hoặc một điển hình; dòng 1 là tiêu đề, giữ nguyên tên "
            "cột. Trang «%(examples)s» có hai dòng mẫu để tham khảo; trang đó không được nhập. Tệp được "
            "kiểm tra toàn bộ: nếu có một dòng sai thì không dòng nào được lưu, và trang nhập sẽ chỉ ra từng "
            "dòng, từng cột cần sửa. Tối đa %(rows)s dòng, 5 MB."
        )
        % {
            "sheet": SHEET_TITLE,
            "examples": excel.EXAMPLES_SHEET_TITLE,
            "rows": number_format(MAX_ROWS, force_grouping=True),
        },
        guide_widths={"A": 24, "B": 11, "C": 70, "D": 3, "E": 20, "F": 3, "G": 34, "H": 3, "I": 40, "J": 18},
    )
    allowed = allowed_values(root)
    units = _units_for_guide(root, year)
    kind_list = template.add_list("E", _("Giá trị cột «Loại»"), allowed["kinds"])
    template.add_list("G", _("Lĩnh vực"), allowed["fields"])
    unit_list = template.add_list(
        "I", _("Đơn vị thực hiện (năm %(year)s)") % {"year": year}, [unit.name for unit in units]
    )
    template.add_list("J", _("Mã"), [unit.code or None for unit in units], number_format=excel.TEXT_FORMAT)
    template.add_dropdown("kind", kind_list, _("Loại"))
    template.add_prompt(
        "fields",
        _("Lĩnh vực"),
        _(
            "Ghi một hoặc nhiều lĩnh vực, cách nhau bằng dấu ; (ví dụ: Kinh tế; Văn hóa – xã hội). "
            "Các lĩnh vực có ở cột G của trang «%(sheet)s»."
        )
        % {"sheet": excel.GUIDE_SHEET_TITLE},
    )
    if units:
        template.add_dropdown("owner", unit_list, _("Đơn vị thực hiện"))
    return template.to_bytes()


def _example_rows(root: OrgUnit | None, year: int) -> list[dict]:
    """Two rows that import cleanly into `root`: a model of one of its units (or of root), an exemplar."""
    owner_ref = ""
    if root is not None:
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        child = (
            OrgUnit.objects.subtree(root, include_self=False)
            .filter(kind__in=[OrgUnit.Kind.HAMLET, OrgUnit.Kind.COMMUNE])
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
            .order_by("depth", "sort_key")
            .first()
        )
        if child is not None:
            owner_ref = child.code or child.name
    first_day = datetime.date(year, 1, 1)
    if root is not None and root.valid_from and root.valid_from.year == year:
        first_day = root.valid_from
    model = {
        "name": "Tuyến đường hoa",
        "kind": str(Practice.Kind.MODEL.label),
        "owner": owner_ref,
        "fields": "Văn hóa – xã hội; Kinh tế",
        "year": year,
        "summary": "Nhân dân góp công, góp đất trồng hoa hai bên đường liên xóm.",
        "method": "Chi hội Phụ nữ vận động từng hộ nhận chăm sóc một đoạn đường; họp tổ mỗi tháng một lần.",
        "participants": "Chi hội Phụ nữ, Đoàn Thanh niên, các hộ dân trong tổ",
        "start_date": first_day + datetime.timedelta(days=45),
        "contact_name": "Nông Thị Hoa",
        "contact_phone": "0206 3852 123",
        "results": "Hộ tham gia: 45 hộ; Đường trồng hoa: 1,2 km",
    }
    exemplar = {
        "name": "Gương mẫu hiến đất làm đường",
        "kind": str(Practice.Kind.EXEMPLAR.label),
        "owner": "",
        "fields": "Kinh tế",
        "year": year,
        "person_name": "Hoàng Văn Thành",
        "person_position": "Bí thư chi bộ, trưởng xóm",
        "summary": "Hiến 300 m² đất và vận động 12 hộ cùng hiến đất mở rộng đường.",
        "start_date": first_day + datetime.timedelta(days=60),
        "results": "Đất được hiến: 300 m²; Hộ được vận động: 12 hộ",
    }
    return [model, exemplar]
