"""The portal's public API (no sign-in: what a visitor sees): /api/v1/portal/sites, the live stories of a site
(or of all sites) searched by words without accents, category and date range — the search page's selector — and a
story by its address. A draft, withdrawn, future or expired story is a 404, as on the site."""

import datetime

from ninja import Field as SchemaField
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.portal.models import Article, Site
from danvan.portal.selectors import public as selectors
from danvan.portal.selectors.search import QUERY_MAX, parse_search, search_articles

router = Router(tags=["portal"])
# Naming a site or a story that is not public answers 404: documented here, since the API documents 404 by itself
# only for the signed-in operations.
NOT_FOUND = {
    "responses": {
        404: {
            "description": "Không có trang, hoặc tin bài chưa (hay không còn) công khai.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    }
}
SEARCH_HELP = (
    "`q`: các từ (không dấu cũng được: “dan van kheo” tìm thấy “Dân vận khéo”), `category`: đường dẫn chuyên mục, "
    "`from`, `to`: ngày đăng (dd/mm/yyyy hoặc yyyy-mm-dd, tính cả hai ngày). Mới nhất trước. "
    "Phân trang: `limit`, `offset`."
)


class PortalUnitOut(Schema):
    id: int
    name: str


class PortalSiteOut(Schema):
    slug: str
    name: str
    unit: PortalUnitOut


class PortalArticleListOut(Schema):
    slug: str
    title: str
    published: datetime.datetime = SchemaField(..., alias="publish_at")
    category: str = SchemaField(..., alias="category.slug")
    site: str = SchemaField(..., alias="site.slug")


class PortalArticleOut(PortalArticleListOut):
    summary: str
    body: str = SchemaField(..., description="HTML đã lọc an toàn.")
    category_name: str = SchemaField(..., alias="category.name")
    author: str
    source: str
    source_url: str
    tags: list[str]
    topics: list[str]
    view_count: int
    rating_sum: int
    rating_count: int

    @staticmethod
    def resolve_tags(obj):
        return [tag.slug for tag in obj.tags.all()]

    @staticmethod
    def resolve_topics(obj):
        return [topic.slug for topic in obj.topics.filter(is_active=True)]


class PortalSitesOut(Schema):
    items: list[PortalSiteOut]


class ArticleQuery(Schema):
    q: str = SchemaField("", max_length=QUERY_MAX, description="Các từ cần tìm, không dấu cũng được.")
    category: str = SchemaField("", max_length=80, description="Đường dẫn (slug) của chuyên mục.")
    date_from: str = SchemaField("", alias="from", max_length=20, description="Từ ngày (dd/mm/yyyy).")
    date_to: str = SchemaField("", alias="to", max_length=20, description="Đến ngày (dd/mm/yyyy).")


def _search(site: Site | None, filters: ArticleQuery):
    asked = parse_search(
        site, {"q": filters.q, "category": filters.category, "from": filters.date_from, "to": filters.date_to}
    )
    return search_articles(site, asked.q, asked.category, asked.date_from, asked.date_to, covers=False)


@router.get("/sites", response=PortalSitesOut, auth=None, summary="Các trang thông tin công khai")
def list_sites(request):
    return {"items": list(Site.objects.filter(is_active=True).select_related("unit").order_by("name"))}


@router.get(
    "/articles",
    response=list[PortalArticleListOut],
    auth=None,
    summary="Tìm tin bài trên mọi trang",
    description=SEARCH_HELP,
)
@paginate(LimitOffsetPagination)
def search_all(request, filters: Query[ArticleQuery]):
    return _search(None, filters)


@router.get(
    "/{site}/articles",
    response=list[PortalArticleListOut],
    auth=None,
    openapi_extra=NOT_FOUND,
    summary="Tin bài của một trang",
    description=SEARCH_HELP,
)
@paginate(LimitOffsetPagination)
def list_articles(request, site: str, filters: Query[ArticleQuery]):
    return _search(selectors.public_site(site), filters)


@router.get(
    "/{site}/articles/{slug}",
    response=PortalArticleOut,
    auth=None,
    openapi_extra=NOT_FOUND,
    summary="Một tin bài đang công khai",
)
def get_article(request, site: str, slug: str) -> Article:
    found = selectors.public_article(selectors.public_site(site), slug)
    return Article.objects.select_related("category", "site").prefetch_related("tags").get(pk=found.pk)
