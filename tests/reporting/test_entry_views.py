"""The reporting home, the data entry grid (cells saved one by one through htmx), the workflow buttons and the
completeness page: what each user sees, the Vietnamese messages for bad input, scope (404) and query counts."""

import re

import pytest
from django.urls import reverse

from danvan.accounts.scope import Role
from danvan.core.models import ChangeLog
from danvan.orgunits.lineage import lineage_unit_ids
from danvan.reporting import services
from danvan.reporting.models import Indicator, Submission, Value
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PERIOD = "2026H1"
HTMX = {"HTTP_HX_REQUEST": "true"}


def code(name: str) -> Indicator:
    return Indicator.objects.get(code=name)


def grid_url(form, unit, period=PERIOD):
    return reverse("reporting:entry", args=[form.pk, unit.pk, period])


def cell_url(form, unit, indicator, period=PERIOD):
    return reverse("reporting:entry_cell", args=[form.pk, unit.pk, period, indicator.pk])


def action_url(name, form, unit, period=PERIOD):
    return reverse(f"reporting:{name}", args=[form.pk, unit.pk, period])


@pytest.fixture
def thuc_phan_draft(demo_form, units, commune_editor):
    return services.open_submission(commune_editor, demo_form, units["thuc_phan"], PERIOD)


# --- home ------------------------------------------------------------------------------------------------------------


def test_sidebar_links_to_the_reporting_home(client_for, commune_editor, demo_form):
    response = client_for(commune_editor).get(reverse("home:dashboard"))
    assert reverse("reporting:home") in response.content.decode()


def test_home_lists_the_form_a_commune_must_report_with_its_periods(
    client_for, commune_editor, demo_form, units
):
    response = client_for(commune_editor).get(reverse("reporting:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Báo cáo sơ kết công tác dân vận 6 tháng" in html
    assert "6 tháng đầu năm 2026" in html
    assert grid_url(demo_form, units["thuc_phan"]) in html
    assert "Quá hạn" in html  # 2026H1 not started, deadline 10/07/2026 passed
    assert "10/07/2026" in html


def test_home_shows_the_status_of_the_communes_report(client_for, commune_editor, thuc_phan_draft):
    services.submit(commune_editor, thuc_phan_draft)
    html = client_for(commune_editor).get(reverse("reporting:home")).content.decode()
    assert "Đã nộp, chờ duyệt" in html
    assert "Nộp muộn" in html


def test_home_of_the_province_shows_completeness_and_waiting_reports(
    client_for, province_admin, commune_editor, thuc_phan_draft, demo_form
):
    services.submit(commune_editor, thuc_phan_draft)
    response = client_for(province_admin).get(reverse("reporting:home"))
    html = response.content.decode()
    assert "Tiến độ nộp báo cáo của các đơn vị" in html
    progress = reverse("reporting:completeness", args=[demo_form.pk])
    assert f"{progress}?period=2026H1" in html
    assert "show=waiting" in html


def test_home_query_count_is_bounded(
    client_for, commune_editor, province_admin, demo_form, django_assert_max_num_queries
):
    for user, most in ((commune_editor, 16), (province_admin, 34)):
        client = client_for(user)
        client.get(reverse("reporting:home"))
        with django_assert_max_num_queries(most):
            assert client.get(reverse("reporting:home")).status_code == 200


def test_home_without_a_role_says_what_to_do(client_for, db):
    lonely = make_user("lonely")
    html = client_for(lonely).get(reverse("reporting:home")).content.decode()
    assert "đề nghị quản trị đơn vị" in html


# --- the grid --------------------------------------------------------------------------------------------------------


def test_opening_the_grid_shows_the_system_figures_and_writes_nothing(
    client_for, commune_editor, demo_form, units
):
    logged = ChangeLog.objects.count()
    response = client_for(commune_editor).get(grid_url(demo_form, units["thuc_phan"]))
    assert response.status_code == 200
    assert not Submission.objects.filter(form=demo_form, unit=units["thuc_phan"]).exists()
    assert not Value.objects.filter(unit=units["thuc_phan"]).exists()
    assert ChangeLog.objects.count() == logged
    html = response.content.decode()
    assert "II. Thực hiện dân chủ ở cơ sở" in html
    assert 'inputmode="decimal"' in html
    assert "hệ thống" in html  # bound cells are marked
    assert "Chưa nhập" in html
    indicator = code("dcs_doi_thoai")
    assert f'<label class="visually-hidden" for="v-c{indicator.pk}">{indicator.name}</label>' in html
    assert cell_url(demo_form, units["thuc_phan"], indicator) in html  # ready for the first figure


def test_the_first_saved_figure_creates_the_draft_with_the_system_figures(
    client_for, commune_editor, demo_form, units
):
    ward = units["thuc_phan"]
    client = client_for(commune_editor)
    logged = ChangeLog.objects.count()
    response = client.post(
        cell_url(demo_form, ward, code("dcs_doi_thoai")), {"value": "4", "expected": ""}, **HTMX
    )
    assert response.status_code == 200
    submission = Submission.objects.get(form=demo_form, unit=ward, period=PERIOD)
    assert submission.status == Submission.Status.DRAFT
    stored = Value.objects.filter(unit=ward, period=PERIOD)
    assert stored.get(indicator=code("dcs_doi_thoai")).number == 4
    assert stored.filter(
        origin=Value.Origin.SYSTEM
    ).exists()  # the system's figures stored with the first save
    assert ChangeLog.objects.count() == logged + 1  # "… Tạo mới báo cáo", by the save
    # The status beside the report's title turns from *Chưa nhập* to *Đang nhập* without a reload.
    assert re.search(
        r'<span id="report-status" hx-swap-oob="true">\s*<span [^>]*data-status="draft">Đang nhập</span>',
        response.content.decode(),
    )
    assert "Nộp báo cáo" in client.get(grid_url(demo_form, ward)).content.decode()


def test_a_refused_first_figure_leaves_no_report(client_for, commune_editor, demo_form, units):
    ward = units["thuc_phan"]
    response = client_for(commune_editor).post(
        cell_url(demo_form, ward, code("dcs_doi_thoai")), {"value": "bốn", "expected": ""}, **HTMX
    )
    assert "không phải là số" in response.content.decode()
    assert not Submission.objects.filter(unit=ward).exists()
    assert not Value.objects.filter(unit=ward).exists()


def test_the_first_saved_text_creates_the_draft(client_for, commune_editor, demo_form, units):
    ward = units["thuc_phan"]
    client_for(commune_editor).post(action_url("entry_narrative", demo_form, ward), {"n-1.1": "Ổn định."})
    assert Submission.objects.get(form=demo_form, unit=ward, period=PERIOD).narrative == {"1.1": "Ổn định."}


def test_opening_a_communes_unstarted_report_as_any_user_changes_nothing(
    client_for, demo_reports, units, commune_editor, province_admin, province_approver
):
    """As `caobang` opened Phường Nùng Trí Cao's unstarted report: every tab, by the province and by the commune."""
    ward = units["thuc_phan"]  # not started in the demo
    counts = (ChangeLog.objects.count(), Submission.objects.count(), Value.objects.count())
    for user in (province_admin, province_approver, commune_editor):
        client = client_for(user)
        for tab in ("", "?tab=narrative", "?tab=workflow"):
            assert client.get(grid_url(demo_reports, ward) + tab).status_code == 200
    assert (ChangeLog.objects.count(), Submission.objects.count(), Value.objects.count()) == counts


def test_beside_each_cell_the_last_period_and_the_same_period_a_year_earlier_through_lineage(
    client_for, commune_editor, superuser, demo_form, units
):
    # Phường Thục Phán opened on 1/7/2025: the first half of 2025 is that of the communes it was formed from.
    ward = units["thuc_phan"]
    old = lineage_unit_ids(ward)[1:]
    rows = [
        {"unit": unit_id, "period": "2025H1", "indicator": "dcs_doi_thoai", "value": 2} for unit_id in old
    ]
    rows.append({"unit": ward.pk, "period": "2025H2", "indicator": "dcs_doi_thoai", "value": 5})
    services.write_values(superuser, rows)
    client = client_for(commune_editor)
    shown = f"Kỳ trước: 5 · Cùng kỳ năm trước: {2 * len(old)}"
    assert shown in client.get(grid_url(demo_form, ward)).content.decode()
    saved = client.post(
        cell_url(demo_form, ward, code("dcs_doi_thoai")), {"value": "6", "expected": ""}, **HTMX
    )
    assert shown in saved.content.decode()  # the saved cell keeps them


def test_a_viewer_opening_the_grid_creates_nothing(client_for, demo_form, units):
    viewer = make_user("xem_thucphan", units["thuc_phan"], Role.VIEWER)
    response = client_for(viewer).get(grid_url(demo_form, units["thuc_phan"]))
    assert response.status_code == 200
    assert "chưa bắt đầu nhập báo cáo" in response.content.decode()
    assert not Submission.objects.filter(unit=units["thuc_phan"]).exists()


def test_a_period_before_the_unit_existed_creates_nothing(client_for, commune_editor, demo_form, units):
    # Phường Thục Phán was formed on 1/7/2025: the first half of 2025 belongs to the old communes.
    response = client_for(commune_editor).get(grid_url(demo_form, units["thuc_phan"], "2025H1"))
    assert response.status_code == 200
    assert "không hoạt động vào cuối kỳ" in response.content.decode()
    assert not Submission.objects.filter(unit=units["thuc_phan"]).exists()


def test_a_viewer_sees_the_figures_read_only(client_for, demo_form, units, thuc_phan_draft, commune_editor):
    services.save_value(commune_editor, thuc_phan_draft, code("dcs_doi_thoai"), "", "4")
    viewer = make_user("xem_thucphan", units["thuc_phan"], Role.VIEWER)
    html = client_for(viewer).get(grid_url(demo_form, units["thuc_phan"])).content.decode()
    assert 'value="4"' in html
    assert "hx-post" not in html.split("data-entry-grid", 1)[1]
    assert "Nộp báo cáo" not in html


def test_grid_page_query_count_is_bounded(
    client_for, commune_editor, thuc_phan_draft, demo_form, units, django_assert_max_num_queries
):
    client = client_for(commune_editor)
    client.get(grid_url(demo_form, units["thuc_phan"]))
    with django_assert_max_num_queries(24):
        response = client.get(grid_url(demo_form, units["thuc_phan"]))
    assert response.status_code == 200


def test_saving_a_cell_returns_the_cell_in_its_new_state(
    client_for, commune_editor, thuc_phan_draft, demo_form, units
):
    indicator = code("dcs_doi_thoai")
    response = client_for(commune_editor).post(
        cell_url(demo_form, units["thuc_phan"], indicator), {"category": "", "value": "1.200"}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="cell-c{indicator.pk}"' in html
    assert 'value="1.200"' in html
    assert "Đã lưu" in html
    assert Value.objects.get(unit=units["thuc_phan"], period=PERIOD, indicator=indicator).number == 1200


def test_saving_a_cell_updates_the_computed_indicators_and_rules_out_of_band(
    client_for, commune_editor, thuc_phan_draft, demo_form, units
):
    client = client_for(commune_editor)
    client.post(cell_url(demo_form, units["thuc_phan"], code("dcs_don_tiep_nhan")), {"value": "10"}, **HTMX)
    response = client.post(
        cell_url(demo_form, units["thuc_phan"], code("dcs_don_giai_quyet")), {"value": "12"}, **HTMX
    )
    html = response.content.decode()
    assert f'id="computed-{code("dcs_ty_le_giai_quyet").pk}" hx-swap-oob="true"' in html
    assert ">120<" in html
    assert 'id="rules-panel"' in html and "Bắt buộc" in html
    assert "không được lớn hơn số đơn thư tiếp nhận" in html


def test_bad_input_in_a_cell_answers_in_vietnamese_without_saving(
    client_for, commune_editor, thuc_phan_draft, demo_form, units
):
    indicator = code("dcs_doi_thoai")
    client = client_for(commune_editor)
    for raw, message in (("abc", "không phải là số"), ("2,5", "phải là số nguyên"), ("-3", "không được âm")):
        response = client.post(cell_url(demo_form, units["thuc_phan"], indicator), {"value": raw}, **HTMX)
        assert response.status_code == 200
        html = response.content.decode()
        assert message in html
        assert 'aria-invalid="true"' in html and f'aria-describedby="e-c{indicator.pk}"' in html
    assert not Value.objects.filter(unit=units["thuc_phan"], indicator=indicator).exists()
    percent = code("dlxh_hai_long")
    response = client.post(cell_url(demo_form, units["thuc_phan"], percent), {"value": "120"}, **HTMX)
    assert "từ 0 đến 100" in response.content.decode()


def test_malformed_cell_requests_are_404_not_500(
    client_for, commune_editor, thuc_phan_draft, demo_form, units
):
    client = client_for(commune_editor)
    tp = units["thuc_phan"]
    categorised = code("dvk_mh_dang_ky")
    assert (
        client.post(cell_url(demo_form, tp, categorised), {"category": "nope", "value": "1"}).status_code
        == 404
    )
    computed = code("dcs_ty_le_giai_quyet")
    assert client.post(cell_url(demo_form, tp, computed), {"value": "1"}).status_code == 404
    assert client.get(grid_url(demo_form, tp, "2026X9")).status_code == 404
    assert client.get(grid_url(demo_form, tp, "2026Q1")).status_code == 404  # not the form's period type
    assert client.get(grid_url(demo_form, units["cao_bang"])).status_code == 404  # a province does not report
    assert (
        client.post(cell_url(demo_form, tp, code("dcs_doi_thoai"), "2025H1"), {"value": "1"}).status_code
        == 404
    )


def test_changing_a_system_figure_asks_for_a_reason(
    client_for, commune_editor, thuc_phan_draft, demo_form, units
):
    bound = code("dvk_don_vi_dang_ky")
    client = client_for(commune_editor)
    response = client.post(cell_url(demo_form, units["thuc_phan"], bound), {"value": "7"}, **HTMX)
    html = response.content.decode()
    assert "ghi lý do khi sửa số liệu này" in html
    assert f'id="r-c{bound.pk}"' in html
    response = client.post(
        cell_url(demo_form, units["thuc_phan"], bound),
        {"value": "7", "reason": "Có 7 tổ đăng ký trên giấy"},
        **HTMX,
    )
    html = response.content.decode()
    assert "đã sửa" in html
    value = Value.objects.get(unit=units["thuc_phan"], period=PERIOD, indicator=bound)
    assert (value.number, value.origin, value.reason) == (
        7,
        Value.Origin.OVERRIDDEN,
        "Có 7 tổ đăng ký trên giấy",
    )


def test_cell_history_lists_who_changed_what_and_why(
    client_for, commune_editor, thuc_phan_draft, demo_form, units
):
    indicator = code("dcs_doi_thoai")
    services.save_value(commune_editor, thuc_phan_draft, indicator, "", "3")
    services.save_value(commune_editor, thuc_phan_draft, indicator, "", "5")
    url = reverse(
        "reporting:entry_cell_history", args=[demo_form.pk, units["thuc_phan"].pk, PERIOD, indicator.pk]
    )
    html = client_for(commune_editor).get(url, **HTMX).content.decode()
    assert "Hoàng Thị Phường" in html
    assert ">3</del>" in html and ">5</ins>" in html
    assert "Nhập tay" in html


def test_a_locked_report_shows_why_and_disables_the_cells(
    client_for, commune_editor, province_approver, thuc_phan_draft, demo_form, units
):
    services.submit(commune_editor, thuc_phan_draft)
    services.approve(province_approver, thuc_phan_draft)
    html = client_for(commune_editor).get(grid_url(demo_form, units["thuc_phan"])).content.decode()
    assert "Báo cáo đã được duyệt: số liệu bị khóa" in html
    grid = html.split("data-entry-grid", 1)[1]
    assert "disabled" in grid and "hx-post" not in grid
    response = client_for(commune_editor).post(
        cell_url(demo_form, units["thuc_phan"], code("dcs_doi_thoai")), {"value": "3"}, **HTMX
    )
    assert "Báo cáo đã được duyệt" in response.content.decode()


def test_refresh_from_the_system_is_a_post_by_an_editor(
    client_for, commune_editor, thuc_phan_draft, demo_form, units
):
    url = action_url("entry_refresh", demo_form, units["thuc_phan"])
    assert client_for(commune_editor).get(url).status_code == 405
    response = client_for(commune_editor).post(url, follow=True)
    assert response.status_code == 200
    assert "Số liệu hệ thống không thay đổi" in response.content.decode()


# --- narrative -------------------------------------------------------------------------------------------------------


def test_the_narrative_tab_follows_the_outline_and_saves(
    client_for, commune_editor, thuc_phan_draft, demo_form, units
):
    client = client_for(commune_editor)
    html = client.get(grid_url(demo_form, units["thuc_phan"]) + "?tab=narrative").content.decode()
    assert "I. TÌNH HÌNH CHUNG" in html and "V. ĐỀ XUẤT, KIẾN NGHỊ" in html
    assert 'for="n-2.5"' in html and "Phong trào thi đua “Dân vận khéo”" in html
    url = action_url("entry_narrative", demo_form, units["thuc_phan"])
    response = client.post(url, {"n-1.1": "Tư tưởng cán bộ, nhân dân ổn định.", "n-5": ""}, **HTMX)
    assert response.status_code == 200 and "Đã lưu" in response.content.decode()
    thuc_phan_draft.refresh_from_db()
    assert thuc_phan_draft.narrative == {"1.1": "Tư tưởng cán bộ, nhân dân ổn định."}
    too_long = client.post(url, {"n-1.2": "x" * 20001}, **HTMX)
    assert too_long.status_code == 422 and "Tối đa 20.000 ký tự" in too_long.content.decode()


# --- workflow through the pages ---------------------------------------------------------------------------------------


def test_submit_with_a_blocking_violation_stays_a_draft_and_says_why(
    client_for, commune_editor, thuc_phan_draft, demo_form, units
):
    services.save_value(commune_editor, thuc_phan_draft, code("dcs_don_tiep_nhan"), "", "5")
    services.save_value(commune_editor, thuc_phan_draft, code("dcs_don_giai_quyet"), "", "8")
    response = client_for(commune_editor).post(
        action_url("entry_transition", demo_form, units["thuc_phan"]), {"action": "submit"}, follow=True
    )
    html = response.content.decode()
    assert "Chưa nộp được: số liệu vi phạm quy tắc kiểm tra." in html
    assert "không được lớn hơn số đơn thư tiếp nhận" in html
    thuc_phan_draft.refresh_from_db()
    assert thuc_phan_draft.status == Submission.Status.DRAFT


def test_a_refused_submission_points_at_each_empty_compulsory_cell_and_broken_rule_once(
    client_for, commune_editor, demo_form_as_issued, units
):
    form, ward = demo_form_as_issued, units["thuc_phan"]
    report = services.open_submission(commune_editor, form, ward, PERIOD)
    services.save_value(commune_editor, report, code("dcs_don_tiep_nhan"), "", "23")
    services.save_value(commune_editor, report, code("dcs_don_giai_quyet"), "", "30")
    response = client_for(commune_editor).post(
        action_url("entry_transition", form, ward), {"action": "submit"}, follow=True
    )
    html = response.content.decode()
    assert "Chưa nộp được: còn 6 ô / mục bắt buộc chưa điền; số liệu vi phạm quy tắc kiểm tra." in html
    broken = (
        "Số đơn thư đã giải quyết (30) không được lớn hơn số đơn thư kiến nghị, phản ánh, khiếu nại, tố cáo"
    )
    # Once in the panel, once on the offending cell: not repeated as messages above the grid.
    assert html.count(broken) == 2
    resolved_cell = html.split(f'id="cell-c{code("dcs_don_giai_quyet").pk}"', 1)[1].split(
        "dv-history-button", 1
    )[0]
    assert broken in resolved_cell
    empty = code("dcs_luot_tiep")
    assert f'href="#v-c{empty.pk}"' in html  # the panel links to the empty compulsory cell
    assert f'id="cell-c{empty.pk}" class="dv-cell dv-cell-missing"' in html
    assert "?tab=narrative#n-2.2" in html
    report.refresh_from_db()
    assert report.status == Submission.Status.DRAFT


def test_submit_then_approve_through_the_pages(
    client_for, commune_editor, province_approver, thuc_phan_draft, demo_form, units
):
    url = action_url("entry_transition", demo_form, units["thuc_phan"])
    response = client_for(commune_editor).post(url, {"action": "submit"}, follow=True)
    assert "Đã nộp báo cáo" in response.content.decode()
    denied = client_for(commune_editor).post(url, {"action": "approve"}, follow=True)
    assert "Chỉ người phê duyệt của đơn vị cấp trên" in denied.content.decode()
    approver = client_for(province_approver)
    html = approver.get(grid_url(demo_form, units["thuc_phan"])).content.decode()
    assert 'id="approve-report"' in html
    no_comment = approver.post(url, {"action": "return", "comment": ""}, follow=True)
    assert "Ghi rõ lý do trả lại" in no_comment.content.decode()
    approver.post(url, {"action": "approve"})
    thuc_phan_draft.refresh_from_db()
    assert thuc_phan_draft.status == Submission.Status.APPROVED


def test_returned_report_shows_the_approvers_comment(
    client_for, commune_editor, province_approver, thuc_phan_draft, demo_form, units
):
    services.submit(commune_editor, thuc_phan_draft)
    services.return_submission(province_approver, thuc_phan_draft, "Bổ sung số buổi tiếp công dân.")
    html = client_for(commune_editor).get(grid_url(demo_form, units["thuc_phan"])).content.decode()
    assert "Bị trả lại" in html and "Bổ sung số buổi tiếp công dân." in html


def test_the_approver_and_the_submitter_see_their_own_screens(
    client_for, commune_editor, province_approver, thuc_phan_draft, demo_form, units
):
    url = grid_url(demo_form, units["thuc_phan"])
    services.submit(commune_editor, thuc_phan_draft)
    waiting = client_for(province_approver).get(url).content.decode()
    assert "đã nộp báo cáo, chờ duyệt" in waiting
    assert "chỉ sửa được khi cấp trên trả lại" not in waiting  # the unit's banner, not the approver's
    assert "chỉ sửa được khi cấp trên trả lại" in client_for(commune_editor).get(url).content.decode()
    services.return_submission(province_approver, thuc_phan_draft, "Bổ sung số buổi tiếp công dân.")
    approver = client_for(province_approver).get(url).content.decode()
    assert 'id="submit-report"' not in approver and "Nộp báo cáo" not in approver
    assert "Cấp trên trả lại" not in approver
    assert "Trả lại — Phường Thục Phán sửa" in approver and "Bổ sung số buổi tiếp công dân." in approver
    submitter = client_for(commune_editor).get(url).content.decode()
    assert 'id="submit-report"' in submitter and "Cấp trên trả lại" in submitter


def test_returned_reports_count_as_returned_not_missing(
    client_for, commune_editor, province_approver, thuc_phan_draft, demo_form
):
    services.submit(commune_editor, thuc_phan_draft)
    services.return_submission(province_approver, thuc_phan_draft, "Sửa lại.")
    response = client_for(province_approver).get(
        reverse("reporting:completeness", args=[demo_form.pk]), {"period": PERIOD}
    )
    figures = {card["key"]: card["count"] for card in response.context["cards"]}
    assert figures["returned"] == 1
    assert figures["missing"] == figures["all"] - 1
    listed = client_for(province_approver).get(
        reverse("reporting:completeness", args=[demo_form.pk]), {"period": PERIOD, "show": "returned"}
    )
    assert "Phường Thục Phán" in listed.content.decode()


def test_an_unknown_action_or_an_outside_next_url_is_harmless(
    client_for, commune_editor, thuc_phan_draft, demo_form, units
):
    url = action_url("entry_transition", demo_form, units["thuc_phan"])
    response = client_for(commune_editor).post(url, {"action": "delete"})
    assert response.status_code == 302 and response.url.startswith(grid_url(demo_form, units["thuc_phan"]))
    response = client_for(commune_editor).post(url, {"action": "submit", "next": "https://example.com/"})
    assert response.url.startswith(grid_url(demo_form, units["thuc_phan"]))


# --- scope -----------------------------------------------------------------------------------------------------------


def test_other_commune_editor_cannot_open_or_write_thuc_phans_report(
    client_for, other_commune_editor, thuc_phan_draft, demo_form, units
):
    client = client_for(other_commune_editor)
    tp = units["thuc_phan"]
    indicator = code("dcs_doi_thoai")
    assert client.get(grid_url(demo_form, tp)).status_code == 404
    assert client.post(cell_url(demo_form, tp, indicator), {"value": "9"}, **HTMX).status_code == 404
    history = reverse("reporting:entry_cell_history", args=[demo_form.pk, tp.pk, PERIOD, indicator.pk])
    assert client.get(history).status_code == 404
    for name in ("entry_transition", "entry_narrative", "entry_refresh"):
        assert client.post(action_url(name, demo_form, tp), {"action": "submit"}).status_code == 404
    progress = reverse("reporting:completeness", args=[demo_form.pk])
    assert client.get(progress, {"unit": tp.pk}).status_code == 404
    assert not Value.objects.filter(unit=tp, indicator=indicator).exists()
    thuc_phan_draft.refresh_from_db()
    assert thuc_phan_draft.status == Submission.Status.DRAFT


def test_a_viewer_in_scope_cannot_save_a_cell(client_for, thuc_phan_draft, demo_form, units):
    viewer = make_user("xem_thucphan", units["thuc_phan"], Role.VIEWER)
    response = client_for(viewer).post(
        cell_url(demo_form, units["thuc_phan"], code("dcs_doi_thoai")), {"value": "3"}, **HTMX
    )
    assert response.status_code == 403
    assert "không có quyền nhập" in response.content.decode()


# --- completeness ----------------------------------------------------------------------------------------------------


def test_completeness_lists_the_missing_units(
    client_for,
    province_admin,
    commune_editor,
    thuc_phan_draft,
    demo_form,
    units,
    django_assert_max_num_queries,
):
    services.submit(commune_editor, thuc_phan_draft)
    client = client_for(province_admin)
    url = reverse("reporting:completeness", args=[demo_form.pk])
    client.get(url, {"period": PERIOD})
    with django_assert_max_num_queries(20):
        response = client.get(url, {"period": PERIOD, "show": "missing"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Phường Nùng Trí Cao" in html
    assert "Phường Thục Phán" not in html.split("dv-progress-table", 1)[1]
    waiting = client.get(url, {"period": PERIOD, "show": "waiting"}).content.decode()
    table = waiting.split("dv-progress-table", 1)[1]
    assert "Phường Thục Phán" in table and "Nộp muộn" in table
    assert grid_url(demo_form, units["thuc_phan"]) in table


def test_completeness_figures_match_the_submissions(client_for, province_approver, demo_reports, units):
    response = client_for(province_approver).get(
        reverse("reporting:completeness", args=[demo_reports.pk]), {"period": PERIOD}
    )
    cards = response.context["cards"]
    figures = {card["key"]: card["count"] for card in cards}
    expected = Submission.objects.filter(form=demo_reports, period=PERIOD)
    submitted = expected.exclude(status__in=[Submission.Status.DRAFT, Submission.Status.RETURNED]).count()
    assert figures["submitted"] == submitted
    returned = expected.filter(status=Submission.Status.RETURNED).count()
    assert figures["returned"] == returned
    assert figures["missing"] == figures["all"] - submitted - returned
    assert figures["approved"] == expected.filter(status=Submission.Status.APPROVED).count()
    assert figures["waiting"] == expected.filter(status=Submission.Status.SUBMITTED).count()
    html = response.content.decode()
    assert html.count('class="btn btn-sm btn-outline-success"') == figures["waiting"]  # "Duyệt" shortcuts


def test_completeness_answers_bad_period_codes_with_a_message(client_for, province_admin, demo_form):
    url = reverse("reporting:completeness", args=[demo_form.pk])
    response = client_for(province_admin).get(url, {"period": "2026Z"}, follow=True)
    assert response.status_code == 200
    assert "không hợp lệ" in response.content.decode()
    response = client_for(province_admin).get(url, {"period": "2026Q2"})
    assert "Biểu mẫu này báo cáo theo kỳ 6 tháng" in response.content.decode()


def test_a_note_on_a_cell_by_the_unit_and_its_approver_is_kept_beside_its_history(
    client_for, commune_editor, province_approver, thuc_phan_draft, demo_form, units
):
    ward, cell = units["thuc_phan"], code("dcs_doi_thoai")
    url = reverse("reporting:entry_cell_comment", args=[demo_form.pk, ward.pk, PERIOD, cell.pk])
    logged = ChangeLog.objects.count()
    answer = client_for(commune_editor).post(url, {"category": "", "text": "Theo sổ tiếp dân."}, **HTMX)
    assert answer.status_code == 200 and "Theo sổ tiếp dân." in answer.content.decode()
    client_for(province_approver).post(url, {"category": "", "text": "Cuộc thứ ba ở đâu?"}, **HTMX)
    assert ChangeLog.objects.count() == logged + 2
    history = client_for(commune_editor).get(
        reverse("reporting:entry_cell_history", args=[demo_form.pk, ward.pk, PERIOD, cell.pk])
    )
    assert (
        "Theo sổ tiếp dân." in history.content.decode() and "Cuộc thứ ba ở đâu?" in history.content.decode()
    )
    assert "dv-commented" in client_for(commune_editor).get(grid_url(demo_form, ward)).content.decode()
    empty = client_for(commune_editor).post(url, {"category": "", "text": "  "}, **HTMX)
    assert empty.status_code == 422 and "Chưa nhập ghi chú." in empty.content.decode()
    viewer = make_user("xem_thucphan", ward, Role.VIEWER)
    assert client_for(viewer).post(url, {"category": "", "text": "x"}, **HTMX).status_code == 403
