"""A story's revisions: the list (who, when, note), one revision as it read, two compared field by field, and one
restored (as a new revision)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.errors import NotAllowed, ValidationError, messages_of
from danvan.portal.access import can_edit_article
from danvan.portal.models import Article
from danvan.portal.selectors import editing as selectors
from danvan.portal.services import restore_revision

from .common import crumbs


def _crumbs(article, *tail):
    return crumbs(
        (article.title, reverse("portal:article_detail", args=[article.pk])),
        (_("Các phiên bản"), reverse("portal:revision_list", args=[article.pk])),
        *tail,
    )


@login_required
def revision_list(request, pk: int):
    article = selectors.get_article_for(request.user, pk)
    revisions = list(article.revisions.select_related("author"))
    context = {
        "crumbs": [*_crumbs(article)[:-1], (_("Các phiên bản"), None)],
        "article": article,
        "revisions": revisions,
        "can_restore": can_edit_article(request.user, article) and article.status != Article.Status.WITHDRAWN,
    }
    return render(request, "portal/editing/revisions/list.html", context)


@login_required
def revision_detail(request, pk: int, number: int):
    article = selectors.get_article_for(request.user, pk)
    revision = get_object_or_404(article.revisions.select_related("author"), number=number)
    context = {
        "crumbs": _crumbs(article, (_("Phiên bản %(n)d") % {"n": number}, None)),
        "article": article,
        "revision": revision,
        "content": revision.content,
        "can_restore": can_edit_article(request.user, article)
        and article.status != Article.Status.WITHDRAWN
        and number != article.revision_number,
    }
    return render(request, "portal/editing/revisions/detail.html", context)


def _number(value, default: int) -> int:
    return int(value) if str(value or "").isdigit() else default


@login_required
def revision_compare(request, pk: int):
    article = selectors.get_article_for(request.user, pk)
    latest = article.revision_number
    first = _number(request.GET.get("a"), max(latest - 1, 1))
    second = _number(request.GET.get("b"), latest)
    older = get_object_or_404(article.revisions.select_related("author"), number=min(first, second))
    newer = get_object_or_404(article.revisions.select_related("author"), number=max(first, second))
    context = {
        "crumbs": _crumbs(article, (_("So sánh"), None)),
        "article": article,
        "older": older,
        "newer": newer,
        "changes": selectors.revision_changes(older, newer),
        "numbers": list(article.revisions.values_list("number", flat=True)),
    }
    return render(request, "portal/editing/revisions/compare.html", context)


@login_required
@require_POST
def revision_restore(request, pk: int, number: int):
    article = selectors.get_article_for(request.user, pk)
    revision = get_object_or_404(article.revisions, number=number)
    if not can_edit_article(request.user, article):
        raise NotAllowed(_("Bạn không phải biên tập viên của chuyên mục này."))
    try:
        restore_revision(request.user, article, revision)
    except ValidationError as error:
        for found in messages_of(error).values():
            for message in found:
                messages.error(request, message)
        return redirect("portal:revision_detail", article.pk, number)
    messages.success(request, _("Đã khôi phục phiên bản %(n)d thành một phiên bản mới.") % {"n": number})
    return redirect("portal:article_detail", article.pk)
