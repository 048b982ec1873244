"""The activities' filter sets, one module per topic, shared by the list pages and the API."""
