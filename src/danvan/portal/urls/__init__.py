"""The portal's back office, under /tin-bai/: editing (sites, categories, stories, review, images, documents) and
stories written from the work records ("Viết tin")."""

from danvan.portal.urls import editing, records

app_name = "portal"

urlpatterns = editing.urlpatterns + records.urlpatterns
