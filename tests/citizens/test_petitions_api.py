"""The petitions API: the list (filters, pagination, scope), registering (errors naming the field), one petition (a
denunciation's denouncers masked unless a keeper gives a reason), and the steps through `transition`."""

import pytest
from django.test import Client

from danvan.accounts.services import issue_api_token
from danvan.citizens.models import IdentityKeeper, IdentityReveal, Petition

from .conftest import days

API = "/api/v1/citizens/petitions"


def api_client(user) -> Client:
    token = issue_api_token(user, "Máy tính")[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def api(editor):
    return api_client(editor)


def new_petition(unit, **extra) -> dict:
    body = {
        "unit": unit.pk,
        "kind": "khieu_nai_1",
        "channel": "truc_tuyen",
        "field": "dat_dai",
        "subject": "Khiếu nại cấp giấy chứng nhận",
        "content": "Nội dung khiếu nại.",
        "received_on": days(-1).isoformat(),
        "senders": [{"name": "Lý Văn Gửi", "phone": "0987654321"}],
    }
    body.update(extra)
    return body


@pytest.mark.django_db
class TestTheList:
    def test_it_lists_the_register_with_the_clock_paginated(self, api, make_petition, commune):
        for index in range(3):
            make_petition(subject=f"Đơn {index}")
        answer = api.get(API, {"unit": commune.pk, "limit": 2})
        assert answer.status_code == 200
        body = answer.json()
        assert body["count"] == 3 and len(body["items"]) == 2
        item = body["items"][0]
        assert (
            item["clock_step"] == "xu_ly_don"
            and item["days_left"] == (Petition.objects.get(pk=item["id"]).due_on - days(0)).days
        )
        assert set(item) >= {"number", "year", "unit", "kind", "stage", "subject", "sender_label", "due_on"}

    def test_filters_as_the_list_page(self, api, make_petition, commune):
        make_petition(subject="Ô nhiễm", kind=Petition.Kind.PHAN_ANH)
        make_petition(subject="Đất")
        found = api.get(API, {"unit": commune.pk, "q": "o nhiem"}).json()["items"]
        assert [item["subject"] for item in found] == ["Ô nhiễm"]
        assert api.get(API, {"kind": "phan_anh"}).json()["count"] == 1
        assert api.get(API, {"clock": "overdue"}).json()["count"] == 0

    def test_bad_filters_are_422_naming_the_field(self, api):
        answer = api.get(API, {"stage": "bay"})
        assert answer.status_code == 422 and "stage" in answer.json()["errors"]

    def test_denouncers_are_masked_in_the_list(self, api, make_petition):
        make_petition(kind=Petition.Kind.TO_CAO, sealed=[{"name": "Vi Văn Kín"}])
        answer = api.get(API)
        assert "Kín" not in answer.content.decode()
        assert answer.json()["items"][0]["sender_label"] == "Người tố cáo (được giữ bí mật)"

    def test_another_province_sees_nothing(self, make_petition, outsider, commune):
        make_petition()
        client = api_client(outsider)
        assert client.get(API).json()["count"] == 0
        assert client.get(API, {"unit": commune.pk}).status_code == 404


@pytest.mark.django_db
class TestRegistering:
    def test_an_editor_registers_a_petition(self, api, commune):
        answer = api.post(API, new_petition(commune), content_type="application/json")
        assert answer.status_code == 201, answer.content
        body = answer.json()
        assert body["number"] == 1 and body["senders"][0]["name"] == "Lý Văn Gửi"
        assert body["steps"][0]["action"] == "receive" and body["allowed_actions"][0] == "process"

    def test_a_denouncer_is_sealed_and_never_answered(self, api, commune):
        body = new_petition(
            commune, kind="to_cao", senders=[], sealed=[{"name": "Vi Thị Kín", "phone": "0911"}]
        )
        answer = api.post(API, body, content_type="application/json")
        assert answer.status_code == 201
        assert "Kín" not in answer.content.decode() and answer.json()["senders"] == []
        assert answer.json()["denouncers"] is None

    def test_errors_name_the_field(self, api, commune):
        body = new_petition(commune, received_on=days(2).isoformat(), subject=" ", kind="bay")
        answer = api.post(API, body, content_type="application/json")
        assert answer.status_code == 422
        errors = answer.json()["errors"]
        assert {"received_on", "subject", "kind"} <= set(errors)

    def test_a_second_complaint_needs_its_first_resolved(self, api, commune, make_petition):
        first = make_petition()
        body = new_petition(commune, kind="khieu_nai_2", previous=first.pk)
        answer = api.post(API, body, content_type="application/json")
        assert answer.status_code == 422
        assert "chưa được giải quyết" in answer.json()["errors"]["previous"][0]

    def test_a_viewer_is_refused(self, viewer, commune):
        answer = api_client(viewer).post(API, new_petition(commune), content_type="application/json")
        assert answer.status_code == 403

    def test_another_provinces_unit_is_404(self, outsider, commune):
        answer = api_client(outsider).post(API, new_petition(commune), content_type="application/json")
        assert answer.status_code == 404


@pytest.mark.django_db
class TestOnePetition:
    def test_the_steps_and_the_clock(self, api, make_petition):
        petition = make_petition()
        url = f"{API}/{petition.pk}/transitions"
        answer = api.post(
            url,
            {"action": "process", "on": days(-9).isoformat(), "processing": "within"},
            content_type="application/json",
        )
        assert answer.status_code == 201, answer.content
        answer = api.post(
            url,
            {"action": "accept", "on": days(-8).isoformat(), "reference": "QĐ 1"},
            content_type="application/json",
        )
        body = answer.json()
        assert body["stage"] == "accepted" and body["clock_step"] == "khieu_nai_lan_1.giai_quyet"
        assert [step["action"] for step in body["steps"]] == ["receive", "process", "accept"]

    def test_refusals_are_422(self, api, make_petition):
        petition = make_petition()
        url = f"{API}/{petition.pk}/transitions"
        early = {
            "action": "resolve",
            "on": days(-1).isoformat(),
            "reference": "Q",
            "outcome": "right",
            "answer": "A",
        }
        answer = api.post(url, early, content_type="application/json")
        assert answer.status_code == 422 and "action" in answer.json()["errors"]
        future = {"action": "process", "on": days(1).isoformat(), "processing": "within"}
        assert api.post(url, future, content_type="application/json").json()["errors"]["on"]
        assert api.post(url, {"action": "process"}, content_type="application/json").status_code == 422
        assert api.post(url, "pas du json", content_type="application/json").status_code == 400

    def test_a_transfer_by_unit_id(self, api, make_petition, units):
        petition = make_petition()
        body = {
            "action": "transfer",
            "on": days(-1).isoformat(),
            "to_unit": units["cao_bang"].pk,
            "reason": "Thẩm quyền tỉnh",
        }
        answer = api.post(f"{API}/{petition.pk}/transitions", body, content_type="application/json")
        assert answer.status_code == 201 and answer.json()["unit"]["id"] == units["cao_bang"].pk

    def test_another_provinces_petition_is_404(self, make_petition, outsider):
        petition = make_petition()
        client = api_client(outsider)
        assert client.get(f"{API}/{petition.pk}").status_code == 404
        body = {"action": "process", "on": days(-1).isoformat(), "processing": "within"}
        assert (
            client.post(f"{API}/{petition.pk}/transitions", body, content_type="application/json").status_code
            == 404
        )


@pytest.mark.django_db
class TestRevealingADenouncer:
    @pytest.fixture
    def denunciation(self, make_petition):
        return make_petition(kind=Petition.Kind.TO_CAO, sealed=[{"name": "Vi Thị Kín", "phone": "0911"}])

    def test_masked_by_default(self, api, denunciation):
        answer = api.get(f"{API}/{denunciation.pk}")
        assert answer.status_code == 200 and "Kín" not in answer.content.decode()

    def test_a_keeper_with_a_reason_sees_them_and_the_reveal_is_logged(
        self, editor, commune, api, denunciation
    ):
        IdentityKeeper.objects.create(user=editor, unit=commune)
        answer = api.get(f"{API}/{denunciation.pk}", {"reveal": "true", "reason": "Cần liên hệ xác minh"})
        assert answer.status_code == 200
        assert answer.json()["denouncers"][0]["name"] == "Vi Thị Kín"
        reveal = IdentityReveal.objects.get()
        assert (reveal.user, reveal.via, reveal.reason) == (editor, "api", "Cần liên hệ xác minh")

    def test_without_a_reason_it_is_422(self, editor, commune, api, denunciation):
        IdentityKeeper.objects.create(user=editor, unit=commune)
        answer = api.get(f"{API}/{denunciation.pk}", {"reveal": "true"})
        assert answer.status_code == 422 and "reason" in answer.json()["errors"]
        assert not IdentityReveal.objects.exists()

    def test_without_the_role_it_is_403(self, api, denunciation):
        answer = api.get(f"{API}/{denunciation.pk}", {"reveal": "true", "reason": "Tò mò"})
        assert answer.status_code == 403 and "Kín" not in answer.content.decode()
        assert not IdentityReveal.objects.exists()
