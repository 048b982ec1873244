"""The citizens' pages under /don-thu/, one module per topic (app `citizens`: URL names equal view names)."""

from . import home, petitions

app_name = "citizens"
urlpatterns: list = [
    *home.urlpatterns,
    *petitions.urlpatterns,
]
