"""The oversight pages of the activities: inspections and supervisions under /hoat-dong/kiem-tra/."""

from django.urls import path

from ..views import oversight

urlpatterns: list = [
    path("kiem-tra/", oversight.inspection_list, name="inspection_list"),
    path("kiem-tra/xuat.xlsx", oversight.inspection_export, name="inspection_export"),
    path("kiem-tra/ke-hoach/", oversight.plan_list, name="plan_list"),
    path("kiem-tra/ke-hoach/them/", oversight.plan_create, name="plan_create"),
    path("kiem-tra/them/", oversight.inspection_create, name="inspection_create"),
    path("kiem-tra/<int:pk>/", oversight.inspection_detail, name="inspection_detail"),
    path("kiem-tra/<int:pk>/sua/", oversight.inspection_edit, name="inspection_edit"),
    path("kiem-tra/<int:pk>/bat-dau/", oversight.inspection_start, name="inspection_start"),
    path("kiem-tra/<int:pk>/ket-luan/", oversight.inspection_conclude, name="inspection_conclude"),
    path("kiem-tra/<int:pk>/kiem-tra-lai/", oversight.inspection_recheck, name="inspection_recheck"),
]
