"""The activities' filter sets, one module per topic, shared by the list pages, their Excel exports and the API."""
