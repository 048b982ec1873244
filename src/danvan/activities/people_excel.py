"""The people's workbooks: the import template (with its guide and examples) and the export of the list, one row per
post in the import's own columns, so that an exported file can be corrected and imported again. Contacts are
written only for the people whose contacts the user may read."""

import datetime

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from danvan.core import excel
from danvan.core.excel import MAX_ROWS
from danvan.core.excel_export import xlsx_response
from danvan.core.excel_lists import ListSheet
from danvan.orgunits.models import OrgUnit

from .models import Person, Post
from .people_import import COLUMNS, SHEET, SHEET_TITLE
from .selectors.people import contact_checker

CHUNK = 2000
DATE_KEYS = {"valid_from", "valid_to"}
TEXT_KEYS = {"phone", "unit", "post_unit"}


def template_workbook(root: OrgUnit | None = None) -> bytes:
    """The .xlsx to fill in: sheet «Cán bộ», sheet «Ví dụ» with two people and three posts valid for `root`, and
    the guide listing the columns and the codes of root's units."""
    template = excel.TemplateWorkbook(
        SHEET,
        _example_rows(root),
        guide_title=_("Hướng dẫn nhập cán bộ và chức vụ từ Excel"),
        guide_intro=_(
            "Mỗi dòng của trang «%(sheet)s» là một chức vụ của một người; người giữ nhiều chức vụ cùng lúc (hoặc "
            "qua các thời kỳ) được ghi nhiều dòng, cùng họ tên và cùng đơn vị quản lý. Trang «%(examples)s» có "
            "dòng mẫu để tham khảo; trang đó không được nhập. Tệp được kiểm tra toàn bộ: nếu có một dòng sai thì "
            "không dòng nào được lưu. Tối đa %(rows)s dòng, 5 MB."
        )
        % {
            "sheet": SHEET_TITLE,
            "examples": excel.EXAMPLES_SHEET_TITLE,
            "rows": number_format(MAX_ROWS, force_grouping=True),
        },
        guide_widths={"A": 24, "B": 11, "C": 70, "D": 3, "E": 12, "F": 3, "G": 44, "H": 16},
    )
    gender_list = template.add_list("E", _("Giới tính"), [str(label) for _v, label in Person.Gender.choices])
    template.add_dropdown("gender", gender_list, _("Giới tính"))
    units = _units_for_guide(root)
    if units:
        template.add_list("G", _("Đơn vị"), [unit.name for unit in units])
        template.add_list(
            "H", _("Mã"), [unit.code or None for unit in units], number_format=excel.TEXT_FORMAT
        )
    return template.to_bytes()


def _units_for_guide(root: OrgUnit | None, limit: int = 3000) -> list[OrgUnit]:
    if root is None:
        return []
    return list(OrgUnit.objects.subtree(root).exclude(code="").order_by("depth", "sort_key")[:limit])


def _example_rows(root: OrgUnit | None) -> list[dict]:
    code = (root.code or root.name) if root is not None else ""
    return [
        {
            "name": "Vũ Văn Minh",
            "gender": "Nam",
            "birth_year": 1972,
            "phone": "0206 3852 123",
            "unit": code,
            "title": "UV BTV Thành ủy",
            "post_unit": code,
            "valid_from": datetime.date(2020, 10, 15),
        },
        {
            "name": "Vũ Văn Minh",
            "unit": code,
            "title": "Trưởng Ban Dân vận",
            "valid_from": datetime.date(2020, 10, 15),
        },
        {
            "name": "Nông Thị Hoa",
            "gender": "Nữ",
            "unit": code,
            "title": "Phó Trưởng Ban Dân vận",
            "valid_from": datetime.date(2019, 3, 1),
            "valid_to": datetime.date(2025, 6, 30),
        },
    ]


def people_workbook(queryset, user) -> bytes:
    """The people of `queryset`, one row per post (a person without a post on one row), as the import reads them."""
    may_see = contact_checker(user)
    sheet = ListSheet(_("Cán bộ"), [(column.header, column.width) for column in COLUMNS])
    people = (
        Person.objects.filter(pk__in=queryset.values("pk"))
        .select_related("unit")
        .prefetch_related(
            Prefetch("posts", queryset=Post.objects.select_related("unit").order_by("position", "id"))
        )
        .order_by("sort_key", "id")
    )

    def cell(key, value):
        if key in DATE_KEYS:
            return sheet.date(value)
        if key in TEXT_KEYS:
            return sheet.text(value or None)
        return value if value not in ("", None) else None

    for person in people.iterator(chunk_size=CHUNK):
        shown = may_see(person)
        base = {
            "name": person.name,
            "gender": str(person.get_gender_display()) if person.gender else "",
            "birth_year": person.birth_year,
            "phone": person.phone if shown else "",
            "email": person.email if shown else "",
            "unit": person.unit.code or person.unit.name,
        }
        posts = list(person.posts.all()) or [None]
        for post in posts:
            values = dict(base)
            if post is not None:
                values.update(
                    title=post.title,
                    post_unit=(post.unit.code or post.unit.name) if post.unit_id else "",
                    valid_from=post.valid_from,
                    valid_to=post.valid_to,
                )
            sheet.append([cell(column.key, values.get(column.key)) for column in COLUMNS])
    return sheet.content()


def people_workbook_response(queryset, user, filename: str = "can-bo-chuc-vu.xlsx") -> HttpResponse:
    return xlsx_response(people_workbook(queryset, user), filename)
