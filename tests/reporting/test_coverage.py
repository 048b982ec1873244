"""Every figure says what it covers: totals count approved reports unless asked for submitted or all, the coverage
("2/56 đơn vị đã báo cáo") is given beside each total with the units behind it, and a report's change of status
shows at once in the cached figures."""

import pytest
from django.urls import reverse

from danvan.core.periods import Period
from danvan.reporting import selectors, services
from danvan.reporting.models import Indicator, Submission
from tests.factories import submission

pytestmark = pytest.mark.django_db

PERIOD = Period.parse("2026H1")


@pytest.fixture
def three_reports(demo_form, units, superuser):
    """Thục Phán's report approved (2 dialogues), Nùng Trí Cao's submitted (30), Hòa Chung's a draft (500)."""
    from danvan.orgunits.models import OrgUnit

    third = (
        OrgUnit.objects.filter(parent=units["cao_bang"], kind="commune", valid_to__isnull=True)
        .exclude(pk__in=[units["thuc_phan"].pk, units["nung_tri_cao"].pk])
        .order_by("sort_key")
        .first()
    )
    services.write_values(
        superuser,
        [
            {"unit": unit.pk, "period": PERIOD.code, "indicator": "dcs_doi_thoai", "value": n}
            for unit, n in ((units["thuc_phan"], 2), (units["nung_tri_cao"], 30), (third, 500))
        ],
    )
    submission(demo_form, units["thuc_phan"], PERIOD.code, status=Submission.Status.APPROVED)
    submission(demo_form, units["nung_tri_cao"], PERIOD.code, status=Submission.Status.SUBMITTED)
    submission(demo_form, third, PERIOD.code)
    return {"approved": units["thuc_phan"], "submitted": units["nung_tri_cao"], "draft": third}


def total(unit, status=selectors.APPROVED, by=None):
    dialogues = [Indicator.objects.get(code="dcs_doi_thoai")]
    rows = selectors.aggregate(dialogues, unit, [PERIOD], by=by, status=status)["rows"]
    return {row["unit"]: row["value"] for row in rows}


def test_the_province_total_counts_approved_reports_unless_asked_for_submitted_or_all(three_reports, units):
    province = units["cao_bang"]
    assert total(province) == {province.pk: 2}
    assert total(province, selectors.SUBMITTED) == {province.pk: 32}
    assert total(province, selectors.ALL) == {province.pk: 532}
    by_commune = total(province, selectors.SUBMITTED, by="child")
    assert by_commune == {three_reports["approved"].pk: 2, three_reports["submitted"].pk: 30}
    assert total(None) == {None: 2}  # the nation, from the provinces' cached shares


def test_the_coverage_counts_the_units_whose_reports_are_counted(three_reports, demo_form, units):
    province = units["cao_bang"]
    approved = selectors.coverage(demo_form, PERIOD, province, selectors.APPROVED, units=True)
    assert (approved.expected, approved.counted) == (56, 1)
    assert approved.counted_units == [three_reports["approved"]]
    assert three_reports["submitted"] in approved.missing_units and len(approved.missing_units) == 55
    submitted = selectors.coverage(demo_form, PERIOD, province, selectors.SUBMITTED)
    everything = selectors.coverage(demo_form, PERIOD, province, selectors.ALL)
    assert (submitted.expected, submitted.counted, everything.counted) == (56, 2, 3)


def test_approving_a_report_shows_at_once_in_the_cached_national_and_province_totals(
    three_reports, demo_form, units, province_approver
):
    province = units["cao_bang"]
    assert total(None) == {None: 2} and total(province) == {province.pk: 2}  # now cached
    report = Submission.objects.get(unit=three_reports["submitted"], period=PERIOD.code)

    services.transition(province_approver, report, "approve")

    assert total(None) == {None: 32} and total(province) == {province.pk: 32}
    services.transition(province_approver, report, "reopen", comment="Sửa số liệu")
    assert total(None) == {None: 2}


def test_the_page_switches_between_approved_submitted_and_all_and_names_the_units(
    three_reports, demo_form, units, province_admin, client_for
):
    client = client_for(province_admin)
    params = {"form": demo_form.pk, "unit": units["cao_bang"].pk, "period": PERIOD.code}
    html = client.get(reverse("reporting:analytics"), params).content.decode()
    assert (
        "1/56 đơn vị đã báo cáo" in html
        and 'value="approved" id="an-status-approved" autocomplete="off" checked' in html
    )
    response = client.get(reverse("reporting:analytics"), {**params, "status": "submitted", "units": "1"})
    table = response.context["tables"][0]
    index = next(n for n, c in enumerate(response.context["columns"]) if c.indicator.code == "dcs_doi_thoai")
    assert table.total.figures[index].value == 32
    assert table.coverage_text == "2/56 đơn vị đã báo cáo"
    html = response.content.decode()
    assert "Được tính (2 đơn vị)" in html and "Chưa được tính (54 đơn vị)" in html
    assert three_reports["draft"].name in html
    compared = client.get(reverse("reporting:analytics"), {**params, "status": "all", "layout": "periods"})
    assert "3/56 đơn vị đã báo cáo" in compared.content.decode()
    wrong = client.get(reverse("reporting:analytics"), {**params, "status": "nhap"})
    assert "đang xem báo cáo đã duyệt" in wrong.content.decode()


def test_the_api_takes_the_status_and_answers_the_coverage(three_reports, units, province_admin, client_for):
    client = client_for(province_admin)
    url = "/api/v1/reporting/analytics"
    params = {"unit": units["cao_bang"].pk, "period": PERIOD.code, "indicators": "dcs_doi_thoai"}
    body = client.get(url, params).json()
    assert body["status"] == "approved" and body["coverage"] == {"expected": 56, "counted": 1}
    assert [row["value"] for row in body["rows"]] == [2]
    body = client.get(url, {**params, "status": "all"}).json()
    assert body["coverage"] == {"expected": 56, "counted": 3} and [r["value"] for r in body["rows"]] == [532]
    wrong = client.get(url, {**params, "status": "draft"})
    assert wrong.status_code == 422
    assert "không hợp lệ" in str(wrong.json()) and "approved" in str(wrong.json())


def test_yes_no_reads_co_khong_for_a_commune_and_the_count_of_co_in_the_total(
    demo_form, units, superuser, province_admin, client_for
):
    services.write_values(
        superuser,
        [
            {"unit": units["thuc_phan"].pk, "period": PERIOD.code, "indicator": "dcs_so_ket", "value": "có"},
            {
                "unit": units["nung_tri_cao"].pk,
                "period": PERIOD.code,
                "indicator": "dcs_so_ket",
                "value": "không",
            },
        ],
    )
    for unit in (units["thuc_phan"], units["nung_tri_cao"]):
        submission(demo_form, unit, PERIOD.code, status=Submission.Status.APPROVED)
    response = client_for(province_admin).get(
        reverse("reporting:analytics"),
        {"form": demo_form.pk, "unit": units["cao_bang"].pk, "period": PERIOD.code},
    )
    index = next(n for n, c in enumerate(response.context["columns"]) if c.indicator.code == "dcs_so_ket")
    table = response.context["tables"][0]
    by_unit = {row.unit.pk: row.figures[index].text for row in table.rows}
    assert by_unit[units["thuc_phan"].pk] == "Có" and by_unit[units["nung_tri_cao"].pk] == "Không"
    assert table.total.figures[index].text == "1 Có"
