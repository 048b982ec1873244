"""The user guide: the Markdown pages of docs/huong-dan/ (packaged as `danvan/home/guide`, a link to that folder),
rendered for the help menu, with their links and screenshots pointed at the guide's own URLs."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.http import Http404
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

GUIDE_DIR = Path(__file__).resolve().parent / "guide"
IMAGE_DIR = GUIDE_DIR / "anh"
INDEX = "README"

# The pages are ours, from the repository: plain CommonMark with tables, raw HTML off all the same.
_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")


@dataclass(frozen=True)
class GuidePage:
    slug: str
    title: str
    html: SafeString


def guide_slugs() -> list[str]:
    """The guide's pages, the index first; a page's slug is its file name without `.md`."""
    stems = sorted(path.stem for path in GUIDE_DIR.glob("*.md") if path.stem != INDEX)
    return ["", *stems]


def guide_page(slug: str) -> GuidePage:
    if slug not in guide_slugs():
        raise Http404(slug)
    path = GUIDE_DIR / f"{slug or INDEX}.md"
    return _rendered(slug, path, path.stat().st_mtime_ns)


def guide_image_path(name: str) -> Path:
    """A screenshot of the guide, by its bare file name: nothing outside `anh/`, nothing but PNG."""
    path = IMAGE_DIR / name
    if "/" in name or "\\" in name or not name.endswith(".png") or not path.is_file():
        raise Http404(name)
    return path


@cache
def _rendered(slug: str, path: Path, _mtime: int) -> GuidePage:
    tokens = _markdown.parse(path.read_text(encoding="utf-8"))
    title = ""
    for index, token in enumerate(tokens):
        if not title and token.type == "heading_open" and token.tag == "h1":
            title = tokens[index + 1].content
        for child in token.children or ():
            if child.type == "link_open":
                child.attrSet("href", _page_url(str(child.attrGet("href") or "")))
            elif child.type == "image":
                child.attrSet("src", _image_url(str(child.attrGet("src") or "")))
                child.attrSet("loading", "lazy")
                child.attrSet("class", "img-fluid border rounded dv-guide-shot")
    html = _markdown.renderer.render(tokens, _markdown.options, {})
    # Our own files, rendered with raw HTML off.
    return GuidePage(slug=slug, title=title, html=mark_safe(html))


def _page_url(href: str) -> str:
    """`can-bo-xa.md#nop` → the page's URL; links outside the guide stay as written."""
    target, _, anchor = href.partition("#")
    if "/" in target or not target.endswith(".md"):
        return href
    stem = target.removesuffix(".md")
    url = reverse("home:guide") if stem == INDEX else reverse("home:guide_page", args=[stem])
    return f"{url}#{anchor}" if anchor else url


def _image_url(src: str) -> str:
    if not src.startswith("anh/"):
        return src
    return reverse("home:guide_image", args=[src.removeprefix("anh/")])
