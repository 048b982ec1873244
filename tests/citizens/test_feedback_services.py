# ruff: noqa: F405
"""Public feedback, the services: a citizen's feedback enters the unit's register with a tracking code and the
unit's service level, its attachments are checked, only the unit's officials answer, and the sender may ask once to
look again."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from danvan.citizens import services, tracking
from danvan.citizens.clocks import add_working_days
from danvan.citizens.models import Attachment, FeedbackSetting, Petition, PetitionStep
from danvan.citizens.selectors import feedback_by_code, public_view
from danvan.core.errors import NotAllowed
from danvan.core.models import ChangeLog

from .feedback_fixtures import *  # noqa: F403 (the fixtures and the sender's data)

pytestmark = pytest.mark.django_db


def test_a_feedback_enters_the_units_register_online_with_a_code_and_the_service_due_date(sent, ward):
    assert sent.unit == ward and sent.channel == Petition.Channel.ONLINE
    assert sent.kind == Petition.Kind.PHAN_ANH
    assert re.fullmatch(r"GY-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", sent.tracking_code)
    assert sent.service_due_on == add_working_days(sent.received_on, 10)
    assert sent.steps.get().action == PetitionStep.Action.RECEIVE
    assert sent.received_by is None
    sender = sent.senders.get()
    assert (sender.name, sender.phone, sender.email) == (NAME, PHONE, EMAIL)
    assert sent.attachments.get().original_name == "anh-hien-truong.pdf"


def test_tracking_codes_carry_60_random_bits_and_read_back_in_any_case_or_dashes():
    assert len(tracking.ALPHABET) ** tracking.SYMBOLS >= 2**60
    assert not set("01IO") & set(tracking.ALPHABET)
    codes = {tracking.new_code() for _ in range(500)}
    assert len(codes) == 500
    code = codes.pop()
    assert tracking.normalise(code.lower().replace("-", "")) == code
    assert tracking.normalise(" " + code[3:].lower() + " ") == code
    assert tracking.normalise("GY-1234-5678-9ABC") is None  # 1 is not a symbol
    assert tracking.normalise("GY-7K3M") is None
    assert tracking.normalise("x" * 500) is None


def test_a_feedback_is_found_by_its_code_typed_loosely(sent):
    typed = sent.tracking_code.lower().replace("-", " ")
    assert feedback_by_code(typed) == sent


def test_a_unit_that_does_not_accept_feedback_is_refused_naming_the_unit(units, media):
    with pytest.raises(ValidationError) as error:
        services.submit_feedback(unit=units["nung_tri_cao"], data=dict(SENT))
    assert "unit" in error.value.message_dict


def test_a_closed_setting_refuses_feedback(accepting, ward, ward_approver, media):
    services.set_feedback_setting(ward_approver, ward, accepts_feedback=False, answer_within_working_days=10)
    with pytest.raises(ValidationError) as error:
        services.submit_feedback(unit=ward, data=dict(SENT))
    assert error.value.message_dict["unit"] == ["Đơn vị này chưa nhận góp ý trực tuyến."]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "to_cao"}, "kind"),
        ({"kind": "khieu_nai_1"}, "kind"),
        ({"subject": "  "}, "subject"),
        ({"content": ""}, "content"),
        ({"field": "khong_co"}, "field"),
        ({"email": "khong-phai-thu"}, "email"),
        ({"phone": "gọi tôi"}, "phone"),
        ({"content": "Xem http://a.vn http://b.vn http://c.vn http://d.vn"}, "content"),
        ({"answer_public": False, "phone": "", "email": ""}, "phone"),
    ],
)
def test_bad_input_is_refused_naming_the_field(accepting, ward, media, change, field):
    with pytest.raises(ValidationError) as error:
        services.submit_feedback(unit=ward, data={**SENT, **change})
    assert field in error.value.message_dict
    assert not Petition.objects.exists()


def test_at_most_three_attachments(accepting, ward, media):
    with pytest.raises(ValidationError) as error:
        services.submit_feedback(unit=ward, data=dict(SENT), files=[pdf(f"{i}.pdf") for i in range(4)])
    assert error.value.message_dict["attachments"] == ["Chỉ gửi được tối đa 3 tệp đính kèm."]


def test_a_wrong_type_or_huge_attachment_is_refused_naming_the_file(accepting, ward, media, settings):
    with pytest.raises(ValidationError) as error:
        services.submit_feedback(unit=ward, data=dict(SENT), files=[pdf("virus.exe")])
    assert "virus.exe" in error.value.message_dict["attachments"][0]
    with pytest.raises(ValidationError) as error:
        services.submit_feedback(unit=ward, data=dict(SENT), files=[pdf("gia.pdf", PNG)])
    assert "gia.pdf" in error.value.message_dict["attachments"][0]
    huge = pdf("lon.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as error:
        services.submit_feedback(unit=ward, data=dict(SENT), files=[huge])
    assert "10 MB" in error.value.message_dict["attachments"][0]
    assert not Attachment.objects.exists()


def test_an_anonymous_feedback_has_no_sender(accepting, ward, media):
    petition = services.submit_feedback(unit=ward, data={**SENT, "name": "", "phone": "", "email": ""})
    assert petition.anonymous and not petition.senders.exists()


def test_an_official_of_the_unit_answers_and_the_public_sees_the_answer(sent, ward_editor):
    services.answer_feedback(ward_editor, sent, answer="Phường đã cho thu gom ngày 2/12.", public=True)
    sent.refresh_from_db()
    assert sent.answered_on is not None
    step = sent.steps.get(action=PetitionStep.Action.ANSWER)
    assert step.by == ward_editor
    assert ChangeLog.objects.filter(object_id=str(sent.pk), action="update").exists()
    shown = public_view(sent)
    assert (shown.status, shown.answer) == ("answered", "Phường đã cho thu gom ngày 2/12.")


def test_an_official_of_another_commune_cannot_answer(sent, other_commune_editor):
    with pytest.raises(NotAllowed):
        services.answer_feedback(other_commune_editor, sent, answer="Trả lời", public=True)


def test_an_empty_answer_is_refused(sent, ward_editor):
    with pytest.raises(ValidationError) as error:
        services.answer_feedback(ward_editor, sent, answer="  ", public=True)
    assert "answer" in error.value.message_dict


def test_a_private_choice_keeps_the_answer_off_the_public_page(accepting, ward, ward_editor, media):
    petition = services.submit_feedback(unit=ward, data={**SENT, "answer_public": False})
    services.answer_feedback(ward_editor, petition, answer="Nội dung riêng", public=True)
    petition.refresh_from_db()
    shown = public_view(petition)
    assert not petition.answer_public
    assert shown.answer == ""
    assert shown.private_answer_note == "Câu trả lời đã được gửi riêng cho người gửi."


def test_the_sender_asks_once_to_look_again_after_the_answer(sent, ward_editor):
    with pytest.raises(ValidationError):
        services.request_reopen(sent, reason="Chưa thu gom")  # nothing answered yet
    services.answer_feedback(ward_editor, sent, answer="Đã thu gom.", public=True)
    step = services.request_reopen(sent, reason="Rác vẫn còn nguyên.")
    assert step.action == PetitionStep.Action.REOPEN and step.details["by"] == "sender"
    sent.refresh_from_db()
    shown = public_view(sent)
    assert shown.status == "in_progress" and shown.reopen_requested_on == step.on and not shown.can_reopen
    with pytest.raises(ValidationError) as error:
        services.request_reopen(sent, reason="Lần nữa")
    assert error.value.message_dict["reason"] == ["Bạn đã đề nghị xem xét lại góp ý này rồi."]
    services.answer_feedback(ward_editor, sent, answer="Đã thu gom lần hai.", public=True)
    sent.refresh_from_db()
    assert public_view(sent).status == "answered"


def test_only_the_units_approver_sets_the_service_level(ward, ward_editor, ward_approver):
    with pytest.raises(NotAllowed):
        services.set_feedback_setting(ward_editor, ward, accepts_feedback=True, answer_within_working_days=5)
    with pytest.raises(ValidationError) as error:
        services.set_feedback_setting(
            ward_approver, ward, accepts_feedback=True, answer_within_working_days=0
        )
    assert "answer_within_working_days" in error.value.message_dict
    setting = services.set_feedback_setting(
        ward_approver, ward, accepts_feedback=True, answer_within_working_days=5
    )
    assert FeedbackSetting.objects.get() == setting and setting.unit_path == ward.path


def test_the_service_level_counts_working_days(accepting, ward, ward_approver, media, monkeypatch):
    services.set_feedback_setting(ward_approver, ward, accepts_feedback=True, answer_within_working_days=3)
    friday = datetime.date(2026, 11, 27)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: friday)
    petition = services.submit_feedback(unit=ward, data=dict(SENT))
    assert petition.service_due_on == add_working_days(friday, 3)
    assert petition.service_due_on.weekday() < 5


def test_no_public_view_holds_personal_data(sent, ward_editor):
    services.answer_feedback(ward_editor, sent, answer="Đã xử lý.", public=True)
    sent.refresh_from_db()
    assert personal_data_absent(repr(public_view(sent))) == []
