"""The situations pages of the activities."""

urlpatterns: list = []
