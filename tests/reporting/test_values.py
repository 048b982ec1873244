"""Values: how figures are typed in, filled from the system, written in bulk, checked and counted as expected."""

import pytest
from django.core.exceptions import ValidationError

from danvan.core.periods import Period
from danvan.orgunits.models import OrgUnit
from danvan.practices.models import Level
from danvan.practices.selectors import stats
from danvan.reporting import services
from danvan.reporting.models import Indicator, Submission, Value, ValueChange, ValueType
from danvan.reporting.selectors import completeness, expected_units


def indicator(code, value_type=ValueType.INTEGER, **fields):
    return Indicator(code=code, name=fields.pop("name", code), value_type=value_type, **fields)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1.759", 1759.0), ("12", 12.0), (" 2 345 ", 2345.0), ("1.234.567", 1234567.0), (7, 7.0)],
)
def test_integers_are_read_the_vietnamese_way(raw, expected):
    assert services.parse_value(indicator("a"), raw) == (expected, "")


@pytest.mark.parametrize(
    ("raw", "expected"), [("2,5", 2.5), ("2.5", 2.5), ("1.759,25", 1759.25), ("0,125", 0.125)]
)
def test_decimals_take_a_comma_or_a_lone_dot(raw, expected):
    assert services.parse_value(indicator("a", ValueType.DECIMAL), raw) == (expected, "")


@pytest.mark.parametrize(
    ("value_type", "raw", "message"),
    [
        (ValueType.INTEGER, "mười", "không phải là số"),
        (ValueType.INTEGER, "2,5", "phải là số nguyên"),
        (ValueType.INTEGER, "-3", "không được âm"),
        (ValueType.PERCENTAGE, "120", "từ 0 đến 100"),
        (ValueType.BOOLEAN, "có lẽ", "Có hoặc Không"),
        (ValueType.DECIMAL, "nan", "không phải là số"),
        (ValueType.DECIMAL, "1.000.000.000.000.000", "quá lớn"),
        (ValueType.INTEGER, "1_000", "không phải là số"),
        (ValueType.INTEGER, "٣", "không phải là số"),
        (ValueType.DECIMAL, "1e20", "không phải là số"),
    ],
)
def test_bad_figures_are_refused_naming_the_indicator(value_type, raw, message):
    with pytest.raises(ValidationError) as error:
        services.parse_value(indicator("a", value_type, name="Số cuộc đối thoại"), raw)
    assert "Số cuộc đối thoại" in error.value.messages[0]
    assert message in error.value.messages[0]


def test_yes_no_and_blank_cells():
    yes_no = indicator("a", ValueType.BOOLEAN)
    assert services.parse_value(yes_no, "Có") == (1.0, "")
    assert services.parse_value(yes_no, "không") == (0.0, "")
    assert services.parse_value(indicator("b"), "  ") == (None, "")


def test_figures_are_shown_as_typed():
    assert services.display(indicator("a"), 1759.0) == "1.759"
    assert services.display(indicator("a", ValueType.DECIMAL), 2.5) == "2,5"
    assert services.display(indicator("a", ValueType.DECIMAL), 12345.75) == "12.345,75"
    assert services.display(indicator("a", ValueType.BOOLEAN), 1.0) == "Có"


@pytest.fixture
def thuc_phan_report(demo_form, units, commune_editor):
    return services.open_submission(commune_editor, demo_form, units["thuc_phan"], "2026H1")


def test_opening_a_report_fills_the_dan_van_kheo_counts_from_the_register(thuc_phan_report, units, fields):
    from danvan.practices import services as practice_services

    practice_services.register_practice(
        _superuser(),
        owner=units["thuc_phan"],
        fields=[fields["kinh-te"]],
        name="Camera an ninh tổ dân phố",
        registration_year=2026,
    )
    services.fill_from_system(None, thuc_phan_report)
    counts = stats(units["thuc_phan"], 2026, ["level"])
    commune_level = next(row["count"] for row in counts["rows"] if row["level"] == Level.COMMUNE)
    value = Value.objects.get(
        unit=units["thuc_phan"], period="2026H1", indicator__code="dvk_mh_dang_ky", category="commune"
    )
    assert value.number == commune_level >= 1
    assert value.origin == Value.Origin.SYSTEM
    by_field = Value.objects.get(
        unit=units["thuc_phan"], period="2026H1", indicator__code="dvk_mh_linh_vuc", category="kinh_te"
    )
    assert by_field.number >= 1


def _superuser():
    from danvan.accounts.models import User

    return User.objects.create_superuser("hethong", "ht@example.vn", "x")


def test_a_system_figure_is_changed_only_with_a_reason(thuc_phan_report, commune_editor):
    registered = Indicator.objects.get(code="dvk_mh_dang_ky")
    with pytest.raises(ValidationError, match="ghi lý do"):
        services.save_value(commune_editor, thuc_phan_report, registered, "commune", "9")
    result = services.save_value(
        commune_editor,
        thuc_phan_report,
        registered,
        "commune",
        "9",
        reason="Thêm 9 mô hình đăng ký trên giấy",
    )
    assert result.value.origin == Value.Origin.OVERRIDDEN
    assert result.value.reason == "Thêm 9 mô hình đăng ký trên giấy"
    # Refreshing from the system keeps the figure the unit corrected.
    services.fill_from_system(commune_editor, thuc_phan_report)
    assert Value.objects.get(pk=result.value.pk).number == 9


def test_each_change_of_a_cell_is_kept_with_who_and_what(thuc_phan_report, commune_editor):
    dialogues = Indicator.objects.get(code="dcs_doi_thoai")
    services.save_value(commune_editor, thuc_phan_report, dialogues, "", "3")
    services.save_value(commune_editor, thuc_phan_report, dialogues, "", "1.204")
    history = list(
        ValueChange.objects.filter(unit=thuc_phan_report.unit, indicator=dialogues).order_by("at", "id")
    )
    assert [(h.old_value, h.new_value, h.user_id) for h in history] == [
        ("", "3", commune_editor.pk),
        ("3", "1.204", commune_editor.pk),
    ]


def test_a_broken_rule_is_reported_when_the_cell_is_left(thuc_phan_report, commune_editor):
    received = Indicator.objects.get(code="dcs_don_tiep_nhan")
    resolved = Indicator.objects.get(code="dcs_don_giai_quyet")
    services.save_value(commune_editor, thuc_phan_report, received, "", "4")
    result = services.save_value(commune_editor, thuc_phan_report, resolved, "", "6")
    # Both sides named, with their figures ("(6 ≤ 4)" read as if it were true).
    assert result.errors == [
        "Số đơn thư đã giải quyết (6) không được lớn hơn số đơn thư kiến nghị, phản ánh, khiếu nại, tố cáo tiếp nhận (4)"
    ]
    with pytest.raises(ValidationError, match="vi phạm quy tắc"):
        services.submit(commune_editor, thuc_phan_report)


def test_a_rule_can_name_one_category_option(demo_form, thuc_phan_report, commune_editor, province_admin):
    services.save_rule(
        province_admin,
        demo_form,
        left="dvk_mh_cong_nhan.hamlet",
        operator="<=",
        right="dvk_mh_dang_ky.hamlet",
        importance="warning",
        message="Mô hình cấp thôn được công nhận nhiều hơn số đăng ký",
    )
    registered = Indicator.objects.get(code="dvk_mh_dang_ky")
    recognised = Indicator.objects.get(code="dvk_mh_cong_nhan")
    services.save_value(commune_editor, thuc_phan_report, registered, "hamlet", "2", reason="Sổ đăng ký")
    result = services.save_value(
        commune_editor, thuc_phan_report, recognised, "hamlet", "3", reason="Quyết định"
    )
    assert (
        "Số mô hình, điển hình “Dân vận khéo” được công nhận – Cấp thôn, tổ dân phố (3) không được lớn hơn"
        " số mô hình, điển hình “Dân vận khéo” đăng ký – Cấp thôn, tổ dân phố (2)"
    ) in result.warnings


def test_bulk_write_is_all_or_nothing_with_rows_named(demo_form, units, commune_editor):
    rows = [
        {"unit": units["thuc_phan"].pk, "period": "2026H1", "indicator": "dcs_doi_thoai", "value": 3},
        {"unit": units["thuc_phan"].pk, "period": "2026X1", "indicator": "dcs_doi_thoai", "value": 3},
        {"unit": units["thuc_phan"].pk, "period": "2026H1", "indicator": "khong_co", "value": 3},
        {
            "unit": units["thuc_phan"].pk,
            "period": "2026H1",
            "indicator": "dvk_mh_dang_ky",
            "category": "x",
            "value": 1,
        },
        {"unit": units["thuc_phan"].pk, "period": "2026H1", "indicator": "dvk_ty_le_cong_nhan", "value": 50},
    ]
    with pytest.raises(ValidationError) as error:
        services.write_values(commune_editor, rows)
    problems = error.value.message_dict
    assert set(problems) == {"Dòng 2", "Dòng 3", "Dòng 4", "Dòng 5"}
    assert "2026X1" in problems["Dòng 2"][0]
    assert Value.objects.count() == 0


def test_bulk_write_of_another_communes_figures_is_refused_and_changes_nothing(
    demo_form, units, commune_editor, other_commune_editor
):
    services.write_values(
        other_commune_editor,
        [{"unit": units["nung_tri_cao"].pk, "period": "2026H1", "indicator": "dcs_doi_thoai", "value": 2}],
    )
    before = list(Value.objects.values_list("unit_id", "indicator_id", "number"))
    rows = [
        {"unit": units["thuc_phan"].pk, "period": "2026H1", "indicator": "dcs_doi_thoai", "value": 5},
        {"unit": units["nung_tri_cao"].pk, "period": "2026H1", "indicator": "dcs_doi_thoai", "value": 99},
    ]
    # Another commune is outside the writer's scope: answered like a unit that does not exist, never named.
    with pytest.raises(ValidationError) as refused:
        services.write_values(commune_editor, rows)
    assert "Nùng Trí Cao" not in str(refused.value.messages)
    assert list(Value.objects.values_list("unit_id", "indicator_id", "number")) == before


def test_bulk_write_into_an_approved_report_is_refused(
    thuc_phan_report, commune_editor, province_approver, units
):
    services.submit(commune_editor, thuc_phan_report)
    services.approve(province_approver, thuc_phan_report)
    row = {"unit": units["thuc_phan"].pk, "period": "2026H1", "indicator": "dcs_doi_thoai", "value": 5}
    with pytest.raises(ValidationError, match="đã được duyệt"):
        services.write_values(commune_editor, [row])


def test_bulk_write_reports_what_changed(demo_form, units, commune_editor):
    row = {"unit": units["thuc_phan"].pk, "period": "2026H1", "indicator": "dcs_doi_thoai", "value": "5"}
    assert services.write_values(commune_editor, [row]) == {"written": 1, "unchanged": 0}
    assert services.write_values(commune_editor, [row]) == {"written": 0, "unchanged": 1}


def test_the_communes_of_the_province_are_expected_and_old_ones_for_old_periods(demo_form, units):
    now = list(expected_units(demo_form, Period.parse("2026H1")))
    before = list(expected_units(demo_form, Period.parse("2024H2")))
    assert units["thuc_phan"] in now and len(now) == 56
    assert all(unit.kind == OrgUnit.Kind.COMMUNE and unit.valid_to is None for unit in now)
    assert len(before) == 161 and all(unit.valid_to is not None for unit in before)
    # The new ward's report for 2024 is made of the old wards it was formed from.
    thuc_phan_before = list(expected_units(demo_form, Period.parse("2024H2"), root=units["thuc_phan"]))
    assert thuc_phan_before and all(unit.valid_to is not None for unit in thuc_phan_before)


def test_completeness_counts_on_time_late_and_missing(demo_reports, units):
    result = completeness(demo_reports, Period.parse("2026H1"), units["cao_bang"])
    assert len(result.expected) == 56
    assert len(result.submitted) + len(result.missing) == 56
    assert result.late and result.on_time
    assert units["thuc_phan"] in [unit for unit, _submission in result.missing]
    assert all(s.submitted_at.date() > result.deadline for _unit, s in result.late)
    assert (
        result.approved
        == Submission.objects.filter(
            form=demo_reports, period="2026H1", status=Submission.Status.APPROVED
        ).count()
    )


def test_the_dashboard_names_the_report_to_file_and_those_waiting_for_approval(
    demo_reports, units, client_for, commune_editor, province_admin
):
    from django.utils import timezone

    from danvan.core.periods import PeriodType

    last_ended = Period.containing(PeriodType.HALF_YEAR, timezone.localdate()).previous()
    page = client_for(commune_editor).get("/")
    html = page.content.decode()
    assert "Báo cáo sơ kết công tác dân vận 6 tháng" in html
    # The ward has not started it: overdue, or current while its deadline runs; either way on the list.
    assert f'data-todo-period="{last_ended.code}"' in html
    waiting = Submission.objects.filter(form=demo_reports, status=Submission.Status.SUBMITTED)
    assert waiting
    page = client_for(province_admin).get("/")
    for period in sorted({s.period for s in waiting}):
        count = waiting.filter(period=period).count()
        label = Period.parse(period).label
        assert (
            f"{count} báo cáo chờ duyệt – Báo cáo sơ kết công tác dân vận 6 tháng, {label}"
            in page.content.decode()
        )
