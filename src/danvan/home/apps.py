from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "danvan.home"
    label = "home"
