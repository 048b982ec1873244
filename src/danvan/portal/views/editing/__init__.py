"""The back office's pages under /tin-bai/: `articles` (the list, the form, the story's page and its review),
`revisions`, `sites` (a site's settings and furniture), `media` (images and documents)."""
