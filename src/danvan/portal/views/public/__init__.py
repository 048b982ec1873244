"""The public sites' pages, one module per topic: `home` (home, lists, search), `story` (a story, its print view,
its rating, images), `unit` (calendar, showcase, publicity, documents, organisation, units); the feeds are
`portal/feeds.py`."""
