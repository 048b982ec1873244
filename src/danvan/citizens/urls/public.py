"""The public pages without sign-in (feedback and its tracking, what a commune publicises, consultations)."""

from django.urls import path

from ..views import receptions

app_name = "citizens_public"
urlpatterns: list = [
    path("tiep-cong-dan/<int:unit_id>/", receptions.public_schedule, name="reception_schedule"),
]
