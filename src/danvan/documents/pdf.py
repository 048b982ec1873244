"""PDF documents: an HTML template laid out by WeasyPrint (imported where used), in Liberation Serif 2.x only
(`font_faces`), Times New Roman's metrics, so the pages break as in the Word file."""

import functools
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

FONT_FAMILY = "Liberation Serif"
# (file, CSS font-weight, CSS font-style)
FONT_FILES = [
    ("LiberationSerif-Regular.ttf", "normal", "normal"),
    ("LiberationSerif-Bold.ttf", "bold", "normal"),
    ("LiberationSerif-Italic.ttf", "normal", "italic"),
    ("LiberationSerif-BoldItalic.ttf", "bold", "italic"),
]
# Letters with a dot below or a hook above (ạ … ỹ, U+1EA0–U+1EF9): what Liberation Serif 1.07 lacks.
VIETNAMESE_LETTERS = range(0x1EA0, 0x1EFA)


class MissingFont(RuntimeError):
    pass


@functools.cache
def font_faces(folder: str) -> tuple[tuple[str, str, str], ...]:
    """((file URI, weight, style), …) of the four Liberation Serif 2.x files in `folder` (DANVAN_PDF_FONT_DIR).

    The PDF names these files in @font-face rules rather than the family, so fontconfig never picks the older
    Liberation Serif 1.07 (no Vietnamese letters) that Debian's fonts-liberation also installs; MissingFont, with what
    to install, if a file is missing or lacks a Vietnamese letter: no PDF rather than one in two typefaces."""
    from fontTools.ttLib import TTFont

    faces = []
    for name, weight, style in FONT_FILES:
        path = Path(folder) / name
        if not path.is_file():
            raise MissingFont(
                _(
                    "Thiếu phông chữ %(file)s trong %(folder)s: hãy cài gói fonts-liberation2 (Liberation Serif 2.x) "
                    "hoặc đặt DANVAN_PDF_FONT_DIR."
                )
                % {"file": name, "folder": folder}
            )
        with TTFont(path, lazy=True) as font:
            letters = font.getBestCmap() or {}
        if any(code not in letters for code in VIETNAMESE_LETTERS):
            raise MissingFont(
                _(
                    "Phông chữ %(file)s thiếu chữ tiếng Việt: hãy dùng Liberation Serif 2.x (gói fonts-liberation2)."
                )
                % {"file": path}
            )
        faces.append((path.resolve().as_uri(), weight, style))
    return tuple(faces)


def render_document_html(template: str, context: dict) -> str:
    """A document's HTML in Vietnamese, with the typeface's files (`font_faces`, `font_family`) in its context: what
    `documents/base.html` declares."""
    with translation.override("vi"):
        return render_to_string(
            template,
            {
                **context,
                "font_family": FONT_FAMILY,
                "font_faces": font_faces(settings.DANVAN_PDF_FONT_DIR),
            },
        )


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=None).write_pdf()
