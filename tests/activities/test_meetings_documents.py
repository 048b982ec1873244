"""The minutes (biên bản, Hướng dẫn 16-HD/VPTW) and the conclusion notice come out of the record as Word and PDF."""

import datetime
import io
import re
import subprocess

import pytest

from danvan.activities import documents
from danvan.activities.services import meetings as services

from .. import factories


@pytest.fixture
def recorded(units, province_admin):
    meeting = factories.meeting(
        province_admin,
        units["cao_bang"],
        "Giao ban công tác Dân vận quý III",
        place="Hội trường Tỉnh ủy Cao Bằng",
        period="2021Q3",
        ends_at=datetime.datetime(2021, 7, 22, 4, 30, tzinfo=datetime.UTC),
        minutes="Đồng chí Trưởng ban báo cáo kết quả.\nCác đại biểu thảo luận.",
        conclusions="Cần tiếp tục nắm chắc tình hình dư luận xã hội, xử lý kịp thời, tránh xảy ra điểm nóng.",
        conclusion_number="45-TB/BDVTU",
        conclusion_date=datetime.date(2021, 7, 23),
    )
    ninh = factories.person(units["cao_bang"], "Tô Vũ Ninh", "Phó Bí thư Thường trực Tỉnh ủy")
    lan = factories.person(units["cao_bang"], "Nông Thị Lan", "Chuyên viên Ban Dân vận")
    minh = factories.person(
        units["cao_bang"],
        "Vũ Văn Minh",
        "UV BTV Tỉnh ủy",
        "Trưởng Ban Dân vận",
        valid_to=datetime.date(2025, 6, 30),
    )
    hoa = factories.person(units["cao_bang"], "Lương Văn Hòa", "Phó Trưởng Ban Dân vận")
    services.set_attendance(
        province_admin,
        meeting,
        [
            {"role": "chair", "person": ninh},
            {"role": "secretary", "person": lan},
            {"role": "member", "person": minh},
            {"role": "guest", "name": "Bế Thị Mai", "title": "Phóng viên Báo Cao Bằng"},
            {"role": "absent", "person": hoa, "absence_reason": "Đi học tập trung"},
        ],
    )
    services.conclusion_to_tasks(
        province_admin,
        meeting,
        [
            {
                "lead_unit": units["thuc_phan"],
                "title": "Nắm tình hình dư luận xã hội hằng tháng",
                "deadline": datetime.date(2021, 9, 30),
            }
        ],
    )
    return meeting


def _docx_text(content: bytes) -> str:
    from docx import Document

    word = Document(io.BytesIO(content))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for cell in table._cells:
            parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def test_the_minutes_in_word_hold_what_hướng_dẫn_16_lists(recorded):
    text = _docx_text(documents.minutes_docx(recorded))

    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BIÊN BẢN",
        "Thời gian: bắt đầu lúc 8 giờ 00, ngày 22 tháng 7 năm 2021.",
        "Địa điểm: Hội trường Tỉnh ủy Cao Bằng.",
        "quý III năm 2021",
        "Chủ trì: đồng chí Tô Vũ Ninh, Phó Bí thư Thường trực Tỉnh ủy.",
        "Thư ký (người ghi biên bản): đồng chí Nông Thị Lan, Chuyên viên Ban Dân vận.",
        "Có mặt: 3 đồng chí",
        "đồng chí Vũ Văn Minh, UV BTV Tỉnh ủy, Trưởng Ban Dân vận",
        "Vắng mặt: 1 đồng chí: đồng chí Lương Văn Hòa, Phó Trưởng Ban Dân vận (lý do: Đi học tập trung).",
        "Khách mời: đồng chí Bế Thị Mai, Phóng viên Báo Cao Bằng.",
        "Các đại biểu thảo luận.",
        "tránh xảy ra điểm nóng",
        "Hội nghị kết thúc lúc 11 giờ 30 cùng ngày.",
        "THƯ KÝ HỘI NGHỊ",
        "CHỦ TRÌ HỘI NGHỊ",
    ):
        assert expected in text, expected


def test_what_the_record_leaves_blank_the_minutes_say_is_not_recorded(units, province_admin):
    meeting = factories.meeting(province_admin, units["cao_bang"], "Giao ban chưa ghi đủ")

    text = _docx_text(documents.minutes_docx(meeting))

    assert "Địa điểm: chưa ghi." in text
    assert "Chủ trì: chưa ghi." in text
    assert "Thư ký (người ghi biên bản): chưa ghi." in text
    assert ": ." not in text


def test_the_conclusion_notice_carries_its_number_date_body_tasks_and_recipients(recorded, units):
    text = _docx_text(documents.notice_docx(recorded))

    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 45-TB/BDVTU",
        "Cao Bằng, ngày 23 tháng 7 năm 2021",
        "THÔNG BÁO KẾT LUẬN",
        "của đồng chí Tô Vũ Ninh, Phó Bí thư Thường trực Tỉnh ủy tại giao ban công tác Dân vận quý III",
        "kết luận như sau:",
        f"1. {units['thuc_phan'].name} chủ trì: Nắm tình hình dư luận xã hội hằng tháng; thời hạn hoàn thành 30/09/2021.",
        "Nơi nhận:",
        "- Lưu VT.",
    ):
        assert expected in text, expected


def _poppler(tool: str, *args: str) -> str:
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True).stdout


def test_the_pdfs_are_in_one_typeface_with_the_vietnamese_letters(recorded, tmp_path):
    for name, build in (("bien-ban.pdf", documents.minutes_pdf), ("thong-bao.pdf", documents.notice_pdf)):
        path = tmp_path / name
        path.write_bytes(build(recorded))
        faces = [line.split()[0].split("+")[-1] for line in _poppler("pdffonts", str(path)).splitlines()[2:]]
        assert faces and all(re.match(r"Liberation-?Serif", face) for face in faces), faces
        text = " ".join(_poppler("pdftotext", str(path), "-").split())
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
        assert "Tô Vũ Ninh" in text and "Phó Bí thư Thường trực Tỉnh ủy" in text


def test_file_names_are_plain_letters(recorded):
    assert documents.file_name(recorded, "minutes", "pdf") == (
        "bien-ban-giao-ban-cong-tac-dan-van-quy-iii-2021-07-22.pdf"
    )
