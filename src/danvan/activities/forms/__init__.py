"""The activities' forms, one module per topic."""
