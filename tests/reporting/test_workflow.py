"""The submission workflow and the rules around a unit's figures, at the level of the services: draft → submitted →
approved by an approver of the parent unit (or returned with a comment), locks, system figures and their reasons,
bulk writes refused whole, outliers."""

import pytest
from django.utils import timezone

from danvan.accounts.scope import Role
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.periods import Period, PeriodType
from danvan.orgunits.lineage import lineage_unit_ids
from danvan.reporting import services
from danvan.reporting.models import Indicator, Submission, SubmissionEvent, Value, ValueChange
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PERIOD = "2026H1"


def indicator(code: str) -> Indicator:
    return Indicator.objects.get(code=code)


@pytest.fixture
def draft(demo_form, units, commune_editor):
    return services.open_submission(commune_editor, demo_form, units["thuc_phan"], PERIOD)


def fill(editor, submission, **figures):
    for code, value in figures.items():
        services.save_value(editor, submission, indicator(code), "", value)


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_opening_a_report_creates_a_draft_filled_from_the_system(draft, units):
    assert draft.status == Submission.Status.DRAFT
    bound = Value.objects.filter(unit=units["thuc_phan"], period=PERIOD, indicator__code="dvk_don_vi_dang_ky")
    assert bound.get().origin == Value.Origin.SYSTEM


def test_submit_is_blocked_by_a_blocking_rule(draft, commune_editor):
    fill(commune_editor, draft, dcs_don_tiep_nhan="5")
    result = services.save_value(commune_editor, draft, indicator("dcs_don_giai_quyet"), "", "8")
    assert result.value.number == 8  # saved, but flagged
    assert any(
        "Số đơn thư đã giải quyết (8) không được lớn hơn số đơn thư kiến nghị" in m for m in result.errors
    )
    with pytest.raises(ValidationError) as error:
        services.submit(commune_editor, draft)
    assert "vi phạm quy tắc kiểm tra" in messages(error.value)
    assert "Số đơn thư đã giải quyết (8) không được lớn hơn số đơn thư kiến nghị" in messages(error.value)
    draft.refresh_from_db()
    assert draft.status == Submission.Status.DRAFT


def test_a_warning_rule_does_not_block_submission(draft, commune_editor):
    result = services.save_value(commune_editor, draft, indicator("dcs_doi_thoai"), "", "5")
    result = services.save_value(commune_editor, draft, indicator("dcs_nguoi_du_doi_thoai"), "", "2")
    assert any(
        "Số lượt người dân dự đối thoại (2) không được nhỏ hơn số cuộc đối thoại" in m
        for m in result.warnings
    )
    assert services.submit(commune_editor, draft).status == Submission.Status.SUBMITTED


def test_only_an_approver_of_the_parent_unit_approves(draft, units, commune_editor, other_commune_editor):
    services.submit(commune_editor, draft)
    other_approver = make_user("nungtricao_approver", units["nung_tri_cao"], Role.APPROVER)
    own_approver = make_user("thucphan_approver", units["thuc_phan"], Role.APPROVER)
    for user in (commune_editor, other_commune_editor, other_approver, own_approver):
        with pytest.raises(NotAllowed):
            services.approve(user, draft)
    draft.refresh_from_db()
    assert draft.status == Submission.Status.SUBMITTED


def test_the_province_approver_approves_a_commune_report(draft, commune_editor, province_approver):
    services.submit(commune_editor, draft)
    approved = services.approve(province_approver, draft, "Đạt yêu cầu")
    assert approved.status == Submission.Status.APPROVED
    assert approved.approved_by == province_approver
    assert list(approved.events.values_list("action", flat=True)) == [
        SubmissionEvent.Action.SUBMIT,
        SubmissionEvent.Action.APPROVE,
    ]


def test_returning_a_report_needs_a_comment_and_reopens_entry(draft, commune_editor, province_approver):
    services.submit(commune_editor, draft)
    with pytest.raises(ValidationError) as error:
        services.return_submission(province_approver, draft, "  ")
    assert "lý do trả lại" in messages(error.value)
    returned = services.return_submission(province_approver, draft, "Bổ sung số buổi tiếp công dân.")
    assert returned.status == Submission.Status.RETURNED
    assert services.lock_reason(returned) == ""
    services.save_value(commune_editor, returned, indicator("dcs_tiep_cong_dan"), "", "12")
    assert services.submit(commune_editor, returned).status == Submission.Status.SUBMITTED


def test_a_submitted_report_is_locked_for_editing(draft, commune_editor):
    services.submit(commune_editor, draft)
    with pytest.raises(ValidationError) as error:
        services.save_value(commune_editor, draft, indicator("dcs_doi_thoai"), "", "3")
    assert "đang chờ duyệt" in messages(error.value)
    with pytest.raises(ValidationError):
        services.save_narrative(commune_editor, draft, {"1.1": "Ổn định"})


def test_an_approved_report_is_locked_until_the_approver_reopens_it(
    draft, units, commune_editor, province_approver
):
    services.submit(commune_editor, draft)
    services.approve(province_approver, draft)
    with pytest.raises(ValidationError) as error:
        services.save_value(commune_editor, draft, indicator("dcs_doi_thoai"), "", "3")
    assert "đã được duyệt" in messages(error.value)
    with pytest.raises(NotAllowed):
        services.reopen(commune_editor, draft, "Sửa số liệu")
    with pytest.raises(ValidationError):
        services.reopen(province_approver, draft, "")
    reopened = services.reopen(province_approver, draft, "Đơn vị đề nghị sửa số cuộc đối thoại.")
    assert reopened.status == Submission.Status.RETURNED
    assert reopened.unlocked_until is not None
    result = services.save_value(commune_editor, reopened, indicator("dcs_doi_thoai"), "", "3")
    assert result.value.number == 3


def test_entry_locks_after_the_forms_lock_days_until_reopened(
    demo_form, units, commune_editor, province_approver
):
    demo_form.lock_days = 30
    demo_form.save()
    today = timezone.localdate()
    past = Period.containing(PeriodType.HALF_YEAR, today).previous().previous()
    submission = services.open_submission(commune_editor, demo_form, units["thuc_phan"], past.code)
    reason = services.lock_reason(submission)
    assert "hết hạn nhập số liệu" in reason
    with pytest.raises(ValidationError):
        services.save_value(commune_editor, submission, indicator("dcs_doi_thoai"), "", "2")
    with pytest.raises(ValidationError):
        services.submit(commune_editor, submission)
    services.reopen(province_approver, submission, "Cho phép bổ sung số liệu.")
    submission.refresh_from_db()
    assert services.lock_reason(submission) == ""
    assert (
        services.save_value(commune_editor, submission, indicator("dcs_doi_thoai"), "", "2").value.number == 2
    )


def test_overriding_a_system_figure_needs_a_reason(draft, units, commune_editor):
    bound = indicator("dvk_don_vi_dang_ky")
    system = Value.objects.get(unit=units["thuc_phan"], period=PERIOD, indicator=bound).number
    with pytest.raises(ValidationError) as error:
        services.save_value(commune_editor, draft, bound, "", str(int(system) + 5))
    assert "ghi lý do" in messages(error.value)
    result = services.save_value(
        commune_editor, draft, bound, "", str(int(system) + 5), reason="Thêm 5 tổ dân phố đăng ký trên giấy"
    )
    assert result.value.origin == Value.Origin.OVERRIDDEN
    assert result.value.reason == "Thêm 5 tổ dân phố đăng ký trên giấy"
    change = ValueChange.objects.filter(unit=units["thuc_phan"], period=PERIOD, indicator=bound).first()
    assert change.reason == "Thêm 5 tổ dân phố đăng ký trên giấy"
    assert change.user == commune_editor
    back = services.save_value(commune_editor, draft, bound, "", str(int(system)))
    assert back.value.origin == Value.Origin.SYSTEM


def test_an_unauthorised_bulk_write_is_refused_and_writes_nothing(draft, units, other_commune_editor):
    before = Value.objects.count()
    rows = [
        {"unit": units["nung_tri_cao"].pk, "period": PERIOD, "indicator": "dcs_doi_thoai", "value": 4},
        {"unit": units["thuc_phan"].pk, "period": PERIOD, "indicator": "dcs_doi_thoai", "value": 99},
    ]
    # Another commune is outside the writer's scope: answered like a unit that does not exist, never named.
    with pytest.raises(ValidationError) as error:
        services.write_values(other_commune_editor, rows)
    assert "Phường Thục Phán" not in str(error.value.messages)
    assert Value.objects.count() == before
    assert not Value.objects.filter(indicator__code="dcs_doi_thoai").exists()


def test_a_figure_far_from_the_units_history_is_flagged(demo_form, units, commune_editor):
    # The ward opened on 1/7/2025: its history is 2025H2 and 2026H1.
    rows = [
        {"unit": units["thuc_phan"].pk, "period": code, "indicator": "dcs_doi_thoai", "value": value}
        for code, value in (("2025H2", 4), ("2026H1", 5))
    ]
    services.write_values(commune_editor, rows)
    draft = services.open_submission(commune_editor, demo_form, units["thuc_phan"], "2026H2")
    calm = services.save_value(commune_editor, draft, indicator("dcs_doi_thoai"), "", "6")
    assert not calm.warnings
    wild = services.save_value(commune_editor, draft, indicator("dcs_doi_thoai"), "", "60")
    assert any("khác xa số liệu các kỳ trước" in m for m in wild.warnings)


def test_transition_is_the_one_entry_for_each_step_of_the_workflow(draft, commune_editor, province_approver):
    services.transition(commune_editor, draft, "submit", comment="not kept")
    services.transition(province_approver, draft, "return", comment="Thiếu số liệu")
    draft.refresh_from_db()
    assert draft.status == Submission.Status.RETURNED
    services.transition(commune_editor, draft, "submit")
    approved = services.transition(province_approver, draft, "approve", comment="Đạt")
    assert approved.status == Submission.Status.APPROVED
    events = list(draft.events.order_by("pk").values_list("action", "comment"))
    assert events == [("submit", ""), ("return", "Thiếu số liệu"), ("submit", ""), ("approve", "Đạt")]
    with pytest.raises(ValidationError):
        services.transition(province_approver, draft, "publish")


def test_a_report_with_empty_compulsory_cells_or_sections_is_not_submitted(
    demo_form_as_issued, units, commune_editor
):
    report = services.open_submission(commune_editor, demo_form_as_issued, units["thuc_phan"], PERIOD)
    fill(commune_editor, report, dcs_doi_thoai="3", dcs_tiep_cong_dan="12")
    with pytest.raises(services.Incomplete) as refused:
        services.submit(commune_editor, report)
    assert refused.value.summary == "Chưa nộp được: còn 6 ô / mục bắt buộc chưa điền."
    assert [gap.label for gap in refused.value.gaps] == [
        "Số lượt công dân được tiếp",
        "Số đơn thư kiến nghị, phản ánh, khiếu nại, tố cáo tiếp nhận",
        "Số đơn thư đã giải quyết",
        "Công tác dân vận của chính quyền",
        "Thực hiện dân chủ ở cơ sở",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
    ]
    assert "Chưa điền: Số lượt công dân được tiếp" in refused.value.messages  # what the API answers
    fill(commune_editor, report, dcs_luot_tiep="40", dcs_don_tiep_nhan="4", dcs_don_giai_quyet="0")
    services.save_narrative(
        commune_editor, report, {"2.2": "Tiếp 40 lượt.", "2.6": "Ba cuộc đối thoại.", "4": "Tiếp tục."}
    )
    assert services.submit(commune_editor, report).status == Submission.Status.SUBMITTED


def test_compulsory_cells_and_sections_are_set_on_the_form_and_logged(demo_form, province_admin):
    section = demo_form.sections.get(title__startswith="II.")
    items = list(section.items.select_related("indicator"))
    services.save_section(
        province_admin,
        demo_form,
        section,
        title=section.title,
        indicators=[item.indicator for item in items],
        required=[items[0].indicator],
    )
    assert [item.required for item in section.items.all()] == [True] + [False] * (len(items) - 1)
    services.save_form(province_admin, demo_form, required_narrative=["4", "2.6"])
    demo_form.refresh_from_db()
    assert demo_form.required_narrative == ["2.6", "4"]  # in the outline's order
    with pytest.raises(ValidationError, match="đề cương"):
        services.save_form(province_admin, demo_form, required_narrative=["9"])


def test_the_outlier_check_counts_the_history_of_the_communes_a_ward_was_formed_from(
    demo_form, units, commune_editor, superuser
):
    # Phường Thục Phán opened on 1/7/2025: its earlier halves are those of the communes it was formed from, added up.
    ward = units["thuc_phan"]
    old = lineage_unit_ids(ward)[1:]
    assert old
    services.write_values(
        superuser,
        [
            {"unit": unit_id, "period": code, "indicator": "dcs_doi_thoai", "value": 2}
            for unit_id in old
            for code in ("2024H2", "2025H1")
        ],
    )
    draft = services.open_submission(commune_editor, demo_form, ward, "2025H2")
    calm = services.save_value(commune_editor, draft, indicator("dcs_doi_thoai"), "", str(2 * len(old)))
    assert not calm.warnings
    assert calm.history == {"2024H2": 2.0 * len(old), "2025H1": 2.0 * len(old)}
    wild = services.save_value(commune_editor, draft, indicator("dcs_doi_thoai"), "", str(20 * len(old)))
    assert any("khác xa số liệu các kỳ trước" in m for m in wild.warnings)


def test_many_cells_of_one_report_saved_at_once_start_it_all_or_nothing(demo_form, units, commune_editor):
    ward = units["thuc_phan"]
    with pytest.raises(ValidationError):
        services.save_report_values(
            commune_editor,
            demo_form,
            ward,
            PERIOD,
            [{"indicator": "dcs_doi_thoai", "value": 3}, {"indicator": "dcs_luot_tiep", "value": "ba"}],
        )
    assert not Submission.objects.filter(unit=ward).exists() and not Value.objects.filter(unit=ward).exists()
    rows = [{"indicator": "dcs_doi_thoai", "value": 3}, {"indicator": "dcs_luot_tiep", "value": 40}]
    assert services.save_report_values(commune_editor, demo_form, ward, PERIOD, rows)["written"] == 2
    assert Submission.objects.get(form=demo_form, unit=ward, period=PERIOD).status == Submission.Status.DRAFT
