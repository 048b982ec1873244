""" "Viết tin": a story drafted from a work record, and the record's "Tin bài" block (an htmx fragment)."""

from django.urls import path

from danvan.portal.views import records

urlpatterns = [
    path("viet-tin/<slug:kind>/<int:pk>/", records.write_story, name="write_story"),
    path("tu-ho-so/<slug:kind>/<int:pk>/", records.record_stories, name="record_stories"),
]
