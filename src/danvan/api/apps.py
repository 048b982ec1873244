from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "danvan.api"
    label = "danvan_api"
    verbose_name = "API"
