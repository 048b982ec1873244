"""The deadline endpoint gives the law's table on a working calendar set through the calendar endpoint: weekends,
days off and the Saturday made working by a swap. Every due date below was counted by hand on the 2026 calendar set
by `calendar` (days off Mon 27/4, Thu 30/4, Fri 1/5, Mon 31/8, Tue 1/9, Wed 2/9, Tue 24/11; Sat 22/8 worked)."""

import json

import pytest

from danvan.citizens.models import CalendarDay, CalendarYear

CALENDAR_2026 = {
    "days_off": [
        "2026-01-01",
        "2026-02-16",
        "2026-02-17",
        "2026-02-18",
        "2026-02-19",
        "2026-02-20",
        "2026-04-27",
        "2026-04-30",
        "2026-05-01",
        "2026-08-31",
        "2026-09-01",
        "2026-09-02",
        "2026-11-24",
    ],
    "working_days": ["2026-08-22"],
}


def put(client, year, body):
    return client.put(f"/api/v1/citizens/calendar/{year}", json.dumps(body), content_type="application/json")


@pytest.fixture
def calendar(superuser, client_for):
    answer = put(client_for(superuser), 2026, CALENDAR_2026)
    assert answer.status_code == 200, answer.content
    return answer.json()


@pytest.fixture
def api(commune_editor, client_for):
    return client_for(commune_editor)


def due(api, step, start, **flags):
    query = "&".join([f"step={step}", f"from={start}", *(f"{k}={v}" for k, v in flags.items())])
    answer = api.get(f"/api/v1/citizens/deadlines?{query}")
    assert answer.status_code == 200, answer.content
    return answer.json()


# (step, start, flags, due, days, day type, why)
TABLE = [
    # xu_ly_don, 10 working days from Fri 21/8: Sat 22/8 (worked) 1, 24–28/8 2–6, 31/8–2/9 off, 3–4/9 7–8,
    # 7/9 9, 8/9 10.
    ("xu_ly_don", "2026-08-21", {}, "2026-09-08", 10, "working_days"),
    # Before 1/7/2026 the first version rules: from Fri 24/4, 27/4 off, 28–29/4 1–2, 30/4–1/5 off, 4–8/5 3–7,
    # 11–13/5 8–10.
    ("xu_ly_don", "2026-04-24", {}, "2026-05-13", 10, "working_days"),
    # 10 days from Fri 21/8 end Mon 31/8, a day off, as are 1/9 and 2/9: Thu 3/9 (art. 148).
    ("khieu_nai_lan_1.thu_ly", "2026-08-21", {}, "2026-09-03", 10, "days"),
    # 30 days from Wed 1/7: Fri 31/7, a working day.
    ("khieu_nai_lan_1.giai_quyet", "2026-07-01", {}, "2026-07-31", 30, "days"),
    # 45 days: Sat 15/8 → Mon 17/8.
    ("khieu_nai_lan_1.giai_quyet", "2026-07-01", {"complex": "true"}, "2026-08-17", 45, "days"),
    ("khieu_nai_lan_1.giai_quyet", "2026-07-01", {"remote": "true"}, "2026-08-17", 45, "days"),
    # 60 days: Sun 30/8 → 31/8, 1/9, 2/9 off → Thu 3/9.
    (
        "khieu_nai_lan_1.giai_quyet",
        "2026-07-01",
        {"remote": "true", "complex": "true"},
        "2026-09-03",
        60,
        "days",
    ),
    # 10 days from Wed 12/8: Sat 22/8, a Saturday made working: it ends there.
    ("khieu_nai_lan_2.thu_ly", "2026-08-12", {}, "2026-08-22", 10, "days"),
    # 45 days: Sat 15/8 → Mon 17/8; 60: Sun 30/8 → Thu 3/9; 70: Wed 9/9.
    ("khieu_nai_lan_2.giai_quyet", "2026-07-01", {}, "2026-08-17", 45, "days"),
    ("khieu_nai_lan_2.giai_quyet", "2026-07-01", {"complex": "true"}, "2026-09-03", 60, "days"),
    ("khieu_nai_lan_2.giai_quyet", "2026-07-01", {"remote": "true"}, "2026-09-03", 60, "days"),
    (
        "khieu_nai_lan_2.giai_quyet",
        "2026-07-01",
        {"remote": "true", "complex": "true"},
        "2026-09-09",
        70,
        "days",
    ),
    # 7 working days from Mon 16/11: 17–20/11 1–4, 23/11 5, 24/11 off, 25–26/11 6–7.
    ("to_cao.xu_ly_ban_dau", "2026-11-16", {}, "2026-11-26", 7, "working_days"),
    # 10 with verification: 27/11 8, 30/11 9, 1/12 10.
    ("to_cao.xu_ly_ban_dau", "2026-11-16", {"verify": "true"}, "2026-12-01", 10, "working_days"),
    # 5 working days from Thu 27/8: 28/8 1, 29–30/8 weekend, 31/8–2/9 off, 3/9 2, 4/9 3, 7/9 4, 8/9 5.
    ("to_cao.thong_bao_thu_ly", "2026-08-27", {}, "2026-09-08", 5, "working_days"),
    # 30 days from Sat 1/8: Mon 31/8 off → Thu 3/9; complex, no extension yet: the same.
    ("to_cao.giai_quyet", "2026-08-01", {}, "2026-09-03", 30, "days"),
    ("to_cao.giai_quyet", "2026-08-01", {"complex": "true"}, "2026-09-03", 30, "days"),
    # One extension when complex: 60 days, Wed 30/9. Two when very complex: 90 days, Fri 30/10.
    ("to_cao.giai_quyet", "2026-08-01", {"complex": "true", "extensions": 1}, "2026-09-30", 60, "days"),
    ("to_cao.giai_quyet", "2026-08-01", {"very_complex": "true", "extensions": 2}, "2026-10-30", 90, "days"),
    ("to_cao.giai_quyet", "2026-08-01", {"very_complex": "true", "extensions": 1}, "2026-09-30", 60, "days"),
    # 30 days from Wed 2/12 cross into 2027 (its seeded calendar): Fri 1/1/2027 off, weekend → Mon 4/1/2027.
    ("to_cao.giai_quyet", "2026-12-02", {}, "2027-01-04", 30, "days"),
    # 10 working days from Fri 20/11: 23/11 1, 24/11 off, 25–27/11 2–4, 30/11–4/12 5–9, 7/12 10.
    ("tiep_cong_dan_dang.tra_loi", "2026-11-20", {}, "2026-12-07", 10, "working_days"),
]


@pytest.mark.parametrize(("step", "start", "flags", "expected", "days", "day_type"), TABLE)
def test_the_deadline_endpoint_gives_the_laws_table(
    calendar, api, step, start, flags, expected, days, day_type
):
    assert due(api, step, start, **flags) == {
        "step": step,
        "due": expected,
        "days": days,
        "day_type": day_type,
    }


def test_the_calendar_endpoint_gives_back_what_was_set(calendar, api):
    answer = api.get("/api/v1/citizens/calendar/2026").json()
    assert answer["days_off"] == CALENDAR_2026["days_off"]
    assert answer["working_days"] == CALENDAR_2026["working_days"]
    assert answer["stored"] is True


def test_a_year_nobody_set_is_computed_and_not_saved(api, db):
    years, days = CalendarYear.objects.count(), CalendarDay.objects.count()
    answer = api.get("/api/v1/citizens/calendar/2031")
    assert answer.status_code == 200
    body = answer.json()
    assert body["stored"] is False
    assert "2031-01-01" in body["days_off"] and "2031-09-02" in body["days_off"]
    assert (CalendarYear.objects.count(), CalendarDay.objects.count()) == (years, days)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("step=khong_co&from=2026-08-01", "step"),
        ("step=xu_ly_don&from=2026-13-01", "from"),
        ("step=xu_ly_don", "from"),
        ("step=xu_ly_don&from=2026-08-01&complex=co-le", "complex"),
        ("step=xu_ly_don&from=2026-08-01&extensions=-1", "extensions"),
        ("step=xu_ly_don&from=1990-01-01", "from"),
        ("step=xu_ly_don&from=9999-12-31", "from"),
        # An extension on a simple denunciation, a third one, any on a step that has none.
        ("step=to_cao.giai_quyet&from=2026-08-01&extensions=1", "extensions"),
        ("step=to_cao.giai_quyet&from=2026-08-01&complex=true&extensions=2", "extensions"),
        ("step=to_cao.giai_quyet&from=2026-08-01&very_complex=true&extensions=3", "extensions"),
        ("step=xu_ly_don&from=2026-08-01&complex=true&extensions=1", "extensions"),
    ],
)
def test_bad_deadline_questions_are_422_naming_the_field(api, query, field):
    answer = api.get(f"/api/v1/citizens/deadlines?{query}")
    assert answer.status_code == 422, answer.content
    assert field in answer.json()["errors"], answer.json()


def test_the_extension_refusals_speak_vietnamese(api):
    simple = api.get("/api/v1/citizens/deadlines?step=to_cao.giai_quyet&from=2026-08-01&extensions=1").json()
    assert "không phức tạp" in simple["errors"]["extensions"][0]
    third = api.get(
        "/api/v1/citizens/deadlines?step=to_cao.giai_quyet&from=2026-08-01&very_complex=true&extensions=3"
    ).json()
    assert "tối đa 2 lần" in third["errors"]["extensions"][0]


def test_only_a_superuser_sets_a_calendar(api, db):
    assert put(api, 2026, CALENDAR_2026).status_code == 403
    assert not CalendarDay.objects.filter(date__year=2026, name="").exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"days_off": ["2026-02-30"], "working_days": []}, "days_off"),
        ({"days_off": ["hôm qua"], "working_days": []}, "days_off"),
        ({"days_off": ["2026-08-22"], "working_days": []}, "days_off"),  # a Saturday is off already
        ({"days_off": [], "working_days": ["2026-08-24"]}, "working_days"),  # a Monday works already
        ({"days_off": ["2027-01-01"], "working_days": []}, "days_off"),  # not in 2026
        ({"days_off": [], "working_days": ["2025-12-27"]}, "working_days"),
        ({"working_days": []}, "days_off"),
    ],
)
def test_a_bad_calendar_is_422_naming_the_field(superuser, client_for, body, field):
    before = list(CalendarDay.objects.filter(date__year=2026).values_list("date", "kind"))
    answer = put(client_for(superuser), 2026, body)
    assert answer.status_code == 422, answer.content
    assert field in answer.json()["errors"]
    assert list(CalendarDay.objects.filter(date__year=2026).values_list("date", "kind")) == before


def test_a_year_out_of_range_is_422(superuser, client_for):
    client = client_for(superuser)
    assert client.get("/api/v1/citizens/calendar/1800").status_code == 422
    assert put(client, 3000, CALENDAR_2026).json()["errors"].keys() == {"year"}


def test_the_endpoints_need_a_signed_in_caller(client, db):
    assert client.get("/api/v1/citizens/deadlines?step=xu_ly_don&from=2026-08-21").status_code == 401
    assert client.get("/api/v1/citizens/calendar/2026").status_code == 401
