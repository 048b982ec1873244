"""The citizens' pages under /don-thu/, one module per topic (app `citizens`: URL names equal view names)."""

from . import figures, home, petitions

app_name = "citizens"
urlpatterns: list = [
    *home.urlpatterns,
    *figures.urlpatterns,
    *petitions.urlpatterns,
]
