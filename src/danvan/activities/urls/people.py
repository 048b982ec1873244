"""The people pages of the activities: /hoat-dong/can-bo/…"""

from django.urls import path

from ..views import people

urlpatterns: list = [
    path("can-bo/", people.person_list, name="person_list"),
    path("can-bo/them/", people.person_create, name="person_create"),
    path("can-bo/xuat.xlsx", people.person_export, name="person_export"),
    path("can-bo/nhap-excel/", people.person_import, name="person_import"),
    path("can-bo/nhap-excel/mau.xlsx", people.person_import_template, name="person_import_template"),
    path("can-bo/<int:pk>/", people.person_detail, name="person_detail"),
    path("can-bo/<int:pk>/sua/", people.person_edit, name="person_edit"),
    path("can-bo/<int:pk>/chuc-vu/them/", people.post_add, name="post_add"),
    path("can-bo/chuc-vu/<int:pk>/sua/", people.post_edit, name="post_edit"),
    path("can-bo/chuc-vu/<int:pk>/thoi-giu/", people.post_end, name="post_end"),
    path("can-bo/chuc-vu/<int:pk>/xoa/", people.post_delete, name="post_delete"),
]
