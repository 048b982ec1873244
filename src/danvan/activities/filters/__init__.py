"""One filter set per topic, shared by its list page, its Excel export and its API list."""
