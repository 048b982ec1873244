"""The public pages without sign-in (feedback and its tracking, what a commune publicises, consultations)."""

app_name = "citizens_public"
urlpatterns: list = []
