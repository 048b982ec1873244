"""The public sites, under /trang/<site>/ (or at the root of a site's own host name: `host.py`, the same pages)."""

from django.urls import path

from danvan.portal.feeds import SiteAtomFeed, SiteFeed
from danvan.portal.views.public import home, story, unit

app_name = "portal_public"

# (route inside a site, view, name): mounted under <site>/ here, at the root in host.py.
SITE_PAGES = [
    ("", home.home, "home"),
    ("chuyen-muc/<slug:slug>/", home.category, "category"),
    ("chuyen-muc/<slug:slug>/rss/", SiteFeed(), "category_rss"),
    ("chuyen-muc/<slug:slug>/atom/", SiteAtomFeed(), "category_atom"),
    ("chu-de/<slug:slug>/", home.topic, "topic"),
    ("tu-khoa/<slug:slug>/", home.tag, "tag"),
    ("tim-kiem/", home.search, "search"),
    ("tin/<slug:slug>/", story.article, "article"),
    ("tin/<slug:slug>/in/", story.article_print, "article_print"),
    ("tin/<slug:slug>/danh-gia/", story.rate, "rate"),
    ("rss/", SiteFeed(), "rss"),
    ("atom/", SiteAtomFeed(), "atom"),
    ("lich-cong-tac/", unit.calendar, "calendar"),
    ("dan-van-kheo/", unit.showcase, "showcase"),
    ("cong-khai/", unit.publicity, "publicity"),
    ("van-ban/", unit.documents, "documents"),
    ("van-ban/<int:pk>/tep/", unit.document_file, "document_file"),
    ("to-chuc/", unit.organisation, "organisation"),
    ("gioi-thieu/<slug:slug>/", unit.page, "page"),
    ("don-vi-hanh-chinh/", unit.units, "units"),
]

urlpatterns = [path(f"<slug:site>/{route}", view, name=name) for route, view, name in SITE_PAGES]
