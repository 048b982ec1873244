"""The archive reader's pages, under /doc-lai-tin/: upload an archive, correct each extraction, import."""

app_name = "ingest"

urlpatterns = []
