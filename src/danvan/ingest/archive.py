"""The archive page's upload read safely: many news files, or .zip archives of them.

Only .txt, .html, .htm and .docx are taken. Limits: MAX_FILES news files, MAX_FILE_BYTES each and MAX_TOTAL_BYTES in
all once unpacked, and a compression ratio of at most MAX_RATIO for each member of a zip (a "zip bomb", or a huge
sparse file of zeros, compresses a thousandfold: refused before it is unpacked). A member is read no further than
it declared, so an archive lying about its sizes is refused too; a .docx (itself a zip) is measured the same way.
Names with "../", an absolute path or a drive are skipped and listed, never written anywhere: only the bytes are
kept, under the file's base name.
"""

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from danvan.core.text import nfc

EXTENSIONS = (".txt", ".html", ".htm", ".docx")
MAX_FILES = 200
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # one uploaded file (a .zip) as sent
MAX_RATIO = 100
MAX_MEMBERS = 2000  # entries of one zip, files or not
_DRIVE = re.compile(r"^[a-zA-Z]:")


@dataclass
class Upload:
    files: list[tuple[str, bytes]] = field(default_factory=list)  # (base name, bytes)
    skipped: list[str] = field(default_factory=list)  # "name: why"

    @property
    def total(self) -> int:
        return sum(len(data) for _name, data in self.files)


def _mb(size: int) -> str:
    return number_format(size / 1024 / 1024, 0)


def _extension(name: str) -> str:
    return posixpath.splitext(name.lower())[1]


def _unsafe(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or bool(_DRIVE.match(name)) or ".." in parts or "\x00" in name


def _check_members(archive: zipfile.ZipFile, label: str) -> list[zipfile.ZipInfo]:
    """The archive's members once their number, declared sizes and compression ratios are within the limits."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ValidationError(
            {"files": [_("%(name)s có quá nhiều tệp (tối đa %(n)s).") % {"name": label, "n": MAX_MEMBERS}]}
        )
    if sum(info.file_size for info in members) > MAX_TOTAL_BYTES * 4:
        raise ValidationError({"files": [_("%(name)s quá lớn khi giải nén.") % {"name": label}]})
    for info in members:
        if info.file_size > 1024 * 1024 and info.file_size / max(info.compress_size, 1) > MAX_RATIO:
            raise ValidationError(
                {
                    "files": [
                        _(
                            "%(name)s bị từ chối: “%(member)s” nén hơn %(ratio)s lần (dấu hiệu bom nén hoặc tệp "
                            "rỗng khổng lồ)."
                        )
                        % {"name": label, "member": info.filename[:100], "ratio": MAX_RATIO}
                    ]
                }
            )
    return members


def _check_docx(name: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_members(archive, name)
    except zipfile.BadZipFile:
        raise ValidationError(
            {"files": [_("%(name)s không phải tệp Word .docx hợp lệ.") % {"name": name}]}
        ) from None


def _add(upload: Upload, name: str, data: bytes) -> None:
    base = nfc(posixpath.basename(name.replace("\\", "/")))[:255]
    if _extension(base) not in EXTENSIONS:
        upload.skipped.append(
            _("%(name)s: chỉ nhận tệp .txt, .html, .htm, .docx") % {"name": base or name[:100]}
        )
        return
    if not data.strip():
        upload.skipped.append(_("%(name)s: tệp rỗng") % {"name": base})
        return
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(
            {"files": [_("%(name)s lớn hơn %(max)s MB.") % {"name": base, "max": _mb(MAX_FILE_BYTES)}]}
        )
    if _extension(base) == ".docx":
        _check_docx(base, data)
    upload.files.append((base, data))
    if len(upload.files) > MAX_FILES:
        raise ValidationError({"files": [_("Tối đa %(n)s tệp tin một lần.") % {"n": MAX_FILES}]})
    if upload.total > MAX_TOTAL_BYTES:
        raise ValidationError(
            {
                "files": [
                    _("Tổng dung lượng sau khi giải nén vượt quá %(max)s MB.") % {"max": _mb(MAX_TOTAL_BYTES)}
                ]
            }
        )


def _read_zip(upload: Upload, name: str, uploaded) -> None:
    try:
        archive = zipfile.ZipFile(uploaded)
    except (zipfile.BadZipFile, OSError):
        raise ValidationError(
            {"files": [_("%(name)s không phải tệp .zip hợp lệ.") % {"name": name}]}
        ) from None
    with archive:
        for info in _check_members(archive, name):
            member = info.filename
            if info.is_dir() or member.startswith("__MACOSX/") or posixpath.basename(member).startswith("._"):
                continue
            if _unsafe(member):
                upload.skipped.append(_("%(name)s: đường dẫn không an toàn, bỏ qua") % {"name": member[:100]})
                continue
            if info.flag_bits & 0x1:
                upload.skipped.append(_("%(name)s: tệp có mật khẩu, bỏ qua") % {"name": member[:100]})
                continue
            if _extension(member) not in EXTENSIONS:
                upload.skipped.append(
                    _("%(name)s: chỉ nhận tệp .txt, .html, .htm, .docx") % {"name": member[:100]}
                )
                continue
            try:
                with archive.open(info) as stream:
                    data = stream.read(min(info.file_size, MAX_FILE_BYTES) + 1)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
                upload.skipped.append(_("%(name)s: không giải nén được") % {"name": member[:100]})
                continue
            if len(data) > info.file_size:
                raise ValidationError(
                    {"files": [_("%(name)s khai sai dung lượng tệp bên trong: bị từ chối.") % {"name": name}]}
                )
            _add(upload, member, data)


def read_upload(uploaded_files) -> Upload:
    """The news files of the uploads (Django UploadedFiles), zips unpacked; a ValidationError on "files" in
    Vietnamese for anything past the limits, and the files passed over listed in `skipped`."""
    upload = Upload()
    for uploaded in uploaded_files:
        name = nfc(getattr(uploaded, "name", "") or "")[:255]
        if uploaded.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                {"files": [_("%(name)s lớn hơn %(max)s MB.") % {"name": name, "max": _mb(MAX_UPLOAD_BYTES)}]}
            )
        if name.lower().endswith(".zip"):
            _read_zip(upload, name, uploaded)
        else:
            _add(upload, name, uploaded.read(MAX_FILE_BYTES + 1))
    if not upload.files:
        raise ValidationError(
            {"files": [_("Không có tệp tin nào đọc được (.txt, .html, .htm, .docx, hoặc .zip chứa chúng).")]}
        )
    return upload
