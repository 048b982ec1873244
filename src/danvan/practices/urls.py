from django.urls import path

from . import views

app_name = "practices"
urlpatterns: list = [
    # register
    path("", views.practice_list, name="list"),
    path("dang-ky/", views.practice_create, name="create"),
    path("dang-ky/linh-vuc/", views.practice_field_choices, name="field_choices"),
    path("<int:pk>/", views.practice_detail, name="detail"),
    path("<int:pk>/sua/", views.practice_edit, name="edit"),
    path("<int:pk>/tien-trinh/", views.practice_transition, name="transition"),
    path("<int:pk>/nhan-rong/", views.practice_replicate, name="replicate"),
    path("<int:pk>/tiep-tuc/", views.practice_reconfirm, name="reconfirm"),
    path("<int:pk>/khen-thuong/", views.commendation_add, name="commendation_add"),
    path("<int:pk>/tep/them/", views.attachment_add, name="attachment_add"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
    path("tep/<int:pk>/xoa/", views.attachment_delete, name="attachment_delete"),
    path("dot-dang-ky/", views.campaign_list, name="campaigns"),
    path("dot-dang-ky/mo/", views.campaign_create, name="campaign_create"),
    path("dot-dang-ky/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("linh-vuc/", views.field_list, name="fields"),
    # counts
    path("thong-ke/", views.stats_page, name="stats"),
    path("thong-ke/xuat.xlsx", views.stats_export, name="stats_export"),
    # import / export
    path("nhap-excel/", views.import_practices, name="import"),
    path("nhap-excel/mau.xlsx", views.import_template, name="import_template"),
    path("xuat.xlsx", views.export_practices, name="export"),
    # public showcase
    path("cong-khai/", views.showcase, name="showcase"),
    path("cong-khai/<int:pk>/", views.showcase_detail, name="showcase_detail"),
]
