"""The public sites, under /trang/<site>/ (or at the root of a site's own host name)."""

app_name = "portal_public"

urlpatterns = []
