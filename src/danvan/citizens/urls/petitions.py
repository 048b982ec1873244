"""The register's pages (/don-thu/don/…)."""

from django.urls import path

from ..views import petitions

urlpatterns: list = [
    path("don/", petitions.petition_list, name="petition_list"),
    path("don/xuat.xlsx", petitions.petition_export, name="petition_export"),
    path("don/nhan/", petitions.petition_create, name="petition_create"),
    path("don/<int:pk>/", petitions.petition_detail, name="petition_detail"),
    path("don/<int:pk>/buoc/<slug:action>/", petitions.petition_step, name="petition_step"),
    path("don/tep/<int:pk>/", petitions.petition_attachment, name="petition_attachment"),
]
