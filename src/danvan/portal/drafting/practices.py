"""A story from a recognised "Dân vận khéo" model or exemplar: "Mô hình “…” của … được công nhận “Dân vận khéo”
cấp tỉnh"; the lead "Ngày dd/mm/yyyy, <Ban> ban hành Quyết định số … công nhận …"; its fields, level and years; what
it is and how it works; its measured results and commendations as a list."""

from django.utils.translation import gettext as _

from danvan.core.text import vn_number
from danvan.practices.models import Commendation, Practice, Status

from .wording import (
    Draft,
    bullet_list,
    day_text,
    lower_first,
    paragraph,
    paragraphs_of,
    sentence,
    unquoted,
    voice_of,
)


def _year(practice: Practice) -> int:
    if practice.recognition_date:
        return practice.recognition_date.year
    years = sorted(practice.years.values_list("year", flat=True))
    return years[-1] if years else practice.registration_year


def _level(practice: Practice) -> str:
    level = practice.get_recognition_level_display() or practice.get_level_display()
    return lower_first(str(level))


def _subject(practice: Practice) -> str:
    """ "mô hình “Bữa cơm nghĩa tình” của Phường Thục Phán", "điển hình Nông Văn A, Bí thư chi bộ …"."""
    if practice.kind == Practice.Kind.EXEMPLAR:
        who = practice.person_name or unquoted(practice.name)
        if practice.person_position:
            who = f"{who}, {practice.person_position}"
        return _("điển hình %(who)s (%(owner)s)") % {"who": who, "owner": practice.owner.name}
    return _("mô hình “%(name)s” của %(owner)s") % {
        "name": unquoted(practice.name),
        "owner": practice.owner.name,
    }


def _results(practice: Practice) -> list[str]:
    found = []
    items = []
    for result in practice.results.all():
        value = result.value
        decimals = 0 if value == value.to_integral_value() else 2
        figure = " ".join(part for part in (vn_number(value, decimals), result.unit_of_measure) if part)
        items.append(sentence(f"{result.indicator}: {figure}"))
    if items:
        lead = _("Sau thời gian triển khai, mô hình đạt được những kết quả nổi bật:")
        if practice.kind == Practice.Kind.EXEMPLAR:
            lead = _("Sau thời gian triển khai, điển hình đạt được những kết quả nổi bật:")
        found += [paragraph(lead), bullet_list(items)]
    awarded = [c for c in practice.commendations.all() if c.stage == Commendation.Stage.AWARDED]
    for commendation in awarded:
        decision = (
            _(" (Quyết định số %(number)s)") % {"number": commendation.decision}
            if commendation.decision
            else ""
        )
        found.append(
            paragraph(
                sentence(
                    _("Ngày %(day)s, %(body)s tặng %(form)s%(decision)s ghi nhận những kết quả đạt được")
                    % {
                        "day": day_text(commendation.date),
                        "body": commendation.awarding_body,
                        "form": lower_first(commendation.get_form_display()),
                        "decision": decision,
                    }
                )
            )
        )
    return found


def compose_practice(practice: Practice) -> Draft:
    year = _year(practice)
    level = _level(practice)
    subject = _subject(practice)
    recogniser = practice.recognised_by or practice.owner
    voice = voice_of(
        recogniser, practice.recognition_date or practice.start_date or practice.created_at.date()
    )
    label = (
        _("điển hình “Dân vận khéo”")
        if practice.kind == Practice.Kind.EXEMPLAR
        else _("mô hình “Dân vận khéo”")
    )
    if practice.recognition_date and practice.recognition_decision:
        lead = _(
            "Ngày %(day)s, %(voice)s ban hành Quyết định số %(number)s công nhận %(subject)s là %(label)s "
            "%(level)s năm %(year)s."
        ) % {
            "day": day_text(practice.recognition_date),
            "voice": voice,
            "number": practice.recognition_decision,
            "subject": subject,
            "label": label,
            "level": level,
            "year": year,
        }
    else:
        lead = sentence(
            _("Năm %(year)s, %(subject)s được %(voice)s công nhận là %(label)s %(level)s")
            % {"year": year, "subject": subject, "voice": voice, "label": label, "level": level}
        )
    paragraphs = []
    fields = ", ".join(lower_first(field.name) for field in practice.fields.all())
    started = _(" từ năm %(year)s") % {"year": practice.registration_year}
    if practice.start_date:
        started = _(" từ ngày %(day)s") % {"day": day_text(practice.start_date)}
    about = _("%(subject)s được đăng ký thực hiện%(started)s") % {
        "subject": upper_first_subject(practice),
        "started": started,
    }
    if fields:
        about += _(", thuộc lĩnh vực %(fields)s") % {"fields": fields}
    paragraphs.append(paragraph(sentence(about)))
    paragraphs += paragraphs_of(practice.summary)
    method = [line.strip() for line in practice.method.splitlines() if line.strip()]
    if method:
        paragraphs.append(paragraph(_("Về cách làm, %(text)s") % {"text": lower_first(method[0])}))
        paragraphs += [paragraph(line) for line in method[1:]]
    if practice.participants:
        paragraphs.append(
            paragraph(
                sentence(_("Lực lượng tham gia: %(who)s") % {"who": lower_first(practice.participants)})
            )
        )
    paragraphs += _results(practice)
    if practice.status == Status.REPLICATED:
        replicas = practice.replicas.count()
        if replicas:
            paragraphs.append(
                paragraph(_("Mô hình đã được nhân rộng tại %(count)d đơn vị.") % {"count": replicas})
            )
    if practice.kind == Practice.Kind.EXEMPLAR:
        who = practice.person_name or unquoted(practice.name)
        title = _("%(who)s – điển hình “Dân vận khéo” %(level)s") % {"who": who, "level": level}
    else:
        title = _("Mô hình “%(name)s” của %(owner)s được công nhận “Dân vận khéo” %(level)s") % {
            "name": unquoted(practice.name),
            "owner": practice.owner.name,
            "level": level,
        }
    return Draft(title=title, summary=lead, paragraphs=paragraphs)


def upper_first_subject(practice: Practice) -> str:
    if practice.kind == Practice.Kind.EXEMPLAR:
        return _("Điển hình")
    return _("Mô hình")
