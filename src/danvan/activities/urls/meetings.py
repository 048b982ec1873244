"""The meetings pages of the activities."""

urlpatterns: list = []
