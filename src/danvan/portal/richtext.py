"""A story's rich text made safe: only the tags and attributes a news story needs survive (nh3, the allow-list of
the ammonia project); scripts, event handlers, styles and javascript: links are dropped, external links get
rel="noopener noreferrer"."""

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "hr",
    "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    ).strip()


def plain_text(html: str) -> str:
    """The words of a story's body, without tags (for search and summaries). A tag separates words, so the last
    word of a paragraph and the first of the next never run together ("…kết.</p><p>Hội…")."""
    return " ".join(nh3.clean((html or "").replace("<", " <"), tags=set()).split())
