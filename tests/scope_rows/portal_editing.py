"""Scope rows of the portal's back office (/tin-bai/): stories, their review and revisions, the site's settings and
furniture, images and documents. The images' files are public under a signed URL (visitors read them)."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from danvan.portal import media
from danvan.portal.services import create_article
from danvan.portal.services import media as media_services
from danvan.portal.services import sites as site_services

from .common import LOGIN, PRIVATE, row

A = {"pk": "portal_article"}
S = {"site": "portal_site"}
STORY = {"category": "@portal_category", "title": "Bài sửa", "body": "<p>Nội dung</p>"}
SITE = {"name": "Trang đã sửa", "slug": "trang-ma-tran", "is_active": "on"}
CATEGORY = {"name": "Chuyên mục mới", "position": "100", "is_active": "on"}
DOCUMENT = {"number": "1-KH", "kind": "Kế hoạch", "title": "Kế hoạch", "issued_on": "02/03/2026"}

# fmt: off
ROWS: list = [
    row("portal:article_list",       "GET",  LOGIN, 200, 200),
    row("portal:article_create",     "GET",  LOGIN, 403, 200),
    row("portal:article_create",     "POST", LOGIN, 403, 302, data=STORY, query="site=@portal_site"),
    row("portal:article_detail",     "GET",  LOGIN, 404, 200, **A),
    row("portal:article_edit",       "GET",  LOGIN, 404, 200, **A),
    row("portal:article_edit",       "POST", LOGIN, 404, 302, **A, data=STORY),
    row("portal:article_transition", "POST", LOGIN, 404, 302, **A, action="portal_submit"),
    row("portal:revision_list",      "GET",  LOGIN, 404, 200, **A),
    row("portal:revision_compare",   "GET",  LOGIN, 404, 200, **A),
    row("portal:revision_detail",    "GET",  LOGIN, 404, 200, **A, number="portal_revision"),
    row("portal:revision_restore",   "POST", LOGIN, 404, 302, **A, number="portal_revision"),
    row("portal:site_list",          "GET",  LOGIN, 200, 200),
    row("portal:site_create",        "GET",  LOGIN, 403, 403),
    row("portal:site_create",        "POST", LOGIN, 403, 403, data=SITE),
    row("portal:site_detail",        "GET",  LOGIN, 404, 200, **S),
    row("portal:site_edit",          "GET",  LOGIN, 404, 200, **S),
    row("portal:site_edit",          "POST", LOGIN, 404, 302, **S, data=SITE),
    row("portal:furniture_create",   "GET",  LOGIN, 404, 200, **S, kind="portal_categories"),
    row("portal:furniture_create",   "POST", LOGIN, 404, 302, **S, kind="portal_categories", data=CATEGORY),
    row("portal:furniture_edit",     "GET",  LOGIN, 404, 200, **S, kind="portal_categories", pk="portal_category"),
    row("portal:furniture_edit",     "POST", LOGIN, 404, 302, **S, kind="portal_categories", pk="portal_category",
        data=CATEGORY),
    row("portal:link_delete",        "POST", LOGIN, 404, 302, **S, pk="portal_link"),
    row("portal:image_list",         "GET",  LOGIN, 404, 200, **S),
    row("portal:image_list",         "POST", LOGIN, 404, 200, **S, data={"alt": "Ảnh"}),
    row("portal:image_choices",      "GET",  LOGIN, 404, 200, **S),
    row("portal:image_edit",         "GET",  LOGIN, 404, 200, **S, pk="portal_image"),
    row("portal:image_edit",         "POST", LOGIN, 404, 302, **S, pk="portal_image", data={"alt": "Ảnh"}),
    row("portal:image_file",         "GET",  200,   200, 200, pk="portal_image", width="portal_original",
        signature="portal_signature"),
    row("portal:document_list",      "GET",  LOGIN, 404, 200, **S),
    row("portal:document_create",    "GET",  LOGIN, 404, 200, **S),
    row("portal:document_create",    "POST", LOGIN, 404, 200, **S, data=DOCUMENT),
    row("portal:document_edit",      "GET",  LOGIN, 404, 200, **S, pk="portal_document"),
    row("portal:document_edit",      "POST", LOGIN, 404, 302, **S, pk="portal_document", data=DOCUMENT),
    row("portal:document_file",      "GET",  LOGIN, 404, 200, **S, pk="portal_document"),
]
# fmt: on


def build(world: dict) -> dict:
    """The commune's site, with a category, a topic, a link, a story, an image and a document (names carry
    PRIVATE, except the site's: an open site's name is public, in the API's list of sites)."""
    commune, owner = world["commune"], world["owner"]
    site = site_services.save_site(owner, None, unit=commune, name="Trang tin của xã", slug="ma-tran")
    category = site_services.save_category(owner, site, None, name=f"Chuyên mục {PRIVATE}")
    link = site_services.save_link(owner, site, None, name=f"Liên kết {PRIVATE}", url="https://example.vn")
    article = create_article(
        owner, site=site, category=category, title=f"Bài {PRIVATE}", body="<p>Nội dung</p>"
    )
    out = io.BytesIO()
    PILImage.new("RGB", (400, 300), (10, 120, 10)).save(out, "JPEG")
    image = media_services.upload_image(
        owner, site, SimpleUploadedFile("a.jpg", out.getvalue()), alt=f"Ảnh {PRIVATE}"
    )
    document = media_services.save_document(
        owner,
        site,
        None,
        file=SimpleUploadedFile("kh.pdf", b"%PDF-1.4 ma tran"),
        number="1-KH",
        kind="Kế hoạch",
        title=f"Kế hoạch {PRIVATE}",
        issued_on=datetime.date(2026, 3, 2),
    )
    return {
        "portal_site": site,
        "portal_category": category,
        "portal_link": link,
        "portal_article": article,
        "portal_submit": "submit",
        "portal_revision": 1,
        "portal_categories": "chuyen-muc",
        "portal_image": image,
        "portal_original": 0,
        "portal_signature": media.signature(image.pk, 0),
        "portal_document": document,
    }
