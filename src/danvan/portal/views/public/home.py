"""A site's home page and its lists: a category, a topic, a tag, the search by words, category and date range."""

import functools

from django.views.decorators.http import require_safe

from danvan.core.errors import ValidationError, messages_of
from danvan.core.lists import page_of
from danvan.portal.selectors import public as selectors
from danvan.portal.selectors.search import Search, parse_search, search_articles

from .common import public_page, render_public

LIST_PAGE_SIZE = 15


@require_safe
@public_page
def home(request, site):
    """Hot news, featured news, the latest stories, and the latest of each category (cached with the site's version)."""
    return render_public(
        request,
        site,
        "portal/public/home.html",
        {"blocks": functools.cache(functools.partial(selectors.home_blocks, site))},
    )


def _list_page(request, site, template: str, title: str, articles, canonical: tuple, **context):
    page = page_of(request, articles.prefetch_related("cover__renditions"), LIST_PAGE_SIZE)
    return render_public(
        request,
        site,
        template,
        {"title": title, "page_obj": page, **context},
        canonical=canonical,
    )


@require_safe
@public_page
def category(request, site, slug: str):
    found = selectors.public_category(site, slug)
    return _list_page(
        request,
        site,
        "portal/public/list.html",
        found.name,
        selectors.category_articles(site, found),
        ("category", found.slug),
        category=found,
        description=found.description,
    )


@require_safe
@public_page
def topic(request, site, slug: str):
    found = selectors.public_topic(site, slug)
    return _list_page(
        request,
        site,
        "portal/public/list.html",
        found.name,
        selectors.live_articles(site).filter(topics=found),
        ("topic", found.slug),
        description=found.description,
    )


@require_safe
@public_page
def tag(request, site, slug: str):
    found = selectors.public_tag(slug)
    return _list_page(
        request,
        site,
        "portal/public/list.html",
        found.name,
        selectors.live_articles(site).filter(tags=found),
        ("tag", found.slug),
    )


@require_safe
@public_page
def search(request, site):
    """Words (without accents too), category, from and to (dd/mm/yyyy); a bad day is named above the form."""
    errors = {}
    try:
        asked = parse_search(site, request.GET)
    except ValidationError as error:
        errors, asked = messages_of(error), Search()
    found = (
        []
        if errors or asked.empty
        else search_articles(site, asked.q, asked.category, asked.date_from, asked.date_to)
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render_public(
        request,
        site,
        "portal/public/search.html",
        {
            "page_obj": page_of(request, found, LIST_PAGE_SIZE),
            "asked": asked,
            "errors": errors,
            "values": request.GET,
            "query": query.urlencode(),
            "categories": selectors.menu_categories(site),
        },
        canonical=("search",),
    )
