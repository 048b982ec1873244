"""The citizens' demo: Tỉnh Cao Bằng's petitions in every stage on the day it is loaded (some overdue, some due soon),
a group complaint, a denunciation whose denouncer no path but the keeper's reveal shows, receptions with a chair
short of the rule, a dialogue whose commitments are tasks, a concluded consultation, feedback followed by its code."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from danvan.accounts.models import Role, UnitRole, User
from danvan.activities.models import Task
from danvan.citizens.clocks import due_soon_until
from danvan.citizens.models import (
    Commitment,
    Consultation,
    Dialogue,
    IdentityKeeper,
    IdentityReveal,
    Petition,
    Publication,
    Reception,
    SealedIdentity,
    Sender,
)
from danvan.citizens.selectors.receptions import compliance_table
from danvan.citizens.services.identity import can_reveal, reveal_identities
from danvan.core.errors import NotAllowed
from danvan.core.models import ChangeLog
from danvan.core.text import fold
from danvan.demo.citizen_catalogue import SEALED_DENOUNCER
from danvan.demo.citizens import load_demo_citizens
from danvan.demo.units import load_demo_units
from danvan.notifications.models import Notification

pytestmark = pytest.mark.django_db

SEALED_NAME = SEALED_DENOUNCER["name"]


def _user(username, unit, role=Role.EDITOR):
    user = User.objects.create_user(username=username, password="danvan-demo", full_name=username)
    UnitRole.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def demo_users(units):
    load_demo_units()
    return {
        "tiepdan": _user("tiepdan", units["cao_bang"]),
        "thucphan": _user("thucphan", units["thuc_phan"]),
        "caobang": _user("caobang", units["cao_bang"], Role.ADMIN),
    }


@pytest.fixture
def demo(superuser, demo_users):
    return load_demo_citizens(superuser)


def _denunciation(units) -> Petition:
    return Petition.objects.get(
        unit=units["cao_bang"], kind=Petition.Kind.TO_CAO, sealed_identities__isnull=False
    )


def test_the_demo_loads_once_and_a_second_run_adds_nothing(demo, superuser):
    assert demo["loaded"] and demo["petitions"] >= 15 and demo["receptions"] > 20
    counts = (
        Petition.objects.count(),
        Reception.objects.count(),
        Dialogue.objects.count(),
        Consultation.objects.count(),
        Publication.objects.count(),
        Task.objects.count(),
        ChangeLog.objects.count(),
    )
    assert load_demo_citizens(superuser) == {"loaded": False}
    assert (
        Petition.objects.count(),
        Reception.objects.count(),
        Dialogue.objects.count(),
        Consultation.objects.count(),
        Publication.objects.count(),
        Task.objects.count(),
        ChangeLog.objects.count(),
    ) == counts


def test_petitions_are_in_every_stage_and_some_are_overdue_or_due_soon(demo):
    assert set(Petition.objects.values_list("stage", flat=True)) == set(Petition.Stage.values)
    assert Petition.objects.filter(suspended_since__isnull=False).exists()
    today = timezone.localdate()
    running = Petition.objects.filter(stage__in=Petition.OPEN_STAGES, due_on__isnull=False)
    assert running.filter(due_on__lt=today).count() >= 2
    assert running.filter(due_on__gte=today, due_on__lte=due_soon_until(today)).exists()
    years = set(Petition.objects.values_list("received_on__year", flat=True))
    assert {today.year - 1, today.year} <= years


def test_a_second_complaint_is_linked_to_its_first_and_handled_by_the_province(demo, units):
    second = Petition.objects.get(kind=Petition.Kind.KHIEU_NAI_2)
    assert second.unit == units["cao_bang"] and second.previous.unit.name == "Xã Trùng Khánh"
    assert second.previous.stage == Petition.Stage.RESOLVED and second.transfers.count() == 1


def test_the_group_complaint_has_its_representative_and_signers(demo):
    group = Petition.objects.get(is_group=True)
    assert group.kind == Petition.Kind.KHIEU_NAI_1 and group.signers == 17
    assert group.senders.filter(is_representative=True).get().name == "Lục Văn Sáng"
    assert group.sender_label == "Lục Văn Sáng và 16 người"
    assert group.stage == Petition.Stage.ASSIGNED and group.assignee.username == "thucphan"


def test_an_anonymous_denunciation_is_registered_as_information(demo):
    anonymous = Petition.objects.get(anonymous=True, received_as=Petition.Kind.TO_CAO)
    assert anonymous.kind == Petition.Kind.PHAN_ANH


def test_the_sealed_denouncer_appears_nowhere_but_in_the_keepers_reveal(demo, units, demo_users):
    petition = _denunciation(units)
    assert petition.extensions.count() == 1 and petition.sender_label == "Người tố cáo (được giữ bí mật)"
    assert SealedIdentity.objects.get(petition=petition).name == SEALED_NAME
    folded = fold(SEALED_NAME)
    assert not Petition.objects.filter(search_key__contains=folded).exists()
    assert not Sender.objects.filter(name_key=folded).exists()
    for row in ChangeLog.objects.all():
        text = f"{row.__dict__}"
        assert SEALED_NAME not in text and folded not in fold(text) and SEALED_DENOUNCER["phone"] not in text
    for note in Notification.objects.all():
        assert SEALED_NAME not in f"{note.title} {note.body}"
    assert SEALED_NAME not in str(petition) and SEALED_NAME not in petition.content


def test_tiepdan_can_reveal_the_denouncer_and_caobang_cannot(demo, units, demo_users):
    petition = _denunciation(units)
    tiepdan, caobang = demo_users["tiepdan"], demo_users["caobang"]
    assert IdentityKeeper.objects.filter(unit=units["cao_bang"]).get().user == tiepdan
    assert can_reveal(tiepdan, petition) and not can_reveal(caobang, petition)
    with pytest.raises(NotAllowed):
        reveal_identities(caobang, petition, reason="Kiểm tra")
    (person,) = reveal_identities(tiepdan, petition, reason="Xác minh nhân thân người tố cáo theo kế hoạch")
    assert person.name == SEALED_NAME
    assert IdentityReveal.objects.get(petition=petition).user == tiepdan


def test_the_chair_of_thuc_phan_received_less_than_the_rule_in_some_months(demo, units, superuser):
    today = timezone.localdate()
    rows = [
        row
        for year in {today.year - 1, today.year}
        for row in compliance_table(superuser, units["cao_bang"], year, today)
    ]
    short = {row.duty.person.name for row in rows if row.short_months}
    assert short == {"Lương Văn Quyết"}
    assert {row.duty.person.name for row in rows} >= {"Nông Văn Tiến", "Triệu Đức Thắng", "Hoàng Thị Ngân"}


def test_the_dialogue_has_questions_answers_and_commitments_followed_as_tasks(demo, units):
    held = Dialogue.objects.get(status=Dialogue.Status.HELD)
    assert held.unit == units["thuc_phan"] and held.questions.count() == 3
    assert held.questions.exclude(answer="").count() == 3
    commitments = Commitment.objects.filter(dialogue=held)
    assert commitments.count() == 2 and all(c.task.source == Task.Source.CITIZENS for c in commitments)
    assert Commitment.objects.filter(reception__isnull=False).exists()
    assert Dialogue.objects.filter(status=Dialogue.Status.PLANNED, date__gt=timezone.localdate()).exists()
    assert Petition.objects.filter(reception__isnull=False, channel=Petition.Channel.RECEPTION).exists()


def test_a_consultation_is_concluded_with_household_ballots_and_another_is_open(demo):
    concluded = Consultation.objects.get(status=Consultation.Status.CONCLUDED)
    assert concluded.ballots.count() == 2 and concluded.comments.count() == 3 and "94 hộ" in concluded.summary
    assert Consultation.objects.filter(status=Consultation.Status.OPEN).exists()


def test_publicity_has_items_on_time_late_and_not_done(demo):
    done = Publication.objects.filter(published_on__isnull=False)
    assert done.filter(published_on__lte=F("due_on")).exists()
    assert done.filter(published_on__gt=F("due_on")).exists()
    assert Publication.objects.filter(published_on__isnull=True).exists()


def test_feedback_has_tracking_codes_and_one_public_answer(demo):
    feedback = Petition.objects.filter(tracking_code__isnull=False)
    assert feedback.count() == 4 and all(len(p.tracking_code) >= 16 for p in feedback)
    assert feedback.filter(received_on=timezone.localdate()).exists()  # sent today through the public service
    answered = feedback.get(answered_on__isnull=False)
    assert answered.answer_public and answered.answer and answered.service_due_on
    assert feedback.filter(answer_public=False).exists()


def test_the_demo_loads_as_if_today_were_another_day(superuser, demo_users):
    today = datetime.date(2026, 3, 16)
    load_demo_citizens(superuser, today=today)
    latest = Petition.objects.order_by("-received_on").first().received_on
    assert latest <= today
    open_ = Petition.objects.filter(stage__in=Petition.OPEN_STAGES, due_on__isnull=False)
    assert open_.filter(due_on__lt=today).exists() and open_.filter(due_on__gte=today).exists()


def test_danvan_demo_creates_tiepdan_as_the_provinces_keeper_and_caobang_is_not(units):
    call_command("demo", verbosity=0)
    tiepdan = User.objects.get(username="tiepdan")
    assert tiepdan.check_password("danvan-demo") and tiepdan.full_name and tiepdan.position
    assert IdentityKeeper.objects.filter(user=tiepdan, unit=units["cao_bang"]).exists()
    assert not IdentityKeeper.objects.filter(user__username="caobang").exists()
    assert Petition.objects.filter(kind=Petition.Kind.TO_CAO, unit=units["cao_bang"]).count() == 1
