"""Demo public sites (issue #13, Deliver 7): the Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng's site and Phường Thục
Phán's.

The province's site has its categories (one written by the Front's editors), topics, pages, documents, linked
websites and pictures drawn at build time, and a year of news: stories drafted by "Viết tin" from the year's
meetings, inspections and recognised "Dân vận khéo" models (the activities' and practices' demo, and a few more
conferences recorded here), and stories its editor wrote; published by the province's approver on the evening of
the event, a few hot or featured, one scheduled for the coming days, one awaiting review, one returned, one still a
draft. The five seed articles are read back as archived stories with their events (`ingest.import_event`, which links
them to the seeds' meetings of the activities' demo). The ward's site has a few stories of its own.

Stories are written through the services (`write_from_record`, `create_article`, `import_event`); their review is
set directly (the review's service refuses a publication time in the past, and these were published over the past
year), with a change-log entry each. Dates are relative to the day the demo is loaded. A second run finds the
province's site and adds nothing."""

import datetime
import io
import json
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as Picture
from PIL import ImageDraw

from danvan.accounts.models import User
from danvan.activities import services as activity_services
from danvan.activities.models import Inspection, Meeting, Person
from danvan.core.changelog import record_change
from danvan.ingest.importing import import_event
from danvan.orgunits.models import OrgUnit
from danvan.portal.cache import site_changed
from danvan.portal.drafting import default_category, record_for, write_from_record
from danvan.portal.models import (
    Article,
    Category,
    Image,
    LinkedWebsite,
    PublicDocument,
    Site,
    SitePage,
    Topic,
)
from danvan.portal.selectors.editing import writable_categories
from danvan.portal.services import create_article
from danvan.portal.services.media import upload_image
from danvan.portal.services.workflow import transition
from danvan.practices.models import Practice, Status

from .activity_builder import aware, record_meeting
from .activity_catalogue import CAO_BANG_PEOPLE
from .portal_catalogue import (
    CATEGORIES,
    DOCUMENTS,
    EXTRA_MEETINGS,
    LINKS,
    PAGES,
    PICTURES,
    SITE,
    TOPICS,
    WARD_CATEGORIES,
    WARD_SITE,
    WARD_STORIES,
    WRITTEN,
    WRITTEN_COMMUNES,
)
from .units import demo_units

DAY = datetime.timedelta(days=1)
SEEDS = Path(__file__).parent / "fixtures"
QUANG_YEN = "vn2024:district:206"
RETURN_REASON = "Đề nghị bổ sung ảnh và số liệu cụ thể của các tổ dân phố."


def _site(unit: OrgUnit, spec: dict, categories, units) -> tuple[Site, dict[str, Category]]:
    site = Site.objects.create(unit=unit, unit_path=unit.path, **spec)
    made = {}
    for position, (slug, name, description, editor_key) in enumerate(categories, start=1):
        made[slug] = Category.objects.create(
            site=site,
            slug=slug,
            name=name,
            description=description,
            position=position,
            editor_unit=units[editor_key] if editor_key else None,
        )
    return site, made


def _furniture(site: Site) -> dict[str, Topic]:
    for position, (slug, title, body) in enumerate(PAGES, start=1):
        SitePage.objects.create(site=site, slug=slug, title=title, body=body, position=position)
    for number, kind, title, issuer, issued_on, signer in DOCUMENTS:
        PublicDocument.objects.create(
            site=site,
            number=number,
            kind=kind,
            title=title,
            issuer=issuer,
            issued_on=issued_on,
            signer=signer,
            search_key=f"{number} {title}".lower(),
        )
    for position, (name, url) in enumerate(LINKS, start=1):
        LinkedWebsite.objects.create(site=site, name=name, url=url, position=position)
    return {slug: Topic.objects.create(site=site, slug=slug, name=name) for slug, name in TOPICS}


def _picture(sky, near, far, seed: int) -> bytes:
    """A landscape of limestone hills over a river, drawn with Pillow (1280×720 JPEG)."""
    width, height = 1280, 720
    picture = Picture.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(picture)
    for row in range(height // 2):  # the sky lightens towards the horizon
        shade = tuple(min(255, channel + row // 6) for channel in sky)
        draw.line([(0, row), (width, row)], fill=shade)
    draw.ellipse([900 - seed * 40, 80, 1000 - seed * 40, 180], fill=(255, 240, 200))
    for layer, colour in ((0, far), (1, near)):
        base = 420 + layer * 110
        points = [(0, height)]
        for step in range(0, width + 160, 160):
            peak = base - 160 - ((step * (seed + 3) + layer * 97) % 170)
            points += [(step - 60, base), (step, peak), (step + 60, base)]
        points.append((width, height))
        draw.polygon(points, fill=colour)
    draw.polygon([(0, 690), (width, 640), (width, height), (0, height)], fill=(90, 150, 190))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=82)
    return out.getvalue()


def _pictures(site: Site, actor) -> list[Image]:
    """The pictures, through the image library (renditions made, change-logged)."""
    return [
        upload_image(
            actor,
            site,
            SimpleUploadedFile(
                f"{site.slug}-{number + 1}.jpg", _picture(sky, near, far, number), "image/jpeg"
            ),
            alt=alt,
            caption=caption,
        )
        for number, (alt, caption, sky, near, far) in enumerate(PICTURES)
    ]


def _publish(article: Article, at: datetime.datetime, approver, **flags) -> Article:
    """The review's outcome on `at`: published (or scheduled, when `at` is to come), with its change-log entry."""
    before = {"status": article.status, "publish_at": None}
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED,
        publish_at=at,
        approved_by=approver,
        created_at=at - datetime.timedelta(hours=3),
        view_count=0 if at > timezone.now() else 40 + (article.pk * 53) % 900,
        rating_count=article.pk % 6,
        rating_sum=(article.pk % 6) * 4,
        **flags,
    )
    record_change(
        approver,
        "update",
        article,
        before,
        {"status": Article.Status.PUBLISHED, "publish_at": at.isoformat()},
        unit=article.site.unit,
    )
    article.refresh_from_db()
    return article


def _people() -> dict[str, Person]:
    by_name = {
        person.name: person
        for person in Person.objects.filter(name__in=[p[0] for p in CAO_BANG_PEOPLE.values()])
    }
    return {key: by_name[spec[0]] for key, spec in CAO_BANG_PEOPLE.items() if spec[0] in by_name}


def _extra_meetings(actor, units, today) -> list[Meeting]:
    people = _people()
    made = []
    for spec in EXTRA_MEETINGS:
        day = today - spec["ago"] * DAY
        period, title = "", spec["title"]
        if spec.get("period") == "last_year":
            period, title = str(day.year - 1), f"{title} {day.year - 1}"
        elif spec.get("period") == "first_half":
            period, title = f"{day.year}H1", f"{title} {day.year}"
        meeting = record_meeting(
            actor,
            units,
            people,
            {
                "organizer": "cao_bang",
                "host": "ban_tgdv_cao_bang",
                "type": spec["type"],
                "title": title,
                "starts_at": datetime.datetime.combine(day, datetime.time(spec["hour"], 0)),
                "place": spec["place"],
                "period": period,
                "minutes": spec["minutes"],
                "conclusions": spec["conclusions"],
                "chairs": spec["chairs"],
                "members": spec["members"],
                "guests": spec.get("guests", []),
                "source_note": "Dữ liệu demo.",
            },
        )
        if spec.get("tasks"):
            activity_services.conclusion_to_tasks(
                actor,
                meeting,
                [
                    {"lead_unit": units[lead], "title": text, "deadline": day + after * DAY}
                    for lead, text, after in spec["tasks"]
                ],
            )
        made.append(meeting)
    return made


def _from_records(editor, approver, site, topics, pictures, today) -> dict[str, list[Article]]:
    """ "Viết tin" over the year's records: every meeting the province held (its giao ban, the conferences above), its
    inspections, and the province's models recognised during the year; each published the evening of the event."""
    categories = list(writable_categories(editor).filter(site=site))
    year_ago = today - 365 * DAY
    held = Meeting.objects.filter(
        organizer__path=site.unit_path, status=Meeting.Status.HELD, starts_at__date__gte=year_ago
    ).order_by("starts_at")
    inspections = Inspection.objects.filter(organizer__path=site.unit_path, starts_on__gte=year_ago).order_by(
        "starts_on"
    )
    practices = Practice.objects.filter(
        owner_path__startswith=site.unit_path,
        status__in=(Status.RECOGNISED, Status.REPLICATED),
        recognition_date__gte=year_ago,
    ).order_by("-recognition_date", "id")[:8]
    found: dict[str, list[Article]] = {"meeting": [], "inspection": [], "practice": []}
    records = [("meeting", m.pk) for m in held] + [("inspection", i.pk) for i in inspections]
    records += [("practice", p.pk) for p in practices]
    for number, (kind, pk) in enumerate(records):
        record = record_for(editor, kind, pk)
        story = write_from_record(editor, record, default_category(record, categories))
        topic = {"meeting": "giao-ban-khoi-dan-van", "practice": "phong-trao-dan-van-kheo"}.get(kind)
        if kind == "meeting" and record.obj.type != Meeting.Type.GIAO_BAN:
            topic = None
        if topic:
            story.topics.add(topics[topic])
        if number % 3 == 0:
            picture = pictures[number % len(pictures)]
            Article.objects.filter(pk=story.pk).update(cover=picture, cover_caption=picture.caption)
        found[kind].append(story)
    return found


def _review(approver, stories: dict[str, list[Article]], today) -> int:
    """Publishes the records' stories on the evening of their event, but the last giao ban's (awaiting review) and
    the supervision under way (a draft)."""
    meetings, inspections, practices = stories["meeting"], stories["inspection"], stories["practice"]
    submitted = [s for s in meetings if "giao ban" in s.title][-1]
    transition(submitted.created_by, submitted, "submit")
    count = 0
    for story in meetings + inspections + practices:
        if story.pk == submitted.pk:
            continue
        record = record_for(approver, story.record_kind, story.record_id)
        if story.record_kind == "inspection" and record.obj.status == Inspection.Status.ONGOING:
            continue
        day = record.day or today
        at = min(aware(day, 17, 30), timezone.now() - datetime.timedelta(hours=1))
        featured = (story.record_kind == "practice" and count % 3 == 0) or "sơ kết" in story.title
        _publish(story, at, approver, is_featured=featured or "tổng kết" in story.title)
        count += 1
    return count


def _communes(units) -> list[OrgUnit]:
    others = (
        OrgUnit.objects.filter(parent=units["cao_bang"], kind=OrgUnit.Kind.COMMUNE, valid_to__isnull=True)
        .exclude(pk__in=[units["thuc_phan"].pk, units["nung_tri_cao"].pk])
        .order_by("sort_key")
    )
    return [units["thuc_phan"], units["nung_tri_cao"], *others[: WRITTEN_COMMUNES - 2]]


def _written(editor, front_writer, approver, categories, topics, pictures, units, today) -> int:
    """The editors' own stories, one of each kind per commune, over the year; the Front's by its own editor (here the
    command). One is scheduled for the coming days, one returned to its author."""
    rows = [(template, commune) for commune in _communes(units) for template in WRITTEN]
    count = 0
    for number, ((slug, title, summary, paragraphs, tags), commune) in enumerate(rows):
        place, short = commune.name, commune.name.split(" ", 1)[1]
        fill = {"place": place, "short": short}
        picture = pictures[number % len(pictures)] if number % 4 == 1 else None
        story = create_article(
            front_writer if slug == "mat-tran-doan-the" else editor,
            site=categories[slug].site,
            category=categories[slug],
            title=title.format(**fill),
            summary=summary.format(**fill),
            body="".join(f"<p>{text.format(**fill)}</p>" for text in paragraphs),
            author="Tin: Bế Thị Lan" if slug == "mat-tran-doan-the" else f"Tin: {editor.display_name}",
            cover=picture,
            cover_caption=picture.caption if picture else "",
            tags=tags,
            topics=[topics["dan-chu-o-co-so"]] if slug == "dan-chu-o-co-so" else [],
        )
        if number == 5:
            Article.objects.filter(pk=story.pk).update(
                status=Article.Status.RETURNED, rejection_reason=RETURN_REASON
            )
            continue
        ago = 3 + (len(rows) - number) * 350 // len(rows)
        at = aware(today - ago * DAY, 9 + number % 8, 15)
        if number == len(rows) - 1:
            at = timezone.now() + 2 * DAY  # scheduled: appears by itself
        _publish(story, at, approver, is_hot=len(rows) - 5 <= number < len(rows) - 1)
        count += 1
    return count


def _seeds(actor, site, category, units) -> int:
    """The five seed articles, read back as archived stories with their events (linked to the seeds' meetings of the
    activities' demo). The Quảng Yên giao ban's text names its organiser "Thường trực Thị ủy": the demo's meeting
    is the town's; a text naming a "Ban Dân vận Tỉnh ủy" without its province is read as Cao Bằng's."""
    organizers = {"seed-001": OrgUnit.objects.get(external_id=QUANG_YEN)}
    count = 0
    for answer in sorted(SEEDS.glob("seed-*.json")):
        event = json.loads(answer.read_text(encoding="utf-8"))
        text = answer.with_suffix(".txt").read_text(encoding="utf-8")
        imported = import_event(
            actor,
            event,
            text=text,
            site=site,
            category=category,
            organizer=organizers.get(answer.stem),
            context_unit=units["cao_bang"],
        )
        count += imported.article_id is not None
    return count


def _ward(units, writer, approver, today) -> int:
    site, categories = _site(units["thuc_phan"], WARD_SITE, WARD_CATEGORIES, units)
    for slug, title, summary, text, ago in WARD_STORIES:
        story = create_article(
            writer,
            site=site,
            category=categories[slug],
            title=title,
            summary=summary,
            body=f"<p>{text}</p>",
            author=f"Tin: {writer.display_name}",
        )
        _publish(story, aware(today - ago * DAY, 16), approver)
    site_changed(site.pk)
    return len(WARD_STORIES)


@transaction.atomic
def load_demo_portal(admin) -> dict:
    """Loads the two sites once (after the activities' and the practices' demo); a second run adds nothing."""
    if Site.objects.filter(slug=SITE["slug"]).exists():
        return {"loaded": False}
    today = timezone.localdate()
    units = demo_units()
    units["cao_bang_front"] = units["cao_bang"].children.get(name="Ủy ban MTTQ Việt Nam tỉnh Cao Bằng")
    users = User.objects.in_bulk(["caobang", "bientap", "thucphan"], field_name="username")
    approver, editor = users["caobang"], users["bientap"]
    site, categories = _site(units["cao_bang"], SITE, CATEGORIES, units)
    topics = _furniture(site)
    pictures = _pictures(site, editor)
    _extra_meetings(admin, units, today)
    stories = _from_records(editor, approver, site, topics, pictures, today)
    published = _review(approver, stories, today)
    published += _written(editor, None, approver, categories, topics, pictures, units, today)
    seeds = _seeds(admin, site, categories["tin-hoat-dong"], units)
    ward = _ward(units, users["thucphan"], approver, today)
    site_changed(site.pk)
    return {
        "loaded": True,
        "stories": Article.objects.filter(site=site).count(),
        "from_records": sum(len(found) for found in stories.values()),
        "published": published,
        "seeds": seeds,
        "ward": ward,
    }
