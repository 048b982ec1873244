"""The people pages of the activities."""

urlpatterns: list = []
