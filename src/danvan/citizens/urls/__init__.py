"""The citizens' pages under /don-thu/, one module per topic (app `citizens`: URL names equal view names)."""

from . import (
    clocks,
    consultations,
    dialogues,
    feedback,
    figures,
    home,
    identity,
    petitions,
    publicity,
    receptions,
)

app_name = "citizens"
urlpatterns: list = [
    *home.urlpatterns,
    *petitions.urlpatterns,
    *clocks.urlpatterns,
    *identity.urlpatterns,
    *publicity.urlpatterns,
    *consultations.urlpatterns,
    *feedback.urlpatterns,
    *receptions.urlpatterns,
    *dialogues.urlpatterns,
    *figures.urlpatterns,
]
