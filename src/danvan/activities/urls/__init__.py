"""The activities' pages under /hoat-dong/, one module per topic (app `activities`: URL names equal view names)."""

from . import calendar, home, meetings, oversight, people, situations, tasks

app_name = "activities"
urlpatterns: list = [
    *home.urlpatterns,
    *people.urlpatterns,
    *meetings.urlpatterns,
    *tasks.urlpatterns,
    *oversight.urlpatterns,
    *situations.urlpatterns,
    *calendar.urlpatterns,
]
