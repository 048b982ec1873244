"""One filter set per topic of the activities, shared by its list page, its Excel export and its API."""
