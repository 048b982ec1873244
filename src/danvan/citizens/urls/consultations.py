"""The consultations under /don-thu/lay-y-kien/."""

from django.urls import path

from ..views import consultations

urlpatterns: list = [
    path("lay-y-kien/", consultations.consultation_list, name="consultation_list"),
    path("lay-y-kien/them/", consultations.consultation_create, name="consultation_create"),
    path("lay-y-kien/<int:pk>/", consultations.consultation_detail, name="consultation_detail"),
    path("lay-y-kien/<int:pk>/sua/", consultations.consultation_edit, name="consultation_edit"),
    path("lay-y-kien/<int:pk>/buoc/", consultations.consultation_step, name="consultation_step"),
    path("lay-y-kien/<int:pk>/gop-y/", consultations.consultation_comment, name="consultation_comment"),
    path("lay-y-kien/<int:pk>/bieu-quyet/", consultations.consultation_ballot, name="consultation_ballot"),
    path("lay-y-kien/<int:pk>/tep/", consultations.consultation_file, name="consultation_file"),
]
