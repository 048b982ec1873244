"""The citizens' pages under /don-thu/, one module per topic (app `citizens`: URL names equal view names)."""

from . import dialogues, home, receptions

app_name = "citizens"
urlpatterns: list = [
    *home.urlpatterns,
    *receptions.urlpatterns,
    *dialogues.urlpatterns,
]
