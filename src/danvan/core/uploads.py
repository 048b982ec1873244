"""An uploaded attachment checked before it is stored: its name's extension among the accepted ones, its size, and
its first bytes matching that extension (a file's type is read from its content, not only its name)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .text import nfc

ALLOWED_ATTACHMENTS = {
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
}
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class CheckedUpload:
    name: str  # the original name, NFC, at most 255 characters
    extension: str  # ".pdf"
    content_type: str
    size: int


def check_upload(
    uploaded,
    field: str = "file",
    *,
    allowed: dict = ALLOWED_ATTACHMENTS,
    max_bytes: int = MAX_ATTACHMENT_BYTES,
    kinds: str = "",
) -> CheckedUpload:
    """The upload's name, extension and content type once its type, size and first bytes are checked; a
    ValidationError on `field` in Vietnamese otherwise. `allowed` ({extension: (content type, first bytes…)}),
    `max_bytes` and `kinds` (what the refusal says is accepted) default to the attachments'."""
    name = nfc(getattr(uploaded, "name", "") or "")
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if extension not in allowed:
        raise ValidationError({field: kinds or _("Chỉ nhận ảnh JPG, PNG, tệp PDF hoặc DOCX.")})
    if uploaded.size > max_bytes:
        raise ValidationError({field: _("Tệp lớn hơn %(mb)d MB.") % {"mb": max_bytes // (1024 * 1024)}})
    if uploaded.size == 0:
        raise ValidationError({field: _("Tệp rỗng.")})
    content_type, signatures = allowed[extension]
    uploaded.seek(0)  # from the start, whoever read it before
    head = uploaded.read(16)
    uploaded.seek(0)
    if not any(head.startswith(signature) for signature in signatures):
        raise ValidationError({field: _("Nội dung tệp không khớp với đuôi %(ext)s.") % {"ext": extension}})
    return CheckedUpload(name=name[:255], extension=extension, content_type=content_type, size=uploaded.size)
