"""API of the activities: `/api/v1/activities/…` (meetings, tasks, inspections, situation reports, calendar) and
`/api/v1/people`, one router per topic (DESIGN §4: scope on every read, services for every write, Vietnamese
errors). Titles of people are those held on the record's date."""

from ninja import Router

from . import calendar, meetings, oversight, people, situations, tasks

router = Router(tags=["Hoạt động"])
for topic in (meetings, tasks, oversight, situations, calendar):
    router.add_router("/", topic.router)
people_router = people.router

__all__ = ["people_router", "router"]
