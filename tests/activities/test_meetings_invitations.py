"""People invited to a meeting still to come receive an e-mail with the invitation as invite.ics (REQUEST), its change
(the same UID, a higher SEQUENCE) and its cancellation (CANCEL)."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from danvan.accounts.scope import Role
from danvan.activities.services import meetings as services
from danvan.notifications.models import Kind, Notification

from .. import factories


@pytest.fixture
def upcoming(units, province_admin):
    return factories.meeting(
        province_admin,
        units["cao_bang"],
        "Hội nghị trực tuyến sơ kết 6 tháng",
        type="so_ket",
        starts_at=timezone.now() + datetime.timedelta(days=7),
        place="Hội trường Tỉnh ủy",
        online=True,
    )


def _event(message):
    (name, content_type, content), *_ = message.attachments
    assert name == "invite.ics"
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return content_type, calendar, event


def test_an_attendee_who_is_a_user_receives_the_invitation_its_change_and_its_cancellation(
    upcoming, province_admin, units, smtp_inbox, django_capture_on_commit_callbacks
):
    factories.user("minh", units["cao_bang"], Role.VIEWER, email="minh@caobang.vn")
    minh = factories.person(units["cao_bang"], "Vũ Văn Minh", "Trưởng Ban Dân vận", email="Minh@CaoBang.vn")
    guest = factories.person(units["cao_bang"], "Người không có tài khoản", email="khach@example.vn")

    with django_capture_on_commit_callbacks(execute=True):
        services.set_attendance(
            province_admin, upcoming, [{"role": "chair", "person": minh}, {"role": "member", "person": guest}]
        )
    (invitation,) = smtp_inbox.to("minh@caobang.vn")
    assert invitation.subject == "[Dân vận số] Giấy mời: Hội nghị trực tuyến sơ kết 6 tháng"
    content_type, calendar, event = _event(invitation)
    assert "text/calendar" in content_type and "method=REQUEST" in content_type.replace('"', "")
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["SUMMARY"]) == "Hội nghị trực tuyến sơ kết 6 tháng"
    assert event.decoded("DTSTART") == upcoming.starts_at.replace(microsecond=0)
    assert int(event["SEQUENCE"]) == 0
    uid = str(event["UID"])
    assert len(smtp_inbox.messages) == 1  # nobody else is a user
    assert Notification.objects.get(kind=Kind.MEETING_INVITATION).ics.startswith("BEGIN:VCALENDAR")

    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(
            province_admin, upcoming, place="Phòng họp số 2", reason="Hội trường đang sửa chữa"
        )
    changed = smtp_inbox.to("minh@caobang.vn")[-1]
    assert "Hội trường đang sửa chữa" in changed.body
    _content_type, _calendar, event = _event(changed)
    assert (str(event["UID"]), int(event["SEQUENCE"]), str(event["LOCATION"])) == (uid, 1, "Phòng họp số 2")

    with django_capture_on_commit_callbacks(execute=True):
        services.transition(province_admin, upcoming, "cancel", reason="Bão số 3")
    cancelled = smtp_inbox.to("minh@caobang.vn")[-1]
    content_type, calendar, event = _event(cancelled)
    assert calendar["METHOD"] == "CANCEL" and "method=CANCEL" in content_type.replace('"', "")
    assert (str(event["UID"]), int(event["SEQUENCE"]), str(event["STATUS"])) == (uid, 2, "CANCELLED")


def test_the_editors_of_a_connection_point_are_invited(
    upcoming, province_admin, units, smtp_inbox, django_capture_on_commit_callbacks
):
    factories.user("tp_editor", units["thuc_phan"], Role.EDITOR, email="bientap@thucphan.vn")
    factories.user("tp_viewer", units["thuc_phan"], Role.VIEWER, email="xem@thucphan.vn")
    with django_capture_on_commit_callbacks(execute=True):
        services.set_connection_points(province_admin, upcoming, [units["thuc_phan"]])
    assert [m.to for m in smtp_inbox.messages] == [["bientap@thucphan.vn"]]


def test_a_meeting_recorded_after_it_was_held_tells_nobody(
    units, province_admin, smtp_inbox, django_capture_on_commit_callbacks
):
    factories.user("minh", units["cao_bang"], Role.VIEWER, email="minh@caobang.vn")
    minh = factories.person(units["cao_bang"], "Vũ Văn Minh", email="minh@caobang.vn")
    past = factories.meeting(province_admin, units["cao_bang"])
    with django_capture_on_commit_callbacks(execute=True):
        services.set_attendance(province_admin, past, [{"role": "chair", "person": minh}])
    assert smtp_inbox.messages == []
