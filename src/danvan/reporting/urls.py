"""URLs of periodic reporting; each name is the name of its view."""

from django.urls import path

from .views import (
    analytics,
    completeness,
    documents,
    entry,
    home,
    indicators,
    offline,
    printout,
    report_forms,
    rules,
    sections,
)

REPORT = "bieu-mau/<int:form_id>/<int:unit_id>/<str:period>/"
DOCUMENT = "van-ban/<int:form_id>/<int:unit_id>/<str:period>/"

app_name = "reporting"
urlpatterns: list = [
    # --- entry: home, data entry grid, workflow, completeness ---
    path("", home.home, name="home"),
    path("bieu-mau/<int:form_id>/tien-do/", completeness.completeness, name="completeness"),
    path(
        "bieu-mau/<int:form_id>/tien-do/duyet/",
        completeness.completeness_approve,
        name="completeness_approve",
    ),
    path(
        "bieu-mau/<int:form_id>/tien-do/nhac-nho/", completeness.completeness_nudge, name="completeness_nudge"
    ),
    path(
        "bieu-mau/<int:form_id>/tien-do/chua-nop.xlsx",
        completeness.completeness_missing_export,
        name="completeness_missing_export",
    ),
    path(REPORT, entry.entry, name="entry"),
    path(f"{REPORT}o/<int:indicator_id>/", entry.entry_cell, name="entry_cell"),
    path(f"{REPORT}o/<int:indicator_id>/lich-su/", entry.entry_cell_history, name="entry_cell_history"),
    path(f"{REPORT}o/<int:indicator_id>/ghi-chu/", entry.entry_cell_comment, name="entry_cell_comment"),
    path(f"{REPORT}lam-moi/", entry.entry_refresh, name="entry_refresh"),
    path(f"{REPORT}phan-loi/", entry.entry_narrative, name="entry_narrative"),
    path(f"{REPORT}quy-trinh/", entry.entry_transition, name="entry_transition"),
    path(f"{REPORT}ban-in/", printout.entry_print, name="entry_print"),
    # --- working offline: the report's form as an Excel file, and its upload ---
    path(f"{REPORT}xuat.xlsx", offline.offline_download, name="offline_download"),
    path(f"{REPORT}nhap-excel/", offline.offline_upload, name="offline_upload"),
    # --- definitions: indicators, categories, forms, sections, rules ---
    path("chi-tieu/", indicators.indicator_list, name="indicator_list"),
    path("chi-tieu/tao/", indicators.indicator_create, name="indicator_create"),
    path("chi-tieu/<int:pk>/", indicators.indicator_detail, name="indicator_detail"),
    path("chi-tieu/<int:pk>/sua/", indicators.indicator_edit, name="indicator_edit"),
    path("phan-to/", indicators.category_list, name="category_list"),
    path("phan-to/tao/", indicators.category_create, name="category_create"),
    path("phan-to/<int:pk>/sua/", indicators.category_edit, name="category_edit"),
    path("bieu-mau/", report_forms.form_list, name="form_list"),
    path("bieu-mau/tao/", report_forms.form_create, name="form_create"),
    path("bieu-mau/<int:pk>/", report_forms.form_detail, name="form_detail"),
    path("bieu-mau/<int:pk>/sua/", report_forms.form_edit, name="form_edit"),
    path("bieu-mau/<int:pk>/phan/them/", sections.section_create, name="section_create"),
    path("bieu-mau/<int:pk>/phan/<int:section_id>/", sections.section_edit, name="section_edit"),
    path("bieu-mau/<int:pk>/phan/<int:section_id>/xoa/", sections.section_delete, name="section_delete"),
    path("bieu-mau/<int:pk>/phan/<int:section_id>/di-chuyen/", sections.section_move, name="section_move"),
    path("bieu-mau/<int:pk>/quy-tac/them/", rules.rule_create, name="rule_create"),
    path("bieu-mau/<int:pk>/quy-tac/<int:rule_id>/", rules.rule_edit, name="rule_edit"),
    path("bieu-mau/<int:pk>/quy-tac/<int:rule_id>/xoa/", rules.rule_delete, name="rule_delete"),
    # --- analytics: pivot, charts, Excel export ---
    path("tong-hop/", analytics.analytics, name="analytics"),
    path("tong-hop/xuat.xlsx", analytics.analytics_export, name="analytics_export"),
    # --- documents: the Party-format report, Word and PDF ---
    path(DOCUMENT, documents.document_page, name="document_page"),
    path(f"{DOCUMENT}tien-do/", documents.document_progress, name="document_progress"),
    path(f"{DOCUMENT}tai-ve/", documents.document_download, name="document_download"),
]
