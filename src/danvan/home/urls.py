from django.urls import path

from . import views

app_name = "home"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("nhat-ky/", views.changelog, name="changelog"),
    path("doi-don-vi/", views.switch_unit, name="switch_unit"),
]
