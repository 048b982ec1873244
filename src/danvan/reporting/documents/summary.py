"""The narrative of a report document pre-assembled as a draft: for each section of the outline, the unit's own text
first, then the section's figures written into a sentence ("Trong 6 tháng đầu năm 2026, toàn tỉnh có 207 cuộc đối
thoại…, tăng 12% so với cùng kỳ"), then the reporting units' texts grouped by what they say (the same sentence from
40 units is one line naming them), for the editor to rewrite. Deterministic: the same reports give the same draft."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from danvan.core.periods import Period
from danvan.core.text import fold, vn_number
from danvan.orgunits.models import OrgUnit

from .. import selectors
from ..models import NARRATIVE_KEYS, NARRATIVE_OUTLINE, Form, Submission, ValueType
from .content import COUNTED, FigureSource, coverage_line, figure_source
from .heading import short_name

# Past this many characters a section's grouped texts stop, naming how many units were left out.
ASSEMBLY_LIMIT = 60_000
# A group of up to this many units names them all; a larger one gives its count and the first few names.
NAMED_UNITS = 5
# What a unit's own name becomes in a text shared by several units.
NAME_STANDS_FOR = "địa phương"

_ROMAN_OR_NUMBER = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*)[.)]\s*", re.IGNORECASE)
_NOT_A_WORD = re.compile(r"[^\w]+")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_NAME_MARK = "\x00"
NONE = "không có "


# --- the section's figures in words -----------------------------------------------------------------------------------


def whole_of(unit: OrgUnit) -> str:
    """ "toàn tỉnh", "toàn phường", "toàn đặc khu": the unit as a whole, as a report's sentence names it."""
    for prefix in ("Thành phố", "Tỉnh", "Huyện", "Quận", "Thị xã", "Thị trấn", "Xã", "Phường", "Đặc khu"):
        if unit.name.startswith(prefix + " "):
            return _("toàn %(kind)s") % {"kind": prefix.lower()}
    return _("toàn đơn vị")


def _comparable(text: str) -> str:
    return " ".join(_NOT_A_WORD.sub(" ", fold(text)).split())


def narrative_key_of(section) -> str:
    """The outline's section a form section's figures are written into: the one it names, else the one whose
    heading its title carries ("II. Thực hiện dân chủ ở cơ sở" → 2.6), else none."""
    if section.narrative_key in NARRATIVE_KEYS:
        return section.narrative_key
    title = _comparable(_ROMAN_OR_NUMBER.sub("", section.title))
    if not title:
        return ""
    for key, heading, _depth in NARRATIVE_OUTLINE:
        if key not in NARRATIVE_KEYS:
            continue
        wanted = _comparable(str(heading))
        if wanted and (wanted == title or f" {wanted} " in f" {title} " or f" {title} " in f" {wanted} "):
            return key
    return ""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _value_text(indicator, value: float) -> str:
    if indicator.value_type == ValueType.PERCENTAGE:
        return vn_number(value, 1) + "%"
    if indicator.value_type == ValueType.DECIMAL:
        return vn_number(value, 2)
    return vn_number(value, 0 if value == int(value) else 1)


def _what(indicator, value: float, own_unit: bool) -> str:
    """The figure and what it counts: "207 cuộc đối thoại…", "tỷ lệ … đạt 86,3%", "45 đơn vị đã sơ kết…"."""
    name, measure = indicator.name.strip(), (indicator.measure or "").strip()
    if indicator.value_type == ValueType.BOOLEAN:
        if own_unit:
            if value:
                return _lower_first(name)
            if name.lower().startswith("đã "):
                return _("chưa %(what)s") % {"what": name[3:]}
            return _("%(what)s: không") % {"what": _lower_first(name)}
        return _("%(n)s %(measure)s %(what)s") % {
            "n": vn_number(value),
            "measure": measure or _("đơn vị"),
            "what": _lower_first(name),
        }
    figure = _value_text(indicator, value)
    if indicator.value_type == ValueType.PERCENTAGE:
        return _("%(what)s đạt %(figure)s") % {"what": _lower_first(name), "figure": figure}
    if name.lower().startswith("số "):
        # "Số cuộc đối thoại…" → "207 cuộc đối thoại…"; none → "không có cuộc đối thoại…"
        if value == 0:
            return NONE + name[3:]
        return f"{figure} {name[3:]}"
    unit_words = f" {measure}" if measure and measure != "%" else ""
    return f"{_lower_first(name)}: {figure}{unit_words}"


def _compared(indicator, current: float, earlier: float | None) -> str:
    """ ", tăng 12% so với cùng kỳ"; in points for a rate; nothing without a figure a year earlier to compare."""
    if earlier is None or indicator.value_type == ValueType.BOOLEAN:
        return ""
    if indicator.value_type == ValueType.PERCENTAGE:
        points = round(current - earlier, 1)
        if points == 0:
            return _(", bằng cùng kỳ")
        word = _("tăng") if points > 0 else _("giảm")
        return _(", %(word)s %(n)s điểm phần trăm so với cùng kỳ") % {
            "word": word,
            "n": vn_number(abs(points), 1),
        }
    if earlier == 0:
        return "" if current else _(", bằng cùng kỳ")
    rate = (current - earlier) / abs(earlier) * 100
    rate = round(rate, 0 if abs(rate) >= 10 else 1)
    if rate == 0:
        return _(", bằng cùng kỳ")
    word = _("tăng") if rate > 0 else _("giảm")
    return _(", %(word)s %(n)s%% so với cùng kỳ") % {"word": word, "n": vn_number(abs(rate), 1)}


def figure_sentences(form: Form, unit: OrgUnit, period: Period, source: FigureSource | None = None) -> dict:
    """{outline key: sentence} of the form's figures for the unit's subtree, a sentence per outline section its form
    sections are written into: "Trong 6 tháng đầu năm 2026, toàn tỉnh có 207 cuộc đối thoại…, tăng 12% so với cùng
    kỳ; …". Totals only (no category breakdown), the same period a year earlier compared with."""
    source = source or figure_source(form, unit, period)
    clauses: dict[str, list[str]] = {}
    for section in source.sections:
        key = narrative_key_of(section)
        if not key:
            continue
        for item in section.items.all():
            indicator = item.indicator
            if indicator.value_type == ValueType.TEXT:
                continue
            current = source.current(indicator, unit)
            if current is None:
                continue
            clause = _what(indicator, current, source.own_unit)
            earlier = source.before(indicator, unit)
            if clause.startswith(NONE) and earlier:
                clause += _(" (cùng kỳ: %(n)s)") % {"n": _value_text(indicator, earlier)}
            else:
                clause += _compared(indicator, current, earlier)
            clauses.setdefault(key, []).append(clause)
    sentences = {}
    for key, parts in clauses.items():
        first = parts[0] if parts[0].startswith(NONE) else _("có %(what)s") % {"what": parts[0]}
        sentences[key] = _("Trong %(period)s, %(whole)s %(figures)s.") % {
            "period": period.label,
            "whole": whole_of(unit),
            "figures": "; ".join([first, *parts[1:]]),
        }
    return sentences


# --- the units' texts grouped by what they say --------------------------------------------------------------------------


@dataclass
class _Group:
    names: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    shared: str = ""  # the first unit's text with its own name as NAME_STANDS_FOR
    exact: set[str] = field(default_factory=set)  # what the texts say, figures included


def _names_of(unit: OrgUnit) -> list[str]:
    """The ways a unit's text names it: "Phường Nùng Trí Cao", "Nùng Trí Cao" (longest first)."""
    return sorted({unit.name, short_name(unit)} - {""}, key=len, reverse=True)


def _mark_names(text: str, names: list[str]) -> str:
    """The names as whole words only ("Xã Na" is not in "Nam")."""
    for name in names:
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", _NAME_MARK, text, flags=re.IGNORECASE)
    return text


def gist(text: str) -> str:
    """What a text says, for grouping: case, punctuation and spacing dropped (accents kept)."""
    return " ".join(_NOT_A_WORD.sub(" ", text.casefold()).replace("_", " ").split())


def _who(names: list[str], everyone: int) -> str:
    if len(names) == everyone and everyone > NAMED_UNITS:
        return _("Cả %(n)s đơn vị") % {"n": vn_number(everyone)}
    if len(names) == 1:
        return names[0]
    if len(names) <= NAMED_UNITS:
        return _("%(names)s và %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}
    return _("%(n)s đơn vị (%(names)s…)") % {"n": vn_number(len(names)), "names": ", ".join(names[:3])}


def grouped_lines(reports: list[tuple[OrgUnit, str]]) -> list[str]:
    """One line per group of units whose texts say the same, the largest groups first (then in the units' order):
    "- Cả 56 đơn vị: …", "- Xã A và Xã B: …", "- Phường Thục Phán: <its lines>". A unit's own name does not set its
    text apart; texts that differ only in their figures make one line, one unit's text given as the example. A
    unit's own line breaks are kept."""
    groups: dict[str, _Group] = {}
    for unit, text in reports:
        marked = _mark_names(text, _names_of(unit))
        said = gist(marked.replace(_NAME_MARK, " "))
        group = groups.setdefault(_DIGITS.sub("0", said), _Group())
        if not group.names:
            group.shared = marked.replace(_NAME_MARK, NAME_STANDS_FOR)
        group.names.append(unit.name)
        group.texts.append(text)
        group.exact.add(said)
    everyone = len(reports)
    lines, size, left_out = [], 0, 0
    for group in sorted(groups.values(), key=lambda g: -len(g.names)):
        if size > ASSEMBLY_LIMIT:
            left_out += len(group.names)
            continue
        who = _who(group.names, everyone)
        if len(group.names) == 1:
            line = f"- {who}: {group.texts[0]}"
        elif len(group.exact) == 1:
            line = f"- {who}: {group.shared}"
        else:
            line = _("- %(who)s: cùng nội dung, khác nhau ở số liệu; như %(unit)s: %(text)s") % {
                "who": who,
                "unit": group.names[0],
                "text": group.texts[0],
            }
        lines.append(line)
        size += len(line) + 1
    if left_out:
        lines.append(
            _("- (Còn %(n)s đơn vị khác: xem báo cáo của từng đơn vị.)") % {"n": vn_number(left_out)}
        )
    return lines


def _unit_text(text: str) -> str:
    """A unit's text with its line breaks kept (spaces within a line collapsed, blank lines dropped)."""
    return "\n".join(" ".join(line.split()) for line in (text or "").splitlines() if line.strip())


def assemble_narrative(form: Form, unit: OrgUnit, period: Period) -> dict[str, str]:
    """{key: text} for each section of the outline: the unit's own text (if it reported the form), the section's
    figures in a sentence (the first such sentence followed by what the figures cover: "Số liệu tổng hợp từ báo cáo
    đã duyệt của 40/56 đơn vị."), then the texts of the units below it, grouped by what they say: the texts of the
    same reports whose figures are counted (approved), so the figures and the texts agree."""
    own = Submission.objects.filter(form=form, unit=unit, period=period.code).first()
    own_texts = dict(own.narrative or {}) if own else {}
    below = [u for u in selectors.expected_units(form, period, root=unit) if u.pk != unit.pk]
    order = {u.pk: n for n, u in enumerate(below)}
    reports = sorted(
        Submission.objects.filter(
            form=form,
            period=period.code,
            unit_id__in=[u.pk for u in below],
            status__in=selectors.COUNTED_STATUSES[COUNTED],
        ).select_related("unit"),
        key=lambda s: order.get(s.unit_id, 0),
    )
    sentences = figure_sentences(form, unit, period)
    covered = coverage_line(form, unit, period) if sentences else ""
    texts = {}
    for key in NARRATIVE_KEYS:
        parts = []
        own_text = _unit_text(own_texts.get(key, ""))
        if own_text:
            parts.append(own_text)
        if sentences.get(key):
            parts.append(sentences[key])
            if covered:
                parts.append(covered)
                covered = ""
        written = [
            (report.unit, _unit_text((report.narrative or {}).get(key, "")))
            for report in reports
            if (report.narrative or {}).get(key, "").strip()
        ]
        parts.extend(grouped_lines(written))
        texts[key] = "\n".join(parts)
    return texts
