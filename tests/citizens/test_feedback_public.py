# ruff: noqa: F405
"""Public feedback, the pages and the API: anyone sends feedback without an account and reads its status and public
answer by its code; limits per address, the spam trap and the fill time refuse robots in Vietnamese; no public page
or JSON answer ever shows the sender's name, phone or e-mail."""

import base64

import pytest
from django.test import Client

from danvan.citizens import services
from danvan.citizens.models import Petition

from .feedback_fixtures import *  # noqa: F403 (the fixtures and the sender's data)

pytestmark = pytest.mark.django_db
API = "/api/v1/public/feedback"


@pytest.fixture
def no_wait(settings):
    settings.DANVAN_PUBLIC_MIN_FILL_SECONDS = 0


def _form(ward, **change):
    return {
        "tinh": str(ward.parent_id),
        "unit": str(ward.pk),
        **{k: v for k, v in SENT.items() if k != "answer_public"},
        "started": "",
        "website": "",
        **change,
    }


def _started(client, ward):
    page = client.get(f"/gop-y/?tinh={ward.parent_id}")
    assert page.status_code == 200
    return page.context["form"].initial["started"]


def test_a_citizen_sends_feedback_on_the_page_and_gets_a_code(accepting, ward, media, no_wait):
    client = Client(enforce_csrf_checks=False)
    started = _started(client, ward)
    response = client.post("/gop-y/", {**_form(ward, started=started), "attachments": [pdf()]})
    petition = Petition.objects.get()
    assert response.status_code == 302 and petition.tracking_code in response["Location"]
    thanks = client.get(response["Location"])
    assert petition.tracking_code in thanks.content.decode()
    assert petition.attachments.count() == 1


def test_the_page_lists_only_units_that_accept_feedback(accepting, ward, units):
    page = Client().get(f"/gop-y/?tinh={ward.parent_id}").content.decode()
    assert ward.name in page and units["nung_tri_cao"].name not in page


def test_the_trap_and_a_form_sent_too_fast_are_refused_in_vietnamese(accepting, ward, media, settings):
    client = Client()
    started = _started(client, ward)
    trapped = client.post("/gop-y/", _form(ward, started=started, website="http://spam.example"))
    assert trapped.status_code == 400 and "Không gửi được" in trapped.content.decode()
    settings.DANVAN_PUBLIC_MIN_FILL_SECONDS = 60
    fast = client.post("/gop-y/", _form(ward, started=started))
    assert fast.status_code == 400 and "Bạn gửi quá nhanh" in fast.content.decode()
    forged = client.post("/gop-y/", _form(ward, started="123:abc"))
    assert forged.status_code == 400
    assert not Petition.objects.exists()


def test_sending_is_limited_per_address_behind_trusted_proxies(accepting, ward, media, settings, no_wait):
    settings.DANVAN_PUBLIC_LIMITS = {"feedback_send": (2, 3600)}
    client = Client()
    started = _started(client, ward)
    for _ in range(2):
        assert client.post("/gop-y/", _form(ward, started=started)).status_code == 302
    refused = client.post("/gop-y/", _form(ward, started=started))
    assert refused.status_code == 429 and "quá nhiều lần" in refused.content.decode()
    # Another address is counted apart.
    other = Client(REMOTE_ADDR="203.0.113.7")
    assert other.post("/gop-y/", _form(ward, started=started)).status_code == 302


def test_a_bad_field_or_too_many_files_is_shown_next_to_the_field(accepting, ward, media, no_wait):
    client = Client()
    started = _started(client, ward)
    response = client.post(
        "/gop-y/",
        {**_form(ward, started=started, email="sai"), "attachments": [pdf(f"{i}.pdf") for i in range(4)]},
    )
    form = response.context["form"]
    assert response.status_code == 200
    assert "email" in form.errors and "attachments" in form.errors
    assert not Petition.objects.exists()


def test_the_csrf_token_is_required_on_the_public_form(accepting, ward):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/gop-y/", _form(ward)).status_code == 403


def test_the_lookup_shows_status_and_public_answer_without_personal_data(sent, ward_editor):
    services.answer_feedback(ward_editor, sent, answer="Phường đã thu gom rác.", public=True)
    client = Client()
    found = client.get("/gop-y/tra-cuu/", {"code": sent.tracking_code.lower().replace("-", "")})
    assert found.status_code == 302
    page = client.get(found["Location"]).content.decode()
    assert "Đã trả lời" in page and "Phường đã thu gom rác." in page and sent.subject in page
    assert personal_data_absent(page) == []
    answer = client.get(f"{API}/{sent.tracking_code}").json()
    assert answer["status"] == "answered" and answer["answer"] == "Phường đã thu gom rác."
    assert personal_data_absent(str(answer)) == []


def test_an_unknown_code_is_a_clear_404_on_the_page_and_the_api(accepting):
    page = Client().get("/gop-y/tra-cuu/GY-2222-3333-4444/")
    assert page.status_code == 404 and "Không tìm thấy góp ý" in page.content.decode()
    assert Client().get("/gop-y/tra-cuu/khong-phai-ma/").status_code == 404
    api = Client().get(f"{API}/GY-2222-3333-4444")
    assert api.status_code == 404 and api.json()["detail"] == "Không có góp ý nào mang mã này."


def test_lookups_are_limited_per_address(sent, settings):
    settings.DANVAN_PUBLIC_LIMITS = {"feedback_lookup": (2, 600)}
    client = Client()
    for _ in range(2):
        assert client.get(f"{API}/{sent.tracking_code}").status_code == 200
    assert client.get(f"/gop-y/tra-cuu/{sent.tracking_code}/").status_code == 429
    assert client.get(f"{API}/{sent.tracking_code}").status_code == 429


def test_the_sender_asks_to_look_again_from_the_tracking_page(sent, ward_editor, client_for):
    services.answer_feedback(ward_editor, sent, answer="Đã xong.", public=True)
    url = f"/gop-y/tra-cuu/{sent.tracking_code}/"
    assert Client().post(url, {"reason": "Rác vẫn còn."}).status_code == 302
    assert "Người gửi đã đề nghị xem xét lại" in Client().get(url).content.decode()
    staff = client_for(ward_editor).get(f"/don-thu/gop-y/{sent.pk}/").content.decode()
    assert "Rác vẫn còn." in staff


def test_the_api_takes_feedback_with_a_base64_attachment(accepting, ward, media):
    body = {
        "unit": ward.pk,
        **{k: v for k, v in SENT.items()},
        "attachments": [{"name": "a.pdf", "content_base64": base64.b64encode(PDF).decode()}],
    }
    response = Client().post(API, body, content_type="application/json")
    assert response.status_code == 201
    petition = Petition.objects.get(tracking_code=response.json()["tracking_code"])
    assert petition.attachments.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "to_cao"}, "kind"),
        ({"subject": ""}, "subject"),
        ({"unit": 0}, "unit"),
        ({"email": "x"}, "email"),
        ({"website": "spam"}, "website"),
        ({"attachments": [{"name": "a.exe", "content_base64": "AAAA"}]}, "attachments"),
        ({"attachments": [{"name": "a.pdf", "content_base64": "@@"}]}, "attachments.0.content_base64"),
    ],
)
def test_the_api_refuses_bad_input_with_422_naming_the_field(accepting, ward, media, change, field):
    body = {"unit": ward.pk, **SENT, **change}
    response = Client().post(API, body, content_type="application/json")
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"]


def test_the_api_is_rate_limited_with_429_json(accepting, ward, media, settings):
    settings.DANVAN_PUBLIC_LIMITS = {"feedback_send": (1, 3600)}
    body = {"unit": ward.pk, **SENT}
    assert Client().post(API, body, content_type="application/json").status_code == 201
    refused = Client().post(API, body, content_type="application/json")
    assert refused.status_code == 429 and "quá nhiều lần" in refused.json()["detail"]


def test_the_openapi_documents_both_operations_without_auth():
    schema = Client().get("/api/v1/openapi.json").json()
    post = schema["paths"]["/api/v1/public/feedback"]["post"]
    assert "201" in post["responses"] and not post.get("security")
    assert "/api/v1/public/feedback/{code}" in schema["paths"]


def test_the_staff_page_counts_the_service_level(
    sent, ward_editor, client_for, django_assert_max_num_queries
):
    client = client_for(ward_editor)
    with django_assert_max_num_queries(20):
        page = client.get(f"/don-thu/gop-y/?unit={sent.unit_id}")
    assert page.status_code == 200
    counts = {key: n for key, _label, n in page.context["counts"]}
    assert counts == {"on_time": 0, "late": 0, "overdue": 0, "pending": 1}
    assert sent.tracking_code in page.content.decode()
