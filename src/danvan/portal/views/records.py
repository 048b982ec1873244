""" "Viết tin" under /tin-bai/: the block of a record's page listing its stories (an htmx fragment, so that the
activities and the register, below the portal, never import it), and the page drafting a story from the record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.forms import add_service_errors
from danvan.portal.access import can_edit_article
from danvan.portal.drafting import default_category, record_for, stories_of, write_from_record
from danvan.portal.drafting.form import WriteStoryForm
from danvan.portal.drafting.records import KIND_OF_SLUG, SLUG_OF_KIND
from danvan.portal.models import Article
from danvan.portal.richtext import sanitize_html
from danvan.portal.selectors.editing import writable_categories


def story_links(user, story: Article, may_edit: bool) -> tuple[str, str]:
    """(the story's page in the back office when the user may edit it, its public page when it is live)."""
    edit_url = reverse("portal:article_detail", args=[story.pk]) if may_edit else ""
    public_url = ""
    if story.status == Article.Status.PUBLISHED and story.publish_at and story.publish_at <= timezone.now():
        public_url = reverse("portal_public:article", args=[story.site.slug, story.slug])
    return edit_url, public_url


def _record(request, kind_slug: str, pk: int):
    if kind_slug not in KIND_OF_SLUG:
        raise Http404
    return record_for(request.user, KIND_OF_SLUG[kind_slug], pk)


@login_required
def record_stories(request, kind, pk):
    """The "Tin bài" block of a record's page: its stories with their status and links, and "Viết tin" for those
    who may write somewhere (saying when a story already exists)."""
    record = _record(request, kind, pk)
    stories = stories_of(record.kind, record.pk)
    rows = [
        (story, *story_links(request.user, story, can_edit_article(request.user, story))) for story in stories
    ]
    return render(
        request,
        "portal/records/_stories.html",
        {
            "record": record,
            "kind_slug": kind,
            "rows": rows,
            "can_write": not record.refusal and writable_categories(request.user).exists(),
        },
    )


@login_required
def write_story(request, kind, pk):
    """The draft composed from the record, and the choice of site and category; posting creates it."""
    record = _record(request, kind, pk)
    categories = writable_categories(request.user)
    choices = list(categories)
    if not choices:
        raise NotAllowed(_("Bạn chưa là biên tập viên của chuyên mục nào trên các trang thông tin."))
    default = default_category(record, choices)
    form = WriteStoryForm(request.POST or None, categories=categories, initial={"category": default})
    if request.method == "POST" and form.is_valid():
        try:
            article = write_from_record(request.user, record, form.cleaned_data["category"])
        except (ValidationError, NotAllowed) as error:
            if isinstance(error, NotAllowed):
                form.add_error("category", str(error))
            else:
                add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã tạo bản nháp “%(title)s”. Hãy đọc lại, sửa và gửi duyệt.") % {"title": article.title},
            )
            edit_url, _public_url = story_links(request.user, article, True)
            return redirect(edit_url or record.url)
    draft = record.compose() if not record.refusal else None
    existing = stories_of(record.kind, record.pk)
    return render(
        request,
        "portal/records/write.html",
        {
            "record": record,
            "form": form,
            "draft": draft,
            "preview": sanitize_html(draft.body) if draft else "",
            "existing": existing,
            "kind_slug": SLUG_OF_KIND[record.kind],
            "crumbs": [(record.title, record.url), (_("Viết tin"), None)],
            "statuses": Article.Status,
        },
    )
