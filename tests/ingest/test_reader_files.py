"""What the reader takes in: plain text in the encodings sites save, a whole HTML page (scripts, menus and counters
left out), a Word file; and what it refuses with a Vietnamese message: empty, binary, too big, another type, a zip
bomb, a text that is not Vietnamese news. `danvan ingest` prints the event, or the reason on stderr and exits 1."""

import io
import json
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from danvan.demo.portal import SEEDS  # the five seed articles, with their answers
from danvan.ingest.reader import extract_text, read_event, read_news_file

HERE = Path(__file__).parent
SEED = SEEDS / "seed-000.txt"
STORY = (
    "Ban Dân vận Huyện ủy Nguyên Bình sơ kết công tác dân vận 6 tháng đầu năm 2024\n"
    "Thứ ba - 16/07/2024 10:12\n"
    "Sáng 15/7, Ban Dân vận Huyện ủy Nguyên Bình tổ chức hội nghị sơ kết công tác dân vận 6 tháng đầu năm, "
    "triển khai nhiệm vụ 6 tháng cuối năm 2024. Đồng chí Đinh Thị Hoa, Trưởng Ban Dân vận Huyện ủy chủ trì. "
    "Toàn huyện có 57 mô hình “Dân vận khéo” được công nhận.\n"
)


def _windows_1258(text: str) -> bytes:
    """Text as Windows-1258 writes it: letters precomposed (â, ơ), tones as combining marks."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        letter = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(letter + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def _refusal(data: bytes, name: str) -> str:
    with pytest.raises(ValidationError) as refused:
        extract_text(data, name)
    return " ".join(refused.value.messages)


def test_a_page_saved_in_windows_1258_or_utf_16_reads_as_the_same_story():
    for data in (STORY.encode(), STORY.encode("utf-8-sig"), STORY.encode("utf-16"), _windows_1258(STORY)):
        event = read_event(extract_text(data, "tin.txt"))
        assert (event["event_date"], event["organizer"]) == ("2024-07-15", "Ban Dân vận Huyện ủy Nguyên Bình")


def test_an_html_page_gives_the_story_without_its_scripts_menus_or_counters_and_keeps_its_address():
    page = (
        "<html><head><title>Sơ kết - Ban Dân vận</title>"
        '<link rel="canonical" href="https://danvan.caobang.gov.vn/tin/so-ket-123.html">'
        "<script>var tracker = 'Ban Dân vận Tỉnh ủy tổ chức';</script><style>p{color:red}</style></head><body>"
        '<ul class="menu"><li>Trang chủ</li><li>Giới thiệu</li></ul>'
        + "".join(f"<p>{line}</p>" for line in STORY.splitlines())
        + '<div class="counter">Đang online: 5 Hôm nay: 1.204</div><script>alert("x")</script></body></html>'
    )
    text = extract_text(page.encode(), "tin.html")
    assert (
        "tracker" not in text
        and "alert" not in text
        and "Đang online" not in text
        and "Giới thiệu" not in text
    )
    event = read_event(text)
    assert event["source_url"] == "https://danvan.caobang.gov.vn/tin/so-ket-123.html"
    assert event["organizer"] == "Ban Dân vận Huyện ủy Nguyên Bình"
    assert event["people"] == [{"name": "Đinh Thị Hoa", "title": "Trưởng Ban Dân vận Huyện ủy"}]


def test_a_word_file_gives_its_paragraphs_in_order():
    document = docx.Document()
    for line in STORY.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    event = read_event(extract_text(buffer.getvalue(), "tin.docx"))
    assert (event["event_date"], event["event_type"], event["model_counts"][0]["count"]) == (
        "2024-07-15",
        "so_ket",
        57,
    )


def test_files_it_cannot_read_are_refused_with_a_vietnamese_reason():
    assert "tệp rỗng" in _refusal(b"  \n", "tin.txt")
    assert "nhị phân" in _refusal(bytes(range(256)) * 40, "tin.txt")
    assert "vượt quá giới hạn 5 MB" in _refusal(b"a" * (6 * 1024 * 1024), "tin.txt")
    assert "chỉ đọc được tệp .txt, .html hoặc .docx" in _refusal(b"%PDF-1.7", "tin.pdf")
    assert "không phải tiếng Việt" in _refusal(b"Lorem ipsum dolor sit amet. " * 20, "tin.txt")
    assert "tệp Word hỏng" in _refusal(b"PK\x03\x04 not a zip at all", "tin.docx")


def test_a_vietnamese_text_that_reports_no_event_is_not_taken_for_news():
    recipe = (
        "Cách nấu phở bò: ninh xương bò với gừng nướng, hành nướng, quế, hồi cho nước dùng trong và thơm. "
        * 4
    )
    with pytest.raises(ValidationError) as refused:
        read_news_file(recipe.encode(), "pho.txt")
    assert refused.value.messages == [
        "pho.txt: không nhận ra một tin bài (không thấy ngày, đơn vị tổ chức hay người dự)."
    ]


def test_a_page_saved_without_line_breaks_is_still_read():
    event = read_event(extract_text(SEED.read_bytes().replace(b"\n", b" "), "mot-dong.txt"))
    assert (event["event_date"], event["event_type"], event["organizer_level"]) == (
        "2021-07-22",
        "so_ket",
        "huyen",
    )
    assert [m["count"] for m in event["model_counts"]] == [14, 200]


def test_a_word_file_that_unzips_to_far_more_than_it_weighs_is_refused_before_it_is_opened():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:t>" + b" " * (8 * 1024 * 1024) + b"</w:t>")
    assert "quá lớn khi giải nén" in _refusal(bomb.getvalue(), "tin.docx")


def test_the_command_prints_one_json_object_for_one_file_and_a_list_for_several(capsys):
    call_command("ingest", str(SEED), "--json")
    assert json.loads(capsys.readouterr().out)["event_date"] == "2021-07-22"
    call_command("ingest", str(SEED), str(SEED), "--json")
    assert [event["organizer"] for event in json.loads(capsys.readouterr().out)] == [
        "Ban Dân vận Thành ủy Cao Bằng"
    ] * 2


def test_the_command_names_a_bad_file_on_stderr_and_exits_1_without_a_traceback(tmp_path, capsys):
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    with pytest.raises(SystemExit) as exited:
        call_command("ingest", str(empty), str(tmp_path / "khong-co.txt"), "--json")
    assert exited.value.code == 1
    error = capsys.readouterr().err
    assert "rong.txt: tệp rỗng." in error and "khong-co.txt: không tìm thấy tệp." in error
    assert "Traceback" not in error
