"""The news reader: a Vietnamese news file in, the structured event out (issue #13, Deliver 5).

`extract_text(data, filename)` gives the text of a .txt, .html or .docx file (a ValidationError in Vietnamese for
what it cannot read); `read_event(text, source_url=None)` takes the event from that text by rules over the genre
(headlines and leads, posts, dates against the publication date, periods, counts), offline and without a model.
`read_news_file(data, filename)` does both and refuses a text in which it finds no event. The schema is the
issue's (/work/shared/ingest/README.md): every key is present, dates are ISO."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .dates import event_date, publication_date, years_in
from .extract import extract_text
from .figures import model_counts, other_figures
from .kinds import event_type, period_reviewed
from .organizer import find_locality, find_organizer, organizer_level
from .page import read_page
from .people import find_people
from .tasks import directed_tasks

__all__ = ["extract_text", "read_event", "read_news_file"]


def read_news_file(data: bytes, filename: str) -> dict:
    """The event of a news file: extract_text, then read_event; a ValidationError in Vietnamese for a file that is
    not a news story (no date, no organiser, no official named)."""
    event = read_event(extract_text(data, filename))
    if not (event["event_date"] or event["organizer"] or event["people"]):
        raise ValidationError(
            _("%(name)s: không nhận ra một tin bài (không thấy ngày, đơn vị tổ chức hay người dự).")
            % {"name": filename}
        )
    return event


def read_event(text: str, *, source_url: str | None = None) -> dict:
    """The event a news text reports, in the reader's schema (all keys present, dates ISO, null when unknown)."""
    page = read_page(text or "")
    lead = page.lead
    published = publication_date(page.published) if page.published else None
    kind = event_type(page.title, lead)
    head_years = years_in(page.title + " " + lead)
    year_hint = max(head_years, key=lambda y: (head_years[y], y)) if head_years else None
    if year_hint is None:
        body_years = years_in(page.body)
        year_hint = body_years.most_common(1)[0][0] if body_years else None
    period = period_reviewed(kind, page.title, lead, page.body, None)
    if period["year"] and not published:
        # A review is held in the period's last month or soon after; a year-end review early the next year.
        year_hint = period["year"]
    rest = [p for p in page.paragraphs if p != lead][:3]
    date = event_date([lead, page.title, *rest], published, year_hint)
    if (
        period["half"] == "FULL"
        and date
        and not published
        and date.month <= 3
        and date.year == period["year"]
    ):
        date = date.replace(year=date.year + 1)
    if period["year"] is None:
        period = period_reviewed(kind, page.title, lead, page.body, date)
    organizer = find_organizer(page.title, lead)
    counts = model_counts(page.body)
    return {
        "source_url": source_url or page.source_url,
        "title": page.title,
        "event_date": date.isoformat() if date else None,
        "event_type": kind,
        "organizer": organizer,
        "organizer_level": organizer_level(organizer, date, page.title + "\n" + page.body, lead),
        "locality": find_locality(page.title, lead, organizer),
        "period_reviewed": period,
        "people": find_people(page.body),
        "model_counts": counts,
        "other_figures": other_figures(page.body, counts),
        "directed_tasks": directed_tasks(page.paragraphs),
    }
