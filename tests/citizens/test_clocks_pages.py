"""The clocks' pages: the rule table with its versions (a superuser adds one when the law changes), and a year's
working calendar month by month (read by everyone signed in, set by a superuser)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.citizens import services
from danvan.citizens.models import CalendarDay, CalendarYear, DeadlineRule, Petition
from danvan.core.models import ChangeLog

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
    logged = ChangeLog.objects.get(content_type__model="calendaryear", object_id="2028")
    assert logged.user == superuser and logged.after["days_off"] == ["2028-01-03"]


def test_the_overdue_and_due_soon_lists_of_a_unit(commune_editor, other_commune_editor, units, client_for):
    today = timezone.localdate()
    late = services.create_petition(
        commune_editor,
        unit=units["thuc_phan"],
        data={
            "kind": "kien_nghi",
            "channel": "buu_chinh",
            "field": "dat_dai",
            "subject": "Đường liên thôn sạt lở",
            "content": "Đề nghị sửa.",
            "received_on": today - datetime.timedelta(days=40),
        },
    )
    soon = services.create_petition(
        commune_editor,
        unit=units["thuc_phan"],
        data={
            "kind": "khieu_nai_1",
            "channel": "buu_chinh",
            "field": "dat_dai",
            "subject": "Khiếu nại bồi thường",
            "content": "Chưa thỏa đáng.",
            "received_on": today - datetime.timedelta(days=20),
        },
    )
    Petition.objects.filter(pk=soon.pk).update(due_on=today + datetime.timedelta(days=1))
    client = client_for(commune_editor)
    url = reverse("citizens:clock_watch")
    overdue = client.get(f"{url}?unit={units['thuc_phan'].pk}&which=overdue").content.decode()
    assert late.subject in overdue and soon.subject not in overdue and "quá " in overdue
    due_soon = client.get(f"{url}?unit={units['thuc_phan'].pk}").content.decode()
    assert soon.subject in due_soon and late.subject not in due_soon and "còn 1 ngày" in due_soon
    other = client_for(other_commune_editor)
    assert other.get(f"{url}?unit={units['thuc_phan'].pk}").status_code == 404
    assert late.subject not in other.get(f"{url}?which=overdue").content.decode()


def test_the_overdue_list_costs_fixed_queries(
    commune_editor, units, client_for, django_assert_max_num_queries
):
    client = client_for(commune_editor)
    url = f"{reverse('citizens:clock_watch')}?unit={units['thuc_phan'].pk}&which=overdue"
    client.get(url)
    for day in range(12):
        services.create_petition(
            commune_editor,
            unit=units["thuc_phan"],
            data={
                "kind": "phan_anh",
                "channel": "truc_tuyen",
                "field": "moi_truong",
                "subject": f"Rác thải {day}",
                "content": "Ô nhiễm.",
                "received_on": timezone.localdate() - datetime.timedelta(days=60 + day),
            },
        )
    with django_assert_max_num_queries(14):
        page = client.get(url)
    assert page.content.decode().count("Rác thải") == 12
