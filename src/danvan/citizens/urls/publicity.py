"""The publicity checklist under /don-thu/cong-khai/."""

from django.urls import path

from ..views import publicity

urlpatterns: list = [
    path("cong-khai/", publicity.publicity_checklist, name="publicity_checklist"),
    path("cong-khai/ghi-nhan/", publicity.publicity_record, name="publicity_record"),
    path("cong-khai/<int:pk>/", publicity.publication_detail, name="publication_detail"),
    path("cong-khai/<int:pk>/sua/", publicity.publication_edit, name="publication_edit"),
    path("cong-khai/<int:pk>/tep/", publicity.publication_file, name="publication_file"),
    path("cong-khai/<int:pk>/hinh-thuc/", publicity.publication_channel_add, name="publication_channel_add"),
    path(
        "cong-khai/hinh-thuc/<int:pk>/xoa/",
        publicity.publication_channel_remove,
        name="publication_channel_remove",
    ),
    path(
        "cong-khai/hinh-thuc/<int:pk>/tep/",
        publicity.publication_channel_file,
        name="publication_channel_file",
    ),
]
