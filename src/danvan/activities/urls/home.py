"""The home page of the activities."""

from django.urls import path

from ..views import home

urlpatterns: list = [
    path("", home.home, name="home"),
]
