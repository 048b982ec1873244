"""The API of publicity and consultations: a commune's checklist and a province's counts (scoped), the
consultations' list and detail, and the public reads that never show a commenter's full name or contact."""

import datetime

import pytest
from django.test import Client

from danvan.citizens import services
from tests.clock import today

from . import publicity_fixtures as fx
from .publicity_fixtures import item, pdf, publish

pytestmark = pytest.mark.django_db
consultation, open_consultation, hamlet_head = fx.consultation, fx.open_consultation, fx.hamlet_head


def test_a_commune_s_checklist_lists_each_item_with_its_status_and_channels(
    client_for, commune_editor, units
):
    publish(
        commune_editor, units["thuc_phan"], "thuc-hien-ngan-sach-quy", "2026Q1", on=datetime.date(2026, 4, 14)
    )
    response = client_for(commune_editor).get(
        "/api/v1/citizens/publicity", {"unit": units["thuc_phan"].pk, "period": "2026Q2"}
    )
    assert response.status_code == 200
    body = response.json()
    entry = next(e for e in body["entries"] if e["item"] == "thuc-hien-ngan-sach-quy")
    assert entry["status"] == "on_time" and entry["due_on"] == "2026-04-15"
    assert entry["publication"]["channels"][0]["channel"] == "niem_yet"
    assert body["counts"]["on_time"] == 1 and body["communes"] == []


def test_a_province_gets_its_communes_counts_and_a_bad_period_is_a_422(
    client_for, province_admin, commune_editor, units
):
    publish(
        commune_editor, units["thuc_phan"], "thuc-hien-ngan-sach-quy", "2026Q1", on=datetime.date(2026, 4, 14)
    )
    client = client_for(province_admin)
    body = client.get("/api/v1/citizens/publicity", {"unit": units["cao_bang"].pk, "period": "2026Q2"}).json()
    mine = next(c for c in body["communes"] if c["unit"]["id"] == units["thuc_phan"].pk)
    assert mine["counts"]["on_time"] == 1
    assert body["counts"]["on_time"] == 1
    assert body["counts"]["due"] == sum(c["counts"]["due"] for c in body["communes"])
    bad = client.get("/api/v1/citizens/publicity", {"unit": units["cao_bang"].pk, "period": "2026Z"})
    assert bad.status_code == 422 and "period" in bad.json()["errors"]


def test_another_commune_s_editor_gets_404(client_for, other_commune_editor, open_consultation, units):
    client = client_for(other_commune_editor)
    assert client.get("/api/v1/citizens/publicity", {"unit": units["thuc_phan"].pk}).status_code == 404
    assert client.get(f"/api/v1/citizens/consultations/{open_consultation.pk}").status_code == 404
    assert client.get("/api/v1/citizens/consultations").json()["items"] == []


def test_the_consultation_s_result_and_comments_for_its_commune(
    client_for, commune_editor, hamlet, open_consultation
):
    services.record_ballot(
        commune_editor, open_consultation, hamlet=hamlet, households=40, agree=30, disagree=5, abstain=5
    )
    services.add_comment(
        commune_editor, open_consultation, text="Đồng ý", name="Lý Thị Mai", received_on=today()
    )
    client = client_for(commune_editor)
    listed = client.get("/api/v1/citizens/consultations", {"status": "open"}).json()
    assert [c["id"] for c in listed["items"]] == [open_consultation.pk] and listed["items"][0][
        "comment_count"
    ] == 1
    body = client.get(f"/api/v1/citizens/consultations/{open_consultation.pk}").json()
    assert body["result"]["agree"] == 30 and body["result"]["agree_rate"] == 75.0 and body["result"]["passed"]
    assert body["result"]["hamlets_reported"] == 1
    assert body["comments"][0]["name"] == "Lý Thị Mai"
    assert client.get("/api/v1/citizens/consultations", {"status": "nope"}).status_code == 422


def test_the_public_reads_show_what_is_published_and_the_names_chosen_to_show(
    commune_editor, open_consultation, units
):
    publish(
        commune_editor,
        units["thuc_phan"],
        "ke-hoach-kt-xh",
        "2026",
        on=datetime.date(2026, 1, 20),
        file=pdf("ke-hoach.pdf"),
    )
    services.record_publication(
        commune_editor,
        unit=units["thuc_phan"],
        item=item("du-an-dau-tu"),
        decision_on=today(),
        title="Dự án chưa công khai",
    )
    services.add_comment(
        commune_editor,
        open_consultation,
        text="Góp ý",
        name="Lý Thị Mai",
        shown_name="Cô Mai",
        contact="0987",
        received_on=today(),
    )
    anonymous = Client()
    published = anonymous.get(f"/api/v1/public/publicity/{units['thuc_phan'].pk}", {"q": "ke hoach"}).json()
    assert [p["item"] for p in published["items"]] == ["ke-hoach-kt-xh"]
    assert published["items"][0]["file_url"].startswith("/cong-khai/tep/")
    assert (
        anonymous.get(f"/api/v1/public/publicity/{units['thuc_phan'].pk}", {"q": "du an"}).json()["items"]
        == []
    )
    body = anonymous.get(f"/api/v1/public/consultations/{open_consultation.pk}").json()
    assert body["open_for_comments"] and body["result"] is None
    assert body["comments"] == [{"shown_name": "Cô Mai", "text": "Góp ý", "received_on": today().isoformat()}]
    assert "Lý Thị Mai" not in str(body) and "0987" not in str(body)


def test_a_draft_is_not_public_on_the_api(consultation):
    assert Client().get(f"/api/v1/public/consultations/{consultation.pk}").status_code == 404
