from django.urls import path

from .views import campaigns, counts, lifecycle, register, showcase

app_name = "practices"
urlpatterns: list = [
    # register
    path("", register.practice_list, name="practice_list"),
    path("dang-ky/", register.create, name="create"),
    path("dang-ky/linh-vuc/", register.field_choices, name="field_choices"),
    path("<int:pk>/", register.detail, name="detail"),
    path("<int:pk>/sua/", register.edit, name="edit"),
    path("linh-vuc/", register.fields, name="fields"),
    path("nhap-excel/", register.import_practices, name="import_practices"),
    path("nhap-excel/mau.xlsx", register.import_template, name="import_template"),
    path("xuat.xlsx", register.export_practices, name="export_practices"),
    # lifecycle
    path("<int:pk>/tien-trinh/", lifecycle.transition, name="transition"),
    path("<int:pk>/nhan-rong/", lifecycle.replicate, name="replicate"),
    path("<int:pk>/tiep-tuc/", lifecycle.reconfirm, name="reconfirm"),
    path("<int:pk>/khen-thuong/", lifecycle.commendation_add, name="commendation_add"),
    path("<int:pk>/tep/them/", lifecycle.attachment_add, name="attachment_add"),
    path("tep/<int:pk>/", lifecycle.attachment, name="attachment"),
    path("tep/<int:pk>/xoa/", lifecycle.attachment_delete, name="attachment_delete"),
    # campaigns
    path("dot-dang-ky/", campaigns.campaigns, name="campaigns"),
    path("dot-dang-ky/mo/", campaigns.campaign_create, name="campaign_create"),
    path("dot-dang-ky/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    # counts
    path("thong-ke/", counts.stats, name="stats"),
    path("thong-ke/xuat.xlsx", counts.stats_export, name="stats_export"),
    # public showcase
    path("cong-khai/", showcase.showcase, name="showcase"),
    path("cong-khai/<int:pk>/", showcase.showcase_detail, name="showcase_detail"),
    path("cong-khai/anh/<int:pk>/", showcase.showcase_photo, name="showcase_photo"),
]
