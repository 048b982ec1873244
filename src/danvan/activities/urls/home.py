"""The home pages of the activities."""

urlpatterns: list = []
