"""The citizens' pages under /don-thu/, one module per topic (app `citizens`: URL names equal view names)."""

from . import clocks, consultations, feedback, home, identity, petitions, publicity

app_name = "citizens"
urlpatterns: list = [
    *home.urlpatterns,
    *petitions.urlpatterns,
    *clocks.urlpatterns,
    *identity.urlpatterns,
    *publicity.urlpatterns,
    *consultations.urlpatterns,
    *feedback.urlpatterns,
]
