"""Filter sets of the activities, one module per topic, shared by each list page, its Excel export and the API."""
