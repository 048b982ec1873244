from django.urls import path

from . import views

app_name = "orgunits"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("danh-sach/", views.unit_list, name="unit_list"),
    path("danh-sach/xuat.xlsx", views.export_units, name="export_units"),
    path("tim/", views.search, name="search"),
    path("them/", views.create, name="create"),
    path("nhap-excel/", views.import_units, name="import_units"),
    path("nhap-excel/mau.xlsx", views.import_template, name="import_template"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/con/", views.tree_children, name="tree_children"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/ket-thuc/", views.close, name="close"),
    path("<int:owner_pk>/khoi/them/", views.group_edit, name="group_create"),
    path("khoi/<int:pk>/sua/", views.group_edit, name="group_edit"),
]
