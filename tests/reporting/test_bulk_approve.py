"""Approving many reports at once on the completeness page (issue #10, Deliver 7): exactly the ticked reports that
wait for approval, each through the workflow, in one POST; a refusal is named by its unit."""

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from danvan.core.models import ChangeLog
from danvan.orgunits.models import OrgUnit
from danvan.reporting import services
from danvan.reporting.models import Submission, SubmissionEvent
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def form(units):
    return factories.report_form(units["cao_bang"], name="Báo cáo sơ kết 6 tháng")


@pytest.fixture
def communes(units):
    """Four communes of Tỉnh Cao Bằng: Phường Thục Phán, Phường Nùng Trí Cao and two more."""
    others = (
        OrgUnit.objects.filter(parent=units["cao_bang"], kind=OrgUnit.Kind.COMMUNE, valid_to__isnull=True)
        .exclude(pk__in=[units["thuc_phan"].pk, units["nung_tri_cao"].pk])
        .order_by("sort_key")[:2]
    )
    return [units["thuc_phan"], units["nung_tri_cao"], *others]


@pytest.fixture
def reports(form, communes):
    """Three reports submitted for 2026H1 and a draft."""
    sent = {"status": Submission.Status.SUBMITTED, "submitted_at": timezone.now()}
    fields = [sent, sent, sent, {}]
    return [
        factories.submission(form, unit, "2026H1", **more)
        for unit, more in zip(communes, fields, strict=True)
    ]


def _approve(client, form, **data):
    return client.post(f"/bao-cao/bieu-mau/{form.pk}/tien-do/duyet/", {"period": "2026H1", **data})


def _statuses(reports):
    return [Submission.objects.get(pk=r.pk).status for r in reports]


def test_the_approver_approves_exactly_the_ticked_submitted_reports(
    form, reports, communes, province_approver, client_for
):
    ticked = [reports[0].pk, reports[2].pk]
    answer = _approve(client_for(province_approver), form, submission=ticked)
    assert answer.status_code == 302
    assert "period=2026H1" in answer["Location"]
    assert _statuses(reports) == ["approved", "submitted", "approved", "draft"]
    for report in (reports[0], reports[2]):
        report.refresh_from_db()
        assert report.approved_by == province_approver
        # Each through the workflow: its event and its line in the change log.
        assert SubmissionEvent.objects.filter(submission=report, action="approve").count() == 1
        assert ChangeLog.objects.filter(object_id=report.pk, user=province_approver, action="update").exists()
    assert [str(m) for m in get_messages(answer.wsgi_request)] == ["Đã duyệt 2 báo cáo."]


def test_a_report_returned_meanwhile_is_refused_and_named_the_others_approved(
    form, reports, communes, province_approver, client_for
):
    services.return_submission(province_approver, reports[1], "Thiếu số liệu tiếp dân")
    answer = _approve(client_for(province_approver), form, submission=[reports[0].pk, reports[1].pk])
    assert _statuses(reports)[:2] == ["approved", "returned"]
    messages = [str(m) for m in get_messages(answer.wsgi_request)]
    assert messages[0] == "Đã duyệt 1 báo cáo."
    assert messages[1].startswith(f"{communes[1].name}: chưa duyệt được.")
    assert "Chỉ duyệt được báo cáo đã nộp" in messages[1]


def test_all_submitted_approves_every_report_waiting_and_nothing_else(
    form, reports, province_approver, client_for
):
    _approve(client_for(province_approver), form, all="1")
    assert _statuses(reports) == ["approved", "approved", "approved", "draft"]


def test_a_commune_editor_cannot_approve_its_own_report_in_bulk(form, reports, commune_editor, client_for):
    answer = _approve(client_for(commune_editor), form, submission=[reports[0].pk, reports[1].pk])
    assert _statuses(reports)[:2] == ["submitted", "submitted"]
    messages = [str(m) for m in get_messages(answer.wsgi_request)]
    # Only its own report is within its scope; the workflow refuses it, by name.
    assert messages == [
        f"{reports[0].unit.name}: chưa duyệt được. "
        "Chỉ người phê duyệt của đơn vị cấp trên mới duyệt, trả lại hoặc mở lại báo cáo này."
    ]


def test_the_completeness_page_offers_the_ticks_only_to_the_approver(
    form, reports, province_approver, commune_editor, client_for
):
    page = client_for(province_approver).get(f"/bao-cao/bieu-mau/{form.pk}/tien-do/?period=2026H1")
    html = page.content.decode()
    assert html.count('form="bulk-approve"') == 3
    assert "Duyệt tất cả 3 báo cáo chờ duyệt" in html
    page = client_for(commune_editor).get(f"/bao-cao/bieu-mau/{form.pk}/tien-do/?period=2026H1")
    assert "bulk-approve" not in page.content.decode()


def test_nothing_ticked_says_so(form, reports, province_approver, client_for):
    answer = _approve(client_for(province_approver), form)
    assert [str(m) for m in get_messages(answer.wsgi_request)] == ["Chưa chọn báo cáo nào để duyệt."]
    assert _statuses(reports) == ["submitted", "submitted", "submitted", "draft"]
