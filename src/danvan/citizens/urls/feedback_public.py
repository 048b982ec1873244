from django.urls import path

from danvan.citizens.views import feedback_public

urlpatterns = [
    path("gop-y/", feedback_public.feedback, name="feedback"),
    path("gop-y/da-gui/<str:code>/", feedback_public.feedback_sent, name="feedback_sent"),
    path("gop-y/tra-cuu/", feedback_public.feedback_lookup, name="feedback_lookup"),
    path("gop-y/tra-cuu/<str:code>/", feedback_public.feedback_track, name="feedback_track"),
]
