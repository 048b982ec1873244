"""Excel import of people and their posts into one unit's subtree: one row per post.

The file is read as every import reads one (core/excel.py: type, size, real extent, headers). Rows of the same person
(the same name, accents and case aside, kept by the same unit) make one person; a person already recorded there is
not created again, and a post they already hold (same title, unit and start) is not added twice. Every row is
checked with the services' own rules before anything is written; one bad row and nothing is saved. Then everything
is saved in one transaction through services.create_person and services.add_post (permission, change log).
"""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.scope import can_view_path
from danvan.core import excel
from danvan.core.errors import NotAllowed, ValidationError, messages_of
from danvan.core.excel import Column, ImportReport, SheetRow, label_key
from danvan.core.text import fold
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import units_by_code_or_name
from danvan.orgunits.tree import covers

from .models import Person, Post
from .services import access
from .services import people as services

SHEET_TITLE = "Cán bộ"
COLUMNS = (
    Column(
        "name",
        "Họ và tên",
        True,
        26,
        gettext_lazy(
            "Bắt buộc. Các dòng cùng họ tên (không phân biệt dấu, chữ hoa) và cùng đơn vị quản lý là một người: "
            "mỗi chức vụ một dòng."
        ),
        ("ho ten", "ten"),
        150,
    ),
    Column("gender", "Giới tính", False, 10, gettext_lazy("“Nam” hoặc “Nữ”; để trống nếu không ghi."), ()),
    Column(
        "birth_year", "Năm sinh", False, 10, gettext_lazy("Năm có 4 chữ số, ví dụ 1975. Không bắt buộc."), ()
    ),
    Column(
        "phone",
        "Điện thoại",
        False,
        16,
        gettext_lazy("Không bắt buộc. Chỉ người dùng của đơn vị quản lý và lãnh đạo cấp trên xem được."),
        ("so dien thoai",),
        32,
        number_format=excel.TEXT_FORMAT,
    ),
    Column(
        "email",
        "Thư điện tử",
        False,
        26,
        gettext_lazy(
            "Không bắt buộc, ví dụ ten@caobang.gov.vn. Như điện thoại, chỉ đơn vị quản lý xem được."
        ),
        ("email", "e mail"),
        254,
    ),
    Column(
        "unit",
        "Mã đơn vị quản lý",
        True,
        18,
        gettext_lazy(
            "Bắt buộc. Mã (hoặc tên chính xác) của đơn vị giữ hồ sơ người này: đơn vị nhận tệp hoặc một đơn vị "
            "trực thuộc."
        ),
        ("don vi quan ly", "ma don vi"),
        255,
        number_format=excel.TEXT_FORMAT,
    ),
    Column(
        "title",
        "Chức vụ",
        False,
        40,
        gettext_lazy(
            "Một chức vụ mỗi dòng, ví dụ: Trưởng Ban Dân vận Thành ủy. Để trống nếu chỉ ghi người, chưa ghi chức vụ."
        ),
        ("chuc danh",),
        200,
    ),
    Column(
        "post_unit",
        "Mã đơn vị giữ chức vụ",
        False,
        20,
        gettext_lazy(
            "Không bắt buộc. Mã (hoặc tên chính xác) của đơn vị nơi giữ chức vụ, kể cả đơn vị đã kết thúc hoạt "
            "động (huyện trước 01/07/2025); phải thuộc phạm vi của bạn hoặc là cấp trên của đơn vị quản lý."
        ),
        ("don vi giu chuc vu", "don vi chuc vu"),
        255,
        number_format=excel.TEXT_FORMAT,
    ),
    Column(
        "valid_from",
        "Từ ngày",
        False,
        14,
        gettext_lazy(
            "Ngày bắt đầu giữ chức vụ, dạng dd/mm/yyyy, ví dụ 01/10/2020 (hoặc ô kiểu ngày của Excel)."
        ),
        ("tu", "ngay bat dau"),
        number_format=excel.DATE_FORMAT,
    ),
    Column(
        "valid_to",
        "Đến ngày",
        False,
        14,
        gettext_lazy("Ngày thôi giữ chức vụ, dd/mm/yyyy; không trước “Từ ngày”. Để trống nếu đang giữ."),
        ("den", "ngay ket thuc"),
        number_format=excel.DATE_FORMAT,
    ),
)
SHEET = excel.ImportSheet(
    SHEET_TITLE,
    COLUMNS,
    no_header_message=gettext_lazy(
        "Bảng tính trống: dòng 1 của trang «%(sheet)s» phải là dòng tiêu đề (Họ và tên; Mã đơn vị quản lý; "
        "Chức vụ…)."
    ),
    no_rows_message=gettext_lazy(
        "Bảng tính không có dòng dữ liệu nào: hãy ghi mỗi chức vụ của một người một dòng, từ dòng 2 của trang "
        "«%(sheet)s»."
    ),
)
PERSON_COLUMNS = {
    "name": "name",
    "gender": "gender",
    "birth_year": "birth_year",
    "phone": "phone",
    "email": "email",
}
POST_COLUMNS = {"title": "title", "unit": "post_unit", "valid_from": "valid_from", "valid_to": "valid_to"}
GENDERS = {
    **{label_key(label): value for value, label in Person.Gender.choices},
    "male": Person.Gender.MALE,
    "female": Person.Gender.FEMALE,
    "nu gioi": Person.Gender.FEMALE,
    "nam gioi": Person.Gender.MALE,
}


@dataclass
class _Row(SheetRow):
    key: tuple = ()
    person_fields: dict | None = None
    post_fields: dict | None = None
    keeper: OrgUnit | None = None
    first_of_person: bool = False


def import_people_workbook(actor, root: OrgUnit, uploaded_file) -> ImportReport:
    """Checks every row; creates the people and their posts in one transaction, or nothing."""
    if not access.can_edit(actor, root):
        raise NotAllowed(_("Bạn không có quyền nhập cán bộ vào %(unit)s.") % {"unit": root.name})
    report = ImportReport(root=root)
    rows = excel.read_into_report(uploaded_file, SHEET, report, _Row)
    if not report.ok:
        return report
    _check_rows(actor, rows, root, report)
    if report.errors:
        return report
    _save_rows(actor, rows, report)
    return report


def _check_rows(actor, rows: list[_Row], root: OrgUnit, report: ImportReport) -> None:
    keepers = units_by_code_or_name(root, {row.text.get("unit", "") for row in rows} - {""})
    post_refs = {row.text.get("post_unit", "") for row in rows} - {""}
    post_units = _post_units(post_refs)
    people: dict[tuple, tuple[int, dict]] = {}  # key → (first row, person fields)
    for row in rows:
        problems = excel.RowProblems()
        add = problems.add
        text = row.text
        excel.check_lengths(SHEET, text, add)
        keeper = _pick_unit(text.get("unit", ""), keepers, "unit", root, add, required=True)
        gender = _parse_gender(text.get("gender", ""), add)
        person_fields = {
            "name": text.get("name", ""),
            "gender": gender,
            "birth_year": _parse_birth_year(row.values.get("birth_year"), text.get("birth_year", ""), add),
            "phone": text.get("phone", ""),
            "email": text.get("email", ""),
        }
        if not {"birth_year", "gender"} & problems.keys():
            try:
                person_fields = {**person_fields, **services.clean_person(person_fields)}
            except ValidationError as error:
                for field, messages in messages_of(error).items():
                    for message in messages:
                        if PERSON_COLUMNS.get(field) not in problems:
                            add(PERSON_COLUMNS.get(field, ""), message)
        row.keeper, row.person_fields = keeper, person_fields
        if keeper is not None and person_fields.get("name"):
            row.key = (keeper.pk, fold(person_fields["name"]))
            first = people.get(row.key)
            if first is None:
                people[row.key] = (row.number, person_fields)
                row.first_of_person = True
            else:
                _check_same_person(first, person_fields, add)
        row.post_fields = _check_post(actor, row, keeper, post_units, problems)
        report.fail_row(row.number, problems, SHEET)


def _post_units(refs: set[str]) -> dict[str, list[OrgUnit]]:
    found: dict[str, list[OrgUnit]] = {}
    refs_list = sorted(refs)
    for start in range(0, len(refs_list), 400):
        chunk = refs_list[start : start + 400]
        for unit in OrgUnit.objects.filter(code__in=chunk) | OrgUnit.objects.filter(name__in=chunk):
            for ref in {unit.code, unit.name} & set(chunk):
                found.setdefault(ref, []).append(unit)
    return found


def _pick_unit(ref: str, units, key: str, root: OrgUnit, add, *, required: bool) -> OrgUnit | None:
    if not ref:
        if required:
            add(key, _("Hãy ghi mã đơn vị quản lý, ví dụ mã của %(root)s.") % {"root": root.name})
        return None
    hits = units.get(ref, [])
    by_code = [unit for unit in hits if unit.code == ref] or hits
    open_ones = [unit for unit in by_code if unit.valid_to is None]
    candidates = open_ones if len(by_code) > 1 and open_ones else by_code
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        add(
            key,
            _("Có %(count)s đơn vị mang tên «%(ref)s»: hãy ghi mã đơn vị.")
            % {"count": len(candidates), "ref": ref},
        )
    else:
        add(
            key,
            _(
                "Không tìm thấy đơn vị «%(ref)s» trong %(root)s: hãy ghi mã của %(root)s hoặc một đơn vị trực thuộc."
            )
            % {"ref": ref, "root": root.name},
        )
    return None


def _parse_gender(raw: str, add) -> str:
    if not raw:
        return ""
    gender = GENDERS.get(label_key(raw))
    if gender is None:
        add("gender", _("Giới tính «%(value)s» không hợp lệ: hãy ghi “Nam” hoặc “Nữ”.") % {"value": raw})
        return ""
    return gender


def _parse_birth_year(value, raw: str, add) -> int | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    if not raw:
        return None
    if re.fullmatch(r"\d{4}", raw.strip()):
        return int(raw)
    add(
        "birth_year",
        _("Năm sinh «%(value)s» không hợp lệ: hãy ghi năm có 4 chữ số, ví dụ 1975.") % {"value": raw},
    )
    return None


def _check_same_person(first: tuple[int, dict], fields: dict, add) -> None:
    """The rows of one person must not contradict each other (a blank cell repeats nothing and is fine)."""
    number, known = first
    for key in ("gender", "birth_year", "phone", "email"):
        if (
            fields.get(key) not in ("", None)
            and known.get(key) not in ("", None)
            and fields[key] != known[key]
        ):
            add(
                key,
                _("Khác với dòng %(row)s của cùng người (cùng họ tên, cùng đơn vị quản lý).")
                % {"row": number},
            )
        elif known.get(key) in ("", None) and fields.get(key) not in ("", None):
            known[key] = fields[key]


def _parse_date(key: str, value, raw: str, add) -> datetime.date | None:
    try:
        return excel.cell_date(value, raw, serial_numbers=True)
    except ValueError:
        add(
            key,
            _("Ngày «%(value)s» không hợp lệ: hãy ghi dạng dd/mm/yyyy, ví dụ 22/07/2021.") % {"value": raw},
        )
        return None


def _check_post(actor, row: _Row, keeper: OrgUnit | None, post_units, problems) -> dict | None:
    add = problems.add
    text = row.text
    valid_from = _parse_date("valid_from", row.values.get("valid_from"), text.get("valid_from", ""), add)
    valid_to = _parse_date("valid_to", row.values.get("valid_to"), text.get("valid_to", ""), add)
    unit = None
    ref = text.get("post_unit", "")
    if ref:
        hits = post_units.get(ref, [])
        by_code = [unit for unit in hits if unit.code == ref] or hits
        allowed = [
            unit
            for unit in by_code
            if can_view_path(actor, unit.path) or (keeper is not None and covers([unit.path], keeper.path))
        ]
        if not by_code:
            add("post_unit", _("Không tìm thấy đơn vị «%(ref)s»: hãy ghi mã đơn vị.") % {"ref": ref})
        elif not allowed:
            add(
                "post_unit",
                _("Đơn vị «%(ref)s» nằm ngoài phạm vi của bạn và không phải cấp trên của đơn vị quản lý.")
                % {"ref": ref},
            )
        else:
            held = [
                u for u in allowed if (u.valid_from or datetime.date.min) <= (valid_from or datetime.date.max)
            ]
            unit = (held or allowed)[-1] if len(allowed) > 1 else allowed[0]
    title = text.get("title", "")
    if not title:
        if ref or valid_from or valid_to:
            add("title", _("Hãy ghi chức vụ (đã có đơn vị hoặc ngày của chức vụ)."))
        return None
    fields = {"title": title, "unit": unit, "valid_from": valid_from, "valid_to": valid_to}
    if keeper is None or {"valid_from", "valid_to", "post_unit", "title"} & problems.keys():
        return fields
    try:
        cleaned = services.clean_post(actor, Person(unit=keeper, unit_path=keeper.path), fields)
    except ValidationError as error:
        for field, messages in messages_of(error).items():
            for message in messages:
                add(POST_COLUMNS.get(field, ""), message)
        return fields
    return {**fields, **{k: v for k, v in cleaned.items() if k != "position"}}


def _save_rows(actor, rows: list[_Row], report: ImportReport) -> None:
    people: dict[tuple, Person] = {}
    existing = _existing_people({row.keeper.pk for row in rows if row.keeper is not None})

    def save(row: _Row):
        person = people.get(row.key)
        if person is None:
            person = existing.get(row.key)
            if person is None:
                fields = {k: row.person_fields[k] for k in ("name", "gender", "birth_year", "phone", "email")}
                person = services.create_person(actor, unit=row.keeper, **fields)
            people[row.key] = person
        if not row.post_fields:
            return person
        if _already_held(person, row.post_fields):
            return person
        try:
            return services.add_post(actor, person, **row.post_fields)
        except ValidationError as error:
            raise ValidationError(
                {POST_COLUMNS.get(field, field): messages for field, messages in messages_of(error).items()}
            ) from None

    column_of_field = {
        **PERSON_COLUMNS,
        "post_unit": "post_unit",
        "valid_from": "valid_from",
        "valid_to": "valid_to",
    }
    excel.save_all_or_none(report, rows, save, SHEET, column_of_field, not_allowed_column="unit")


def _existing_people(unit_ids: set[int]) -> dict[tuple, Person]:
    found: dict[tuple, Person] = {}
    for person in Person.objects.filter(unit_id__in=sorted(unit_ids)).order_by("id"):
        found.setdefault((person.unit_id, person.search_key), person)
    return found


def _already_held(person: Person, fields: dict) -> bool:
    if person.pk is None:
        return False
    return Post.objects.filter(
        person=person, title=fields["title"], unit=fields["unit"], valid_from=fields["valid_from"]
    ).exists()


def created_counts(report: ImportReport) -> tuple[int, int]:
    """(people, posts) saved by an import."""
    people = {obj.pk for obj in report.created if isinstance(obj, Person)}
    people |= {obj.person_id for obj in report.created if isinstance(obj, Post)}
    posts = {obj.pk for obj in report.created if isinstance(obj, Post)}
    return len(people), len(posts)
