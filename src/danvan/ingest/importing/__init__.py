"""An event read from a news article, into the system: `import_event` (the archive page and `danvan ingest
--import` call it).

In one transaction:

- the organiser: the unit the text names, as the tree stood on the event's date (`ingest.units`), or the one the
  user chose on the page;
- the meeting, held: its type from the event's (`event.MEETING_TYPES`: an inspection visit becomes a meeting of type
  "khác"), the period reviewed, the figures written into its minutes under "Số liệu", the source note naming the
  article; the people as attendees with their posts on that day (`people`); the directed tasks as tasks of the
  organiser from the meeting, due at the end of the coming period (`event.tasks_due`);
- or, when the event was recorded already (a meeting or inspection whose source note names the article, or a
  meeting of the same organiser, day and type), that record, to which only what is missing is added: the figures
  in the minutes, the story, the event record;
- the story, as an archived article of the organiser's site (or its nearest unit above with one), published at
  its original time (`services.publish_archived`); no site, or a site the actor may not write in: no story, and
  the result says so;
- the `ImportedEvent` keeping the figures, the event as read and the links.

The same article imported again (same text, or same address) is found and nothing is added: the record comes back
with `created` False.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.activities import services as activity_services
from danvan.activities.models import Meeting
from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.orgunits.models import OrgUnit
from danvan.portal.models import Article, Category, Site
from danvan.portal.services import create_article

from .. import services
from ..models import ImportedEvent
from ..units import match_unit, within_paths
from .event import (
    CleanEvent,
    author_of,
    clean_event,
    event_moment,
    figures_text,
    published_at,
    story_html,
    summary_of,
    tasks_due,
    text_hash,
)
from .people import attendees
from .records import category_for, existing_inspection, existing_meeting, site_for

__all__ = ["clean_event", "find_organizer", "import_event", "text_hash"]


def find_organizer(event: CleanEvent, context_unit: OrgUnit | None = None) -> OrgUnit:
    """The organiser named by the event on its date, else its locality's unit; a ValidationError on "organizer"
    naming the text and the day when neither designates one unit."""
    within = within_paths(context_unit)
    match = match_unit(event.organizer, event.event_date, within=within, level=event.level)
    if match.unit is None and not match.candidates and event.locality:
        match = match_unit(event.locality, event.event_date, within=within, level=event.level)
    if match.unit is not None:
        return match.unit
    day = f"{event.event_date:%d/%m/%Y}"
    if match.candidates:
        raise ValidationError(
            {
                "organizer": [
                    _(
                        "Đơn vị tổ chức “%(name)s” ứng với nhiều đơn vị ngày %(day)s (%(units)s): hãy chọn một."
                    )
                    % {
                        "name": event.organizer,
                        "day": day,
                        "units": ", ".join(unit.name for unit in match.candidates[:5]),
                    }
                ]
            }
        )
    raise ValidationError(
        {
            "organizer": [
                _(
                    "Không tìm thấy đơn vị tổ chức “%(name)s” trong hệ thống vào ngày %(day)s: hãy chọn đơn vị."
                )
                % {"name": event.organizer or "-", "day": day}
            ]
        }
    )


def _already(event: CleanEvent, digest: str) -> ImportedEvent | None:
    q = Q(text_hash=digest)
    if event.source_url:
        q |= Q(source_url=event.source_url)
    found = ImportedEvent.objects.filter(q).select_related("meeting", "inspection", "article").first()
    if found is not None:
        found.created = False
        found.notes = [_("Tin này đã được nhập vào hệ thống trước đây: không thêm gì.")]
    return found


def _source_note(event: CleanEvent) -> str:
    day = f"{event.event_date:%d/%m/%Y}"
    where = event.source_url or _("Tin “%(title)s”") % {"title": event.title}
    return (
        _("%(where)s, %(day)s. Đọc lại từ tin đã đăng; giờ họp không rõ.") % {"where": where, "day": day}
    )[:500]


def _new_meeting(actor, event: CleanEvent, organizer: OrgUnit) -> Meeting:
    meeting = activity_services.create_meeting(
        actor,
        organizer=organizer,
        type=event.meeting_type,
        title=event.title,
        starts_at=event_moment(event),
        place=event.locality,
        period=event.period,
        minutes=figures_text(event),
        source_note=_source_note(event),
        status=Meeting.Status.HELD,
    )
    if event.people:
        entries = attendees(actor, event.people, organizer, event.event_date, event.title)
        activity_services.set_attendance(actor, meeting, entries)
    if event.tasks:
        due = tasks_due(event)
        activity_services.conclusion_to_tasks(
            actor,
            meeting,
            [{"lead_unit": organizer, "title": title, "deadline": due} for title in event.tasks],
        )
    return meeting


def _add_figures(actor, meeting: Meeting, event: CleanEvent) -> None:
    """A meeting recorded before its article was read gets the article's figures in its minutes, once."""
    figures = figures_text(event)
    if figures and _("Số liệu:") not in meeting.minutes:
        minutes = f"{meeting.minutes}\n\n{figures}".strip()
        activity_services.update_meeting(actor, meeting, minutes=minutes)


def _story(
    actor, event, text, organizer, record_kind, record_id, site, category
) -> tuple[Article | None, str]:
    """The archived story on the portal, or None and why not."""
    site = site_for(organizer, site)
    if site is None:
        return None, _("Không có trang tin của %(unit)s hay đơn vị cấp trên: chưa đăng tin.") % {
            "unit": organizer.name
        }
    category = category_for(actor, site, category)
    if category is None:
        return None, _("Bạn không viết được vào chuyên mục nào của %(site)s: chưa đăng tin.") % {
            "site": site.name
        }
    existing = Article.objects.filter(
        record_kind=record_kind, record_id=record_id, origin=Article.Origin.IMPORTED
    ).first()
    if existing is not None:
        return existing, ""
    article = create_article(
        actor,
        site=site,
        category=category,
        title=event.title,
        body=story_html(event.title, text),
        summary=summary_of(text),
        author=author_of(text),
        source=organizer.name[:200],
        source_url=event.source_url,
        origin=Article.Origin.IMPORTED,
        record_kind=record_kind,
        record_id=record_id,
    )
    return services.publish_archived(actor, article, published_at(event, text)), ""


@transaction.atomic
def import_event(
    actor,
    event: dict,
    *,
    text: str,
    site: Site | None = None,
    category: Category | None = None,
    organizer: OrgUnit | None = None,
    context_unit: OrgUnit | None = None,
) -> ImportedEvent:
    """The event read from `text` (the article), in the system: see the module's notes. `organizer` overrides the
    unit the text names (the user's choice on the page); `context_unit` (the importing user's unit) settles a name
    several units bear ("Ban Dân vận Tỉnh ủy"). `actor` is a user who may record the organiser's meetings (a
    command passes a superuser or the user it is told to act as). Returns the record, with `created` False
    when the article had been imported before (nothing added) and `notes` saying what was not done."""
    clean = clean_event(event)
    digest = text_hash(text)
    found = _already(clean, digest)
    if found is not None:
        return found
    if organizer is None:
        organizer = find_organizer(clean, context_unit)
    if not isinstance(organizer, OrgUnit):
        raise ValidationError({"organizer": [_("Hãy chọn đơn vị tổ chức.")]})
    if actor is not None and not activity_services.can_edit(actor, organizer):
        raise NotAllowed(_("Bạn không có quyền ghi hội nghị của %(unit)s.") % {"unit": organizer.name})
    notes = []
    inspection = existing_inspection(clean)
    meeting = None if inspection else existing_meeting(clean, organizer)
    linked = bool(inspection or meeting)
    if inspection is not None:
        record_kind, record_id = Article.RecordKind.INSPECTION, inspection.pk
        notes.append(_("Cuộc kiểm tra đã có trong hệ thống: đã gắn tin vào."))
    else:
        if meeting is None:
            meeting = _new_meeting(actor, clean, organizer)
        else:
            _add_figures(actor, meeting, clean)
            notes.append(_("Hội nghị đã có trong hệ thống: đã gắn tin và số liệu vào."))
        record_kind, record_id = Article.RecordKind.MEETING, meeting.pk
    article, why_not = _story(actor, clean, text, organizer, record_kind, record_id, site, category)
    if why_not:
        notes.append(why_not)
    record = ImportedEvent(
        title=clean.title,
        source_url=clean.source_url,
        text_hash=digest,
        event_date=clean.event_date,
        organizer=organizer,
        organizer_path=organizer.path,
        meeting=meeting,
        inspection=inspection,
        article=article,
        linked=linked,
        model_counts=clean.model_counts,
        other_figures=clean.other_figures,
        event=clean.as_json(),
        note="\n".join(notes),
        imported_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:  # the same article imported at the same moment by another request
        raise ValidationError({"__all__": [_("Tin này vừa được nhập vào hệ thống.")]}) from None
    record_change(actor, "create", record, None, snapshot(record, exclude=("event",)), unit=organizer)
    record.created = True
    record.notes = notes
    return record
