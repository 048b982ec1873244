"""The archive reader's pages, under /doc-lai-tin/: upload an archive, correct each extraction, import."""

from django.urls import path

from . import views

app_name = "ingest"

urlpatterns = [
    path("", views.archive, name="archive"),
    path("<int:pk>/", views.batch_detail, name="batch_detail"),
    path("<int:pk>/tien-do/", views.batch_progress, name="batch_progress"),
    path("<int:pk>/tin/<int:item_pk>/", views.item_save, name="item_save"),
    path("<int:pk>/nhap/", views.batch_import, name="batch_import"),
    path("<int:pk>/doc-tiep/", views.batch_resume, name="batch_resume"),
]
