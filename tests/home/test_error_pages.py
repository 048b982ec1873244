"""The error pages a user may meet speak Vietnamese, even when Django refuses the request before any view."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


@pytest.mark.django_db
def test_a_form_over_the_size_limit_gets_a_vietnamese_page_naming_the_limit(client):
    response = client.post("/tai-khoan/dang-nhap/", {"username": "x" * (6 * 1024 * 1024), "password": "p"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Yêu cầu không hợp lệ" in page and "vượt quá giới hạn 5 MB" in page
    assert "Bad Request" not in page


@pytest.mark.django_db
def test_the_api_answers_the_same_refusal_in_json(client):
    response = client.post("/api/v1/auth/token", {"username": "x" * (6 * 1024 * 1024)})
    assert response.status_code in (400, 413)
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.django_db
def test_more_files_than_a_request_takes_get_a_vietnamese_page_saying_to_zip_them(client):
    files = {f"file{n}": SimpleUploadedFile(f"tin-{n}.txt", b"Tin") for n in range(101)}
    response = client.post("/tai-khoan/dang-nhap/", files)
    assert response.status_code == 400
    page = response.content.decode()
    assert "nhiều nhất 100 tệp" in page and ".zip" in page
    assert "Bad Request" not in page
