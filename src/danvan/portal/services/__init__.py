"""Every write to the portal, one module per topic; the pages, the API, the reader's import and the demo call these."""

from danvan.portal.services.articles import article_snapshot, create_article

__all__ = ["article_snapshot", "create_article"]
