"""Defining indicators, forms, sections and validation rules: the services' rules (codes, formulas, cycles, scope,
change log) and the pages (who may do what, Vietnamese errors next to the field, 404 out of scope, query counts)."""

import pytest
from django.urls import reverse

from danvan.accounts.scope import Role
from danvan.core.errors import NotAllowed, ValidationError, messages_of
from danvan.core.models import ChangeLog
from danvan.orgunits.models import OrgUnit, UnitGroup
from danvan.reporting import services
from danvan.reporting.models import (
    Category,
    Form,
    Indicator,
    Section,
    SectionIndicator,
    Source,
    ValidationRule,
    ValueType,
)
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def errors_of(raised) -> dict[str, list[str]]:
    return messages_of(raised.value)


def indicator(actor, code, owner, **data):
    defaults = {"name": f"Chỉ tiêu {code}", "value_type": ValueType.INTEGER, "owner": owner}
    return services.save_indicator(actor, None, code=code, **{**defaults, **data})


def report_form(actor, owner, code="bao-cao-thu", **data):
    defaults = {
        "name": "Báo cáo thử",
        "owner": owner,
        "period_type": "half_year",
        "reporting_kinds": [OrgUnit.Kind.COMMUNE],
        "deadline_days": 10,
    }
    return services.save_form(actor, None, code=code, **{**defaults, **data})


@pytest.fixture
def other_province(units):
    return (
        OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE, valid_to__isnull=True)
        .exclude(pk=units["cao_bang"].pk)
        .order_by("code")
        .first()
    )


@pytest.fixture
def other_province_admin(other_province):
    return make_user("tinhkhac_admin", other_province, Role.ADMIN)


@pytest.fixture
def own_form(units, province_admin):
    """A form of Tỉnh Cao Bằng with two sections and a rule, defined by its admin."""
    cao_bang = units["cao_bang"]
    received = indicator(province_admin, "don_tiep_nhan", cao_bang, name="Số đơn thư tiếp nhận")
    resolved = indicator(province_admin, "don_giai_quyet", cao_bang, name="Số đơn thư đã giải quyết")
    rate = indicator(
        province_admin,
        "ty_le_giai_quyet",
        cao_bang,
        name="Tỷ lệ đơn thư đã giải quyết",
        value_type=ValueType.PERCENTAGE,
        expression="don_giai_quyet / don_tiep_nhan * 100",
    )
    form = report_form(province_admin, cao_bang)
    services.save_section(province_admin, form, title="I. Đơn thư", indicators=[received, resolved])
    services.save_section(province_admin, form, title="II. Tỷ lệ", indicators=[rate])
    services.save_rule(
        province_admin,
        form,
        left="don_giai_quyet",
        operator="<=",
        right="don_tiep_nhan",
        importance="blocking",
        message="Số đơn đã giải quyết không lớn hơn số đơn tiếp nhận",
    )
    return form


# --- services: indicators ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["Tỷ lệ", "1_chi_tieu", "chi-tieu", "ChiTieu", "", "a" * 41])
def test_save_indicator_refuses_a_bad_code(units, province_admin, code):
    with pytest.raises(ValidationError) as raised:
        indicator(province_admin, code, units["cao_bang"])
    assert "code" in errors_of(raised)


def test_save_indicator_refuses_a_duplicate_code(units, province_admin):
    indicator(province_admin, "doi_thoai", units["cao_bang"])
    with pytest.raises(ValidationError) as raised:
        indicator(province_admin, "doi_thoai", units["cao_bang"], name="Khác")
    assert "Đã có chỉ tiêu mã “doi_thoai”" in errors_of(raised)["code"][0]


def test_save_indicator_refuses_a_formula_with_an_unknown_code(units, province_admin):
    indicator(province_admin, "da_giai_quyet", units["cao_bang"])
    with pytest.raises(ValidationError) as raised:
        indicator(
            province_admin,
            "ty_le",
            units["cao_bang"],
            value_type=ValueType.PERCENTAGE,
            expression="da_giai_quyet / khong_co * 100",
        )
    assert "khong_co" in errors_of(raised)["expression"][0]
    assert not Indicator.objects.filter(code="ty_le").exists()


def test_save_indicator_refuses_a_formula_that_does_not_parse(units, province_admin):
    with pytest.raises(ValidationError) as raised:
        indicator(province_admin, "nguy_hiem", units["cao_bang"], expression="__import__('os')")
    assert "không được phép" in errors_of(raised)["expression"][0]


def test_save_indicator_refuses_a_cycle_between_formulas(units, province_admin):
    first = indicator(province_admin, "chi_tieu_a", units["cao_bang"])
    indicator(province_admin, "chi_tieu_b", units["cao_bang"], expression="chi_tieu_a + 1")
    with pytest.raises(ValidationError) as raised:
        services.save_indicator(province_admin, first, expression="chi_tieu_b * 2")
    assert "vòng lặp" in errors_of(raised)["expression"][0]
    first.refresh_from_db()
    assert first.expression == ""


def test_save_indicator_refuses_a_formula_using_the_indicator_itself(units, province_admin):
    with pytest.raises(ValidationError) as raised:
        indicator(province_admin, "tu_than", units["cao_bang"], expression="tu_than + 1")
    assert "expression" in errors_of(raised)


def test_save_indicator_refuses_categories_on_a_computed_indicator(units, province_admin):
    indicator(province_admin, "dang_ky", units["cao_bang"])
    with pytest.raises(ValidationError) as raised:
        indicator(
            province_admin,
            "gap_doi",
            units["cao_bang"],
            expression="dang_ky * 2",
            categories=[Category.objects.get(code="cap")],
        )
    assert "không có phân tổ" in errors_of(raised)["categories"][0]


def test_save_indicator_refuses_a_text_formula(units, province_admin):
    indicator(province_admin, "dang_ky", units["cao_bang"])
    with pytest.raises(ValidationError) as raised:
        indicator(province_admin, "chu", units["cao_bang"], expression="dang_ky", value_type=ValueType.TEXT)
    assert "value_type" in errors_of(raised)


def test_save_indicator_bound_to_the_system_must_be_an_integer(units, province_admin):
    with pytest.raises(ValidationError) as raised:
        indicator(
            province_admin,
            "mo_hinh",
            units["cao_bang"],
            source=Source.PRACTICES_REGISTERED,
            value_type=ValueType.DECIMAL,
        )
    assert "số nguyên" in errors_of(raised)["value_type"][0]
    bound = indicator(
        province_admin,
        "mo_hinh",
        units["cao_bang"],
        source=Source.PRACTICES_REGISTERED,
        categories=[Category.objects.get(code="cap")],
    )
    assert bound.source == Source.PRACTICES_REGISTERED


def test_save_indicator_writes_the_change_log(units, province_admin):
    saved = indicator(province_admin, "doi_thoai", units["cao_bang"], name="Số cuộc đối thoại")
    services.save_indicator(province_admin, saved, name="Số cuộc đối thoại với Nhân dân")
    entries = ChangeLog.objects.filter(object_id=str(saved.pk), content_type__model="indicator").order_by(
        "time"
    )
    assert [entry.action for entry in entries] == ["create", "update"]
    assert entries[1].before["name"] == "Số cuộc đối thoại"
    assert entries[1].after["name"] == "Số cuộc đối thoại với Nhân dân"
    assert entries[1].user == province_admin and entries[1].unit == units["cao_bang"]


def test_only_an_admin_of_the_owner_defines_indicators(units, province_admin, commune_editor, other_province):
    with pytest.raises(NotAllowed):
        indicator(commune_editor, "cua_xa", units["thuc_phan"])
    with pytest.raises(NotAllowed):
        indicator(province_admin, "tinh_khac", other_province)
    with pytest.raises(NotAllowed):
        indicator(province_admin, "toan_quoc", None)
    assert not Indicator.objects.filter(code__in=["cua_xa", "tinh_khac", "toan_quoc"]).exists()


def test_a_superuser_defines_national_indicators(superuser):
    assert indicator(superuser, "toan_quoc", None).owner is None


# --- services: forms, sections, rules ------------------------------------------------------------------------------


def test_save_form_checks_its_fields(units, province_admin):
    with pytest.raises(ValidationError) as raised:
        report_form(
            province_admin,
            units["cao_bang"],
            code="Báo cáo",
            name="",
            period_type="fortnight",
            reporting_kinds=["village"],
            deadline_days=10,
            lock_days=5,
        )
    errors = errors_of(raised)
    assert set(errors) == {"code", "name", "period_type", "reporting_kinds", "lock_days"}
    assert errors["lock_days"] == ["Ngày khóa nhập liệu phải sau hạn nộp."]


def test_save_form_refuses_a_duplicate_code_and_groups_of_another_owner(units, province_admin, demo_form):
    with pytest.raises(ValidationError) as raised:
        report_form(province_admin, units["cao_bang"], code=demo_form.code)
    assert "code" in errors_of(raised)
    foreign = UnitGroup.objects.create(name="Khối của xã", kind="other", owner=units["thuc_phan"])
    with pytest.raises(ValidationError) as raised:
        report_form(province_admin, units["cao_bang"], groups=[foreign])
    assert "reporting_groups" in errors_of(raised)


def test_save_form_writes_the_change_log_and_only_an_admin_of_the_owner_may(
    units, province_admin, commune_editor, other_province_admin
):
    form = report_form(province_admin, units["cao_bang"])
    services.save_form(province_admin, form, deadline_days=15)
    actions = list(
        ChangeLog.objects.filter(content_type__model="form", object_id=str(form.pk))
        .order_by("time")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update"]
    for outsider in (commune_editor, other_province_admin):
        with pytest.raises(NotAllowed):
            services.save_form(outsider, form, deadline_days=1)
    form.refresh_from_db()
    assert form.deadline_days == 15


def test_save_section_refuses_an_indicator_already_in_another_section(units, province_admin, own_form):
    received = Indicator.objects.get(code="don_tiep_nhan")
    with pytest.raises(ValidationError) as raised:
        services.save_section(province_admin, own_form, title="III. Lặp lại", indicators=[received])
    assert "don_tiep_nhan" in errors_of(raised)["indicators"][0]
    assert own_form.sections.count() == 2


def test_save_section_keeps_the_order_given_and_logs_on_the_form(units, province_admin, own_form):
    section = own_form.sections.get(title="I. Đơn thư")
    received, resolved = (
        Indicator.objects.get(code="don_tiep_nhan"),
        Indicator.objects.get(code="don_giai_quyet"),
    )
    before = ChangeLog.objects.filter(content_type__model="form", object_id=str(own_form.pk)).count()
    services.save_section(
        province_admin, own_form, section, title="I. Đơn thư", indicators=[resolved, received]
    )
    assert services.section_codes(section) == ["don_giai_quyet", "don_tiep_nhan"]
    assert (
        ChangeLog.objects.filter(content_type__model="form", object_id=str(own_form.pk)).count() == before + 1
    )


def test_move_and_delete_section_are_logged(units, province_admin, own_form, commune_editor):
    second = own_form.sections.get(title="II. Tỷ lệ")
    services.move_section(province_admin, second, -1)
    assert list(own_form.sections.order_by("position").values_list("title", flat=True)) == [
        "II. Tỷ lệ",
        "I. Đơn thư",
    ]
    services.move_section(province_admin, second, -1)  # already first: nothing moves
    with pytest.raises(NotAllowed):
        services.delete_section(commune_editor, second)
    second_id = second.pk
    services.delete_section(province_admin, second)
    assert not Section.objects.filter(pk=second_id).exists()
    assert Indicator.objects.filter(code="ty_le_giai_quyet").exists()
    last = ChangeLog.objects.filter(content_type__model="form", object_id=str(own_form.pk)).first()
    assert last.action == "delete" and last.before["section"] == "II. Tỷ lệ"


def test_save_rule_refuses_a_code_that_is_not_in_the_form(units, province_admin, own_form):
    indicator(province_admin, "ngoai_bieu_mau", units["cao_bang"])
    with pytest.raises(ValidationError) as raised:
        services.save_rule(
            province_admin,
            own_form,
            left="ngoai_bieu_mau",
            operator="<=",
            right="don_tiep_nhan * 2",
            importance="warning",
            message="",
        )
    errors = errors_of(raised)
    assert "ngoai_bieu_mau" in errors["left"][0]
    assert set(errors) == {"left", "message"}


def test_save_rule_accepts_a_category_option_and_is_logged(units, province_admin, demo_form):
    admin = make_user("tinh_admin_2", units["cao_bang"], Role.ADMIN)
    rule = services.save_rule(
        admin,
        demo_form,
        left="dvk_mh_cong_nhan.commune",
        operator="<=",
        right="dvk_mh_dang_ky.commune",
        importance="warning",
        message="Cấp xã: công nhận không quá số đăng ký",
    )
    logged = ChangeLog.objects.get(content_type__model="validationrule", object_id=str(rule.pk))
    assert logged.action == "create" and logged.after["form_id"] == demo_form.pk
    rule_id = rule.pk
    services.delete_rule(admin, rule)
    assert not ValidationRule.objects.filter(pk=rule_id).exists()
    assert ChangeLog.objects.filter(
        content_type__model="validationrule", object_id=str(rule_id), action="delete"
    ).exists()


# --- pages: indicators -----------------------------------------------------------------------------------------------


def test_province_admin_creates_an_indicator(units, province_admin, client_for):
    client = client_for(province_admin)
    page = client.get(reverse("reporting:indicator_create"))
    assert page.status_code == 200
    owner_choices = [str(value) for value, _label in page.context["form"].fields["owner"].choices]
    assert owner_choices == [str(units["cao_bang"].pk)]
    response = client.post(
        reverse("reporting:indicator_create"),
        {
            "code": "doi_thoai",
            "name": "Số cuộc đối thoại",
            "value_type": "integer",
            "aggregation": "sum",
            "measure": "cuộc",
            "owner": units["cao_bang"].pk,
            "categories": [Category.objects.get(code="cap").pk],
        },
    )
    saved = Indicator.objects.get(code="doi_thoai")
    assert response.status_code == 302 and response.url == reverse(
        "reporting:indicator_detail", args=[saved.pk]
    )
    assert saved.owner == units["cao_bang"] and [c.code for c in saved.categories.all()] == ["cap"]
    detail = client.get(response.url).content.decode()
    assert "Số cuộc đối thoại" in detail and "Tạo mới" in detail


def test_bad_indicator_input_shows_vietnamese_errors_next_to_the_fields(units, province_admin, client_for):
    response = client_for(province_admin).post(
        reverse("reporting:indicator_create"),
        {
            "code": "Tỷ lệ",
            "name": "Tỷ lệ thử",
            "value_type": "percentage",
            "aggregation": "sum",
            "owner": units["cao_bang"].pk,
            "expression": "khong_co / 2",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "chữ thường không dấu" in errors["code"][0]
    assert "khong_co" in errors["expression"][0]
    page = response.content.decode()
    assert 'id="id_code-errors"' in page and 'id="id_expression-errors"' in page
    assert not Indicator.objects.filter(name="Tỷ lệ thử").exists()


def test_indicator_owner_outside_the_admin_scope_is_refused(
    units, province_admin, other_province, client_for
):
    response = client_for(province_admin).post(
        reverse("reporting:indicator_create"),
        {
            "code": "tinh_khac",
            "name": "Chỉ tiêu tỉnh khác",
            "value_type": "integer",
            "aggregation": "sum",
            "owner": other_province.pk,
        },
    )
    assert response.status_code == 200
    assert "phạm vi" in response.context["form"].errors["owner"][0]
    assert not Indicator.objects.filter(code="tinh_khac").exists()


def test_garbage_input_never_gives_a_500(units, province_admin, client_for, own_form):
    client = client_for(province_admin)
    rate = Indicator.objects.get(code="ty_le_giai_quyet")
    garbage = {
        "code": "x" * 500,
        "name": "",
        "value_type": "complex",
        "aggregation": "median",
        "owner": "abc",
        "categories": ["999999", "x"],
        "source": "other.system",
        "expression": "(((",
        "period_type": "week",
        "reporting_kinds": ["village"],
        "reporting_groups": ["x"],
        "deadline_days": "-3",
        "lock_days": "mười",
        "title": "",
        "indicators": ["abc", "999999"],
        "left": "",
        "operator": "=>",
        "importance": "urgent",
    }
    urls = [
        reverse("reporting:indicator_create"),
        reverse("reporting:indicator_edit", args=[rate.pk]),
        reverse("reporting:form_create"),
        reverse("reporting:form_edit", args=[own_form.pk]),
        reverse("reporting:section_create", args=[own_form.pk]),
        reverse("reporting:rule_create", args=[own_form.pk]),
    ]
    for url in urls:
        response = client.post(url, garbage)
        assert response.status_code == 200, url
        assert response.context["form"].errors, url
    for query in ({"value_type": "x", "page": "abc"}, {"owner": "x", "kind": "y", "source": "z"}):
        assert client.get(reverse("reporting:indicator_list"), query).status_code == 200
    assert client.get(reverse("reporting:form_list"), {"period_type": "x", "active": "y"}).status_code == 200
    assert (
        client.get(
            reverse("reporting:form_detail", args=[own_form.pk]), {"tab": "units", "period": "2026Q1"}
        ).status_code
        == 200
    )
    assert (
        client.get(reverse("reporting:form_detail", args=[own_form.pk]), {"tab": "nope"}).status_code == 200
    )


def test_commune_editor_reads_indicators_but_cannot_define_them(
    units, commune_editor, province_admin, client_for, own_form
):
    client = client_for(commune_editor)
    page = client.get(reverse("reporting:indicator_list"))
    assert page.status_code == 200 and "don_tiep_nhan" in page.content.decode()
    assert reverse("reporting:indicator_create") not in page.content.decode()
    assert client.get(reverse("reporting:indicator_create")).status_code == 403
    mine = Indicator.objects.get(code="don_tiep_nhan")
    assert client.get(reverse("reporting:indicator_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("reporting:indicator_edit", args=[mine.pk])).status_code == 403
    response = client.post(
        reverse("reporting:indicator_edit", args=[mine.pk]), {"code": "doi_ma", "name": "x"}
    )
    assert response.status_code == 403
    assert Indicator.objects.filter(code="don_tiep_nhan").exists()


def test_province_admin_cannot_edit_a_national_indicator(units, province_admin, demo_form, client_for):
    national = Indicator.objects.get(code="dcs_doi_thoai")
    client = client_for(province_admin)
    page = client.get(reverse("reporting:indicator_detail", args=[national.pk])).content.decode()
    assert (
        "Dùng chung toàn quốc" in page and reverse("reporting:indicator_edit", args=[national.pk]) not in page
    )
    assert client.get(reverse("reporting:indicator_edit", args=[national.pk])).status_code == 403


def test_other_province_admin_gets_404_on_this_province_indicators(
    other_province_admin, own_form, client_for
):
    client = client_for(other_province_admin)
    mine = Indicator.objects.get(code="don_tiep_nhan")
    assert client.get(reverse("reporting:indicator_detail", args=[mine.pk])).status_code == 404
    assert client.get(reverse("reporting:indicator_edit", args=[mine.pk])).status_code == 404
    assert "don_tiep_nhan" not in client.get(reverse("reporting:indicator_list")).content.decode()


def test_indicator_list_searches_without_accents_and_filters(
    units, province_admin, demo_form, own_form, client_for
):
    client = client_for(province_admin)

    def codes(**query):
        response = client.get(reverse("reporting:indicator_list"), query)
        return {indicator.code for indicator in response.context["page_obj"].object_list}

    assert codes(q="ty le cong nhan") == {"dvk_ty_le_cong_nhan"}
    assert codes(q="ĐƠN THƯ giải quyết") >= {"dcs_don_giai_quyet", "don_giai_quyet", "ty_le_giai_quyet"}
    assert codes(kind="computed") == {"dvk_ty_le_cong_nhan", "dcs_ty_le_giai_quyet", "ty_le_giai_quyet"}
    assert codes(source=Source.PRACTICES_UNITS) == {"dvk_don_vi_dang_ky"}
    assert "dcs_so_ket" in codes(value_type="boolean")
    assert codes(owner=units["cao_bang"].pk) == {"don_tiep_nhan", "don_giai_quyet", "ty_le_giai_quyet"}
    assert "don_tiep_nhan" not in codes(owner="national")


def test_indicator_detail_shows_the_forms_using_it_and_the_formulas_built_on_it(
    province_admin, own_form, client_for
):
    received = Indicator.objects.get(code="don_tiep_nhan")
    page = client_for(province_admin).get(reverse("reporting:indicator_detail", args=[received.pk]))
    assert own_form in [item.section.form for item in page.context["uses"]]
    assert [other.code for other in page.context["used_by"]] == ["ty_le_giai_quyet"]


def test_indicator_list_query_count_is_fixed(
    units, province_admin, client_for, demo_form, django_assert_max_num_queries
):
    client = client_for(province_admin)
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse("reporting:indicator_list"), {"q": "so"}).status_code == 200
    cap = Category.objects.get(code="cap")
    for n in range(40):
        indicator(province_admin, f"them_{n}", units["cao_bang"], name=f"Số thêm {n}", categories=[cap])
    with django_assert_max_num_queries(20) as many:
        response = client.get(reverse("reporting:indicator_list"), {"q": "so"})
        assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 50
    assert len(many.captured_queries) <= len(few.captured_queries)


# --- pages: forms --------------------------------------------------------------------------------------------------


def test_province_admin_creates_a_form_and_sees_it_listed(units, province_admin, client_for):
    client = client_for(province_admin)
    group = UnitGroup.objects.filter(owner=units["cao_bang"]).first()
    response = client.post(
        reverse("reporting:form_create"),
        {
            "code": "bao-cao-quy",
            "name": "Báo cáo công tác dân vận quý",
            "owner": units["cao_bang"].pk,
            "period_type": "quarter",
            "reporting_kinds": ["commune", "agency"],
            "reporting_groups": [group.pk] if group else [],
            "deadline_days": "7",
            "lock_days": "30",
            "has_narrative": "on",
            "is_active": "on",
        },
    )
    form = Form.objects.get(code="bao-cao-quy")
    assert response.status_code == 302 and response.url == reverse("reporting:form_detail", args=[form.pk])
    assert form.reporting_kinds == ["commune", "agency"] and form.lock_days == 30 and form.has_narrative
    page = client.get(reverse("reporting:form_list")).content.decode()
    assert "Báo cáo công tác dân vận quý" in page and "Quý" in page and "7 ngày sau khi hết kỳ" in page


def test_form_owner_outside_the_admin_scope_is_refused(units, province_admin, other_province, client_for):
    response = client_for(province_admin).post(
        reverse("reporting:form_create"),
        {
            "code": "tinh-khac",
            "name": "Biểu mẫu tỉnh khác",
            "owner": other_province.pk,
            "period_type": "year",
            "reporting_kinds": ["commune"],
            "deadline_days": "10",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["owner"]
    assert not Form.objects.filter(code="tinh-khac").exists()


def test_bad_form_input_shows_the_service_error_next_to_the_field(units, province_admin, client_for):
    response = client_for(province_admin).post(
        reverse("reporting:form_create"),
        {
            "code": "bao-cao",
            "name": "Báo cáo",
            "owner": units["cao_bang"].pk,
            "period_type": "year",
            "reporting_kinds": ["commune"],
            "deadline_days": "20",
            "lock_days": "5",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["lock_days"] == ["Ngày khóa nhập liệu phải sau hạn nộp."]
    assert 'id="id_lock_days-errors"' in response.content.decode()


def test_an_admin_marks_compulsory_cells_and_sections_on_the_form_pages(
    units, province_admin, own_form, client_for
):
    client = client_for(province_admin)
    section = own_form.sections.get(title="I. Đơn thư")
    received, resolved = (item.indicator for item in section.items.order_by("position"))
    page = client.get(reverse("reporting:section_edit", args=[own_form.pk, section.pk])).content.decode()
    assert f'name="required" value="{received.pk}"' in page
    client.post(
        reverse("reporting:section_edit", args=[own_form.pk, section.pk]),
        {"title": section.title, "indicators": [received.pk, resolved.pk], "required": [resolved.pk]},
    )
    assert [(i.indicator_id, i.required) for i in section.items.order_by("position")] == [
        (received.pk, False),
        (resolved.pk, True),
    ]
    edit = client.get(reverse("reporting:form_edit", args=[own_form.pk]))
    data = {name: value for name, value in edit.context["form"].initial.items() if value is not None}
    data.update(
        {"owner": own_form.owner_id, "reporting_kinds": own_form.reporting_kinds, "has_narrative": "on"}
    )
    data["required_narrative"] = ["4", "2.6"]
    response = client.post(reverse("reporting:form_edit", args=[own_form.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    own_form.refresh_from_db()
    assert own_form.required_narrative == ["2.6", "4"]
    detail = client.get(reverse("reporting:form_detail", args=[own_form.pk])).content.decode()
    assert "bắt buộc" in detail


def test_commune_editor_sees_the_province_form_read_only(units, commune_editor, own_form, client_for):
    client = client_for(commune_editor)
    listing = client.get(reverse("reporting:form_list")).content.decode()
    assert "Báo cáo thử" in listing and reverse("reporting:form_create") not in listing
    detail = client.get(reverse("reporting:form_detail", args=[own_form.pk]))
    assert detail.status_code == 200 and not detail.context["can_edit"]
    assert reverse("reporting:section_create", args=[own_form.pk]) not in detail.content.decode()
    section = own_form.sections.first()
    rule = own_form.rules.first()
    for url in (
        reverse("reporting:form_create"),
        reverse("reporting:form_edit", args=[own_form.pk]),
        reverse("reporting:section_create", args=[own_form.pk]),
        reverse("reporting:section_edit", args=[own_form.pk, section.pk]),
        reverse("reporting:section_delete", args=[own_form.pk, section.pk]),
        reverse("reporting:rule_create", args=[own_form.pk]),
        reverse("reporting:rule_edit", args=[own_form.pk, rule.pk]),
        reverse("reporting:rule_delete", args=[own_form.pk, rule.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("reporting:section_delete", args=[own_form.pk, section.pk])).status_code == 403
    assert client.post(reverse("reporting:section_move", args=[own_form.pk, section.pk])).status_code == 403
    assert client.post(reverse("reporting:rule_delete", args=[own_form.pk, rule.pk])).status_code == 403
    assert own_form.sections.count() == 2 and own_form.rules.count() == 1


def test_other_province_admin_gets_404_on_the_form_and_its_parts(other_province_admin, own_form, client_for):
    client = client_for(other_province_admin)
    section, rule = own_form.sections.first(), own_form.rules.first()
    for url in (
        reverse("reporting:form_detail", args=[own_form.pk]),
        reverse("reporting:form_edit", args=[own_form.pk]),
        reverse("reporting:section_create", args=[own_form.pk]),
        reverse("reporting:section_edit", args=[own_form.pk, section.pk]),
        reverse("reporting:section_delete", args=[own_form.pk, section.pk]),
        reverse("reporting:rule_edit", args=[own_form.pk, rule.pk]),
        reverse("reporting:rule_delete", args=[own_form.pk, rule.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("reporting:section_delete", args=[own_form.pk, section.pk])).status_code == 404
    assert client.post(reverse("reporting:form_edit", args=[own_form.pk]), {"name": "x"}).status_code == 404
    assert "Báo cáo thử" not in client.get(reverse("reporting:form_list")).content.decode()
    assert own_form.sections.count() == 2


def test_a_section_of_another_form_is_404(units, province_admin, own_form, demo_form, client_for):
    foreign = demo_form.sections.first()
    url = reverse("reporting:section_edit", args=[own_form.pk, foreign.pk])
    assert client_for(province_admin).get(url).status_code == 404


def test_form_detail_tabs(units, province_admin, own_form, client_for):
    client = client_for(province_admin)
    url = reverse("reporting:form_detail", args=[own_form.pk])
    sections = client.get(url).content.decode()
    assert "I. Đơn thư" in sections and "don_giai_quyet / don_tiep_nhan * 100" in sections
    assert f"{url}tien-do/" in sections and f"/bao-cao/tong-hop/?form={own_form.pk}" in sections
    rules = client.get(url, {"tab": "rules"}).content.decode()
    assert "≤" in rules and "Số đơn đã giải quyết không lớn hơn số đơn tiếp nhận" in rules
    narrative = client.get(url, {"tab": "narrative"}).content.decode()
    assert "I. TÌNH HÌNH CHUNG" in narrative and "Phong trào thi đua “Dân vận khéo”" in narrative
    units_tab = client.get(url, {"tab": "units", "period": "2026H1"})
    expected = units_tab.context["expected_count"]
    assert (
        expected
        == OrgUnit.objects.filter(parent=units["cao_bang"], kind="commune", valid_to__isnull=True).count()
    )
    assert expected > 50 and len(units_tab.context["expected_units"]) == 50
    page = units_tab.content.decode()
    assert "Hạn nộp kỳ 6 tháng đầu năm 2026: 10/07/2026" in page and "Phường Thục Phán" in page
    history = client.get(url, {"tab": "history"})
    subjects = [str(entry.subject) for entry in history.context["history"]]
    assert "Phần “I. Đơn thư”" in subjects and "Biểu mẫu" in subjects
    assert "Quy tắc “Số đơn đã giải quyết không lớn hơn số đơn tiếp nhận”" in subjects
    # In words, as the change-log page: the fields' labels, never their names in the code.
    labels = {label for entry in history.context["history"] for label, _old, _new in entry.changes}
    assert {"Tên phần", "Chỉ tiêu", "Tên biểu mẫu", "Phép so sánh"} <= labels
    assert not labels & {"section", "indicators", "name", "operator", "deadline_days"}


def test_sections_are_added_edited_moved_and_deleted_through_the_pages(
    units, province_admin, own_form, client_for
):
    client = client_for(province_admin)
    extra_a = indicator(province_admin, "qua_tet", units["cao_bang"])
    extra_b = indicator(province_admin, "nha_dai_doan_ket", units["cao_bang"])
    create_url = reverse("reporting:section_create", args=[own_form.pk])
    editor = client.get(create_url)
    rows = {row["indicator"].code: row for row in editor.context["rows"]}
    assert rows["don_tiep_nhan"]["elsewhere"] == "I. Đơn thư" and not rows["qua_tet"]["chosen"]
    response = client.post(
        create_url,
        {
            "title": "III. An sinh xã hội",
            "indicators": [extra_a.pk, extra_b.pk],
            f"position-{extra_a.pk}": "2",
            f"position-{extra_b.pk}": "1",
        },
    )
    assert response.status_code == 302
    section = own_form.sections.get(title="III. An sinh xã hội")
    assert services.section_codes(section) == ["nha_dai_doan_ket", "qua_tet"]
    repeated = client.post(
        reverse("reporting:section_edit", args=[own_form.pk, section.pk]),
        {"title": "III. An sinh", "indicators": [extra_a.pk, Indicator.objects.get(code="don_tiep_nhan").pk]},
    )
    assert repeated.status_code == 200
    assert "don_tiep_nhan" in repeated.context["form"].errors["indicators"][0]
    bad_position = client.post(
        reverse("reporting:section_edit", args=[own_form.pk, section.pk]),
        {"title": "III. An sinh", "indicators": [extra_a.pk], f"position-{extra_a.pk}": "đầu"},
    )
    assert "qua_tet" in bad_position.context["form"].errors["indicators"][0]
    move = client.post(reverse("reporting:section_move", args=[own_form.pk, section.pk]), {"direction": "up"})
    assert move.status_code == 302
    assert (
        list(own_form.sections.order_by("position").values_list("title", flat=True))[1]
        == "III. An sinh xã hội"
    )
    confirm = client.get(reverse("reporting:section_delete", args=[own_form.pk, section.pk]))
    assert confirm.status_code == 200 and "Xác nhận xóa" in confirm.content.decode()
    section_id = section.pk
    assert client.post(reverse("reporting:section_delete", args=[own_form.pk, section_id])).status_code == 302
    assert not Section.objects.filter(pk=section_id).exists()
    assert not SectionIndicator.objects.filter(indicator=extra_a).exists()


def test_rules_are_added_edited_and_deleted_through_the_pages(units, province_admin, own_form, client_for):
    client = client_for(province_admin)
    create_url = reverse("reporting:rule_create", args=[own_form.pk])
    page = client.get(create_url).content.decode()
    assert "don_tiep_nhan" in page and 'list="form-codes"' in page
    refused = client.post(
        create_url,
        {
            "left": "khong_co",
            "operator": "<=",
            "right": "don_tiep_nhan",
            "importance": "blocking",
            "message": "x",
        },
    )
    assert refused.status_code == 200
    assert "khong_co" in refused.context["form"].errors["left"][0]
    created = client.post(
        create_url,
        {
            "left": "ty_le_giai_quyet",
            "operator": "<=",
            "right": "100",
            "importance": "warning",
            "message": "Tỷ lệ không quá 100%",
        },
    )
    assert created.status_code == 302
    rule = own_form.rules.get(message="Tỷ lệ không quá 100%")
    edited = client.post(
        reverse("reporting:rule_edit", args=[own_form.pk, rule.pk]),
        {
            "left": "ty_le_giai_quyet",
            "operator": ">=",
            "right": "0",
            "importance": "blocking",
            "message": "Không âm",
        },
    )
    assert edited.status_code == 302
    rule.refresh_from_db()
    assert (rule.operator, rule.right, rule.importance) == (">=", "0", "blocking")
    rule_id = rule.pk
    assert client.post(reverse("reporting:rule_delete", args=[own_form.pk, rule_id])).status_code == 302
    assert not ValidationRule.objects.filter(pk=rule_id).exists()


def test_form_list_query_count_is_fixed(
    units, province_admin, client_for, own_form, django_assert_max_num_queries
):
    client = client_for(province_admin)
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse("reporting:form_list"), {"q": "bao cao"}).status_code == 200
    for n in range(30):
        report_form(province_admin, units["cao_bang"], code=f"bieu-mau-{n}", name=f"Biểu mẫu {n}")
    with django_assert_max_num_queries(20) as many:
        response = client.get(reverse("reporting:form_list"), {"q": "bieu mau"})
        assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 30
    assert len(many.captured_queries) <= len(few.captured_queries)


def test_form_detail_query_count_does_not_grow_with_sections(
    units, province_admin, client_for, own_form, django_assert_max_num_queries
):
    client = client_for(province_admin)
    url = reverse("reporting:form_detail", args=[own_form.pk])
    added = indicator(
        province_admin, "co_phan_to", units["cao_bang"], categories=[Category.objects.get(code="cap")]
    )
    services.save_section(province_admin, own_form, title="Phần có phân tổ", indicators=[added])
    with django_assert_max_num_queries(25) as few:
        assert client.get(url).status_code == 200
    for n in range(10):
        added = indicator(
            province_admin, f"phan_{n}", units["cao_bang"], categories=[Category.objects.get(code="cap")]
        )
        services.save_section(province_admin, own_form, title=f"Phần {n}", indicators=[added])
    with django_assert_max_num_queries(25) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) <= len(few.captured_queries)


# --- categories ------------------------------------------------------------------------------------------------------


def test_a_superuser_adds_a_category_with_its_options(superuser, client_for):
    client = client_for(superuser)
    response = client.post(
        reverse("reporting:category_create"),
        {"code": "gioi_tinh", "name": "Giới tính", "position": "5", "options": "nam: Nam\nnu: Nữ\n"},
    )
    assert response.status_code == 302
    category = Category.objects.get(code="gioi_tinh")
    assert [(o.code, o.name) for o in category.options.order_by("position")] == [("nam", "Nam"), ("nu", "Nữ")]
    assert ChangeLog.objects.filter(content_type__model="category", object_id=str(category.pk)).exists()
    page = client.get(reverse("reporting:category_list")).content.decode()
    assert "Giới tính" in page and reverse("reporting:category_edit", args=[category.pk]) in page


def test_bad_category_input_is_refused_in_vietnamese(superuser, client_for):
    response = client_for(superuser).post(
        reverse("reporting:category_create"),
        {"code": "cap", "name": "Cấp khác", "position": "1", "options": "Một dòng không có dấu hai chấm"},
    )
    assert response.status_code == 200
    assert "mã: tên" in response.context["form"].errors["options"][0]
    response = client_for(superuser).post(
        reverse("reporting:category_create"),
        {"code": "cap", "name": "Cấp khác", "position": "1", "options": "a: A\na: B"},
    )
    errors = response.context["form"].errors
    assert "Đã có phân tổ mã “cap”" in errors["code"][0] and "bị lặp" in errors["options"][0]


def test_an_option_used_by_an_indicator_is_not_removed(superuser, demo_form):
    cap = Category.objects.get(code="cap_xa")  # the demo form's levels
    with pytest.raises(ValidationError) as raised:
        services.save_category(
            superuser, cap, code="cap_xa", name="Cấp", position=4, options=[("commune", "Cấp xã")]
        )
    assert "hamlet" in errors_of(raised)["options"][0]
    assert cap.options.count() == 2


def test_only_a_superuser_defines_categories(province_admin, client_for):
    client = client_for(province_admin)
    assert client.get(reverse("reporting:category_list")).status_code == 200
    assert client.get(reverse("reporting:category_create")).status_code == 403
    cap = Category.objects.get(code="cap")
    assert client.post(reverse("reporting:category_edit", args=[cap.pk]), {"code": "x"}).status_code == 403
    with pytest.raises(NotAllowed):
        services.save_category(province_admin, None, code="rieng", name="Riêng", options=[("a", "A")])


@pytest.mark.parametrize(
    ("period_type", "today", "expected"),
    [
        ("half_year", "2026-07-05", "2026H1"),  # the first half's deadline (10/07) has not passed
        ("half_year", "2026-07-11", "2026H2"),
        ("half_year", "2026-03-01", "2026H1"),
        ("year", "2027-01-05", "2026"),
        ("nine_months", "2026-11-22", "2026N9"),
        ("month", "2026-11-22", "2026M11"),
        ("quarter", "2026-10-03", "2026Q3"),
    ],
)
def test_the_current_period_is_the_last_one_until_its_deadline(period_type, today, expected):
    import datetime

    from danvan.core.periods import current_period

    form = Form(period_type=period_type, deadline_days=10)
    assert current_period(form, datetime.date.fromisoformat(today)).code == expected
