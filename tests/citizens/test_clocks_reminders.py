"""`danvan send_reminders` reminds the editors of a petition's handling unit when its clock is due within three
working days and when it has passed — by e-mail (a real SMTP server) and in the app — once per petition and due
date, never naming the sender."""

import datetime

import pytest
from django.core.management import call_command

from danvan.accounts.scope import Role
from danvan.citizens import services
from danvan.citizens.clock_rules import default_year
from danvan.notifications.models import Kind, Notification
from tests import factories

D = datetime.date


@pytest.fixture
def handler(units):
    return factories.user("xa_don", units["thuc_phan"], Role.EDITOR, email="don@thucphan.example.vn")


@pytest.fixture
def petition(handler, units):
    # Received Mon 16/11/2026: 10 working days, Tue 24/11 off (seeded) → due Tue 1/12/2026.
    return services.create_petition(
        handler,
        unit=units["thuc_phan"],
        data={
            "kind": "kien_nghi",
            "channel": "buu_chinh",
            "field": "dat_dai",
            "subject": "Đề nghị cấp giấy chứng nhận",
            "content": "Chờ đã lâu.",
            "received_on": D(2026, 11, 16),
        },
        senders=[{"name": "Lò Văn Gửi", "email": "gui@example.vn"}],
    )


def test_due_soon_then_overdue_reach_the_handling_units_editors_once(petition, handler, units, smtp_inbox):
    assert petition.due_on == D(2026, 12, 1)
    bystander = factories.user("tinh_don", units["cao_bang"], Role.EDITOR, email="tinh@example.vn")
    # Wed 25/11: three working days ahead is Mon 30/11 — not yet.
    call_command("send_reminders", date="2026-11-25")
    assert smtp_inbox.messages == []
    for _run in range(2):
        call_command("send_reminders", date="2026-11-26")  # 27/11, 30/11, 1/12: due soon
    for _run in range(2):
        call_command("send_reminders", date="2026-12-02")
    assert [(m.to, m.subject) for m in smtp_inbox.messages] == [
        (["don@thucphan.example.vn"], f"[Dân vận số] Đơn số {petition.number}/2026 sắp đến hạn"),
        (["don@thucphan.example.vn"], f"[Dân vận số] Đơn số {petition.number}/2026 đã quá hạn"),
    ]
    for message in smtp_inbox.messages:
        assert "01/12/2026" in message.body
        assert "Lò Văn Gửi" not in message.body and "Lò Văn Gửi" not in message.subject
        assert f"https://danvan.example.vn/don-thu/don/{petition.pk}/" in message.body
    assert set(Notification.objects.filter(recipient=handler).values_list("kind", flat=True)) == {
        Kind.PETITION_DUE_SOON,
        Kind.PETITION_OVERDUE,
    }
    assert not Notification.objects.filter(recipient=bystander).exists()


def test_a_moved_due_date_rearms_the_reminder(petition, superuser, smtp_inbox):
    call_command("send_reminders", date="2026-12-02")
    assert len(smtp_inbox.messages) == 1
    # A day off added on 1/12 moves the clock to Wed 2/12: a new due date, a new reminder.
    off, worked = default_year(2026)
    services.set_calendar_year(superuser, 2026, days_off=[*off, D(2026, 12, 1)], working_days=list(worked))
    smtp_inbox.messages.clear()
    call_command("send_reminders", date="2026-12-03")
    assert len(smtp_inbox.messages) == 1 and "02/12/2026" in smtp_inbox.messages[0].body


def test_a_closed_petition_is_not_reminded(petition, smtp_inbox):
    type(petition).objects.filter(pk=petition.pk).update(stage="closed")
    call_command("send_reminders", date="2026-12-02")
    assert smtp_inbox.messages == []
