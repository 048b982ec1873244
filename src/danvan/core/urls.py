from django.urls import path

from . import health, views

app_name = "core"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("nhat-ky/", views.changelog, name="changelog"),
    path("doi-don-vi/", views.switch_unit, name="switch_unit"),
    path("healthz", health.healthz, name="healthz"),
]
