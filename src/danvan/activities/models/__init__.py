"""Activities (DESIGN §3): the people who do Dân vận work and the posts they hold over time; the meetings, inspections
and situation reports of each unit; the tasks their conclusions direct, followed to the end; the work calendar.

Unit-owned rows copy their unit's `path` (and province code) so that scope and counts are one indexed range, as the
register's `owner_path`; the services keep the copies in step."""

from .calendar import CalendarEntry, CalendarFeed
from .meetings import Attendance, ConnectionPoint, Meeting, MeetingDocument
from .oversight import InspectedUnit, Inspection, InspectionMember, InspectionPlan, Recheck
from .people import Person, Post
from .situations import HotspotStep, SituationReport
from .tasks import Task, TaskEvidence, TaskExtension, TaskProgress

__all__ = [
    "Attendance",
    "CalendarEntry",
    "CalendarFeed",
    "ConnectionPoint",
    "HotspotStep",
    "InspectedUnit",
    "Inspection",
    "InspectionMember",
    "InspectionPlan",
    "Meeting",
    "MeetingDocument",
    "Person",
    "Post",
    "Recheck",
    "SituationReport",
    "Task",
    "TaskEvidence",
    "TaskExtension",
    "TaskProgress",
]
