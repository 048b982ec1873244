"""What the demo's activities builders share: people with their posts, a meeting held with its attendance, a task
followed by its progress reports — each through the activities services."""

import datetime

from django.utils import timezone

from danvan.activities import services
from danvan.activities.models import Meeting, Person, Task


def aware(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def add_people(actor, units, catalogue) -> dict[str, Person]:
    """People of a catalogue {key: (name, gender, keeping unit, posts, note)}, with their posts in order."""
    people = {}
    for key, (name, gender, unit_key, posts, note) in catalogue.items():
        person = services.create_person(actor, unit=units[unit_key], name=name, gender=gender, note=note)
        for position, (title, post_unit, valid_from, valid_to) in enumerate(posts, start=1):
            services.add_post(
                actor,
                person,
                title=title,
                unit=units[post_unit] if post_unit else None,
                valid_from=valid_from,
                valid_to=valid_to,
                position=position,
            )
        people[key] = person
    return people


def follow(actor, task: Task, done_on: datetime.date | None, *, percent: int = 50, text: str = "") -> None:
    """Progress reports of a task: one half-way between its assignment and `done_on` (or today), and the last one
    completing it on `done_on` (after the deadline: done late). No `done_on`: still in progress at `percent`."""
    today = timezone.localdate()
    end = done_on or today
    middle = task.assigned_on + (end - task.assigned_on) / 2
    services.report_progress(
        actor,
        task,
        percent=percent,
        text=text or "Đã xây dựng kế hoạch, phân công cán bộ phụ trách và triển khai đến cơ sở.",
        reported_on=min(middle, today),
    )
    if done_on is not None:
        services.report_progress(
            actor,
            task,
            percent=100,
            text="Đã hoàn thành; báo cáo kết quả gửi đơn vị giao nhiệm vụ.",
            reported_on=done_on,
            completes=True,
        )


def record_meeting(actor, units, people, spec) -> Meeting:
    """A meeting recorded as held, with its attendance: chairs, the minute-taker, members, guests, the absent."""
    meeting = services.create_meeting(
        actor,
        organizer=units[spec["organizer"]],
        type=spec["type"],
        title=spec["title"],
        starts_at=timezone.make_aware(spec["starts_at"]),
        ends_at=timezone.make_aware(spec["ends_at"]) if spec.get("ends_at") else None,
        host=units[spec["host"]] if spec.get("host") else None,
        place=spec.get("place", ""),
        period=spec.get("period", ""),
        agenda=spec.get("agenda", ""),
        minutes=spec.get("minutes", ""),
        conclusions=spec.get("conclusions", ""),
        conclusion_number=spec.get("conclusion_number", ""),
        conclusion_date=spec.get("conclusion_date"),
        source_note=spec.get("source_note", ""),
        status=Meeting.Status.HELD,  # recorded after it was held
    )
    entries = [{"role": "chair", "person": people[key]} for key in spec.get("chairs", ())]
    entries += [{"role": "secretary", "person": people[key]} for key in spec.get("secretaries", ())]
    entries += [{"role": "member", "person": people[key]} for key in spec.get("members", ())]
    entries += [{"role": "guest", "person": people[key]} for key in spec.get("guests", ())]
    entries += [
        {"role": "absent", "person": people[key], "absence_reason": reason}
        for key, reason in spec.get("absent", ())
    ]
    services.set_attendance(actor, meeting, entries)
    return meeting
