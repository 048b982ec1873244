"""The tasks pages of the activities."""

urlpatterns: list = []
