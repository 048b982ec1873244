"""What the feedback tests share: a ward that accepts feedback within 10 working days, its approver and editor, and a
feedback sent by a named citizen with a phone and an e-mail (the personal data no public answer may show)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.accounts.scope import Role
from danvan.citizens import services

from .. import factories

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
NAME = "Lương Thị Bích Ngọc"
PHONE = "0912 345 678"
EMAIL = "bichngoc.luong@example.vn"
SENT = {
    "kind": "phan_anh",
    "field": "moi_truong",
    "subject": "Rác thải tồn đọng ở đầu ngõ 12 phố Kim Đồng",
    "content": "Rác không được thu gom ba ngày nay, bốc mùi. Đề nghị phường cho thu gom.",
    "name": NAME,
    "phone": PHONE,
    "email": EMAIL,
    "answer_public": True,
}


def pdf(name="anh-hien-truong.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def ward(units):
    return units["thuc_phan"]


@pytest.fixture
def ward_approver(ward):
    return factories.user("thucphan_approver", ward, Role.APPROVER, full_name="Chủ tịch phường")


@pytest.fixture
def ward_editor(ward):
    return factories.user("thucphan_handler", ward, Role.EDITOR, full_name="Cán bộ tiếp dân phường")


@pytest.fixture
def accepting(ward, ward_approver):
    return services.set_feedback_setting(
        ward_approver, ward, accepts_feedback=True, answer_within_working_days=10
    )


@pytest.fixture
def sent(accepting, ward, media):
    return services.submit_feedback(unit=ward, data=dict(SENT), files=[pdf()])


def personal_data_absent(text: str) -> list[str]:
    """The sender's name, phone and e-mail found in `text` (none, when the text is safe)."""
    found = [value for value in (NAME, PHONE, EMAIL, "0912345678", "bichngoc") if value in text]
    return found
