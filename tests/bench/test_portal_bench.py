"""`danvan bench portal`: the national portal's stories at a tiny scale, and each public read beside the plain SQL
that gives the same result (the crowd's part is `bench load`'s machinery, tested there)."""

import io
import re

import pytest
from django.core.management.base import OutputWrapper

from danvan.bench import portal
from danvan.portal.models import Article
from danvan.portal.services.articles import search_key_of


@pytest.mark.bench
@pytest.mark.django_db(transaction=True)
def test_bench_portal_builds_stories_like_the_services_and_times_each_read_beside_its_plain_sql():
    buffer = io.StringIO()
    out = OutputWrapper(buffer)  # as a command's stdout: a line per write
    busy = portal.build(0.002, out)
    rows = portal.measure(busy, 1, out)
    text = buffer.getvalue()

    assert re.search(r"[\d,]+ sites, [\d,]+ categories and 2,000 stories \([\d,]+ live\)", text), text
    statuses = set(Article.objects.values_list("status", flat=True))
    assert statuses == set(Article.Status.values)
    assert Article.objects.filter(
        status="published", publish_at__gt=portal.timezone.now()
    ).exists()  # scheduled
    assert Article.objects.filter(expire_at__lt=portal.timezone.now()).exists()  # expired
    # The search keys are what the service stores for the same title, summary and body.
    for article in Article.objects.order_by("?")[:20]:
        assert article.search_key == search_key_of(article), article.pk
    assert [row.operation for row in rows] == [
        "search, one site: words + category + a year",
        "search, all sites: words + a year",
        "search, all sites: rarer words + a year",
        "home page blocks of the busy site",
        "story page of the busy site",
    ]
    # compare() checked each read against its plain SQL before timing it; the search finds stories.
    assert re.search(r"search, all sites: words \+ a year \[[1-9][\d,]* found\]", text), text
    assert re.search(r"home page blocks of the busy site .*(PASS|FAIL)$", text, re.M), text
