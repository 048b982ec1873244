"""The public pages without sign-in (feedback and its tracking, what a commune publicises, consultations)."""

from . import feedback_public

app_name = "citizens_public"
urlpatterns: list = [
    *feedback_public.urlpatterns,
]
