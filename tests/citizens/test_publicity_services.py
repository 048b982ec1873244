"""Recording what a commune publicised: the deadline from the item's rule, the channels and their evidence, the
publication's date from its first channel, the change log; and every bad input refused with a Vietnamese message
naming its field."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.citizens import services
from danvan.citizens.models import Publication
from danvan.core.errors import NotAllowed
from danvan.core.models import ChangeLog
from tests.clock import today

from .publicity_fixtures import item, pdf, publish

pytestmark = pytest.mark.django_db


def test_a_quarter_s_budget_execution_is_due_fifteen_days_after_the_quarter(commune_editor, units):
    publication = services.record_publication(
        commune_editor, unit=units["thuc_phan"], item=item("thuc-hien-ngan-sach-quy"), period="2026Q1"
    )
    assert publication.due_on == datetime.date(2026, 4, 15)
    assert publication.title == "Tình hình thực hiện dự toán ngân sách xã hằng quý (quý I năm 2026)"
    assert publication.published_on is None
    assert publication.unit_path == units["thuc_phan"].path
    assert publication.province_code == units["thuc_phan"].province_code


def test_a_decision_is_due_within_its_item_s_days_after_the_decision(commune_editor, units):
    publication = services.record_publication(
        commune_editor,
        unit=units["thuc_phan"],
        item=item("thu-hoi-dat"),
        decision_on=datetime.date(2026, 3, 2),
        reference="15/QĐ-UBND",
        title="Quyết định thu hồi đất làm đường",
    )
    assert publication.due_on == datetime.date(2026, 3, 4)
    assert publication.period == "2026"


def test_the_publication_date_is_its_first_channel_s_day_and_each_record_is_logged(commune_editor, units):
    publication = publish(
        commune_editor, units["thuc_phan"], "thuc-hien-ngan-sach-quy", "2026Q1", on=datetime.date(2026, 4, 20)
    )
    assert publication.published_on == datetime.date(2026, 4, 20)
    assert publication.status == "late"
    services.add_channel(
        commune_editor,
        publication,
        channel="loa",
        started_on=datetime.date(2026, 4, 10),
        second_on=datetime.date(2026, 4, 11),
        third_on=datetime.date(2026, 4, 12),
        file=pdf("nhat-ky-phat-thanh.pdf"),
    )
    publication.refresh_from_db()
    assert publication.published_on == datetime.date(2026, 4, 10)
    assert publication.status == "on_time"
    logged = ChangeLog.objects.filter(content_type__model__startswith="publication").values_list(
        "content_type__model", "action"
    )
    assert sorted(logged) == [
        ("publication", "create"),
        ("publication", "update"),
        ("publication", "update"),
        ("publicationchannel", "create"),
        ("publicationchannel", "create"),
    ]
    loudspeaker = publication.channels.get(channel="loa")
    assert loudspeaker.original_name == "nhat-ky-phat-thanh.pdf"
    services.remove_channel(commune_editor, loudspeaker)
    publication.refresh_from_db()
    assert publication.published_on == datetime.date(2026, 4, 20)


def test_the_loudspeaker_runs_three_consecutive_days(commune_editor, units):
    publication = services.record_publication(
        commune_editor, unit=units["thuc_phan"], item=item("quy-dong-gop"), period="2026H1"
    )
    with pytest.raises(ValidationError) as error:
        services.add_channel(
            commune_editor,
            publication,
            channel="loa",
            started_on=datetime.date(2026, 7, 1),
            second_on=datetime.date(2026, 7, 2),
            third_on=datetime.date(2026, 7, 4),
        )
    assert "ba ngày liên tiếp" in error.value.message_dict["third_on"][0]


def test_a_posting_at_the_headquarters_lasts_at_least_thirty_days(commune_editor, units):
    publication = services.record_publication(
        commune_editor, unit=units["thuc_phan"], item=item("quy-dong-gop"), period="2026H1"
    )
    with pytest.raises(ValidationError) as error:
        services.add_channel(
            commune_editor,
            publication,
            channel="niem_yet",
            started_on=datetime.date(2026, 7, 1),
            ended_on=datetime.date(2026, 7, 29),
        )
    assert error.value.message_dict["ended_on"] == ["Niêm yết tại trụ sở ít nhất 30 ngày (Điều 13)."]


def test_a_channel_dated_in_the_future_is_refused(commune_editor, units):
    publication = services.record_publication(
        commune_editor, unit=units["thuc_phan"], item=item("quy-dong-gop"), period="2026H1"
    )
    tomorrow = today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.add_channel(
            commune_editor,
            publication,
            channel="trang_tin",
            started_on=tomorrow,
            address="https://xa.gov.vn/a",
        )
    assert error.value.message_dict["started_on"] == [f"Ngày {tomorrow:%d/%m/%Y} chưa đến."]


def test_a_decision_dated_in_the_future_is_refused(commune_editor, units):
    with pytest.raises(ValidationError) as error:
        services.record_publication(
            commune_editor,
            unit=units["thuc_phan"],
            item=item("du-an-dau-tu"),
            decision_on=today() + datetime.timedelta(days=3),
            title="Dự án nhà văn hóa",
        )
    assert "chưa đến" in error.value.message_dict["decision_on"][0]


def test_a_period_of_the_wrong_kind_or_recorded_twice_is_refused(commune_editor, units):
    with pytest.raises(ValidationError) as error:
        services.record_publication(
            commune_editor, unit=units["thuc_phan"], item=item("thuc-hien-ngan-sach-quy"), period="2026H1"
        )
    assert "đúng loại" in error.value.message_dict["period"][0]
    services.record_publication(
        commune_editor, unit=units["thuc_phan"], item=item("thuc-hien-ngan-sach-quy"), period="2026Q2"
    )
    with pytest.raises(ValidationError) as error:
        services.record_publication(
            commune_editor, unit=units["thuc_phan"], item=item("thuc-hien-ngan-sach-quy"), period="2026Q2"
        )
    assert error.value.message_dict["period"] == ["Kỳ này đã được ghi nhận: hãy mở bản đã có."]


def test_a_file_whose_content_does_not_match_its_name_is_refused(commune_editor, units):
    with pytest.raises(ValidationError) as error:
        services.record_publication(
            commune_editor,
            unit=units["thuc_phan"],
            item=item("ke-hoach-kt-xh"),
            period="2026",
            file=SimpleUploadedFile("ke-hoach.pdf", b"MZ not a pdf"),
        )
    assert "không khớp" in error.value.message_dict["file"][0]
    assert not Publication.objects.exists()


def test_an_editor_of_another_commune_cannot_record_and_a_province_is_no_commune(
    other_commune_editor, province_admin, units
):
    with pytest.raises(NotAllowed):
        services.record_publication(
            other_commune_editor, unit=units["thuc_phan"], item=item("ke-hoach-kt-xh"), period="2026"
        )
    with pytest.raises(ValidationError) as error:
        services.record_publication(
            province_admin, unit=units["cao_bang"], item=item("ke-hoach-kt-xh"), period="2026"
        )
    assert "unit" in error.value.message_dict


def test_the_catalogue_holds_the_items_of_article_11():
    from danvan.citizens.models import PublicityItem

    codes = set(PublicityItem.objects.values_list("code", flat=True))
    assert {
        "ke-hoach-kt-xh",
        "du-toan-ngan-sach",
        "thuc-hien-ngan-sach-quy",
        "thuc-hien-ngan-sach-6-thang",
        "thuc-hien-ngan-sach-nam",
        "du-an-dau-tu",
        "thu-hoi-dat",
        "quy-dong-gop",
        "thu-tuc-hanh-chinh",
        "ket-qua-thanh-tra",
    } <= codes
    assert item("thuc-hien-ngan-sach-quy").rule_text == "chậm nhất 15 ngày sau ngày cuối kỳ"
