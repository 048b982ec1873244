"""The story page (counted one view more at each reading, in one UPDATE), its print view, its rating by a visitor.
Its images are the library's signed URLs (`portal.media.rendition_url`), public and cached by browsers."""

import functools

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from danvan.core.errors import ValidationError, messages_of
from danvan.portal import media, visits
from danvan.portal.selectors import public as selectors
from danvan.portal.seo import article_json_ld, on_own_host, site_path
from danvan.portal.services.ratings import count_view, rate_article

from .common import public_page, render_public


def _story_context(request, site, article) -> dict:
    host_mode = on_own_host(request)
    url = request.build_absolute_uri(site_path(site, "article", article.slug, host_mode=host_mode))
    image_url = ""
    if article.cover_id:
        image_url = request.build_absolute_uri(media.rendition_url(article.cover, 1280))
    return {
        "article": article,
        "page_url": url,
        "image_url": image_url,
        "json_ld": article_json_ld(article, url, image_url),
        "around": functools.cache(functools.partial(selectors.around_story, article)),
        "tags": functools.partial(article.tags.all),
        "topics": functools.partial(article.topics.filter, is_active=True),
        "cover_widths": functools.partial(
            lambda: list(article.cover.renditions.values_list("width", flat=True)) if article.cover_id else []
        ),
    }


@require_safe
@public_page
def article(request, site, slug: str):
    found = selectors.public_article(site, slug)
    count_view(found)
    found.view_count += 1  # as the UPDATE just left it (this reader included)
    context = _story_context(request, site, found)
    return render_public(
        request, site, "portal/public/article.html", context, canonical=("article", found.slug)
    )


@require_safe
@public_page
def article_print(request, site, slug: str):
    found = selectors.public_article(site, slug)
    context = _story_context(request, site, found)
    return render_public(
        request, site, "portal/public/print.html", context, canonical=("article", found.slug)
    )


@require_POST
@public_page
def rate(request, site, slug: str):
    """1–5 stars, once per visitor (the random cookie id, stored only as an HMAC); a second rating is refused."""
    found = selectors.public_article(site, slug)
    visitor = visits.keyed_hash("rating", visits.visitor_id(request))
    try:
        rate_article(found, visitor, request.POST.get("stars"))
    except ValidationError as error:
        for found_messages in messages_of(error).values():
            for message in found_messages:
                messages.warning(request, message)
    else:
        messages.success(request, _("Cảm ơn bạn đã đánh giá bài viết."))
    path = site_path(site, "article", found.slug, host_mode=on_own_host(request))
    return redirect(f"{path}#danh-gia")
