from django.urls import path

from . import views

app_name = "reporting"
urlpatterns: list = [
    # --- entry: home, data entry grid, workflow, completeness ---
    path("", views.home, name="home"),
    path("bieu-mau/<int:form_id>/tien-do/", views.completeness, name="completeness"),
    path("bieu-mau/<int:form_id>/<int:unit_id>/<str:period>/", views.entry, name="entry"),
    path(
        "bieu-mau/<int:form_id>/<int:unit_id>/<str:period>/o/<int:indicator_id>/",
        views.entry_cell,
        name="cell",
    ),
    path(
        "bieu-mau/<int:form_id>/<int:unit_id>/<str:period>/o/<int:indicator_id>/lich-su/",
        views.entry_cell_history,
        name="cell_history",
    ),
    path(
        "bieu-mau/<int:form_id>/<int:unit_id>/<str:period>/lam-moi/",
        views.entry_refresh,
        name="entry_refresh",
    ),
    path(
        "bieu-mau/<int:form_id>/<int:unit_id>/<str:period>/phan-loi/", views.entry_narrative, name="narrative"
    ),
    path(
        "bieu-mau/<int:form_id>/<int:unit_id>/<str:period>/quy-trinh/",
        views.entry_transition,
        name="transition",
    ),
    # --- definitions: indicators, forms, sections, rules ---
    path("chi-tieu/", views.indicator_list, name="indicators"),
    path("chi-tieu/tao/", views.indicator_create, name="indicator_create"),
    path("chi-tieu/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("chi-tieu/<int:pk>/sua/", views.indicator_edit, name="indicator_edit"),
    path("phan-to/", views.category_list, name="categories"),
    path("phan-to/tao/", views.category_create, name="category_create"),
    path("phan-to/<int:pk>/sua/", views.category_edit, name="category_edit"),
    path("bieu-mau/", views.form_list, name="forms"),
    path("bieu-mau/tao/", views.form_create, name="form_create"),
    path("bieu-mau/<int:pk>/", views.form_detail, name="form_detail"),
    path("bieu-mau/<int:pk>/sua/", views.form_edit, name="form_edit"),
    path("bieu-mau/<int:pk>/phan/them/", views.section_create, name="section_create"),
    path("bieu-mau/<int:pk>/phan/<int:section_id>/", views.section_edit, name="section_edit"),
    path("bieu-mau/<int:pk>/phan/<int:section_id>/xoa/", views.section_delete, name="section_delete"),
    path("bieu-mau/<int:pk>/phan/<int:section_id>/di-chuyen/", views.section_move, name="section_move"),
    path("bieu-mau/<int:pk>/quy-tac/them/", views.rule_create, name="rule_create"),
    path("bieu-mau/<int:pk>/quy-tac/<int:rule_id>/", views.rule_edit, name="rule_edit"),
    path("bieu-mau/<int:pk>/quy-tac/<int:rule_id>/xoa/", views.rule_delete, name="rule_delete"),
    # --- analytics: pivot, charts, Excel export ---
    path("tong-hop/", views.analytics, name="analytics"),
    path("tong-hop/excel/", views.analytics_export, name="analytics_export"),
    # --- documents: the Party-format report, Word and PDF ---
    path("van-ban/<int:form_id>/<int:unit_id>/<str:period>/", views.document_page, name="document"),
    path(
        "van-ban/<int:form_id>/<int:unit_id>/<str:period>/tien-do/",
        views.document_progress,
        name="document_progress",
    ),
    path(
        "van-ban/<int:form_id>/<int:unit_id>/<str:period>/tai-ve/",
        views.document_download,
        name="document_download",
    ),
]
