"""The public pages of publicity and consultations (no sign-in): /cong-khai/…, /lay-y-kien/…"""

from django.urls import path

from ..views import public_publicity as views

urlpatterns: list = [
    path("cong-khai/<int:unit_id>/", views.public_publicity, name="public_publicity"),
    path("cong-khai/tep/<int:pk>/", views.public_publication_file, name="public_publication_file"),
    path("lay-y-kien/<int:pk>/", views.public_consultation, name="public_consultation"),
    path("lay-y-kien/<int:pk>/tep/", views.public_consultation_file, name="public_consultation_file"),
]
