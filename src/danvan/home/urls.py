from django.urls import path

from . import views

app_name = "home"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("nhat-ky/", views.changelog, name="changelog"),
    path("doi-don-vi/", views.switch_unit, name="switch_unit"),
    path("huong-dan/", views.guide, name="guide"),
    path("huong-dan/anh/<str:filename>", views.guide_image, name="guide_image"),
    path("huong-dan/<slug:slug>/", views.guide, name="guide_page"),
]
