"""Creating, editing and closing units: the rules a Dân vận officer would expect, in Vietnamese."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.orgunits import services
from danvan.orgunits.models import OrgUnit
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def hamlet_fields(parent, **extra):
    return {
        "name": "Tổ dân phố 9",
        "kind": "hamlet",
        "division_type": "to_dan_pho",
        "parent": parent,
        **extra,
    }


def test_commune_editor_creates_a_hamlet_with_path_and_log(units, commune_editor):
    hamlet = services.create_unit(
        commune_editor, **hamlet_fields(units["thuc_phan"], valid_from=D(2025, 7, 1))
    )
    assert hamlet.path == units["thuc_phan"].path + f"{hamlet.pk}/"
    assert hamlet.depth == 2 and hamlet.province_code == "04"
    assert hamlet.search_key == "to dan pho 9"


def test_commune_editor_cannot_add_a_hamlet_to_another_commune(units, commune_editor):
    with pytest.raises(PermissionDenied):
        services.create_unit(commune_editor, **hamlet_fields(units["nung_tri_cao"]))


def test_commune_editor_cannot_create_or_rename_administrative_units(units, commune_editor):
    with pytest.raises(PermissionDenied):
        services.update_unit(commune_editor, units["thuc_phan"], name="Phường Mới")


def test_hamlet_parent_must_be_a_commune(units, province_admin):
    with pytest.raises(ValidationError) as excinfo:
        services.create_unit(province_admin, **hamlet_fields(units["cao_bang"]))
    assert "phải là" in errors_of(excinfo)["parent"][0]


def test_hamlet_parent_must_be_open_on_the_start_date(units, province_admin):
    old_ward = units["tp_cao_bang"].children.filter(kind="commune").first()
    with pytest.raises(ValidationError) as excinfo:
        services.create_unit(province_admin, **hamlet_fields(old_ward, valid_from=D(2026, 1, 1)))
    assert "không còn hiệu lực vào ngày 01/01/2026" in errors_of(excinfo)["parent"][0]


def test_unit_under_a_closed_parent_must_close_with_it(units, province_admin):
    old_ward = units["tp_cao_bang"].children.filter(kind="commune").first()
    with pytest.raises(ValidationError) as excinfo:
        services.create_unit(province_admin, **hamlet_fields(old_ward, valid_from=D(2020, 1, 1)))
    assert "30/06/2025" in errors_of(excinfo)["valid_to"][0]
    ok = services.create_unit(
        province_admin, **hamlet_fields(old_ward, valid_from=D(2020, 1, 1), valid_to=D(2025, 6, 30))
    )
    assert ok.pk


def test_valid_to_must_not_precede_valid_from(units, commune_editor):
    with pytest.raises(ValidationError) as excinfo:
        services.create_unit(
            commune_editor,
            **hamlet_fields(units["thuc_phan"], valid_from=D(2026, 1, 1), valid_to=D(2025, 12, 31)),
        )
    assert "Ngày kết thúc hiệu lực" in errors_of(excinfo)["valid_to"][0]


def test_codes_are_unique_among_units_open_at_the_same_time(units, commune_editor, province_admin):
    services.create_unit(
        commune_editor, **hamlet_fields(units["thuc_phan"], code="TDP-X", valid_from=D(2025, 7, 1))
    )
    with pytest.raises(ValidationError) as excinfo:
        services.create_unit(commune_editor, **hamlet_fields(units["thuc_phan"], name="Tổ 10", code="TDP-X"))
    assert "đã được dùng" in errors_of(excinfo)["code"][0]
    # An old commune's code may be reused by a unit that opens after it closed.
    old_code = units["tp_cao_bang"].children.filter(kind="commune").first().code
    reused = services.create_unit(
        commune_editor,
        **hamlet_fields(units["thuc_phan"], name="Tổ 11", code=old_code, valid_from=D(2025, 7, 1)),
    )
    assert reused.pk


def test_a_unit_cannot_move_under_its_own_subtree(units, province_admin):
    parent = factories.agency(units["thuc_phan"], "Hội Nông dân phường")
    child = factories.agency(parent, "Chi hội Nông dân tổ 1")
    with pytest.raises(ValidationError) as excinfo:
        services.update_unit(province_admin, parent, parent=child)
    assert "Không thể chọn chính đơn vị này" in errors_of(excinfo)["parent"][0]


def test_moving_a_unit_moves_its_subtree(units, province_admin):
    agency = factories.agency(units["thuc_phan"], "Hội Cựu chiến binh")
    branch = factories.agency(agency, "Chi hội 1")
    services.update_unit(province_admin, agency, parent=units["nung_tri_cao"])
    branch.refresh_from_db()
    assert branch.path.startswith(units["nung_tri_cao"].path)
    assert branch.depth == 3


def test_closing_a_unit_keeps_it_and_refuses_while_children_stay_open(units, commune_editor):
    agency = factories.agency(units["thuc_phan"], "Hội Khuyến học")
    factories.agency(agency, "Chi hội Khuyến học tổ 2")
    with pytest.raises(ValidationError) as excinfo:
        services.close_unit(commune_editor, agency, D(2026, 6, 30))
    assert "đơn vị trực thuộc" in errors_of(excinfo)["valid_to"][0]
    hamlet = factories.hamlet(units["thuc_phan"], "Tổ dân phố sáp nhập")
    services.close_unit(commune_editor, hamlet, D(2026, 6, 30), "Sáp nhập vào Tổ dân phố 1")
    hamlet.refresh_from_db()
    assert hamlet.valid_to == D(2026, 6, 30)
    assert "Sáp nhập" in hamlet.note
    assert not OrgUnit.objects.open_on(D(2026, 7, 1)).filter(pk=hamlet.pk).exists()


def test_division_type_must_fit_the_kind(units, commune_editor):
    with pytest.raises(ValidationError) as excinfo:
        services.create_unit(commune_editor, **hamlet_fields(units["thuc_phan"], division_type="phuong"))
    assert "Loại hình" in errors_of(excinfo)["division_type"][0]


def test_names_are_stored_nfc_and_trimmed(units, commune_editor):
    hamlet = services.create_unit(
        commune_editor, **hamlet_fields(units["thuc_phan"], name="  To\u0302\u0300  5 ")
    )
    assert hamlet.name == "Tồ 5"


def test_failed_update_leaves_nothing_half_saved(units, commune_editor):
    hamlet = factories.hamlet(units["thuc_phan"], "Tổ dân phố 12")
    with pytest.raises(ValidationError):
        services.update_unit(commune_editor, hamlet, name="Tổ mới", valid_to=D(2020, 1, 1))
    hamlet.refresh_from_db()
    assert hamlet.name == "Tổ dân phố 12"


def test_groups_hold_units_of_the_owners_subtree_only(units, province_admin):
    group = services.save_group(
        province_admin,
        None,
        name="Khối phường",
        kind="communes",
        owner=units["cao_bang"],
        members=[units["thuc_phan"], units["nung_tri_cao"]],
    )
    assert group.members.count() == 2
    with pytest.raises(ValidationError) as excinfo:
        services.save_group(
            province_admin,
            None,
            name="Khối lạ",
            kind="communes",
            owner=units["cao_bang"],
            members=[units["cau_ke"]],
        )
    assert "Huyện Cầu Kè" in errors_of(excinfo)["members"][0]
