"""A task's status on a day: done on time, done late, in progress within the deadline, overdue — computed, the same
in Python and in SQL."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from danvan.activities import selectors, services
from danvan.activities.models import Task
from danvan.activities.selectors import Status
from danvan.core.errors import NotAllowed
from danvan.core.periods import Period
from tests import factories

DAY = datetime.date(2026, 6, 1)


def _task(actor, units, deadline, **fields):
    return services.assign_task(
        actor,
        assigner=units["cao_bang"],
        lead_unit=units["thuc_phan"],
        title="Nắm tình hình dư luận xã hội",
        deadline=deadline,
        source=Task.Source.DOCUMENT,
        assigned_on=DAY,
        **fields,
    )


def _finish(task, on):
    Task.objects.filter(pk=task.pk).update(state=Task.State.DONE, completed_on=on, progress=100)
    task.refresh_from_db()
    return task


def test_the_four_statuses_and_their_counts_agree(units, province_admin):
    on_time = _finish(
        _task(province_admin, units, DAY + datetime.timedelta(days=10)), DAY + datetime.timedelta(days=10)
    )
    late = _finish(
        _task(province_admin, units, DAY + datetime.timedelta(days=10)), DAY + datetime.timedelta(days=11)
    )
    in_time = _task(province_admin, units, DAY + datetime.timedelta(days=30))
    overdue = _task(province_admin, units, DAY + datetime.timedelta(days=5))
    cancelled = _task(province_admin, units, DAY + datetime.timedelta(days=5))
    Task.objects.filter(pk=cancelled.pk).update(state=Task.State.CANCELLED, cancelled_reason="Trùng nhiệm vụ")
    cancelled.refresh_from_db()
    today = DAY + datetime.timedelta(days=20)

    expected = {
        on_time.pk: Status.DONE_ON_TIME,
        late.pk: Status.DONE_LATE,
        in_time.pk: Status.IN_PROGRESS,
        overdue.pk: Status.OVERDUE,
        cancelled.pk: Status.CANCELLED,
    }
    assert {t.pk: selectors.status_of(t, today) for t in Task.objects.all()} == expected
    annotated = Task.objects.annotate(status=selectors.status_expression(today)).values_list("pk", "status")
    assert dict(annotated) == {pk: status.value for pk, status in expected.items()}
    assert selectors.four_counts(Task.objects.all(), today) == {
        "done_on_time": 1,
        "done_late": 1,
        "in_progress": 1,
        "overdue": 1,
    }
    # The day of the deadline is still within it.
    assert selectors.status_of(in_time, in_time.deadline) == Status.IN_PROGRESS


def test_a_task_for_a_unit_outside_the_assigners_subtree_is_refused(units, province_admin):
    elsewhere = factories.other_province_commune(units["cao_bang"])
    with pytest.raises(ValidationError) as refused:
        services.assign_task(
            province_admin,
            assigner=units["cao_bang"],
            lead_unit=elsewhere,
            title="Nhiệm vụ",
            deadline=DAY,
            source=Task.Source.DOCUMENT,
            assigned_on=DAY,
        )
    assert "không thuộc Tỉnh Cao Bằng" in str(refused.value.message_dict["lead_unit"])
    assert not Task.objects.exists()


def test_a_deadline_before_the_day_assigned_is_refused_naming_both_days(units, province_admin):
    with pytest.raises(ValidationError) as refused:
        _task(province_admin, units, DAY - datetime.timedelta(days=1))
    assert refused.value.message_dict["deadline"] == [
        "Hạn hoàn thành (31/05/2026) trước ngày giao (01/06/2026)."
    ]


def test_a_commune_editor_cannot_assign_tasks_for_the_province(units, commune_editor):
    with pytest.raises(NotAllowed):
        _task(commune_editor, units, DAY)


def test_a_periods_counts_are_of_the_tasks_due_in_it_as_they_stood_at_its_end(units, province_admin):
    h1 = Period.parse("2026H1")
    due_in_h1 = _task(province_admin, units, datetime.date(2026, 6, 20))
    _finish(due_in_h1, datetime.date(2026, 7, 10))  # finished after the half-year ended, late
    _task(province_admin, units, datetime.date(2026, 9, 1))  # due in the next half-year: not counted in H1

    at_the_end = selectors.period_counts(Task.objects.all(), h1, today=datetime.date(2026, 12, 2))

    assert at_the_end == {"done_on_time": 0, "done_late": 0, "in_progress": 0, "overdue": 1}
    assert selectors.status_of(due_in_h1, datetime.date(2026, 12, 2)) == Status.DONE_LATE
