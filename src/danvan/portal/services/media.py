"""The files a site publishes: its documents (văn bản: number, kind, dates, signer, a PDF, DOC or DOCX file checked
by its content) and the images of its library (checked by Pillow, cleaned, in renditions: `portal.media`).
Documents are an editor's of the site's unit (`access.can_edit_documents`), images an editor's of any of the site's
categories or of the unit."""

import datetime
import uuid
import zipfile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts.models import Role
from danvan.accounts.scope import has_role_on
from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.core.text import clean_text, fold
from danvan.core.uploads import ALLOWED_ATTACHMENTS, check_upload
from danvan.portal import media
from danvan.portal.access import can_edit_documents
from danvan.portal.cache import site_changed
from danvan.portal.models import Image, PublicDocument, Site
from danvan.portal.tasks import make_image_renditions

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
# A document's types, as `core.uploads.check_upload` takes them: a .doc is an OLE2 compound file, a .docx a zip.
DOCUMENT_TYPES = {
    ".pdf": ALLOWED_ATTACHMENTS[".pdf"],
    ".doc": ("application/msword", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
    ".docx": ALLOWED_ATTACHMENTS[".docx"],
}
DOCUMENT_TEXTS = {
    "number": (80, True),
    "kind": (80, True),
    "title": (500, True),
    "issuer": (200, False),
    "signer": (150, False),
}


def check_document_file(uploaded, field: str = "file") -> str:
    """The upload's extension once its name, size and content agree that it is a PDF, DOC or DOCX (a .docx must
    also hold a Word document)."""
    extension = check_upload(
        uploaded,
        field,
        allowed=DOCUMENT_TYPES,
        max_bytes=DOCUMENT_MAX_BYTES,
        kinds=_("Chỉ nhận tệp PDF, DOC hoặc DOCX."),
    ).extension
    if extension == ".docx":
        wrong = ValidationError({field: _("Nội dung tệp không khớp với đuôi %(ext)s.") % {"ext": extension}})
        try:
            with zipfile.ZipFile(uploaded) as archive:
                if "word/document.xml" not in archive.namelist():
                    raise wrong
        except zipfile.BadZipFile:
            raise wrong from None
        finally:
            uploaded.seek(0)
    return extension


def _editor_of_documents(actor, site: Site) -> None:
    if not can_edit_documents(actor, site):
        raise NotAllowed(_("Chỉ biên tập viên của đơn vị chủ quản mới cập nhật văn bản của trang."))


@transaction.atomic
def save_document(
    actor, site: Site, document: PublicDocument | None, *, file=None, **fields
) -> PublicDocument:
    """number, kind, title, issuer, issued_on, effective_on, signer, is_published, and a file (required for a new
    document, replacing the old one when given)."""
    _editor_of_documents(actor, site)
    document = document or PublicDocument(site=site)
    before = snapshot(document) if document.pk else None
    errors: dict[str, list[str]] = {}
    for name, (limit, required) in DOCUMENT_TEXTS.items():
        if name in fields:
            value = clean_text(
                fields[name],
                name,
                errors,
                required_message=_("Hãy nhập trường này.") if required else "",
                limit=limit,
            )
            setattr(document, name, value)
    for name in ("issued_on", "effective_on"):
        if name in fields:
            value = fields[name]
            if value is not None and not isinstance(value, datetime.date):
                errors.setdefault(name, []).append(_("Ngày không hợp lệ."))
            setattr(document, name, value)
    if document.issued_on is None:
        errors.setdefault("issued_on", []).append(_("Hãy nhập ngày ban hành."))
    elif document.effective_on and document.effective_on < document.issued_on:
        errors.setdefault("effective_on", []).append(_("Ngày hiệu lực không được trước ngày ban hành."))
    if "is_published" in fields:
        document.is_published = bool(fields["is_published"])
    extension = ""
    if file is not None:
        try:
            extension = check_document_file(file)
        except ValidationError as error:
            errors.setdefault("file", []).extend(error.message_dict["file"])
    elif not document.file:
        errors.setdefault("file", []).append(_("Hãy chọn tệp văn bản."))
    if errors:
        raise ValidationError(errors)
    if file is not None:
        document.file.save(f"{uuid.uuid4().hex}{extension}", file, save=False)
    document.search_key = fold(f"{document.number} {document.kind} {document.title} {document.signer}")[:800]
    document.save()
    record_change(
        actor, "update" if before else "create", document, before, snapshot(document), unit=site.unit
    )
    site_changed(site.pk)
    return document


def can_use_library(actor, site: Site) -> bool:
    """An editor of the site's unit, or of a unit a category of the site is opened to."""
    if has_role_on(actor, Role.EDITOR, site.unit_path):
        return True
    paths = site.categories.filter(editor_unit__isnull=False).values_list("editor_unit__path", flat=True)
    return any(has_role_on(actor, Role.EDITOR, path) for path in paths)


def _library(actor, site: Site) -> None:
    if not can_use_library(actor, site):
        raise NotAllowed(_("Bạn không phải biên tập viên của trang này."))


def _image_texts(fields: dict, errors: dict) -> dict:
    return {
        "alt": clean_text(
            fields.get("alt", ""),
            "alt",
            errors,
            required_message=_("Hãy mô tả ảnh cho người khiếm thị."),
            limit=300,
        ),
        "caption": clean_text(fields.get("caption", ""), "caption", errors, limit=500),
    }


@transaction.atomic
def upload_image(actor, site: Site, file, *, alt: str, caption: str = "") -> Image:
    """An image of the site's library: checked, cleaned (upright, no EXIF or GPS); its renditions are made in the
    background (`portal.tasks`), which sees the image once this transaction commits."""
    _library(actor, site)
    errors: dict[str, list[str]] = {}
    data = _image_texts({"alt": alt, "caption": caption}, errors)
    picture = None
    if file is None:
        errors["file"] = [_("Hãy chọn tệp ảnh.")]
    else:
        try:
            picture = media.checked_image(file)
        except ValidationError as error:
            errors.setdefault("file", []).extend(error.message_dict["file"])
    if errors:
        raise ValidationError(errors)
    image = Image(site=site, uploaded_by=actor if getattr(actor, "is_authenticated", False) else None, **data)
    image.file = media.clean_original(picture, uuid.uuid4().hex)
    image.save()
    make_image_renditions.enqueue(image.pk)
    record_change(actor, "create", image, None, snapshot(image), unit=site.unit)
    return image


@transaction.atomic
def update_image(actor, image: Image, **fields) -> Image:
    """Changes an image's alt text and caption."""
    _library(actor, image.site)
    errors: dict[str, list[str]] = {}
    data = _image_texts(fields, errors)
    if errors:
        raise ValidationError(errors)
    before = snapshot(image)
    for name, value in data.items():
        setattr(image, name, value)
    image.save()
    record_change(actor, "update", image, before, snapshot(image), unit=image.site.unit)
    site_changed(image.site_id)
    return image
