"""`danvan send_reminders` also reminds each lead unit of its tasks: once three days or less before the deadline,
once when it has passed — by e-mail and in the app — and again only when an extension moved the deadline."""

import datetime

import pytest
from django.core.management import call_command

from danvan.accounts.scope import Role
from danvan.activities import services
from danvan.notifications.models import Kind, Notification
from tests import factories

DEADLINE = datetime.date(2026, 7, 10)


@pytest.fixture
def lead_editor(units):
    return factories.user("xa_nhiemvu", units["thuc_phan"], Role.EDITOR, email="nhiemvu@thucphan.example.vn")


@pytest.fixture
def task(units, province_admin, lead_editor):
    return factories.task(
        province_admin,
        units["cao_bang"],
        units["thuc_phan"],
        title="Nắm tình hình khiếu kiện đông người",
        deadline=DEADLINE,
    )


def test_the_overdue_email_reaches_the_lead_units_editor_once(task, lead_editor, units, smtp_inbox):
    bystander = factories.user("tinh_xem", units["cao_bang"], Role.EDITOR, email="tinh@example.vn")
    call_command("send_reminders", date="2026-07-01")  # nine days before: nothing yet
    assert smtp_inbox.messages == []
    for _run in range(2):
        call_command("send_reminders", date="2026-07-08")  # two days before
    for _run in range(2):
        call_command("send_reminders", date="2026-07-12")  # two days after
    call_command("send_reminders", date="2026-07-20")
    assert [(m.to, m.subject.split(":")[0]) for m in smtp_inbox.messages] == [
        (["nhiemvu@thucphan.example.vn"], "[Dân vận số] Sắp đến hạn"),
        (["nhiemvu@thucphan.example.vn"], "[Dân vận số] Quá hạn"),
    ]
    overdue = smtp_inbox.messages[1]
    assert "Nắm tình hình khiếu kiện đông người" in overdue.subject
    assert "10/07/2026" in overdue.body
    assert f"https://danvan.example.vn/hoat-dong/nhiem-vu/{task.pk}/" in overdue.body
    assert set(Notification.objects.filter(recipient=lead_editor).values_list("kind", flat=True)) == {
        Kind.TASK_DUE_SOON,
        Kind.TASK_OVERDUE,
    }
    assert not Notification.objects.filter(recipient=bystander).exists()


def test_a_done_or_cancelled_task_is_not_reminded(task, province_admin, smtp_inbox):
    services.cancel_task(province_admin, task, reason="Không còn cần thiết")
    call_command("send_reminders", date="2026-07-12")
    assert smtp_inbox.messages == []


def test_an_extension_rearms_the_reminders(task, units, lead_editor, province_admin, smtp_inbox):
    call_command("send_reminders", date="2026-07-12")
    assert len(smtp_inbox.messages) == 1
    extension = services.request_extension(
        lead_editor, task, requested_deadline=datetime.date(2026, 7, 31), reason="Chờ ý kiến cấp trên"
    )
    services.decide_extension(province_admin, extension, grant=True, decision_reference="CV 5-CV/BDV")
    smtp_inbox.messages.clear()
    call_command("send_reminders", date="2026-07-13")  # within the new deadline: nothing
    call_command("send_reminders", date="2026-08-02")
    assert [m.subject.split(":")[0] for m in smtp_inbox.messages] == ["[Dân vận số] Quá hạn"]
    assert "31/07/2026" in smtp_inbox.messages[0].body
