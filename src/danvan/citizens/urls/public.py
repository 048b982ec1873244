"""The citizens' public pages without sign-in (feedback and its tracking, what a commune publicises, consultations)."""

from django.urls import path

from ..views import receptions
from . import feedback_public, public_publicity

app_name = "citizens_public"
urlpatterns: list = [
    *public_publicity.urlpatterns,
    *feedback_public.urlpatterns,
    path("tiep-cong-dan/<int:unit_id>/", receptions.public_schedule, name="reception_schedule"),
]
