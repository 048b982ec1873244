"""The oversight pages of the activities."""

urlpatterns: list = []
