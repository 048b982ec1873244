"""The situations pages of the activities: situation reports and hotspots under /hoat-dong/tinh-hinh/."""

from django.urls import path

from ..views import situations

urlpatterns: list = [
    path("tinh-hinh/", situations.situation_list, name="situation_list"),
    path("tinh-hinh/xuat.xlsx", situations.situation_export, name="situation_export"),
    path("tinh-hinh/bang/", situations.situation_table, name="situation_table"),
    path("tinh-hinh/them/", situations.situation_create, name="situation_create"),
    path("tinh-hinh/<int:pk>/", situations.situation_detail, name="situation_detail"),
    path("tinh-hinh/<int:pk>/sua/", situations.situation_edit, name="situation_edit"),
    path("tinh-hinh/<int:pk>/xu-ly/", situations.situation_step, name="situation_step"),
]
