"""A petition's steps (`transition`): each step dated, attributed, logged and setting the next legal clock; each
refusal in Vietnamese naming its field."""

import pytest
from django.core.exceptions import ValidationError

from danvan.accounts.scope import Role
from danvan.citizens.clocks import petition_deadline
from danvan.citizens.models import Petition, PetitionStep
from danvan.citizens.services import allowed_actions, transition
from danvan.core.errors import NotAllowed
from danvan.notifications.models import Notification
from tests import factories

from .conftest import days, logs_of

Stage, Action = Petition.Stage, PetitionStep.Action


def errors_of(excinfo) -> dict:
    return {
        field: [str(m) for e in errs for m in e.messages] for field, errs in excinfo.value.error_dict.items()
    }


def refused(petition, action, field, *, by, **details) -> str:
    with pytest.raises(ValidationError) as excinfo:
        transition(by, petition, action, **details)
    found = errors_of(excinfo)
    assert field in found, found
    return " ".join(found[field])


def assert_clock(petition, step):
    petition.refresh_from_db()
    assert petition.clock_step == step
    if step:
        assert petition.due_on == petition_deadline(petition).due
    else:  # no clock runs; a resolved or closed petition keeps the due date it was resolved against
        assert petition.clock_from is None
        if petition.stage not in (Stage.RESOLVED, Stage.CLOSED):
            assert petition.due_on is None


def accepted(petition, editor, **details):
    transition(editor, petition, Action.PROCESS, on=days(-9), processing="within")
    transition(editor, petition, Action.ACCEPT, on=days(-8), reference="QĐ 12/QĐ-UBND", **details)
    return petition


@pytest.mark.django_db
class TestTheSteps:
    def test_processing_a_first_complaint_within_competence_starts_the_acceptance_clock(
        self, make_petition, editor
    ):
        petition = make_petition()
        assert_clock(petition, "xu_ly_don")
        step = transition(
            editor, petition, Action.PROCESS, on=days(-9), processing="within", note="Đủ điều kiện"
        )
        assert (step.by, step.by_name, step.on) == (editor, "Lục Thị Tiếp", days(-9))
        assert petition.stage == Stage.PROCESSED and petition.processed_on == days(-9)
        assert_clock(petition, "khieu_nai_lan_1.thu_ly")
        assert petition.clock_from == petition.received_on

    def test_a_second_complaint_runs_its_own_acceptance_clock(self, make_petition, editor):
        petition = make_petition(kind=Petition.Kind.KHIEU_NAI_2)
        transition(editor, petition, Action.PROCESS, on=days(-9), processing="within")
        assert_clock(petition, "khieu_nai_lan_2.thu_ly")

    def test_forwarding_names_the_competent_body_and_stops_the_clock(self, make_petition, editor):
        petition = make_petition()
        message = refused(petition, Action.PROCESS, "to_body", by=editor, on=days(-9), processing="forwarded")
        assert "cơ quan có thẩm quyền" in message
        step = transition(
            editor,
            petition,
            Action.PROCESS,
            on=days(-9),
            processing="forwarded",
            to_body="UBND tỉnh Cao Bằng",
        )
        assert step.details["to_body"] == "UBND tỉnh Cao Bằng"
        assert_clock(petition, "")
        assert allowed_actions(petition) == [Action.CLOSE, Action.REOPEN]

    @pytest.mark.parametrize("processing", ["guided", "filed"])
    def test_guiding_or_filing_runs_no_clock(self, make_petition, editor, processing):
        petition = make_petition()
        transition(editor, petition, Action.PROCESS, on=days(-9), processing=processing)
        assert_clock(petition, "")

    def test_accepting_a_complaint_starts_the_resolution_clock_from_the_acceptance(
        self, make_petition, editor
    ):
        petition = accepted(make_petition(), editor, complex_case=True, remote_area=True)
        assert petition.stage == Stage.ACCEPTED and petition.acceptance_reference == "QĐ 12/QĐ-UBND"
        assert petition.complex_case and petition.remote_area
        assert_clock(petition, "khieu_nai_lan_1.giai_quyet")
        assert petition.clock_from == days(-8)

    def test_accepting_a_denunciation_also_sets_when_the_denouncer_is_told(self, make_petition, editor):
        petition = make_petition(kind=Petition.Kind.TO_CAO, sealed=[{"name": "Trần Văn Tố"}])
        assert_clock(petition, "to_cao.xu_ly_ban_dau")
        transition(editor, petition, Action.PROCESS, on=days(-9), processing="within")
        assert_clock(petition, "to_cao.xu_ly_ban_dau")
        step = transition(editor, petition, Action.ACCEPT, on=days(-8), reference="TB 3/TB-UBND")
        assert_clock(petition, "to_cao.giai_quyet")
        assert step.details["notice_due"]

    def test_refusing_needs_a_reason_and_stops_the_clock(self, make_petition, editor):
        petition = make_petition()
        transition(editor, petition, Action.PROCESS, on=days(-9), processing="within")
        assert "lý do" in refused(petition, Action.REFUSE, "reason", by=editor, on=days(-8), reason="  ")
        transition(editor, petition, Action.REFUSE, on=days(-8), reason="Hết thời hiệu khiếu nại")
        assert petition.stage == Stage.REFUSED and petition.refusal_reason == "Hết thời hiệu khiếu nại"
        assert_clock(petition, "")

    def test_assigning_verifying_resolving_and_closing(self, make_petition, editor, approver, outsider):
        petition = accepted(make_petition(), editor)
        refused(petition, Action.ASSIGN, "assignee", by=editor, on=days(-7), assignee=outsider)
        transition(editor, petition, Action.ASSIGN, on=days(-7), assignee=approver)
        assert petition.stage == Stage.ASSIGNED and petition.assignee == approver
        assert_clock(petition, "khieu_nai_lan_1.giai_quyet")
        transition(editor, petition, Action.VERIFY, on=days(-5), note="Đã xác minh thực địa")
        assert petition.stage == Stage.VERIFIED
        message = refused(
            petition, Action.RESOLVE, "outcome", by=editor, on=days(-3), reference="QĐ 5", answer="X"
        )
        assert "kết quả" in message
        transition(
            editor,
            petition,
            Action.RESOLVE,
            on=days(-3),
            reference="QĐ 20/QĐ-UBND",
            outcome="partly",
            answer="Khiếu nại đúng một phần.",
        )
        assert (petition.stage, petition.resolved_on, petition.outcome) == (
            Stage.RESOLVED,
            days(-3),
            "partly",
        )
        assert_clock(petition, "")
        transition(editor, petition, Action.CLOSE, on=days(-1))
        assert petition.stage == Stage.CLOSED and petition.closed_on == days(-1)
        actions = list(petition.steps.values_list("action", flat=True))
        assert actions == ["receive", "process", "accept", "assign", "verify", "resolve", "close"]

    def test_each_step_is_in_the_change_log(self, make_petition, editor):
        petition = accepted(make_petition(), editor)
        logged = logs_of(petition).filter(action="update").order_by("id")
        assert [row.after["stage"] for row in logged] == ["processed", "accepted"]
        assert all("content" not in row.after for row in logged)

    def test_a_transfer_moves_the_petition_to_the_new_units_register(self, make_petition, editor, units):
        petition = make_petition()
        old = f"{petition.number}/{petition.year}"
        target = units["nung_tri_cao"]
        step = transition(
            editor, petition, Action.TRANSFER, on=days(-9), to_unit=target, reason="Đúng địa bàn"
        )
        petition.refresh_from_db()
        assert (petition.unit, petition.unit_path) == (target, target.path)
        assert petition.province_code == target.path.strip("/").split("/")[0]
        assert step.details["old_number"] == old
        assert step.details["new_number"] == f"{petition.number}/{petition.year}"
        transfer = petition.transfers.get()
        assert (transfer.from_unit, transfer.to_unit) == (units["thuc_phan"], target)
        assert petition.stage == Stage.RECEIVED and petition.clock_from == days(-9)
        assert_clock(petition, "xu_ly_don")

    def test_a_suspension_stops_the_clock_until_it_resumes(self, make_petition, editor):
        petition = accepted(make_petition(), editor)
        transition(editor, petition, Action.SUSPEND, on=days(-6), reason="Chờ kết quả giám định")
        petition.refresh_from_db()
        assert petition.suspended_since == days(-6) and petition.due_on is None
        assert allowed_actions(petition) == [Action.RESUME, Action.WITHDRAW]
        refused(
            petition,
            Action.RESOLVE,
            "action",
            by=editor,
            on=days(-5),
            reference="X",
            outcome="right",
            answer="Y",
        )
        transition(editor, petition, Action.RESUME, on=days(-4))
        assert petition.suspensions.get().end == days(-4)
        assert_clock(petition, "khieu_nai_lan_1.giai_quyet")

    def test_a_complex_denunciation_is_extended_once_by_a_decision(self, make_petition, editor):
        petition = make_petition(kind=Petition.Kind.TO_CAO, sealed=[{"name": "Trần Văn Tố"}])
        accepted(petition, editor, complex_case=True)
        refused(petition, Action.EXTEND, "reference", by=editor, on=days(-5))
        transition(editor, petition, Action.EXTEND, on=days(-5), reference="QĐ 7/QĐ-UBND", reason="Phức tạp")
        assert petition.extensions.get().reference == "QĐ 7/QĐ-UBND"
        assert_clock(petition, "to_cao.giai_quyet")
        message = refused(petition, Action.EXTEND, "action", by=editor, on=days(-4), reference="QĐ 8")
        assert "không thể gia hạn thêm" in message

    def test_a_simple_denunciation_is_not_extended(self, make_petition, editor):
        petition = accepted(make_petition(kind=Petition.Kind.TO_CAO, sealed=[{"name": "Tố"}]), editor)
        assert "không được gia hạn" in refused(
            petition, Action.EXTEND, "action", by=editor, on=days(-5), reference="Q"
        )

    def test_a_complaint_is_not_extended(self, make_petition, editor):
        petition = accepted(make_petition(), editor)
        assert "tố cáo" in refused(
            petition, Action.EXTEND, "action", by=editor, on=days(-5), reference="QĐ 1"
        )

    def test_withdrawing_in_part_keeps_the_rest_running(self, make_petition, editor):
        petition = accepted(make_petition(), editor)
        refused(petition, Action.WITHDRAW, "withdrawn", by=editor, on=days(-5), whole=False)
        step = transition(
            editor, petition, Action.WITHDRAW, on=days(-5), whole=False, withdrawn="Phần bồi thường cây"
        )
        assert step.details == {"whole": False, "withdrawn": "Phần bồi thường cây"}
        assert petition.stage == Stage.ACCEPTED
        assert_clock(petition, "khieu_nai_lan_1.giai_quyet")

    def test_withdrawing_whole_closes_it(self, make_petition, editor):
        petition = accepted(make_petition(), editor)
        transition(editor, petition, Action.WITHDRAW, on=days(-5))
        assert petition.stage == Stage.WITHDRAWN and petition.closed_on == days(-5)
        assert_clock(petition, "")

    def test_merging_a_duplicate_keeps_its_steps(self, make_petition, editor):
        first, second = make_petition(), make_petition()
        refused(second, Action.MERGE, "into", by=editor, on=days(-9), into=second)
        transition(editor, second, Action.MERGE, on=days(-9), into=first)
        assert (second.stage, second.merged_into) == (Stage.MERGED, first)
        assert second.steps.count() == 2
        assert_clock(second, "")
        refused(first, Action.MERGE, "into", by=editor, on=days(-8), into=second)

    def test_reopening_a_resolved_complaint_runs_its_resolution_clock_again(self, make_petition, editor):
        petition = accepted(make_petition(), editor)
        transition(
            editor, petition, Action.RESOLVE, on=days(-3), reference="QĐ", outcome="wrong", answer="Sai."
        )
        refused(petition, Action.REOPEN, "reason", by=editor, on=days(-2))
        transition(editor, petition, Action.REOPEN, on=days(-2), reason="Phát hiện tình tiết mới")
        assert petition.stage == Stage.ACCEPTED and petition.resolved_on is None
        assert_clock(petition, "khieu_nai_lan_1.giai_quyet")

    def test_a_kien_nghi_is_answered(self, make_petition, editor):
        petition = make_petition(kind=Petition.Kind.KIEN_NGHI)
        transition(editor, petition, Action.ANSWER, on=days(-2), answer="Đã sửa đường.")
        assert petition.answered_on == days(-2) and petition.answer == "Đã sửa đường."
        assert Action.ANSWER not in allowed_actions(petition)


@pytest.mark.django_db
class TestRefusals:
    def test_a_resolution_before_the_acceptance(self, make_petition, editor):
        petition = make_petition()
        transition(editor, petition, Action.PROCESS, on=days(-9), processing="within")
        message = refused(
            petition,
            Action.RESOLVE,
            "action",
            by=editor,
            on=days(-8),
            reference="Q",
            outcome="right",
            answer="A",
        )
        assert message == "Đơn chưa được thụ lý: chưa thể giải quyết."

    def test_a_date_in_the_future(self, make_petition, editor):
        message = refused(make_petition(), Action.PROCESS, "on", by=editor, on=days(1), processing="within")
        assert message == "Ngày thực hiện không được sau hôm nay."

    def test_a_date_before_the_previous_step(self, make_petition, editor):
        petition = make_petition()
        message = refused(petition, Action.PROCESS, "on", by=editor, on=days(-11), processing="within")
        assert "không được trước bước trước đó" in message

    def test_a_step_the_stage_does_not_allow(self, make_petition, editor):
        message = refused(make_petition(), Action.ACCEPT, "action", by=editor, on=days(-9), reference="Q")
        assert message == "Đơn đang ở tình trạng “Đã tiếp nhận”: không thể “Thụ lý”."

    def test_an_unknown_action(self, make_petition, editor):
        assert refused(make_petition(), "fly", "action", by=editor, on=days(-9)) == "Bước xử lý không hợp lệ."

    def test_a_date_that_is_not_a_date(self, make_petition, editor):
        assert refused(make_petition(), Action.PROCESS, "on", by=editor, on="hôm qua", processing="within")

    def test_acceptance_needs_its_decisions_reference(self, make_petition, editor):
        petition = make_petition()
        transition(editor, petition, Action.PROCESS, on=days(-9), processing="within")
        assert "số quyết định" in refused(petition, Action.ACCEPT, "reference", by=editor, on=days(-8))

    def test_a_viewer_or_another_province_cannot_take_a_step(self, make_petition, viewer, outsider):
        petition = make_petition()
        for actor in (viewer, outsider):
            with pytest.raises(NotAllowed):
                transition(actor, petition, Action.PROCESS, on=days(-9), processing="within")
        assert petition.steps.count() == 1


@pytest.mark.django_db
class TestNotices:
    def test_the_officer_assigned_is_told_by_number_and_subject(
        self, make_petition, editor, approver, django_capture_on_commit_callbacks
    ):
        petition = accepted(make_petition(kind=Petition.Kind.TO_CAO, sealed=[{"name": "Vi Văn Kín"}]), editor)
        with django_capture_on_commit_callbacks(execute=True):
            transition(editor, petition, Action.ASSIGN, on=days(-7), assignee=approver)
        notice = Notification.objects.get(recipient=approver, kind="petition_assigned")
        assert f"đơn số {petition.number}/{petition.year}" in notice.title
        assert notice.link == f"/don-thu/don/{petition.pk}/"
        assert "Kín" not in f"{notice.title} {notice.body}"

    def test_the_receiving_units_editors_are_told_of_a_transfer(
        self, make_petition, editor, units, django_capture_on_commit_callbacks
    ):
        receiver = factories.user("nhan_don", units["nung_tri_cao"], Role.EDITOR)
        petition = make_petition()
        with django_capture_on_commit_callbacks(execute=True):
            transition(
                editor,
                petition,
                Action.TRANSFER,
                on=days(-9),
                to_unit=units["nung_tri_cao"],
                reason="Địa bàn",
            )
        notice = Notification.objects.get(recipient=receiver, kind="petition_transferred")
        assert notice.title.startswith("Phường Thục Phán chuyển đến đơn số 1/")
