"""The clocks' pages: the rule table with its versions (a superuser adds one when the law changes), and a year's
working calendar month by month (read by everyone signed in, set by a superuser)."""

import datetime

import pytest
from django.urls import reverse

from danvan.citizens.models import CalendarDay, CalendarYear, DeadlineRule

RULES = reverse("citizens:deadline_rules")


def test_the_rule_table_shows_each_step_its_versions_and_basis(commune_editor, client_for):
    page = client_for(commune_editor).get(RULES).content.decode()
    for text in (
        "Giải quyết tố cáo",
        "to_cao.giai_quyet",
        "01/07/2026",
        "30/06/2026",
        "Ngày làm việc",
        "136/2025/QH15",
    ):
        assert text in page
    assert "Thêm phiên bản" not in page


def test_a_superuser_adds_a_version_and_overlaps_are_refused(superuser, client_for):
    client = client_for(superuser)
    url = reverse("citizens:deadline_rule_add", args=["xu_ly_don"])
    assert client.get(url).status_code == 200
    data = {"valid_from": "01/07/2026", "day_type": "working_days", "days": "7", "legal_basis": "Luật mới"}
    refused = client.post(url, data)
    assert refused.status_code == 200 and "phải có hiệu lực sau ngày 01/07/2026" in refused.content.decode()
    done = client.post(url, {**data, "valid_from": "01/01/2027"})
    assert done.status_code == 302
    assert DeadlineRule.objects.filter(
        step="xu_ly_don", valid_from=datetime.date(2027, 1, 1), days=7
    ).exists()
    assert "01/01/2027" in client.get(RULES).content.decode()


def test_a_step_that_does_not_exist_is_404(superuser, client_for):
    assert (
        client_for(superuser).get(reverse("citizens:deadline_rule_add", args=["khong_co"])).status_code == 404
    )


def test_the_calendar_page_draws_the_months_for_everyone(commune_editor, client_for):
    client = client_for(commune_editor)
    page = client.get(reverse("citizens:calendar_year", args=[2025])).content.decode()
    assert "Tháng 12" in page and 'title="Ngày Giỗ Tổ Hùng Vương"' in page
    assert "dv-day-swap" in page  # Sat 26/4/2025 worked
    assert "Lưu lịch" not in page
    assert client.post(reverse("citizens:calendar_year", args=[2025]), {"days_off": ""}).status_code == 403


def test_reading_a_year_nobody_set_writes_nothing(commune_editor, client_for):
    before = (CalendarYear.objects.count(), CalendarDay.objects.count())
    page = client_for(commune_editor).get(reverse("citizens:calendar_year", args=[2032]))
    assert page.status_code == 200 and "Chưa đặt lịch" in page.content.decode()
    assert (CalendarYear.objects.count(), CalendarDay.objects.count()) == before


@pytest.mark.parametrize("year", [1800, 2500])
def test_a_year_out_of_range_is_404(commune_editor, client_for, year):
    assert client_for(commune_editor).get(reverse("citizens:calendar_year", args=[year])).status_code == 404


def test_a_superuser_sets_a_year_on_the_page(superuser, client_for):
    client = client_for(superuser)
    url = reverse("citizens:calendar_year", args=[2028])
    bad = client.post(
        url, {"days_off": "01/01/2028 Tết Dương lịch\n29/01/2028", "working_days": "07/02/2028"}
    )
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "là thứ Bảy hoặc Chủ nhật" in text and "là ngày thường" in text
    assert not CalendarYear.objects.filter(year=2028).exists()
    done = client.post(url, {"days_off": "03/01/2028 Tết Dương lịch (nghỉ bù)", "working_days": "08/01/2028"})
    assert done.status_code == 302
    assert CalendarDay.objects.get(date=datetime.date(2028, 1, 3)).name == "Tết Dương lịch (nghỉ bù)"
    assert CalendarDay.objects.get(date=datetime.date(2028, 1, 8)).kind == "working"
