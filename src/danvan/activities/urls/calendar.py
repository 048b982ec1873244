"""The calendar pages of the activities: a unit's or a leader's week, its print view and Word file, the entries, the
iCalendar feeds (the secret and the public addresses answer without sign-in)."""

from django.urls import path

from ..views import calendar, calendar_feeds

urlpatterns: list = [
    path("lich/", calendar.calendar_week, name="calendar_week"),
    path("lich/in/", calendar.calendar_print, name="calendar_print"),
    path("lich/xuat.docx", calendar.calendar_docx, name="calendar_docx"),
    path("lich/them/", calendar.calendar_entry_add, name="calendar_entry_add"),
    path("lich/sao-chep-tuan-truoc/", calendar.calendar_copy, name="calendar_copy"),
    path("lich/<int:pk>/sua/", calendar.calendar_entry_edit, name="calendar_entry_edit"),
    path("lich/<int:pk>/huy/", calendar.calendar_entry_cancel, name="calendar_entry_cancel"),
    path("lich/<int:pk>/lich-su/", calendar.calendar_entry_history, name="calendar_entry_history"),
    path("lich/nguon-lich/", calendar_feeds.calendar_feeds, name="calendar_feeds"),
    path("lich/ical/<str:token>.ics", calendar_feeds.calendar_feed, name="calendar_feed"),
    path(
        "lich/cong-khai/<int:unit_id>.ics", calendar_feeds.calendar_public_feed, name="calendar_public_feed"
    ),
]
