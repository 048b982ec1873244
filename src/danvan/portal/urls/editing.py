"""The back office's pages under /tin-bai/: stories, their review and revisions, the sites with their furniture,
images and documents."""

from django.urls import path

from danvan.portal.views.editing import articles, media, revisions, sites

ARTICLE = "<int:pk>/"
SITE = "trang/<int:site>/"

urlpatterns = [
    path("", articles.article_list, name="article_list"),
    path("viet-bai/", articles.article_create, name="article_create"),
    path(ARTICLE, articles.article_detail, name="article_detail"),
    path(f"{ARTICLE}sua/", articles.article_edit, name="article_edit"),
    path(f"{ARTICLE}duyet/<str:action>/", articles.article_transition, name="article_transition"),
    path(f"{ARTICLE}phien-ban/", revisions.revision_list, name="revision_list"),
    path(f"{ARTICLE}phien-ban/so-sanh/", revisions.revision_compare, name="revision_compare"),
    path(f"{ARTICLE}phien-ban/<int:number>/", revisions.revision_detail, name="revision_detail"),
    path(f"{ARTICLE}phien-ban/<int:number>/khoi-phuc/", revisions.revision_restore, name="revision_restore"),
    path("trang/", sites.site_list, name="site_list"),
    path("trang/mo/", sites.site_create, name="site_create"),
    path(SITE, sites.site_detail, name="site_detail"),
    path(f"{SITE}thiet-lap/", sites.site_edit, name="site_edit"),
    path(f"{SITE}lien-ket/<int:pk>/xoa/", sites.link_delete, name="link_delete"),
    path(f"{SITE}anh/", media.image_list, name="image_list"),
    path(f"{SITE}anh/chon.json", media.image_choices, name="image_choices"),
    path(f"{SITE}anh/<int:pk>/", media.image_edit, name="image_edit"),
    path("anh/<int:pk>/<int:width>/<str:signature>/", media.image_file, name="image_file"),
    path(f"{SITE}van-ban/", media.document_list, name="document_list"),
    path(f"{SITE}van-ban/them/", media.document_form, name="document_create"),
    path(f"{SITE}van-ban/<int:pk>/", media.document_form, name="document_edit"),
    path(f"{SITE}van-ban/<int:pk>/tep/", media.document_file, name="document_file"),
    # Last: the furniture's word (chuyen-muc, chu-de, trang-tinh, lien-ket) would also match anh/ and van-ban/.
    path(f"{SITE}<str:kind>/them/", sites.furniture_form, name="furniture_create"),
    path(f"{SITE}<str:kind>/<int:pk>/", sites.furniture_form, name="furniture_edit"),
]
