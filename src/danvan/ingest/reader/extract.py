"""The text of a news file: plain text in any of the encodings Vietnamese sites and editors save, an HTML page
(its scripts, styles and navigation dropped, its address and publication time kept as lines of text), a Word
document (.docx, opened only once its zip is known to be small). Anything else is refused with a Vietnamese
message: an empty or binary file, one too large, a zip bomb, a text that is not Vietnamese news."""

import html
import io
import re
import unicodedata
import zipfile
from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024  # a news page, even saved with its menus, is well under 1 MB
MAX_UNZIPPED_BYTES = 30 * 1024 * 1024  # a .docx's parts once unzipped
MAX_ZIP_ENTRIES = 2000
MAX_RATIO = 200  # no honest Word part compresses more than this
MIN_WORDS = 30
EXTENSIONS = (".txt", ".html", ".htm", ".docx")

# Lines the HTML reader adds so that read_event finds the page's address and time.
URL_LINE = "Địa chỉ trang: "
PUBLISHED_LINE = "Thời gian đăng: "


def extract_text(data: bytes, filename: str) -> str:
    """The text of a news file (.txt, .html, .htm, .docx), NFC, one paragraph a line; a ValidationError with a
    Vietnamese message for anything it cannot read as Vietnamese news."""
    name = (filename or "").strip()
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if extension not in EXTENSIONS:
        raise ValidationError(
            _("%(name)s: chỉ đọc được tệp .txt, .html hoặc .docx.") % {"name": name or _("Tệp")}
        )
    check_size(name, len(data))
    if not data.strip():
        raise ValidationError(_("%(name)s: tệp rỗng.") % {"name": name})
    if extension == ".docx":
        text = _docx_text(data, name)
    else:
        raw = _decode(data, name)
        looks_html = extension in (".html", ".htm") or re.match(
            r"\s*(<!--.*?-->\s*)*<(!doctype|html)", raw, re.I | re.S
        )
        text = html_text(raw) if looks_html else raw
    text = _tidy(text)
    _check_news(text, name)
    return text


def check_size(name: str, size: int) -> None:
    """Refuses a file over MAX_BYTES before it is read whole."""
    if size > MAX_BYTES:
        raise ValidationError(
            _("%(name)s: tệp lớn %(size)s MB, vượt quá giới hạn 5 MB của một tin bài.")
            % {"name": name, "size": number_format(size / 1024 / 1024, 1)}
        )


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data[:4096]:
        for encoding in ("utf-8-sig", "cp1258"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not _binary(text):
                return text
    raise ValidationError(
        _("%(name)s: không đọc được tệp như văn bản (tệp nhị phân hoặc bảng mã lạ): hãy lưu lại dạng UTF-8.")
        % {"name": name}
    )


def _binary(text: str) -> bool:
    sample = text[:20000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    return controls > len(sample) / 100


def _tidy(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    # Keep one blank line between paragraphs, none at the ends.
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _check_news(text: str, name: str) -> None:
    sample = text[:20_000]
    words = re.findall(r"\w+", sample)
    letters = [ch for ch in sample if ch.isalpha()]
    vietnamese = sum(1 for ch in letters if ch in _VIETNAMESE_LETTERS)
    if len(words) < MIN_WORDS or not letters or vietnamese < len(letters) / 50:
        raise ValidationError(
            _("%(name)s: không có nội dung một tin bài tiếng Việt (quá ngắn hoặc không phải tiếng Việt).")
            % {"name": name}
        )


_VIETNAMESE_LETTERS = set(
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
)


# --- Word ---------------------------------------------------------------------------------------------------


def _docx_text(data: bytes, name: str) -> str:
    unreadable = _("%(name)s: tệp Word hỏng hoặc không phải .docx (tệp .doc cũ hãy lưu lại dạng .docx).") % {
        "name": name
    }
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            if "word/document.xml" not in names:
                raise ValidationError(unreadable)
            unzipped = sum(entry.file_size for entry in entries)
            packed = sum(entry.compress_size for entry in entries) or 1
            if (
                len(entries) > MAX_ZIP_ENTRIES
                or unzipped > MAX_UNZIPPED_BYTES
                or unzipped / packed > MAX_RATIO
            ):
                raise ValidationError(
                    _("%(name)s: nội dung tệp Word quá lớn khi giải nén (nghi là tệp nén độc hại).")
                    % {"name": name}
                )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise ValidationError(unreadable) from None
    import docx  # python-docx is heavy: loaded only for a Word file

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds of error on a damaged file; each means the same here
        raise ValidationError(unreadable) from None
    lines = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(node.text or "" for node in block.iter() if node.tag.endswith("}t")))
        elif tag == "tbl":
            for row in block.iter():
                if row.tag.endswith("}tr"):
                    cells = [
                        "".join(node.text or "" for node in cell.iter() if node.tag.endswith("}t"))
                        for cell in row
                        if cell.tag.endswith("}tc")
                    ]
                    lines.append(" | ".join(cell for cell in cells if cell.strip()))
    return "\n".join(lines)


# --- HTML ---------------------------------------------------------------------------------------------------

_SKIPPED = {"script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form", "select",
            "button", "iframe", "object", "head"}  # fmt: skip
_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
           "header", "ul", "ol", "blockquote", "figcaption", "figure", "dd", "dt", "time", "pre", "hr"}  # fmt: skip
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}
_CHROME_CLASS = re.compile(r"\b(menu|navbar|nav|breadcrumb|sidebar|footer|banner|share|social|comment|related|"
                           r"other-news|tin-khac|counter|statistic|rating|advert|quangcao)\b", re.I)  # fmt: skip


class _PageText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []  # the open tags whose content is dropped
        self.meta: dict[str, str] = {}
        self.title = ""
        self.in_title = False
        self.headings: list[str] = []  # the text of each h1
        self.in_h1 = False

    def handle_starttag(self, tag, attrs):
        attributes = {key: value or "" for key, value in attrs}
        if tag == "meta":
            key = (
                attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or ""
            ).lower()
            if key and attributes.get("content"):
                self.meta.setdefault(key, attributes["content"])
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower() and attributes.get("href"):
            self.meta.setdefault("canonical", attributes["href"])
        elif tag == "time" and attributes.get("datetime"):
            self.meta.setdefault("time", attributes["datetime"])
        if tag == "title":
            self.in_title = True
        if tag in _VOID:
            if tag == "br":
                self.parts.append("\n")
            return
        chrome = _CHROME_CLASS.search(attributes.get("class", "") + " " + attributes.get("id", ""))
        if self.skipping or tag in _SKIPPED or (chrome and tag not in ("body", "html", "article", "main")):
            self.skipping.append(tag)
            return
        if tag == "h1":
            self.in_h1 = True
            self.headings.append("")
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if self.skipping:
            if tag in self.skipping:  # close up to the matching tag (HTML in the wild leaves tags open)
                while self.skipping and self.skipping.pop() != tag:
                    pass
            return
        if tag == "h1":
            self.in_h1 = False
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if self.skipping:
            return
        if self.in_h1:
            self.headings[-1] += data
        self.parts.append(data)


_DATE = re.compile(r"\b\d{1,2}[/\-.]\d{1,2}[/\-.](?:19|20)\d{2}\b")


def _headline(parser: "_PageText", lines: list[str]) -> str:
    """The story's headline: the page's h1, its og:title or its title, as a line of the page when one is (a site
    puts its own name in "Tin - Ban Dân vận Tỉnh ủy", and sometimes in the h1)."""
    candidates = []
    for raw in (parser.meta.get("og:title", ""), *parser.headings, parser.title):
        full = " ".join(html.unescape(raw).split())
        if full:
            candidates += [full, *(part.strip() for part in re.split(r"\s[-|–—»]\s", full))]
    present = [c for c in candidates if c in lines[:80] and len(c.split()) >= 5]
    if present:
        return max(present, key=len)
    return max((c for c in candidates if len(c.split()) >= 5), key=len, default="")


def html_text(page: str) -> str:
    """The readable text of an HTML page, one block a line; its headline first when the page body lacks it, and
    its address and publication time (from the page's meta tags) as lines read_event understands."""
    parser = _PageText()
    try:
        parser.feed(page)
        parser.close()
    except Exception:  # html.parser is lenient; a failure here is a page too broken to read
        raise ValidationError(_("Trang HTML hỏng, không đọc được.")) from None
    text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    headline = _headline(parser, lines)
    if headline in lines[:80]:
        # What comes before the headline is the site (banner, menus), but for the date written above it.
        at = lines.index(headline)
        lines = [line for line in lines[:at] if _DATE.search(line) and len(line) <= 70] + lines[at:]
    elif headline:
        lines.insert(0, headline)
    extra = []
    published = (
        parser.meta.get("article:published_time")
        or parser.meta.get("datepublished")
        or parser.meta.get("time")
    )
    if published:
        extra.append(PUBLISHED_LINE + published)
    url = parser.meta.get("og:url") or parser.meta.get("canonical")
    saved = re.search(r"saved from url=\(\d+\)(\S+)", page)
    if not url and saved:
        url = saved.group(1)
    if url and url.startswith(("http://", "https://")):
        extra.append(URL_LINE + html.unescape(url))
    return "\n".join(lines + extra)
