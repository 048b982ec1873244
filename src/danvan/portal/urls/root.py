"""What crawlers ask at the root: robots.txt and the sitemap of every public site."""

urlpatterns = []
