"""Every write to the portal, one module per topic; the pages, the API, the reader's import and the demo call these:
`articles` (create, change, revisions), `workflow` (review: `transition`), `sites` (a site and its categories,
topics, pages, links), `media` (documents and images), `notices` (who is told)."""

from danvan.portal.services.articles import (
    article_snapshot,
    create_article,
    restore_revision,
    save_revision,
    update_article,
)
from danvan.portal.services.workflow import transition

__all__ = [
    "article_snapshot",
    "create_article",
    "restore_revision",
    "save_revision",
    "transition",
    "update_article",
]
