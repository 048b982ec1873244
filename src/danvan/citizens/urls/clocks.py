from django.urls import path

from danvan.citizens.views import clocks

urlpatterns = [
    path("thoi-han/", clocks.deadline_rules, name="deadline_rules"),
    path("thoi-han/<str:step>/phien-ban-moi/", clocks.deadline_rule_add, name="deadline_rule_add"),
    path("thoi-han/den-han/", clocks.clock_watch, name="clock_watch"),
    path("thoi-han/lich/<int:year>/", clocks.calendar_year, name="calendar_year"),
]
