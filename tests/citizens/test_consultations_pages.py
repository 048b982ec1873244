"""The consultation pages: the list, a draft created and opened, comments entered by staff, the hamlet head's
ballot, the result and the summary; the public page showing the draft, the comment form while open and the
result once concluded, never a commenter's full name or contact."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from danvan.citizens import services
from danvan.citizens.antispam import TRAP_FIELD
from danvan.citizens.models import Consultation, ConsultationComment, HouseholdBallot
from tests.clock import today

from . import publicity_fixtures as fx

pytestmark = pytest.mark.django_db
consultation, open_consultation, hamlet_head = fx.consultation, fx.open_consultation, fx.hamlet_head


def test_an_editor_drafts_a_consultation_and_opens_it(client_for, commune_editor, units):
    client = client_for(commune_editor)
    url = reverse("citizens:consultation_create") + f"?unit={units['thuc_phan'].pk}"
    response = client.post(
        url,
        {
            "kind": "comment",
            "title": "Dự thảo hương ước tổ dân phố",
            "text": "Điều 1. Giữ gìn vệ sinh chung.",
            "opens_on": today().strftime("%d/%m/%Y"),
            "closes_on": (today() + datetime.timedelta(days=15)).strftime("%d/%m/%Y"),
        },
    )
    created = Consultation.objects.get()
    assert response.status_code == 302 and created.status == "draft"
    client.post(reverse("citizens:consultation_step", args=[created.pk]), {"action": "open"})
    created.refresh_from_db()
    assert created.status == "open"
    listing = client.get(reverse("citizens:consultation_list"), {"q": "huong uoc"})
    assert "Dự thảo hương ước tổ dân phố" in listing.content.decode()


def test_the_list_takes_a_fixed_number_of_queries(
    client_for, commune_editor, units, django_assert_max_num_queries
):
    for number in range(3):
        services.create_consultation(
            commune_editor,
            unit=units["thuc_phan"],
            kind="comment",
            title=f"Dự thảo {number}",
            text="Nội dung",
            opens_on=today(),
            closes_on=today(),
        )
    client = client_for(commune_editor)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("citizens:consultation_list"))
    assert response.content.decode().count("Dự thảo ") >= 3


def test_concluding_without_a_summary_names_the_field(client_for, commune_editor, open_consultation):
    client = client_for(commune_editor)
    client.post(reverse("citizens:consultation_step", args=[open_consultation.pk]), {"action": "close"})
    response = client.post(
        reverse("citizens:consultation_step", args=[open_consultation.pk]),
        {"action": "conclude", "summary": ""},
    )
    assert response.status_code == 200
    assert "Hãy nhập tổng hợp, kết luận." in response.content.decode()


def test_the_hamlet_head_enters_a_ballot_over_the_households_and_is_told(
    client_for, hamlet_head, hamlet, open_consultation
):
    client = client_for(hamlet_head)
    page = client.get(reverse("citizens:consultation_detail", args=[open_consultation.pk]))
    assert page.status_code == 200 and "Nhập kết quả biểu quyết của thôn" in page.content.decode()
    response = client.post(
        reverse("citizens:consultation_ballot", args=[open_consultation.pk]),
        {"hamlet": hamlet.pk, "households": 50, "agree": 40, "disagree": 10, "abstain": 1},
    )
    assert response.status_code == 200
    assert "vượt quá số hộ (50)" in response.content.decode()
    assert not HouseholdBallot.objects.exists()
    response = client.post(
        reverse("citizens:consultation_ballot", args=[open_consultation.pk]),
        {"hamlet": hamlet.pk, "households": 50, "agree": 40, "disagree": 9, "abstain": 1},
    )
    assert response.status_code == 302


def test_staff_enter_a_comment_with_its_date(client_for, commune_editor, open_consultation):
    response = client_for(commune_editor).post(
        reverse("citizens:consultation_comment", args=[open_consultation.pk]),
        {
            "author_kind": "organisation",
            "name": "Hội Nông dân phường",
            "text": "Đề nghị chia làm hai đợt đóng góp.",
            "received_on": today().strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302
    assert ConsultationComment.objects.get().name == "Hội Nông dân phường"


def test_the_public_page_shows_the_draft_and_takes_a_comment_while_open(open_consultation):
    client = Client()
    url = reverse("citizens_public:public_consultation", args=[open_consultation.pk])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Mỗi hộ đóng góp 500.000 đồng" in html and "Gửi góp ý" in html
    response = client.post(
        url,
        {
            "author_kind": "citizen",
            "name": "Nông Văn Bình",
            "shown_name": "Anh Bình tổ 3",
            "contact": "0912 345 678, số 5 ngõ 2",
            "text": "Tôi đồng ý, đề nghị công khai danh sách đóng góp.",
        },
    )
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "Anh Bình tổ 3" in html and "đề nghị công khai danh sách" in html
    assert "Nông Văn Bình" not in html and "0912 345 678" not in html and "ngõ 2" not in html


def test_a_robot_filling_the_trap_or_flooding_is_refused(open_consultation):
    client = Client()
    url = reverse("citizens_public:public_consultation", args=[open_consultation.pk])
    data = {"author_kind": "citizen", "text": "Góp ý"}
    trapped = client.post(url, {**data, TRAP_FIELD: "http://spam.example"})
    assert trapped.status_code == 400
    cache.clear()
    answers = [client.post(url, data).status_code for _attempt in range(6)]
    assert answers == [302, 302, 302, 302, 302, 429]
    assert ConsultationComment.objects.count() == 5


def test_after_closing_the_public_page_takes_no_comment_and_shows_the_result_once_concluded(
    commune_editor, hamlet, open_consultation
):
    services.record_ballot(
        commune_editor, open_consultation, hamlet=hamlet, households=100, agree=70, disagree=20, abstain=5
    )
    closed = services.consultation_transition(commune_editor, open_consultation, "close")
    client = Client()
    url = reverse("citizens_public:public_consultation", args=[closed.pk])
    html = client.get(url).content.decode()
    assert "Gửi góp ý" not in html and "data-result" not in html
    response = client.post(url, {"author_kind": "citizen", "text": "Muộn"})
    assert response.status_code == 302 and not ConsultationComment.objects.exists()
    services.consultation_transition(
        commune_editor, closed, "conclude", summary="Quá nửa số hộ tán thành mức đóng góp."
    )
    html = client.get(url).content.decode()
    assert "data-result" in html and "Quá nửa số hộ tán thành mức đóng góp." in html
    assert "70,0%" in html  # 70 of the 100 households of the one hamlet that reported


def test_a_draft_is_not_public(consultation):
    assert (
        Client().get(reverse("citizens_public:public_consultation", args=[consultation.pk])).status_code
        == 404
    )


def test_a_superuser_sees_every_consultation(client_for, superuser, open_consultation):
    response = client_for(superuser).get(reverse("citizens:consultation_detail", args=[open_consultation.pk]))
    assert response.status_code == 200
    listing = client_for(superuser).get(reverse("citizens:consultation_list")).content.decode()
    assert open_consultation.title in listing
