"""The register's pages: the list (filters, the clock column, a fixed number of queries, Excel export with the
denouncers masked), the register form (a person, a group, a sealed denouncer, files, errors by field), a petition's
page (masked senders, clock, steps, duplicates with merge) and one form per step."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.citizens.models import Petition, PetitionStep, SealedIdentity
from danvan.citizens.services import transition

from .conftest import days

LIST = reverse("citizens:petition_list")
CREATE = reverse("citizens:petition_create")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
Action = PetitionStep.Action


def form_data(**extra) -> dict:
    data = {
        "kind": "khieu_nai_1",
        "channel": "buu_chinh",
        "received_on": days(-2).strftime("%d/%m/%Y"),
        "field": "dat_dai",
        "subject": "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất",
        "content": "Đề nghị xem xét lại việc cấp giấy chứng nhận cho thửa đất số 45.",
        "signers": "1",
        "senders-TOTAL_FORMS": "3",
        "senders-INITIAL_FORMS": "0",
        "sealed-TOTAL_FORMS": "1",
        "sealed-INITIAL_FORMS": "0",
    }
    data.update(extra)
    return data


@pytest.fixture
def editor_client(client_for, editor):
    return client_for(editor)


@pytest.mark.django_db
class TestTheList:
    def test_the_list_shows_the_clock_and_masks_denouncers(self, editor_client, make_petition, commune):
        make_petition(subject="Khiếu nại về bồi thường")
        make_petition(
            kind=Petition.Kind.TO_CAO, sealed=[{"name": "Hoàng Văn Bí Mật"}], subject="Tố cáo cán bộ"
        )
        page = editor_client.get(LIST, {"unit": commune.pk})
        html = page.content.decode()
        assert page.status_code == 200
        assert "Khiếu nại về bồi thường" in html and "Nguyễn Văn An" in html
        assert "Người tố cáo (được giữ bí mật)" in html and "Bí Mật" not in html
        assert "data-days-left" in html

    def test_overdue_petitions_are_red_and_filtered(self, editor_client, make_petition, commune):
        late = make_petition(subject="Đơn quá hạn")
        Petition.objects.filter(pk=late.pk).update(due_on=days(-2))
        make_petition(subject="Đơn còn hạn")
        page = editor_client.get(LIST, {"unit": commune.pk, "clock": "overdue"}).content.decode()
        assert "Đơn quá hạn" in page and "Đơn còn hạn" not in page
        assert "quá hạn 2 ngày" in page and "text-danger" in page

    def test_due_within_three_days(self, editor_client, make_petition, commune):
        soon = make_petition(subject="Sắp đến hạn")
        Petition.objects.filter(pk=soon.pk).update(due_on=days(2))
        far = make_petition(subject="Còn lâu")
        Petition.objects.filter(pk=far.pk).update(due_on=days(9))
        page = editor_client.get(LIST, {"unit": commune.pk, "clock": "due_soon"}).content.decode()
        assert "Sắp đến hạn" in page and "Còn lâu" not in page and "còn 2 ngày" in page

    def test_search_without_accents_and_filters(self, editor_client, make_petition, commune):
        make_petition(
            subject="Ô nhiễm tiếng ồn", kind=Petition.Kind.PHAN_ANH, field=Petition.Field.ENVIRONMENT
        )
        make_petition(subject="Đất đai")
        page = editor_client.get(LIST, {"unit": commune.pk, "q": "o nhiem"}).content.decode()
        assert "Ô nhiễm tiếng ồn" in page and "Đất đai</a>" not in page
        page = editor_client.get(LIST, {"unit": commune.pk, "kind": "phan_anh", "field": "moi_truong"})
        assert "Ô nhiễm tiếng ồn" in page.content.decode()

    def test_a_bad_filter_names_the_field(self, editor_client, commune):
        page = editor_client.get(LIST, {"unit": commune.pk, "year": "abc", "stage": "x"})
        assert page.status_code == 200 and "Bộ lọc chưa hợp lệ" in page.content.decode()

    def test_the_list_costs_the_same_queries_for_many_rows(
        self, editor_client, make_petition, commune, django_assert_max_num_queries
    ):
        for index in range(3):
            make_petition(subject=f"Đơn {index}")
        with django_assert_max_num_queries(14) as few:
            editor_client.get(LIST, {"unit": commune.pk})
        for index in range(12):
            make_petition(subject=f"Đơn thêm {index}")
        with django_assert_max_num_queries(len(few.captured_queries)):
            editor_client.get(LIST, {"unit": commune.pk})

    def test_another_provinces_editor_sees_none_of_it(self, client_for, outsider, make_petition, commune):
        make_petition(subject="Đơn riêng của phường")
        assert client_for(outsider).get(LIST, {"unit": commune.pk}).status_code == 404
        assert "Đơn riêng của phường" not in client_for(outsider).get(LIST).content.decode()

    def test_the_export_masks_denouncers(self, editor_client, make_petition, commune):
        from openpyxl import load_workbook

        make_petition(kind=Petition.Kind.TO_CAO, sealed=[{"name": "Hoàng Văn Bí Mật"}], subject="Tố cáo")
        make_petition(subject="Khiếu nại")
        response = editor_client.get(reverse("citizens:petition_export"), {"unit": commune.pk})
        assert response.status_code == 200
        rows = list(load_workbook(io.BytesIO(response.content)).active.values)
        cells = " ".join(str(cell) for row in rows for cell in row)
        assert "Người tố cáo (được giữ bí mật)" in cells and "Bí Mật" not in cells
        assert "Nguyễn Văn An" in cells and len(rows) == 3


@pytest.mark.django_db
class TestRegistering:
    def test_an_editor_registers_a_group_petition_with_a_file(
        self, editor_client, commune, settings, tmp_path
    ):
        settings.MEDIA_ROOT = tmp_path
        data = form_data(
            kind="kien_nghi",
            is_group="on",
            signers="15",
            **{
                "senders-0-name": "Lò Văn Đại",
                "senders-0-is_representative": "on",
                "senders-1-name": "Nông Thị Ký",
            },
        )
        data["attachments"] = SimpleUploadedFile("đơn.pdf", PDF, content_type="application/pdf")
        response = editor_client.post(f"{CREATE}?unit={commune.pk}", data)
        petition = Petition.objects.get()
        assert response.status_code == 302 and response["Location"].endswith(f"/don/{petition.pk}/")
        assert petition.is_group and petition.signers == 15
        assert petition.sender_label == "Lò Văn Đại và 14 người"
        assert petition.senders.get(is_representative=True).name == "Lò Văn Đại"
        file = petition.attachments.get()
        download = editor_client.get(reverse("citizens:petition_attachment", args=[file.pk]))
        assert download.status_code == 200 and b"".join(download.streaming_content) == PDF

    def test_a_denouncer_goes_to_the_sealed_record(self, editor_client, commune):
        data = form_data(kind="to_cao", **{"sealed-0-name": "Trần Thị Kín", "sealed-0-phone": "0912345678"})
        assert editor_client.post(f"{CREATE}?unit={commune.pk}", data).status_code == 302
        petition = Petition.objects.get()
        assert petition.kind == "to_cao" and not petition.senders.exists()
        assert SealedIdentity.objects.get(petition=petition).name == "Trần Thị Kín"
        page = editor_client.get(reverse("citizens:petition_detail", args=[petition.pk])).content.decode()
        assert "Người tố cáo (được giữ bí mật)" in page
        assert "Trần Thị Kín" not in page and "0912345678" not in page

    def test_errors_are_shown_by_field(self, editor_client, commune):
        data = form_data(
            subject="",
            received_on=days(3).strftime("%d/%m/%Y"),
            **{"sealed-0-name": "Không phải tố cáo"},
        )
        data["attachments"] = SimpleUploadedFile("anh.png", b"not a png", content_type="image/png")
        page = editor_client.post(f"{CREATE}?unit={commune.pk}", data)
        html = page.content.decode()
        assert page.status_code == 200 and not Petition.objects.exists()
        assert 'id="id_subject-errors">Trường này là bắt buộc.' in html

    def test_service_errors_land_on_their_fields(self, editor_client, commune):
        data = form_data(received_on=days(3).strftime("%d/%m/%Y"), **{"sealed-0-name": "Người khác"})
        data["attachments"] = SimpleUploadedFile("anh.png", b"not a png", content_type="image/png")
        html = editor_client.post(f"{CREATE}?unit={commune.pk}", data).content.decode()
        assert "Ngày nhận đơn không được sau hôm nay." in html
        assert "Chỉ đơn tố cáo mới có người tố cáo được giữ bí mật." in html
        assert "Nội dung tệp không khớp với đuôi .png." in html

    def test_a_viewer_cannot_register(self, client_for, viewer, commune):
        assert client_for(viewer).get(f"{CREATE}?unit={commune.pk}").status_code == 403


@pytest.mark.django_db
class TestAPetitionsPage:
    def test_it_shows_the_clock_the_steps_and_the_history(self, editor_client, editor, make_petition):
        petition = make_petition()
        transition(editor, petition, Action.PROCESS, on=days(-9), processing="within")
        transition(editor, petition, Action.ACCEPT, on=days(-8), reference="QĐ 12/QĐ-UBND")
        petition.refresh_from_db()
        html = editor_client.get(reverse("citizens:petition_detail", args=[petition.pk])).content.decode()
        assert "khieu_nai_lan_1.giai_quyet" in html and petition.due_on.strftime("%d/%m/%Y") in html
        assert f"còn {(petition.due_on - days(0)).days} ngày" in html
        assert "QĐ 12/QĐ-UBND" in html and "Lục Thị Tiếp" in html and "Lịch sử thay đổi" in html

    def test_a_duplicate_is_shown_by_number_and_subject_and_merged(self, editor_client, make_petition):
        first = make_petition(subject="Khiếu nại thu hồi đất ruộng tổ 5")
        second = make_petition(subject="Khiếu nại việc thu hồi đất ruộng ở tổ 5")
        other = make_petition(
            subject="Khiếu nại khác hẳn", content="Tiền điện sinh hoạt tăng cao bất thường."
        )
        html = editor_client.get(reverse("citizens:petition_detail", args=[second.pk])).content.decode()
        assert f"Có thể trùng đơn số {first.number}/{first.year}" in html
        assert f"đơn số {other.number}/{other.year}" not in html
        step = reverse("citizens:petition_step", args=[second.pk, "merge"])
        response = editor_client.post(
            step, {"on": days(0).strftime("%d/%m/%Y"), "into": f"{first.number}/{first.year}"}
        )
        assert response.status_code == 302
        second.refresh_from_db()
        assert second.stage == Petition.Stage.MERGED and second.merged_into == first

    def test_a_denunciations_duplicate_is_found_by_the_sealed_name_without_showing_it(
        self, editor_client, make_petition
    ):
        sealed = [{"name": "Hà Văn Kín"}]
        first = make_petition(kind=Petition.Kind.TO_CAO, sealed=sealed, subject="Tố cáo chủ tịch xã")
        second = make_petition(
            kind=Petition.Kind.TO_CAO, sealed=[{"name": "HA VAN KIN"}], subject="Tố cáo chủ tịch xã"
        )
        html = editor_client.get(reverse("citizens:petition_detail", args=[second.pk])).content.decode()
        assert f"Có thể trùng đơn số {first.number}/{first.year}" in html
        assert "Kín" not in html and "KIN" not in html

    def test_a_step_form_records_the_step(self, editor_client, make_petition):
        petition = make_petition()
        url = reverse("citizens:petition_step", args=[petition.pk, "process"])
        assert editor_client.get(url).status_code == 200
        bad = editor_client.post(url, {"on": days(1).strftime("%d/%m/%Y"), "processing": "within"})
        assert "Ngày thực hiện không được sau hôm nay." in bad.content.decode()
        ok = editor_client.post(url, {"on": days(0).strftime("%d/%m/%Y"), "processing": "within"})
        assert ok.status_code == 302
        petition.refresh_from_db()
        assert petition.stage == Petition.Stage.PROCESSED

    def test_a_step_the_stage_does_not_allow_is_refused_on_the_form(self, editor_client, make_petition):
        petition = make_petition()
        url = reverse("citizens:petition_step", args=[petition.pk, "resolve"])
        data = {"on": days(0).strftime("%d/%m/%Y"), "reference": "QĐ", "outcome": "right", "answer": "A"}
        html = editor_client.post(url, data).content.decode()
        assert "không thể “Giải quyết”" in html
        assert "không thể “Giải quyết”" in editor_client.get(url).content.decode()
        petition.refresh_from_db()
        assert petition.stage == Petition.Stage.RECEIVED
        assert (
            editor_client.get(reverse("citizens:petition_step", args=[petition.pk, "bay"])).status_code == 404
        )

    def test_another_provinces_editor_gets_a_404(
        self, client_for, outsider, make_petition, settings, tmp_path
    ):
        settings.MEDIA_ROOT = tmp_path
        petition = make_petition(attachments=[SimpleUploadedFile("a.pdf", PDF)])
        client = client_for(outsider)
        assert client.get(reverse("citizens:petition_detail", args=[petition.pk])).status_code == 404
        assert client.get(reverse("citizens:petition_step", args=[petition.pk, "process"])).status_code == 404
        file = petition.attachments.get()
        assert client.get(reverse("citizens:petition_attachment", args=[file.pk])).status_code == 404


@pytest.mark.django_db
def test_a_transfer_out_of_scope_returns_to_the_register(client_for, editor, make_petition, units, commune):
    petition = make_petition()
    url = reverse("citizens:petition_step", args=[petition.pk, "transfer"])
    client = client_for(editor)
    assert client.get(url).status_code == 200
    data = {
        "on": days(0).strftime("%d/%m/%Y"),
        "to_unit": units["cao_bang"].pk,
        "reason": "Thuộc thẩm quyền tỉnh",
    }
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == f"{LIST}?unit={commune.pk}"
    petition.refresh_from_db()
    assert petition.unit == units["cao_bang"]
