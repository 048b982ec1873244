from django.urls import path

from danvan.citizens.views import feedback

urlpatterns = [
    path("gop-y/", feedback.feedback_list, name="feedback_list"),
    path("gop-y/cam-ket/", feedback.feedback_settings, name="feedback_settings"),
    path("gop-y/<int:pk>/", feedback.feedback_detail, name="feedback_detail"),
]
