from django.urls import path  # noqa: F401  (the sections below fill in)

from . import views  # noqa: F401

app_name = "practices"
urlpatterns: list = [
    # register
    # counts
    # import / export
    # public showcase
]
