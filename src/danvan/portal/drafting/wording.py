"""The words every story drafted from a record shares: who speaks for a unit on a day, dates, people with their posts,
lists made of a record's free text, and the HTML paragraphs (escaped: a record's text is never markup)."""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.translation import gettext as _

from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import open_on_q

# How many people a paragraph names before "cùng … đại biểu khác".
NAMED_AT_MOST = 8
# A leading "1.", "a)", "-", "+", "•" of a line in a record's text.
_BULLET = re.compile(r"^\s*(?:[-+•*–]|\d{1,2}[.)]|[a-zđ][.)])\s+", re.IGNORECASE)
# "Đồng chí Trưởng Ban kết luận: …" — a short introduction before the first colon.
_INTRO = re.compile(r"^(?P<intro>[^:;.]{3,80}):\s*(?P<rest>.+)$", re.DOTALL)


@dataclass
class Draft:
    """A composed story: plain title and summary (the lead, which the story's page shows above the body), the body
    as paragraphs of HTML (the lead itself when the record gives nothing more)."""

    title: str
    summary: str
    paragraphs: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs or [paragraph(self.summary)])


def day_text(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def part_of_day(moment: datetime.datetime) -> str:
    """Sáng, Chiều or Tối, as a story opens: "Sáng ngày 22/07/2021, …"."""
    if moment.hour < 12:
        return _("Sáng")
    if moment.hour < 18:
        return _("Chiều")
    return _("Tối")


def lower_first(text: str) -> str:
    """ "Hội nghị tập huấn …" → "hội nghị tập huấn …" (only the first letter: proper names keep theirs)."""
    text = text.strip()
    if len(text) > 1 and text[1].isupper():  # an abbreviation: "HĐND", "UBND"
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    """A clause made a sentence: first letter capital, one final full stop."""
    text = upper_first(text).rstrip(" ;,")
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def unquoted(name: str) -> str:
    return name.strip().strip("“”\"'").strip()


def voice_of(unit: OrgUnit, day: datetime.date) -> str:
    """Who a story says did it: the unit itself when it is an agency (a Ban, the Front); for a province, district or
    commune, its Ban Dân vận (Ban Tuyên giáo và Dân vận since 2025) open on `day`, so a 2021 story says "Ban Dân vận
    Tỉnh ủy" and a 2026 one "Ban Tuyên giáo và Dân vận Tỉnh ủy"; else the unit's own name."""
    if unit.kind == OrgUnit.Kind.AGENCY:
        return unit.name
    ban = (
        OrgUnit.objects.filter(
            parent=unit, kind=OrgUnit.Kind.AGENCY, agency_type=OrgUnit.AgencyType.PROPAGANDA_MOBILISATION
        )
        .filter(open_on_q(day))
        .order_by("sort_key")
        .first()
    )
    return ban.name if ban else unit.name


def person(name: str, title: str) -> str:
    return f"{name}, {title}" if title else name


def people_phrase(people: list[tuple[str, str]]) -> str:
    """ "các đồng chí: A, title; B, title" or "đồng chí A, title"; past NAMED_AT_MOST, "cùng N đại biểu khác"."""
    named = [person(name, title) for name, title in people[:NAMED_AT_MOST]]
    rest = len(people) - len(named)
    if len(named) == 1:
        text = _("đồng chí %(person)s") % {"person": named[0]}
    else:
        text = _("các đồng chí: %(people)s") % {"people": "; ".join(named)}
    if rest:
        text += _(" cùng %(count)d đại biểu khác") % {"count": rest}
    return text


def items_of(text: str) -> tuple[str, list[str]]:
    """A record's free text (conclusions, recommendations) as (introduction, items): one item per line, or per
    clause separated by ";" when it is one line; bullets and numbers dropped; each item a sentence."""
    text = (text or "").strip()
    intro = ""
    match = _INTRO.match(text)
    if match and "\n" not in match["intro"]:
        intro, text = match["intro"].strip(), match["rest"]
    lines = [_BULLET.sub("", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) == 1 and ";" in lines[0]:
        lines = [part.strip() for part in lines[0].split(";") if part.strip()]
    return intro, [sentence(line) for line in lines]


def paragraph(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def paragraphs_of(text: str) -> list[str]:
    """A record's text, one paragraph per non-empty line."""
    return [paragraph(line.strip()) for line in (text or "").splitlines() if line.strip()]


def bullet_list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"
