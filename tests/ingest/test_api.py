"""POST /api/v1/ingest: a signed-in caller sends a news file (multipart, field `file`) and gets the event back; a
file that is not news, too big, of another type or a zip bomb answers 422 in Vietnamese; no one signed out."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.accounts.services import issue_api_token
from danvan.demo.portal import SEEDS  # the five seed articles, with their answers

SEED = SEEDS / "seed-003.txt"
URL = "/api/v1/ingest"


def _post(client, user, name, data):
    headers = {"Authorization": f"Bearer {issue_api_token(user, 'test')[1]}"} if user else {}
    return client.post(URL, {"file": SimpleUploadedFile(name, data)}, headers=headers)


def test_a_signed_in_editor_sends_a_story_and_gets_its_event(client, commune_editor):
    answer = _post(client, commune_editor, "kiem-tra.txt", SEED.read_bytes())
    assert answer.status_code == 200, answer.content
    event = answer.json()
    assert event["event_date"] == "2022-06-14"
    assert (event["event_type"], event["organizer_level"], event["locality"]) == (
        "kiem_tra",
        "tinh",
        "huyện Cầu Kè",
    )
    assert event["period_reviewed"] == {"year": 2022, "half": "H1"}
    assert [person["name"] for person in event["people"]] == ["Trần Thị Bích Phượng"]


def test_no_one_signed_out_may_send_a_story(client, db):
    assert _post(client, None, "kiem-tra.txt", SEED.read_bytes()).status_code == 401


def test_a_file_that_is_not_news_answers_422_naming_the_file_and_why(client, commune_editor):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (8 * 1024 * 1024))
    cases = {
        ("anh.jpg", b"\xff\xd8\xff\xe0 JFIF"): "chỉ đọc được tệp .txt, .html hoặc .docx",
        ("rong.txt", b""): "tệp rỗng",
        ("lon.txt", b"a" * (5 * 1024 * 1024 + 1)): "vượt quá giới hạn 5 MB",
        ("bom.docx", bomb.getvalue()): "quá lớn khi giải nén",
        ("ma.txt", bytes(range(256)) * 40): "nhị phân",
    }
    for (name, data), reason in cases.items():
        answer = _post(client, commune_editor, name, data)
        assert answer.status_code == 422, (name, answer.content)
        assert reason in answer.json()["errors"]["file"][0], name
