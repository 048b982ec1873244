"""The citizens' pages under /don-thu/, one module per topic (app `citizens`: URL names equal view names)."""

from . import consultations, home, publicity

app_name = "citizens"
urlpatterns: list = [
    *home.urlpatterns,
    *publicity.urlpatterns,
    *consultations.urlpatterns,
]
