"""The receptions' pages under /don-thu/tiep-cong-dan/."""

from django.urls import path

from ..views import receptions

urlpatterns: list = [
    path("tiep-cong-dan/", receptions.reception_list, name="reception_list"),
    path("tiep-cong-dan/xuat.xlsx", receptions.reception_export, name="reception_export"),
    path("tiep-cong-dan/them/", receptions.reception_create, name="reception_create"),
    path("tiep-cong-dan/lich/", receptions.reception_schedule, name="reception_schedule"),
    path("tiep-cong-dan/tan-suat/", receptions.reception_compliance, name="reception_compliance"),
    path("tiep-cong-dan/<int:pk>/", receptions.reception_detail, name="reception_detail"),
    path("tiep-cong-dan/<int:pk>/sua/", receptions.reception_edit, name="reception_edit"),
    path("tiep-cong-dan/<int:pk>/cam-ket/", receptions.reception_commitment, name="reception_commitment"),
    path("tiep-cong-dan/<int:pk>/don/", receptions.reception_petition, name="reception_petition"),
]
