"""The report document in the Party's format: prepared with its narrative assembled from the reports, edited, generated
in the background as Word and PDF with progress, read only within the user's scope."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from danvan.accounts.scope import Role
from danvan.core.errors import NotAllowed
from danvan.core.periods import Period
from danvan.core.text import vn_number
from danvan.reporting import documents, services
from danvan.reporting.document_forms import DocumentForm
from danvan.reporting.models import ReportDocument, Submission, Value
from tests.conftest import make_user
from tests.factories import approved_reports

SUMMARY = "Sơ kết công tác dân vận 6 tháng đầu năm 2026, phương hướng, nhiệm vụ 6 tháng cuối năm 2026"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def page_url(name, form, unit, period="2026H1"):
    return reverse(f"reporting:{name}", args=[form.pk, unit.pk, period])


def posted(document, **changes) -> dict:
    """The document page's form as the browser sends it back, with some fields changed."""
    data = DocumentForm.initial_of(document)
    data["issued_on"] = document.issued_on.strftime("%d/%m/%Y")
    data.update(changes)
    return data


def docx_text(content: bytes) -> str:
    word = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


# --- names, dates and numbers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (datetime.date(2026, 11, 22), "ngày 22 tháng 11 năm 2026"),
        (datetime.date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (datetime.date(2026, 3, 1), "ngày 01 tháng 3 năm 2026"),
    ],
)
def test_dates_are_written_as_the_party_writes_them(day, text):
    assert documents.vietnamese_date(day) == text


@pytest.mark.parametrize(
    ("value", "decimals", "text"), [(1759, 0, "1.759"), (86.25, 1, "86,3"), (2.5, 2, "2,5"), (-3, 0, "-3")]
)
def test_figures_are_written_the_vietnamese_way(value, decimals, text):
    assert vn_number(value, decimals) == text


def test_a_number_still_to_be_given_keeps_room_for_the_clerk():
    assert documents.number_line("125-BC/BTGDVTU") == "Số 125-BC/BTGDVTU"
    assert documents.number_line("-BC/BTGDVTU").startswith("Số\u00a0") and documents.number_line(
        "-BC/BTGDVTU"
    ).endswith("-BC/BTGDVTU")


def test_the_next_period_is_what_the_tasks_are_set_for():
    assert documents.next_period(Period.parse("2026H1")).code == "2026H2"
    assert documents.next_period(Period.parse("2026H2")).code == "2027H1"
    assert documents.next_period(Period.parse("2026")).code == "2027"


# --- preparing the document ------------------------------------------------------------------------------------------


def test_province_document_assembles_the_communes_texts(demo_reports, province_admin, units):
    cao_bang = units["cao_bang"]
    document = documents.prepare_document(province_admin, demo_reports, cao_bang, "2026H1")
    assert document.superior_body == "TỈNH ỦY CAO BẰNG"
    assert document.issuing_body == "BAN TUYÊN GIÁO VÀ DÂN VẬN"
    assert document.place == "Cao Bằng"
    assert document.summary == SUMMARY
    assert document.issued_on == timezone.localdate()
    assert document.number == "-BC/BTGDVTU"
    assert document.signer_authority == "TRƯỞNG BAN"
    assert "- Ban Thường vụ Tỉnh ủy (b/c)," in document.recipients and document.recipients.endswith(
        "- Lưu VT."
    )
    assert document.narrative["intro"].startswith(
        "Thực hiện chương trình công tác, Ban Tuyên giáo và Dân vận"
    )
    # The communes whose reports are approved (the reports the figures count) all wrote the same sentence but for
    # their figures: one line, with the first commune's text in the tree's order as the example (issue 10: 56 lines
    # of the same sentence were pasted before).
    approved = Submission.objects.filter(
        form=demo_reports, period="2026H1", status=Submission.Status.APPROVED
    ).select_related("unit")
    assert approved.count() > 30
    first = approved.get(unit__name="Xã Bạch Đằng")  # the tree's order: by name without its kind word
    assert document.narrative["2.2"] == (
        f"- Cả {approved.count()} đơn vị: cùng nội dung, khác nhau ở số liệu; như Xã Bạch Đằng: "
        f"{first.narrative['2.2']}"
    )
    # Drafts and reports submitted but not approved yet are not counted: neither their figures nor their texts.
    left_out = Submission.objects.filter(form=demo_reports, period="2026H1").exclude(
        status=Submission.Status.APPROVED
    )
    assert left_out.filter(status=Submission.Status.SUBMITTED).exists()
    assert left_out.filter(status=Submission.Status.DRAFT).exists()
    assert not any(report.unit.name in document.narrative["2.2"] for report in left_out)
    # Preparing again returns the same document.
    again = documents.prepare_document(province_admin, demo_reports, cao_bang, Period.parse("2026H1"))
    assert again.pk == document.pk and ReportDocument.objects.count() == 1


def test_commune_document_takes_its_own_report_texts(demo_reports, other_commune_editor, units):
    commune = units["nung_tri_cao"]
    document = documents.prepare_document(other_commune_editor, demo_reports, commune, "2026H1")
    own = Submission.objects.get(form=demo_reports, unit=commune, period="2026H1")
    assert document.narrative["2.2"] == own.narrative["2.2"]
    assert document.superior_body == "ĐẢNG BỘ TỈNH CAO BẰNG"
    assert document.issuing_body == "ĐẢNG ỦY PHƯỜNG NÙNG TRÍ CAO"
    # The place line names the ward, where its committee sits (HD 36), not the province.
    assert document.place == "Nùng Trí Cao"
    assert (document.signer_authority, document.signer_title) == ("T/M BAN THƯỜNG VỤ", "BÍ THƯ")


def test_only_editors_prepare_a_document(demo_form, units):
    viewer = make_user("xem_thucphan", units["thuc_phan"], Role.VIEWER)
    with pytest.raises(NotAllowed):
        documents.prepare_document(viewer, demo_form, units["thuc_phan"], "2026H1")
    assert not ReportDocument.objects.exists()


def test_a_period_of_another_type_or_a_unit_outside_the_form_is_refused(demo_form, superuser, units):
    from danvan.orgunits.models import OrgUnit

    with pytest.raises(ValidationError) as error:
        documents.prepare_document(superuser, demo_form, units["cao_bang"], "2026Q1")
    assert "6 tháng" in str(error.value)
    ha_noi = OrgUnit.objects.get(external_id="vn:province:01")
    with pytest.raises(ValidationError) as error:
        documents.prepare_document(superuser, demo_form, ha_noi, "2026H1")
    assert "không thuộc phạm vi" in str(error.value)


# --- editing -----------------------------------------------------------------------------------------------------------


def test_bad_heading_input_names_the_fields_in_vietnamese(demo_form, commune_editor, units):
    document = documents.prepare_document(commune_editor, demo_form, units["thuc_phan"], "2026H1")
    with pytest.raises(ValidationError) as error:
        documents.update_document(
            commune_editor, document, issuing_body="  ", issued_on="31/02/2026", place=""
        )
    errors = error.value.message_dict
    assert errors["issuing_body"] == ["Hãy nhập cơ quan ban hành."]
    assert errors["place"] == ["Hãy nhập địa danh."]
    assert "Ngày ban hành không hợp lệ" in errors["issued_on"][0]
    with pytest.raises(ValidationError) as error:
        documents.update_document(commune_editor, document, narrative={"9.9": "?"})
    assert "đề cương" in str(error.value)
    document.refresh_from_db()
    assert document.issuing_body == "ĐẢNG ỦY PHƯỜNG THỤC PHÁN"


def test_edits_keep_their_lines_and_are_logged(demo_form, commune_editor, units):
    from danvan.core.changelog import history_for

    document = documents.prepare_document(commune_editor, demo_form, units["thuc_phan"], "2026H1")
    documents.update_document(
        commune_editor,
        document,
        number="12-BC/ĐU",
        issued_on=datetime.date(2026, 7, 5),
        narrative={"2.2": "Dòng một.\r\n\r\n  Dòng   hai. "},
        recipients="- Ban Thường vụ Tỉnh ủy (b/c),\r\n- Lưu VT.",
    )
    document.refresh_from_db()
    assert document.narrative["2.2"] == "Dòng một.\nDòng hai."
    assert document.recipients == "- Ban Thường vụ Tỉnh ủy (b/c),\n- Lưu VT."
    assert document.issued_on == datetime.date(2026, 7, 5)
    change = history_for(document).filter(action="update").first()
    assert change.after["number"] == "12-BC/ĐU" and change.before["number"] == "-BC/ĐU"
    assert change.after["narrative.2.2"] == "Dòng một.\nDòng hai."


def test_page_shows_vietnamese_errors_next_to_the_fields(demo_form, commune_editor, units, client_for):
    document = documents.prepare_document(commune_editor, demo_form, units["thuc_phan"], "2026H1")
    client = client_for(commune_editor)
    url = page_url("document_page", demo_form, units["thuc_phan"])
    response = client.post(url, posted(document, issuing_body="", issued_on="45/13/2026", action="save"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ngày không hợp lệ: hãy nhập dạng dd/mm/yyyy" in html and "is-invalid" in html
    response = client.post(url, posted(document, issuing_body="", action="generate"))
    assert response.status_code == 200
    assert "Hãy nhập cơ quan ban hành." in response.content.decode()
    document.refresh_from_db()
    assert (
        document.issuing_body == "ĐẢNG ỦY PHƯỜNG THỤC PHÁN" and document.state == ReportDocument.State.DRAFT
    )


# --- generating --------------------------------------------------------------------------------------------------------


def test_generating_from_the_page_makes_the_word_and_pdf_files(
    demo_reports, province_admin, units, client_for, media, django_capture_on_commit_callbacks
):
    cao_bang = units["cao_bang"]
    client = client_for(province_admin)
    url = page_url("document_page", demo_reports, cao_bang)
    response = client.get(url)
    assert response.status_code == 200
    assert "Lưu và tạo văn bản Word và PDF" in response.content.decode()
    # The page shows the document as it would be made; it is saved with the first save (reading never writes).
    suggested = response.context["document"]
    assert suggested.pk is None and not ReportDocument.objects.exists()
    sentence = "Tình hình dân tộc, tôn giáo trên địa bàn tỉnh ổn định, không có điểm nóng."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, posted(suggested, number="125-BC/BTGDVTU", narrative_2_4=sentence, action="generate")
        )
    assert response.status_code == 302
    document = ReportDocument.objects.get(form=demo_reports, unit=cao_bang, period="2026H1")
    assert (document.state, document.progress, document.error) == (ReportDocument.State.DONE, 100, "")
    assert document.generated_at is not None and document.docx.name.endswith(".docx")

    word_response = client.get(page_url("document_download", demo_reports, cao_bang) + "?format=docx")
    assert word_response.status_code == 200
    assert word_response["Content-Type"] == documents.CONTENT_TYPES["docx"]
    assert 'filename="bao-cao-tinh-cao-bang-2026H1.docx"' in word_response["Content-Disposition"]
    content = b"".join(word_response.streaming_content)
    text = docx_text(content)
    total = Value.objects.filter(  # the approved reports' figures
        indicator__code="dcs_doi_thoai",
        period="2026H1",
        unit_path__startswith=cao_bang.path,
        unit__report_submissions__period="2026H1",
        unit__report_submissions__status="approved",
    ).aggregate(total=Sum("number"))["total"]
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "TỈNH ỦY CAO BẰNG",
        "BAN TUYÊN GIÁO VÀ DÂN VẬN",
        "Số 125-BC/BTGDVTU",
        "BÁO CÁO",
        SUMMARY,
        f"Cao Bằng, {documents.vietnamese_date(timezone.localdate())}",
        sentence,
        "I. TÌNH HÌNH CHUNG",
        "PHỤ LỤC SỐ LIỆU",
        "Số cuộc đối thoại của người đứng đầu cấp ủy, chính quyền với Nhân dân",
        vn_number(total),
        "Nơi nhận:",
        "TRƯỞNG BAN",
    ):
        assert expected in text, expected
    word = Document(io.BytesIO(content))
    section = word.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01) and abs(section.page_height - Cm(29.7)) < Cm(0.01)
    assert abs(section.left_margin - Cm(3)) < Cm(0.01) and abs(section.right_margin - Cm(1.5)) < Cm(0.01)
    assert abs(section.top_margin - Cm(2)) < Cm(0.01) and abs(section.bottom_margin - Cm(2)) < Cm(0.01)
    normal = word.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Times New Roman"

    pdf_response = client.get(page_url("document_download", demo_reports, cao_bang) + "?format=pdf")
    assert pdf_response.status_code == 200 and pdf_response["Content-Type"] == "application/pdf"
    assert b"".join(pdf_response.streaming_content).startswith(b"%PDF-")


def test_failure_leaves_the_document_failed_with_the_error(
    demo_form, commune_editor, units, media, monkeypatch, django_capture_on_commit_callbacks
):
    document = documents.prepare_document(commune_editor, demo_form, units["thuc_phan"], "2026H1")

    def broken(*args, **kwargs):
        raise RuntimeError("máy in hết mực")

    monkeypatch.setattr("danvan.reporting.documents.generation.build_docx", broken)
    with django_capture_on_commit_callbacks(execute=True):
        documents.request_generation(commune_editor, document)
    document.refresh_from_db()
    assert document.state == ReportDocument.State.FAILED
    assert "máy in hết mực" in document.error and document.progress_note == "Không tạo được văn bản."
    assert not document.docx and not document.pdf


def test_generation_is_not_asked_for_twice_while_it_runs(demo_form, commune_editor, units):
    document = documents.prepare_document(commune_editor, demo_form, units["thuc_phan"], "2026H1")
    ReportDocument.objects.filter(pk=document.pk).update(
        state=ReportDocument.State.RUNNING, requested_at=timezone.now()
    )
    with pytest.raises(ValidationError) as error:
        documents.request_generation(commune_editor, document)
    assert "đang được tạo" in str(error.value)
    # A job that has run for too long is taken as lost (a stopped worker): it may be asked for again.
    ReportDocument.objects.filter(pk=document.pk).update(
        requested_at=timezone.now() - documents.STALE_AFTER - datetime.timedelta(minutes=1)
    )
    document = documents.request_generation(commune_editor, document)
    assert document.state == ReportDocument.State.QUEUED and document.progress == 0


def test_progress_is_polled_while_queued_and_stops_when_done(
    demo_form, commune_editor, units, client_for, django_assert_max_num_queries
):
    document = documents.prepare_document(commune_editor, demo_form, units["thuc_phan"], "2026H1")
    ReportDocument.objects.filter(pk=document.pk).update(
        state=ReportDocument.State.RUNNING,
        progress=50,
        progress_note="Đang tạo tệp Word…",
        requested_at=timezone.now(),
    )
    client = client_for(commune_editor)
    url = page_url("document_progress", demo_form, units["thuc_phan"])
    with django_assert_max_num_queries(12):
        response = client.get(url, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'hx-trigger="every 1s"' in html and 'aria-valuenow="50"' in html and "dv-progress-50" in html
    assert "Đang tạo tệp Word…" in html and "style=" not in html
    ReportDocument.objects.filter(pk=document.pk).update(
        state=ReportDocument.State.DONE, progress=100, progress_note="Đã tạo xong văn bản Word và PDF."
    )
    html = client.get(url).content.decode()
    assert "hx-trigger" not in html and "Đã tạo xong" in html


def test_figures_compare_with_the_same_period_a_year_earlier(demo_form, commune_editor, units):
    thuc_phan = units["thuc_phan"]
    services.write_values(
        commune_editor,
        [
            # The ward opened on 1/7/2025: its first half-year is 2025H2.
            {"unit": thuc_phan.pk, "period": "2025H2", "indicator": "dcs_doi_thoai", "value": 4},
            {"unit": thuc_phan.pk, "period": "2026H2", "indicator": "dcs_doi_thoai", "value": 7},
            {"unit": thuc_phan.pk, "period": "2026H2", "indicator": "dcs_so_ket", "value": "có"},
        ],
    )
    for period in ("2025H2", "2026H2"):
        approved_reports(thuc_phan, period, ["dcs_doi_thoai"])
    figures = documents.figures_of(demo_form, thuc_phan, Period.parse("2026H2"))
    assert figures.compared
    assert figures.columns == ["6 tháng cuối năm 2026", "Cùng kỳ năm trước (6 tháng cuối năm 2025)"]
    rows = {row.name: row for table in figures.tables for row in table.rows}
    dialogues = rows["Số cuộc đối thoại của người đứng đầu cấp ủy, chính quyền với Nhân dân"]
    assert (dialogues.values, dialogues.change) == (["7", "4"], "+3")
    # A commune's own yes/no answer reads as such.
    assert rows["Đã sơ kết thực hiện dân chủ ở cơ sở"].values[0] == "Có"


def test_province_figures_before_the_reform_come_from_the_old_units(demo_reports, units):
    figures = documents.figures_of(demo_reports, units["cao_bang"], Period.parse("2025H2"))
    assert figures.columns[1] == "Cùng kỳ năm trước (6 tháng cuối năm 2024)"
    total = Value.objects.filter(
        indicator__code="dcs_doi_thoai", period="2024H2", unit_path__startswith=units["cao_bang"].path
    ).aggregate(total=Sum("number"))["total"]
    rows = {row.name: row for table in figures.tables for row in table.rows}
    assert rows["Số cuộc đối thoại của người đứng đầu cấp ủy, chính quyền với Nhân dân"].values[1] == (
        vn_number(total)
    )


# --- scope -------------------------------------------------------------------------------------------------------------


def test_other_commune_editor_gets_404_for_the_page_progress_and_files(
    demo_form, commune_editor, other_commune_editor, units, client_for
):
    documents.prepare_document(commune_editor, demo_form, units["thuc_phan"], "2026H1")
    client = client_for(other_commune_editor)
    for name in ("document_page", "document_progress", "document_download"):
        url = page_url(name, demo_form, units["thuc_phan"])
        assert client.get(url).status_code == 404, name
        assert client.get(url + "?format=pdf").status_code == 404, name
    assert (
        client.post(
            page_url("document_page", demo_form, units["thuc_phan"]), {"action": "generate"}
        ).status_code
        == 404
    )


def test_viewer_reads_and_downloads_but_cannot_edit(
    demo_form, commune_editor, units, client_for, media, django_capture_on_commit_callbacks
):
    thuc_phan = units["thuc_phan"]
    viewer = make_user("xem_thucphan", thuc_phan, Role.VIEWER)
    client = client_for(viewer)
    url = page_url("document_page", demo_form, thuc_phan)
    response = client.get(url)
    assert response.status_code == 200 and "chưa soạn văn bản báo cáo" in response.content.decode()
    document = documents.prepare_document(commune_editor, demo_form, thuc_phan, "2026H1")
    download = page_url("document_download", demo_form, thuc_phan)
    assert client.get(download + "?format=docx").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        documents.request_generation(commune_editor, document)
    html = client.get(url).content.decode()
    assert "disabled" in html and "Lưu và tạo văn bản Word và PDF" not in html and "Tải Word" in html
    assert client.post(url, posted(document, action="save")).status_code == 403
    response = client.get(download + "?format=docx")
    assert response.status_code == 200
    assert "ĐẢNG ỦY PHƯỜNG THỤC PHÁN" in docx_text(b"".join(response.streaming_content))
    assert client.get(download + "?format=xls").status_code == 404


@pytest.mark.parametrize("period", ["2026Q1", "2026X", "2026H3"])
def test_a_bad_period_in_the_address_is_a_404(demo_form, commune_editor, units, client_for, period):
    url = reverse("reporting:document_page", args=[demo_form.pk, units["thuc_phan"].pk, period])
    assert client_for(commune_editor).get(url).status_code == 404
