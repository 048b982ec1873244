"""The stories: the list (filters, search without accents), writing and editing one, its page (preview, review
buttons, history), and a review step."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed, ValidationError, messages_of
from danvan.core.lists import filtered_rows, page_of
from danvan.portal.access import can_approve, can_edit_article
from danvan.portal.filters import ArticleFilter
from danvan.portal.forms.articles import ArticleForm, TransitionForm
from danvan.portal.models import Article, Category, Site
from danvan.portal.selectors import editing as selectors
from danvan.portal.services import create_article, transition, update_article
from danvan.portal.services.media import can_use_library
from danvan.portal.services.workflow import ACTION_LABELS, NEEDS_REASON, actions_for

from .common import apply, crumbs


def shown_status(article: Article, now) -> tuple[str, str]:
    """(label, badge class) of a story's status as a reader would see it: a published story may be scheduled or
    expired."""
    if article.status == Article.Status.PUBLISHED:
        if article.publish_at and article.publish_at > now:
            return _("Hẹn giờ xuất bản"), "text-bg-info"
        if article.expire_at and article.expire_at <= now:
            return _("Đã hết hạn"), "text-bg-secondary"
        return _("Đang hiển thị"), "text-bg-success"
    css = {
        Article.Status.DRAFT: "text-bg-light border",
        Article.Status.SUBMITTED: "text-bg-warning",
        Article.Status.RETURNED: "text-bg-danger",
        Article.Status.WITHDRAWN: "text-bg-dark",
    }
    return article.get_status_display(), css[article.status]


@login_required
def article_list(request):
    sites = selectors.sites_visible_to(request.user)
    filterset = ArticleFilter(
        request.GET, queryset=selectors.articles_visible_to(request.user), request=request
    )
    filterset.form.fields["site"].queryset = sites
    filterset.form.fields["category"].queryset = Category.objects.filter(site__in=sites).select_related(
        "site"
    )
    rows = filtered_rows(filterset).order_by("-updated_at", "-id")
    page = page_of(request, rows)
    now = timezone.now()
    for article in page.object_list:
        article.shown_label, article.shown_css = shown_status(article, now)
    context = {
        "crumbs": crumbs(),
        "filter": filterset,
        "page_obj": page,
        "can_write": selectors.writable_categories(request.user).exists(),
        "has_sites": sites.exists(),
    }
    return render(request, "portal/editing/articles/list.html", context)


def _writable_sites(user):
    return Site.objects.filter(pk__in=selectors.writable_categories(user).values("site_id")).order_by("name")


@login_required
def article_create(request):
    sites = _writable_sites(request.user)
    site = sites.filter(pk=request.GET.get("site")).first() if request.GET.get("site", "").isdigit() else None
    if site is None:
        if len(sites) != 1:
            if not sites:
                raise NotAllowed(_("Bạn chưa được giao biên tập chuyên mục nào."))
            return render(
                request,
                "portal/editing/articles/choose_site.html",
                {"crumbs": crumbs((_("Viết bài"), None)), "sites": sites},
            )
        site = sites[0]
    form = ArticleForm(request.POST or None, user=request.user, site=site)
    if request.method == "POST" and form.is_valid():
        data = form.service_fields()
        article = apply(form, lambda: create_article(request.user, site=site, **data))
        if article is not None:
            messages.success(request, _("Đã lưu bản nháp. Bấm “Gửi duyệt” khi bài đã xong."))
            return redirect("portal:article_detail", article.pk)
    return _form_page(request, form, site, None)


def _editable(request, pk: int) -> Article:
    article = selectors.get_article_for(request.user, pk)
    if not can_edit_article(request.user, article):
        raise NotAllowed(_("Bạn không phải biên tập viên của chuyên mục này."))
    return article


@login_required
def article_edit(request, pk: int):
    article = _editable(request, pk)
    form = ArticleForm(request.POST or None, user=request.user, site=article.site, article=article)
    if request.method == "POST" and form.is_valid():
        data = form.service_fields()
        note = form.cleaned_data.get("note", "")
        saved = apply(form, lambda: update_article(request.user, article, note=note, **data))
        if saved is not None:
            if article.status == Article.Status.PUBLISHED and saved.status == Article.Status.SUBMITTED:
                messages.warning(request, _("Đã lưu. Bài đã xuất bản được sửa nên được gửi lại để duyệt."))
            else:
                messages.success(request, _("Đã lưu bài."))
            return redirect("portal:article_detail", saved.pk)
    return _form_page(request, form, article.site, article)


def _form_page(request, form, site, article):
    title = _("Sửa bài") if article else _("Viết bài")
    tail = [(article.title, reverse("portal:article_detail", args=[article.pk]))] if article else []
    context = {
        "crumbs": crumbs(*tail, (title, None)),
        "form": form,
        "site": site,
        "article": article,
        "title": title,
        "images_url": reverse("portal:image_choices", args=[site.pk]),
        "can_upload": can_use_library(request.user, site),
        "published_warning": article is not None
        and article.status == Article.Status.PUBLISHED
        and not can_approve(request.user, site),
    }
    return render(request, "portal/editing/articles/form.html", context)


@login_required
def article_detail(request, pk: int):
    article = selectors.get_article_for(request.user, pk)
    now = timezone.now()
    article.shown_label, article.shown_css = shown_status(article, now)
    actions = [
        {"name": name, "label": label, "needs_reason": name in NEEDS_REASON}
        for name, label in actions_for(request.user, article)
    ]
    context = {
        "crumbs": crumbs((article.title, None)),
        "article": article,
        "actions": actions,
        "can_edit": can_edit_article(request.user, article) and article.status != Article.Status.WITHDRAWN,
        "topics": list(article.topics.all()),
        "tags": list(article.tags.all()),
        "revisions": article.revisions.select_related("author")[:5],
        "history": history_for(article)[:50],
        "scheduled_past": article.status != Article.Status.PUBLISHED
        and article.publish_at is not None
        and article.publish_at <= now,
    }
    return render(request, "portal/editing/articles/detail.html", context)


@login_required
@require_POST
def article_transition(request, pk: int, action: str):
    article = selectors.get_article_for(request.user, pk)
    if action not in ACTION_LABELS:
        raise PermissionDenied(_("Thao tác không hợp lệ."))
    form = TransitionForm(request.POST)
    if not form.is_valid():
        for found in form.errors.values():
            for message in found:
                messages.error(request, message)
        return redirect("portal:article_detail", article.pk)
    try:
        done = transition(
            request.user,
            article,
            action,
            reason=form.cleaned_data["reason"],
            expected_status=form.cleaned_data["expected_status"] or None,
            expected_revision=form.cleaned_data["expected_revision"],
        )
    except ValidationError as error:
        for found in messages_of(error).values():
            for message in found:
                messages.error(request, message)
    else:
        texts = {
            "submit": _("Đã gửi bài để duyệt."),
            "return": _("Đã trả lại bài cho tác giả."),
            "publish": _("Đã duyệt, bài hiện trên trang lúc %(time)s.")
            % {"time": timezone.localtime(done.publish_at).strftime("%d/%m/%Y %H:%M")},
            "withdraw": _("Đã gỡ bài khỏi trang."),
            "reopen": _("Bài đã trở lại bản nháp."),
        }
        messages.success(request, texts[action])
    return redirect("portal:article_detail", article.pk)
