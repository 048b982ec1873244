"""The calendar pages of the activities."""

urlpatterns: list = []
