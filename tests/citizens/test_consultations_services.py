"""Consultations: a draft, open for comments between its dates, closed, concluded with its summary; comments of
citizens and organisations; each hamlet's household ballot, within its households; the result with how many
hamlets reported."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from danvan.citizens import services
from danvan.citizens.models import Consultation, HouseholdBallot
from danvan.citizens.selectors import consultation_result
from danvan.core.errors import NotAllowed
from danvan.core.models import ChangeLog
from tests.clock import today

from .. import factories
from . import publicity_fixtures as fx

pytestmark = pytest.mark.django_db
# The shared fixtures, registered in this module.
consultation, open_consultation, hamlet_head = fx.consultation, fx.open_consultation, fx.hamlet_head


def test_a_draft_goes_open_closed_then_concluded_with_its_summary(commune_editor, consultation):
    assert consultation.status == Consultation.Status.DRAFT
    for action in ("open", "close"):
        consultation = services.consultation_transition(commune_editor, consultation, action)
    with pytest.raises(ValidationError) as error:
        services.consultation_transition(commune_editor, consultation, "conclude", summary="  ")
    assert error.value.message_dict["summary"] == ["Hãy nhập tổng hợp, kết luận."]
    consultation = services.consultation_transition(
        commune_editor, consultation, "conclude", summary="Đa số hộ tán thành mức đóng góp."
    )
    assert consultation.status == Consultation.Status.CONCLUDED
    assert consultation.concluded_on == today()
    statuses = [
        entry.after["status"]
        for entry in ChangeLog.objects.filter(
            object_id=str(consultation.pk), content_type__model="consultation"
        ).order_by("id")
    ]
    assert statuses == ["draft", "open", "closed", "concluded"]


def test_a_step_out_of_order_is_refused(commune_editor, consultation):
    with pytest.raises(ValidationError) as error:
        services.consultation_transition(commune_editor, consultation, "conclude", summary="Kết luận")
    assert "Dự thảo" in error.value.message_dict["action"][0]


def test_only_a_draft_can_be_edited(commune_editor, open_consultation):
    with pytest.raises(ValidationError):
        services.update_consultation(commune_editor, open_consultation, title="Tên mới")


def test_the_closing_day_cannot_precede_the_opening_day(commune_editor, units):
    with pytest.raises(ValidationError) as error:
        services.create_consultation(
            commune_editor,
            unit=units["thuc_phan"],
            kind="comment",
            title="Quy ước thôn",
            text="Dự thảo",
            opens_on=today(),
            closes_on=today() - datetime.timedelta(days=1),
        )
    assert error.value.message_dict["closes_on"] == ["Ngày kết thúc phải từ ngày bắt đầu trở đi."]


def test_anyone_comments_on_the_public_page_while_open_never_after_closing(commune_editor, open_consultation):
    comment = services.add_comment(
        None,
        open_consultation,
        text="Đề nghị giảm mức cho hộ nghèo.",
        name="Nông Thị Hoa",
        shown_name="Chị Hoa",
        public=True,
    )
    assert comment.received_on == today() and comment.from_public_page
    logged = ChangeLog.objects.get(content_type__model="consultationcomment")
    assert "Nông Thị Hoa" not in str(logged.after) and logged.object_repr == "Chị Hoa"
    closed = services.consultation_transition(commune_editor, open_consultation, "close")
    with pytest.raises(ValidationError) as error:
        services.add_comment(None, closed, text="Góp ý muộn", public=True)
    assert error.value.message_dict["__all__"] == ["Dự thảo này không còn nhận góp ý."]


def test_staff_enter_a_comment_received_before_the_closing_day_but_not_after(commune_editor, units):
    consultation = services.create_consultation(
        commune_editor,
        unit=units["thuc_phan"],
        kind="comment",
        title="Quy ước tổ dân phố",
        text="Dự thảo quy ước",
        opens_on=today() - datetime.timedelta(days=20),
        closes_on=today() - datetime.timedelta(days=2),
    )
    consultation.status = Consultation.Status.CLOSED
    consultation.save()
    services.add_comment(
        commune_editor,
        consultation,
        text="Hội Phụ nữ đề nghị bổ sung điều về vệ sinh môi trường.",
        author_kind="organisation",
        name="Hội Liên hiệp Phụ nữ phường",
        received_on=today() - datetime.timedelta(days=3),
    )
    with pytest.raises(ValidationError) as error:
        services.add_comment(
            commune_editor,
            consultation,
            text="Góp ý gửi muộn",
            received_on=today() - datetime.timedelta(days=1),
        )
    assert "sau ngày kết thúc" in error.value.message_dict["received_on"][0]
    with pytest.raises(ValidationError) as error:
        services.add_comment(
            commune_editor, consultation, text="Góp ý", received_on=today() + datetime.timedelta(days=1)
        )
    assert "chưa đến" in error.value.message_dict["received_on"][0]


def test_the_hamlet_head_enters_the_ballot_and_the_totals_cannot_exceed_the_households(
    hamlet_head,
    hamlet,
    open_consultation,
):
    with pytest.raises(ValidationError) as error:
        services.record_ballot(
            hamlet_head, open_consultation, hamlet=hamlet, households=120, agree=100, disagree=15, abstain=6
        )
    assert "vượt quá số hộ (120)" in error.value.message_dict["households"][0]
    services.record_ballot(
        hamlet_head, open_consultation, hamlet=hamlet, households=120, agree=100, disagree=15, abstain=5
    )
    services.record_ballot(
        hamlet_head, open_consultation, hamlet=hamlet, households=120, agree=101, disagree=14, abstain=5
    )
    assert HouseholdBallot.objects.get().agree == 101
    with pytest.raises(ValidationError) as error:
        services.record_ballot(
            hamlet_head, open_consultation, hamlet=hamlet, households="nhiều", agree=1, disagree=0, abstain=0
        )
    assert error.value.message_dict["households"] == ["Hãy nhập một số nguyên không âm."]


def test_a_hamlet_head_cannot_enter_another_hamlet_s_ballot(hamlet_head, open_consultation, units):
    other = factories.hamlet(units["thuc_phan"], "Tổ dân phố Sông Hiến")
    with pytest.raises(NotAllowed):
        services.record_ballot(
            hamlet_head, open_consultation, hamlet=other, households=50, agree=1, disagree=0, abstain=0
        )
    elsewhere = factories.hamlet(units["nung_tri_cao"], "Tổ 1")
    with pytest.raises(ValidationError):
        services.record_ballot(
            hamlet_head, open_consultation, hamlet=elsewhere, households=50, agree=1, disagree=0, abstain=0
        )


def test_the_result_counts_the_ballots_and_the_hamlets_that_reported(
    commune_editor, hamlet, open_consultation, units
):
    factories.hamlet(units["thuc_phan"], "Tổ dân phố Sông Hiến")
    services.record_ballot(
        commune_editor, open_consultation, hamlet=hamlet, households=120, agree=80, disagree=30, abstain=10
    )
    services.add_comment(commune_editor, open_consultation, text="Đồng ý", received_on=today())
    result = consultation_result(open_consultation)
    assert (result.households, result.agree, result.disagree, result.abstain) == (120, 80, 30, 10)
    assert result.hamlets_reported == 1
    assert result.hamlets >= 2
    assert result.comments == 1
    assert round(result.agree_rate, 1) == 66.7
    assert result.passed


def test_after_the_result_no_ballot_or_comment_is_entered(commune_editor, hamlet, open_consultation):
    closed = services.consultation_transition(commune_editor, open_consultation, "close")
    concluded = services.consultation_transition(commune_editor, closed, "conclude", summary="Thông qua.")
    with pytest.raises(ValidationError):
        services.record_ballot(
            commune_editor, concluded, hamlet=hamlet, households=10, agree=6, disagree=4, abstain=0
        )
    with pytest.raises(ValidationError):
        services.add_comment(commune_editor, concluded, text="Góp ý", received_on=today())
