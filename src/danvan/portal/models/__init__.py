"""The portal's tables, one module per topic: sites and their furniture, stories, images, visits."""

from danvan.portal.models.articles import Article, ArticleRevision, Rating, Tag, Topic
from danvan.portal.models.media import Image, ImageRendition
from danvan.portal.models.sites import Category, LinkedWebsite, PublicDocument, Site, SitePage
from danvan.portal.models.visits import VisitDay

__all__ = [
    "Article",
    "ArticleRevision",
    "Category",
    "Image",
    "ImageRendition",
    "LinkedWebsite",
    "PublicDocument",
    "Rating",
    "Site",
    "SitePage",
    "Tag",
    "Topic",
    "VisitDay",
]
