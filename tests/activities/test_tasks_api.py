"""The tasks API: the list with its status computed, assigning (errors naming the field), one task, a progress
report, and a unit's four counts — exactly the four keys."""

import pytest
from django.test import Client

from danvan.accounts.services import issue_api_token
from danvan.activities import services
from danvan.activities.models import Task
from tests import factories
from tests.clock import days

API = "/api/v1/activities/tasks"


def api_client(user) -> Client:
    token = issue_api_token(user, "Máy tính")[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def tasks(units, province_admin, commune_editor):
    province, ward = units["cao_bang"], units["thuc_phan"]
    done = factories.task(
        province_admin, province, ward, title="Đã xong", deadline=days(-5), assigned_on=days(-30)
    )
    services.report_progress(
        commune_editor, done, percent=100, text="Xong", reported_on=days(-6), completes=True
    )
    return {
        "done": done,
        "overdue": factories.task(
            province_admin, province, ward, title="Quá hạn", deadline=days(-1), assigned_on=days(-30)
        ),
        "open": factories.task(
            province_admin, province, ward, title="Trong hạn", deadline=days(10), assigned_on=days(-30)
        ),
        "other": factories.task(
            province_admin,
            province,
            units["nung_tri_cao"],
            title="Xã khác",
            deadline=days(10),
            assigned_on=days(-30),
        ),
    }


def test_the_list_computes_each_status_and_filters(units, commune_editor, tasks):
    client = api_client(commune_editor)
    body = client.get(API, {"unit": units["thuc_phan"].pk}).json()
    assert body["count"] == 3
    assert {item["title"]: item["status"] for item in body["items"]} == {
        "Đã xong": "done_on_time",
        "Quá hạn": "overdue",
        "Trong hạn": "in_progress",
    }
    overdue = client.get(API, {"unit": units["thuc_phan"].pk, "status": "overdue"}).json()
    assert [item["title"] for item in overdue["items"]] == ["Quá hạn"]
    assert overdue["items"][0]["lead_unit"] == {"id": units["thuc_phan"].pk, "name": units["thuc_phan"].name}
    bad = client.get(API, {"period": "2026Z1"})
    assert bad.status_code == 422 and "period" in bad.json()["errors"]
    assert client.get(API, {"unit": units["nung_tri_cao"].pk}).status_code == 404


def test_stats_are_exactly_the_four_counts(units, province_admin, tasks):
    client = api_client(province_admin)
    stats = client.get(f"{API}/stats", {"unit": units["cao_bang"].pk})
    assert stats.json() == {"done_on_time": 1, "done_late": 0, "in_progress": 2, "overdue": 1}
    year = days(-1).year
    in_year = client.get(f"{API}/stats", {"unit": units["thuc_phan"].pk, "period": str(year)}).json()
    assert set(in_year) == {"done_on_time", "done_late", "in_progress", "overdue"}
    assert client.get(f"{API}/stats", {"unit": units["cao_bang"].pk, "period": "x"}).status_code == 422


def test_assigning_by_api_names_the_wrong_field(units, province_admin, commune_editor):
    client = api_client(province_admin)
    payload = {
        "assigner": units["cao_bang"].pk,
        "lead_unit": units["thuc_phan"].pk,
        "title": "Nắm dư luận về sáp nhập",
        "deadline": days(30).isoformat(),
        "source_reference": "Thông báo 45-TB/BDV",
    }
    made = client.post(API, payload, content_type="application/json")
    assert made.status_code == 201 and made.json()["status"] == "in_progress"
    early = client.post(API, {**payload, "deadline": days(-400).isoformat()}, content_type="application/json")
    assert early.status_code == 422 and "deadline" in early.json()["errors"]
    empty = client.post(API, {**payload, "title": " "}, content_type="application/json")
    assert empty.status_code == 422 and "title" in empty.json()["errors"]
    elsewhere = factories.other_province_commune(units["cao_bang"])
    unseen = client.post(API, {**payload, "lead_unit": elsewhere.pk}, content_type="application/json")
    assert unseen.status_code == 404  # out of the caller's scope, as if it did not exist
    sideways = {**payload, "assigner": units["thuc_phan"].pk, "lead_unit": units["nung_tri_cao"].pk}
    outside = client.post(API, sideways, content_type="application/json")
    assert outside.status_code == 422 and "lead_unit" in outside.json()["errors"]
    by_commune = api_client(commune_editor).post(
        API,
        {
            **payload,
            "assigner": units["thuc_phan"].pk,
            "lead_unit": units["thuc_phan"].pk,
            "source": "meeting",
        },
        content_type="application/json",
    )
    assert by_commune.status_code == 422 and "source" in by_commune.json()["errors"]


def test_one_task_and_its_progress(units, commune_editor, province_admin, tasks, other_commune_editor):
    task = tasks["open"]
    client = api_client(commune_editor)
    reported = client.post(
        f"{API}/{task.pk}/progress", {"percent": 40, "text": "Đã họp dân"}, content_type="application/json"
    )
    assert reported.status_code == 201 and reported.json()["progress"] == 40
    too_much = client.post(
        f"{API}/{task.pk}/progress", {"percent": 101, "text": "x"}, content_type="application/json"
    )
    assert too_much.status_code == 422
    nul = client.post(
        f"{API}/{task.pk}/progress", {"percent": 50, "text": "a\u0000b"}, content_type="application/json"
    )
    assert nul.status_code == 422 and "text" in nul.json()["errors"]
    by_province = api_client(province_admin).post(
        f"{API}/{task.pk}/progress", {"percent": 50, "text": "x"}, content_type="application/json"
    )
    assert by_province.status_code == 403
    detail = client.get(f"{API}/{task.pk}").json()
    assert [(r["percent"], r["text"]) for r in detail["progress_reports"]] == [(40, "Đã họp dân")]
    assert api_client(other_commune_editor).get(f"{API}/{task.pk}").status_code == 404
    done = client.post(
        f"{API}/{task.pk}/progress",
        {"percent": 100, "text": "Xong", "completes": True},
        content_type="application/json",
    )
    assert done.json()["state"] == Task.State.DONE and done.json()["status"] == "done_on_time"
