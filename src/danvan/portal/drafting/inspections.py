"""A story from an inspection or supervision: "<Ban> kiểm tra việc thực hiện … tại …"; the lead "Thực hiện Quyết định
số …, từ ngày … đến ngày …, Đoàn kiểm tra do đồng chí …, <post that day> làm Trưởng đoàn đã …"; the team; the
inspected units and the period inspected; the findings; the conclusion and the recommendations as a list."""

from django.utils.translation import gettext as _

from danvan.activities.models import Inspection, InspectionMember
from danvan.activities.selectors.oversight import team_of

from .wording import (
    Draft,
    bullet_list,
    day_text,
    items_of,
    lower_first,
    paragraph,
    people_phrase,
    person,
    sentence,
    voice_of,
)


def _when(inspection: Inspection) -> str:
    if inspection.ends_on and inspection.ends_on != inspection.starts_on:
        return _("từ ngày %(first)s đến ngày %(last)s") % {
            "first": day_text(inspection.starts_on),
            "last": day_text(inspection.ends_on),
        }
    return _("ngày %(day)s") % {"day": day_text(inspection.starts_on)}


def _what(inspection: Inspection) -> str:
    """The inspection's title as a verb phrase: "kiểm tra việc thực hiện … tại …"."""
    title = lower_first(inspection.title)
    verb = "giám sát" if inspection.kind == Inspection.Kind.SUPERVISION else "kiểm tra"
    return title if title.startswith(("kiểm tra", "giám sát")) else f"{verb} {title}"


def _scope(inspection: Inspection, verb: str) -> list[str]:
    """The inspected units, the period inspected and what was looked at."""
    found = []
    units = [
        row.unit.name for row in inspection.inspected_units.select_related("unit").order_by("unit__sort_key")
    ]
    scope = []
    if units:
        scope.append(_("đơn vị được %(verb)s: %(units)s") % {"verb": verb, "units": ", ".join(units)})
    if inspection.period_from and inspection.period_to:
        scope.append(
            _("thời kỳ %(verb)s từ ngày %(first)s đến ngày %(last)s")
            % {
                "verb": verb,
                "first": day_text(inspection.period_from),
                "last": day_text(inspection.period_to),
            }
        )
    if scope:
        found.append(paragraph(sentence("; ".join(scope))))
    if inspection.content:
        content = lower_first(inspection.content).rstrip(".")
        found.append(
            paragraph(sentence(_("Nội dung làm việc tập trung vào %(content)s") % {"content": content}))
        )
    return found


def _outcome(inspection: Inspection, voice: str, verb: str, team_word: str) -> list[str]:
    """The findings, the conclusion and what it asks of the units (the tasks made of it, else its text)."""
    found = []
    lines = [line.strip() for line in inspection.findings.splitlines() if line.strip()]
    if lines:
        found.append(
            paragraph(
                _("Qua %(verb)s, Đoàn đánh giá: %(text)s") % {"verb": verb, "text": lower_first(lines[0])}
            )
        )
        found += [paragraph(line) for line in lines[1:]]
    if inspection.conclusion:
        notice = ""
        if inspection.conclusion_number:
            notice = _("Tại Thông báo kết luận số %(number)s") % {"number": inspection.conclusion_number}
            if inspection.conclusion_date:
                notice += _(" ngày %(day)s") % {"day": day_text(inspection.conclusion_date)}
            notice += ", "
        text = lower_first(inspection.conclusion).rstrip(".")
        found.append(
            paragraph(
                sentence(
                    _("%(notice)s%(voice)s kết luận: %(text)s")
                    % {"notice": notice, "voice": voice, "text": text}
                )
            )
        )
    tasks = list(inspection.tasks.select_related("lead_unit").order_by("deadline", "id"))
    if tasks:
        items = [
            sentence(
                _("%(task)s – %(unit)s, hoàn thành trước ngày %(day)s")
                % {
                    "task": task.title.rstrip("."),
                    "unit": task.lead_unit.name,
                    "day": day_text(task.deadline),
                }
            )
            for task in tasks
        ]
        found += [
            paragraph(_("%(team)s đề nghị các đơn vị thực hiện:") % {"team": team_word}),
            bullet_list(items),
        ]
    else:
        _intro, items = items_of(inspection.recommendations)
        if items:
            found += [paragraph(_("%(team)s đề nghị:") % {"team": team_word}), bullet_list(items)]
    if inspection.status == Inspection.Status.ONGOING and not inspection.conclusion:
        found.append(
            paragraph(
                _("Kết luận của %(team)s sẽ được thông báo khi kết thúc đợt làm việc.") % {"team": team_word}
            )
        )
    return found


def compose_inspection(inspection: Inspection) -> Draft:
    voice = voice_of(inspection.organizer, inspection.starts_on)
    supervision = inspection.kind == Inspection.Kind.SUPERVISION
    verb = "giám sát" if supervision else "kiểm tra"
    team_word = _("Đoàn giám sát") if supervision else _("Đoàn kiểm tra")
    team = team_of(inspection)
    leaders = [m for m in team if m["role"] == InspectionMember.Role.LEADER]
    others = [(m["name"], m["title"]) for m in team if m["role"] != InspectionMember.Role.LEADER]
    opening = ""
    if inspection.decision_number:
        opening = _("Thực hiện Quyết định số %(number)s") % {"number": inspection.decision_number}
        if inspection.decision_date:
            opening += _(" ngày %(day)s") % {"day": day_text(inspection.decision_date)}
        opening += _(" của %(voice)s, ") % {"voice": voice}
    led = ""
    if leaders:
        led = _(" do đồng chí %(person)s làm Trưởng đoàn") % {
            "person": person(leaders[0]["name"], leaders[0]["title"])
        }
    lead = sentence(
        _("%(opening)s%(when)s, %(team)s của %(voice)s%(led)s đã %(what)s")
        % {
            "opening": opening,
            "when": _when(inspection),
            "team": team_word,
            "voice": voice,
            "led": led,
            "what": _what(inspection),
        }
    )
    paragraphs = []
    if others:
        paragraphs.append(
            paragraph(sentence(_("Tham gia đoàn có %(people)s") % {"people": people_phrase(others)}))
        )
    paragraphs += _scope(inspection, verb)
    paragraphs += _outcome(inspection, voice, verb, team_word)
    return Draft(title=f"{voice} {_what(inspection)}", summary=lead, paragraphs=paragraphs)
