from django.urls import path

from danvan.citizens.views import home

urlpatterns = [path("", home.home, name="home")]
