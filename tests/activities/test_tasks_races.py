"""Races on PostgreSQL: two progress reports of one task at the same instant, each thread on its own connection.
The task's row is locked before it changes (`select_for_update`), so neither report is lost, the task shows the
later one's figure, and a report racing a completion never leaves a done task below 100%.

The threads only see committed rows, so the task is committed from a thread of its own and removed afterwards.
SQLite's IMMEDIATE transactions serialise writers anyway: these run in the PostgreSQL pass."""

import datetime

import pytest

from danvan.accounts.models import User
from danvan.activities import services
from danvan.activities.models import Task, TaskProgress
from danvan.core.models import ChangeLog
from danvan.demo.units import demo_units
from tests import factories
from tests.clock import today
from tests.races import POSTGRES_ONLY, committed, run_together

pytestmark = [
    pytest.mark.django_db,
    POSTGRES_ONLY,
]

ROUNDS = 10


class Race:
    def __init__(self):
        units = demo_units()
        self.assigner = factories.user("race_tinh", units["cao_bang"], "admin")
        self.editors = [factories.user(f"race_xa{n}", units["thuc_phan"], "editor") for n in (1, 2)]
        self.units = units

    def new_task(self):
        return factories.task(
            self.assigner,
            self.units["cao_bang"],
            self.units["thuc_phan"],
            title="Nhiệm vụ đua",
            deadline=today() + datetime.timedelta(days=30),
            assigned_on=today() - datetime.timedelta(days=5),
        )

    def remove(self):
        tasks = Task.objects.filter(title="Nhiệm vụ đua")
        ChangeLog.objects.filter(user__in=[self.assigner, *self.editors]).delete()
        tasks.delete()
        User.objects.filter(pk__in=[self.assigner.pk, *(e.pk for e in self.editors)]).delete()


@pytest.fixture
def race(db):
    setup = committed(Race)
    try:
        yield setup
    finally:
        committed(setup.remove)


def test_two_reports_at_once_are_both_kept(race):
    first, second = race.editors
    for _round in range(ROUNDS):
        task = committed(race.new_task)
        run_together(
            lambda task=task: services.report_progress(
                first, Task.objects.get(pk=task.pk), percent=30, text="Một"
            ),
            lambda task=task: services.report_progress(
                second, Task.objects.get(pk=task.pk), percent=60, text="Hai"
            ),
        )
        reports = list(TaskProgress.objects.filter(task=task).order_by("id"))
        assert sorted(r.percent for r in reports) == [30, 60]
        task.refresh_from_db()
        assert task.progress == reports[-1].percent


def test_a_report_racing_a_completion_never_leaves_a_done_task_below_100(race):
    first, second = race.editors
    for _round in range(ROUNDS):
        task = committed(race.new_task)
        results = run_together(
            lambda task=task: services.report_progress(
                first, Task.objects.get(pk=task.pk), percent=100, text="Xong", completes=True
            ),
            lambda task=task: services.report_progress(
                second, Task.objects.get(pk=task.pk), percent=40, text="Dở"
            ),
        )
        task.refresh_from_db()
        assert task.state == Task.State.DONE and task.progress == 100
        kept = TaskProgress.objects.filter(task=task).count()
        assert kept == sum(1 for result in results if not isinstance(result, Exception))
