"""A report document an office would send (issue 10, Deliver 4): each section drafted from the reports — the unit's own
text, the figures in a sentence compared with the same period a year earlier, the units' texts grouped by what they
say — in the Word file and the PDF alike; the PDF in Liberation Serif 2.x only; a landscape annex whose columns fit;
the coming period named in section IV."""

import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from django.db.models import Sum
from django.urls import reverse
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm
from fontTools import subset

from danvan.core.periods import Period
from danvan.core.text import vn_number
from danvan.orgunits.models import OrgUnit
from danvan.reporting import documents, services
from danvan.reporting.documents.pdf import FONT_FILES, MissingFont
from danvan.reporting.models import ReportDocument, Submission, Value
from tests.factories import approved_reports

LIBERATION_SERIF = re.compile(r"^Liberation-?Serif(-Bold)?(-Italic)?$")
DIALOGUES = "cuộc đối thoại của người đứng đầu cấp ủy, chính quyền với Nhân dân"


def poppler(tool: str, *args) -> str:
    """The output of a poppler-utils tool (README requirements; installed by .ci/run)."""
    assert shutil.which(tool), f"{tool} is missing: apt-get install poppler-utils"
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True).stdout


def total(code: str, period: str, unit) -> float:
    """The sum of the figures of the approved reports in the unit's subtree: what a document counts."""
    approved = Submission.objects.filter(period=period, status=Submission.Status.APPROVED)
    return Value.objects.filter(
        indicator__code=code,
        period=period,
        unit_path__startswith=unit.path,
        unit_path__in=approved.values("unit_path"),
        category="",
    ).aggregate(total=Sum("number"))["total"]


@pytest.fixture
def province_document(demo_reports, province_admin, units, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return documents.prepare_document(province_admin, demo_reports, units["cao_bang"], "2026H1")


def unit(name: str) -> OrgUnit:
    return OrgUnit(name=name, kind=OrgUnit.Kind.COMMUNE)


# --- the units' texts grouped by what they say ----------------------------------------------------------------------


def test_the_same_sentence_from_many_units_is_one_line_naming_their_count():
    reports = [(unit(f"Xã Số {n}"), "Kinh phí cho hoạt động ở cơ sở còn hạn chế.") for n in range(40)]
    # Spacing, case and punctuation do not set a text apart.
    reports.append((unit("Xã Lạc"), "kinh phí  cho hoạt động ở cơ sở còn hạn chế"))
    reports.append((unit("Phường Mới"), "Một số cán bộ kiêm nhiệm nhiều việc.\nCần bồi dưỡng thêm."))
    lines = documents.grouped_lines(reports)
    assert lines[0] == "- 41 đơn vị (Xã Số 0, Xã Số 1, Xã Số 2…): Kinh phí cho hoạt động ở cơ sở còn hạn chế."
    # A unit's own line breaks are kept.
    assert lines[1:] == ["- Phường Mới: Một số cán bộ kiêm nhiệm nhiều việc.\nCần bồi dưỡng thêm."]


def test_a_small_group_names_its_units_and_a_units_own_name_does_not_set_it_apart():
    reports = [
        (unit("Xã Đông Khê"), "Nhân dân xã Đông Khê tin tưởng vào sự lãnh đạo của Đảng."),
        (unit("Xã Hòa An"), "Nhân dân Xã Hòa An tin tưởng vào sự lãnh đạo của Đảng."),
        # A name is a whole word: "Xã Na" is not in "Nam".
        (unit("Xã Na"), "Nhân dân xã Na ở vùng Nam."),
        (unit("Xã Bó"), "Nhân dân xã Bó ở vùng Nam."),
        (unit("Xã Bảo Lạc"), "Tổ chức 3 hội nghị."),
        (unit("Xã Nguyên Bình"), "Tổ chức 5 hội nghị."),
    ]
    assert documents.grouped_lines(reports) == [
        "- Xã Đông Khê và Xã Hòa An: Nhân dân địa phương tin tưởng vào sự lãnh đạo của Đảng.",
        "- Xã Na và Xã Bó: Nhân dân địa phương ở vùng Nam.",
        "- Xã Bảo Lạc và Xã Nguyên Bình: cùng nội dung, khác nhau ở số liệu; như Xã Bảo Lạc: Tổ chức 3 hội nghị.",
    ]


# --- the sections drafted from the reports --------------------------------------------------------------------------


def test_each_section_opens_with_its_figures_compared_with_the_same_period_a_year_earlier(
    province_document, demo_reports, units
):
    cao_bang = units["cao_bang"]
    now, year_before = total("dcs_doi_thoai", "2026H1", cao_bang), total("dcs_doi_thoai", "2025H1", cao_bang)
    assert now and year_before  # 2025H1: the old communes' reports, before the 2025 reform (lineage)
    rate = (now - year_before) / year_before * 100
    rate = round(rate, 0 if abs(rate) >= 10 else 1)
    change = f"{'tăng' if rate > 0 else 'giảm'} {vn_number(abs(rate), 1)}% so với cùng kỳ"
    first, *rest = province_document.narrative["2.6"].splitlines()
    assert first.startswith(
        f"Trong 6 tháng đầu năm 2026, toàn tỉnh có {vn_number(now)} {DIALOGUES}, {change}; "
    ), first
    assert "lượt người dân dự đối thoại" in first and "tỷ lệ đơn thư đã giải quyết đạt" in first
    # The texts of the communes whose figures are counted (approved) follow, one line for all, not one line each.
    approved = Submission.objects.filter(form=demo_reports, period="2026H1", status="approved")
    assert rest == [
        f"- Cả {approved.count()} đơn vị: cùng nội dung, khác nhau ở số liệu; như Xã Bạch Đằng: "
        + approved.get(unit__name="Xã Bạch Đằng").narrative["2.6"]
    ]
    # A sentence the communes wrote alike but for their own names is one line, the name become "địa phương".
    assert province_document.narrative["1.1"] == (
        f"- Cả {approved.count()} đơn vị: Tình hình tư tưởng của cán bộ, đảng viên và Nhân dân địa phương cơ bản ổn định; "
        "Nhân dân tin tưởng vào sự lãnh đạo của Đảng, phấn khởi trước kết quả phát triển kinh tế – xã hội của "
        "địa phương."
    )
    # A form section whose title names no outline section is placed by its narrative key (III → 2.3).
    assert province_document.narrative["2.3"].startswith("Trong 6 tháng đầu năm 2026, toàn tỉnh có ")
    assert "nhà Đại đoàn kết" in province_document.narrative["2.3"].splitlines()[0]


def test_a_commune_document_keeps_its_own_text_first_with_its_lines(
    demo_reports, other_commune_editor, units
):
    commune = units["nung_tri_cao"]
    Submission.objects.filter(form=demo_reports, unit=commune, period="2026H1").update(
        narrative={"2.6": "Tổ chức 2 cuộc đối thoại.\nCó 446 lượt người dân tham dự."}
    )
    document = documents.prepare_document(other_commune_editor, demo_reports, commune, "2026H1")
    lines = document.narrative["2.6"].splitlines()
    assert lines[:2] == ["Tổ chức 2 cuộc đối thoại.", "Có 446 lượt người dân tham dự."]
    assert lines[2].startswith("Trong 6 tháng đầu năm 2026, toàn phường có ")


def test_the_period_before_is_never_taken_for_the_same_period_a_year_earlier(
    demo_form, commune_editor, units
):
    thuc_phan = units["thuc_phan"]
    services.write_values(
        commune_editor,
        [
            {"unit": thuc_phan.pk, "period": "2025H2", "indicator": "dcs_doi_thoai", "value": 4},
            {"unit": thuc_phan.pk, "period": "2026H1", "indicator": "dcs_doi_thoai", "value": 7},
        ],
    )
    for code in ("2025H2", "2026H1"):
        approved_reports(thuc_phan, code, ["dcs_doi_thoai"])
    period = Period.parse("2026H1")
    figures = documents.figures_of(demo_form, thuc_phan, period)
    assert (figures.compared, figures.columns) == (False, ["6 tháng đầu năm 2026"])
    sentence = documents.figure_sentences(demo_form, thuc_phan, period)["2.6"]
    assert sentence == f"Trong 6 tháng đầu năm 2026, toàn phường có 7 {DIALOGUES}."


# --- the files ------------------------------------------------------------------------------------------------------


def test_the_word_file_carries_the_drafted_sections_and_a_landscape_annex(province_document):
    content = documents.document_content(province_document)
    word = Document(io.BytesIO(documents.build_docx(province_document, content)))
    text = "\n".join(paragraph.text for paragraph in word.paragraphs)
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026" in text
    for line in province_document.narrative["2.6"].splitlines():
        assert line in text
    body, annex = word.sections
    assert body.orientation == WD_ORIENT.PORTRAIT
    assert annex.orientation == WD_ORIENT.LANDSCAPE and annex.page_width > annex.page_height
    room = annex.page_width - annex.left_margin - annex.right_margin
    figures = word.tables[-1]
    assert len(figures.columns) == 6  # compared with the same period a year earlier
    assert "Cùng kỳ năm trước (6 tháng đầu năm 2025)" in figures.rows[0].cells[4].text
    assert sum(column.width for column in figures.columns) <= room + Cm(0.05)


def test_the_pdf_is_in_liberation_serif_only_with_a_landscape_annex_whose_columns_fit(
    province_document, tmp_path
):
    content = documents.document_content(province_document)
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(documents.build_pdf(province_document, content))
    text = " ".join(poppler("pdftotext", str(path), "-").split())
    assert "Xã Bạch Đằng" in text and "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026" in text
    # Every face in the file (pdffonts: name, type, …) is Liberation Serif: no fallback for ơ, ư, ầ, ế, ộ, ở.
    faces = [line.split()[0].split("+")[-1] for line in poppler("pdffonts", str(path)).splitlines()[2:]]
    assert faces and all(LIBERATION_SERIF.match(face) for face in faces), faces
    assert {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic"} <= set(faces)
    # The body on portrait A4, the annex on landscape A4.
    sizes = re.findall(
        r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", poppler("pdfinfo", "-f", "1", "-l", "99", str(path))
    )
    portrait = [int(n) for n, width, height in sizes if float(width) < float(height)]
    landscape = [int(n) for n, width, height in sizes if float(width) > float(height)]
    assert portrait and landscape and max(portrait) < min(landscape)
    # No cell of the annex wraps over six lines (a text block of pdftotext is a cell's text).
    layout = ET.fromstring(poppler("pdftotext", "-bbox-layout", "-f", str(min(landscape)), str(path), "-"))
    blocks = [block for block in layout.iter() if block.tag.endswith("block")]
    lines = {
        " ".join(w.text for w in block.iter() if w.tag.endswith("word")): sum(
            1 for line in block if line.tag.endswith("line")
        )
        for block in blocks
    }
    header = next(words for words in lines if words.startswith("Cùng kỳ năm trước"))
    assert lines[header] <= 4, lines
    assert max(lines.values()) <= 6, lines


def test_the_document_says_what_its_figures_cover_in_the_body_and_the_annex(
    province_document, demo_reports, units, tmp_path
):
    expected = OrgUnit.objects.filter(parent=units["cao_bang"], kind="commune", valid_to__isnull=True)
    approved = Submission.objects.filter(
        form=demo_reports, period="2026H1", status="approved", unit__in=expected
    ).count()
    assert 0 < approved < expected.count() == 56
    line = f"Số liệu tổng hợp từ báo cáo đã duyệt của {approved}/56 đơn vị."
    # In the drafted figures: once, after the first section's sentence of figures.
    drafted = [text for text in province_document.narrative.values() if line in text]
    assert len(drafted) == 1 and drafted[0].splitlines()[1] == line
    content = documents.document_content(province_document)
    assert content.figures.coverage == line
    # The Word file: in the body, and under the annex's heading.
    word = Document(io.BytesIO(documents.build_docx(province_document, content)))
    paragraphs = [paragraph.text for paragraph in word.paragraphs]
    at = [n for n, text in enumerate(paragraphs) if text == line]
    annex_title = paragraphs.index("PHỤ LỤC SỐ LIỆU")
    assert len(at) == 2 and at[0] < annex_title < at[1] == annex_title + 2
    # The PDF: the annex's landscape pages say it too.
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(documents.build_pdf(province_document, content))
    text = " ".join(poppler("pdftotext", str(path), "-").split())
    assert text.count(line) == 2
    assert text.index(line, text.index("PHỤ LỤC SỐ LIỆU")) > text.index("PHỤ LỤC SỐ LIỆU")
    # A report approved since is counted in the figures and their coverage alike.
    submitted = Submission.objects.filter(form=demo_reports, period="2026H1", status="submitted").first()
    Submission.objects.filter(pk=submitted.pk).update(status="approved")
    assert documents.document_content(province_document).figures.coverage == (
        f"Số liệu tổng hợp từ báo cáo đã duyệt của {approved + 1}/56 đơn vị."
    )


def test_a_commune_documents_figures_are_its_own_with_no_coverage_line(demo_reports, units):
    commune = units["nung_tri_cao"]
    figures = documents.figures_of(demo_reports, commune, Period.parse("2026H1"))
    assert figures.tables and figures.coverage == ""


def test_a_commune_drafting_its_document_before_submitting_sees_its_own_figures(
    demo_form, commune_editor, units
):
    ward = units["thuc_phan"]
    services.save_report_values(
        commune_editor, demo_form, ward, "2026H1", [{"indicator": "dcs_doi_thoai", "value": 7}]
    )
    assert (
        Submission.objects.get(form=demo_form, unit=ward, period="2026H1").status == Submission.Status.DRAFT
    )
    sentences = documents.figure_sentences(demo_form, ward, Period.parse("2026H1"))
    assert any("7 cuộc đối thoại" in sentence for sentence in sentences.values())


def test_a_font_without_the_vietnamese_letters_makes_no_pdf(province_document, settings, tmp_path):
    """Liberation Serif 1.07 (fonts-liberation) lacks ạ … ỹ: no PDF rather than one in two typefaces."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    for name, _weight, _style in FONT_FILES:
        options = subset.Options()
        font = subset.load_font(f"{settings.DANVAN_PDF_FONT_DIR}/{name}", options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=range(0x20, 0x250))  # Latin without the Vietnamese letters
        subsetter.subset(font)
        font.save(folder / name)
    settings.DANVAN_PDF_FONT_DIR = str(folder)
    with pytest.raises(MissingFont, match="fonts-liberation2"):
        documents.build_pdf(province_document)
    settings.DANVAN_PDF_FONT_DIR = str(tmp_path / "nowhere")
    with pytest.raises(MissingFont, match=r"Thiếu phông chữ LiberationSerif-Regular\.ttf"):
        documents.build_pdf(province_document)
    assert ReportDocument.objects.filter(pk=province_document.pk, pdf="").exists()


def test_the_form_owner_chooses_the_document_section_a_form_section_is_written_into(
    demo_form, province_admin, commune_editor, units, client_for
):
    section = demo_form.sections.get(title="II. Thực hiện dân chủ ở cơ sở")
    client = client_for(province_admin)
    url = reverse("reporting:section_edit", args=[demo_form.pk, section.pk])
    data = {
        "title": section.title,
        "indicators": [
            str(pk) for pk in section.items.order_by("position").values_list("indicator_id", flat=True)
        ],
    }
    refused = client.post(url, {**data, "narrative_key": "9.9"})
    assert refused.status_code == 200
    assert "Hãy chọn một mục trong danh sách." in refused.content.decode()
    assert client.post(url, {**data, "narrative_key": "2.2"}).status_code == 302
    section.refresh_from_db()
    assert section.narrative_key == "2.2"
    services.write_values(
        commune_editor,
        [{"unit": units["thuc_phan"].pk, "period": "2026H1", "indicator": "dcs_doi_thoai", "value": 7}],
    )
    approved_reports(units["thuc_phan"], "2026H1", ["dcs_doi_thoai"])
    sentences = documents.figure_sentences(demo_form, units["thuc_phan"], Period.parse("2026H1"))
    assert "2.6" not in sentences and f"7 {DIALOGUES}" in sentences["2.2"]
