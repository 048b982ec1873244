"""Races on PostgreSQL: two threads, each with its own database connection, start the same instant (a barrier) and
write one ward's report — a submit against a cell save or a bulk write, two saves of one cell — for 20 rounds. The
invariants: never submitted with a blocking rule broken, no value changed after `submitted_at`, each cell's history a
chain (every change's old value is the previous change's new value), and of two saves started from the same figure
exactly one wins.

The threads only see committed rows, so these tests commit their own small form (two indicators, one blocking rule)
from a thread of their own and remove it afterwards; the test's own rolled-back transaction writes nothing.
SQLite's IMMEDIATE transactions serialise writers anyway: these run in the PostgreSQL pass."""

import itertools

import pytest

from danvan.accounts.models import User
from danvan.core.models import ChangeLog
from danvan.demo.units import demo_units
from danvan.reporting import services
from danvan.reporting.models import (
    Form,
    Indicator,
    Section,
    SectionIndicator,
    Submission,
    ValidationRule,
    Value,
    ValueChange,
)
from tests.conftest import make_user
from tests.races import POSTGRES_ONLY, committed, run_together

pytestmark = [
    pytest.mark.django_db,
    POSTGRES_ONLY,
]

ROUNDS = 20
PERIOD = "2026H1"


class Race:
    """The committed ward report the threads write to, reset before each round."""

    def __init__(self):
        ward = demo_units()["thuc_phan"]
        self.unit = ward
        self.form = Form.objects.create(
            code="race-form",
            name="Race",
            owner=ward.parent,
            period_type="half_year",
            reporting_kinds=["commune"],
        )
        section = Section.objects.create(form=self.form, title="Race", position=1)
        self.held = Indicator.objects.create(
            code="race_held", name="Số cuộc đã tổ chức", value_type="integer"
        )
        self.planned = Indicator.objects.create(
            code="race_planned", name="Số cuộc kế hoạch", value_type="integer"
        )
        for position, item in enumerate((self.held, self.planned), start=1):
            SectionIndicator.objects.create(section=section, indicator=item, position=position)
        ValidationRule.objects.create(
            form=self.form,
            left="race_held",
            operator="<=",
            right="race_planned",
            importance="blocking",
            message="Số đã tổ chức không vượt kế hoạch",
        )
        self.editor = make_user("race_editor", ward, "editor", full_name="Người nhập một")
        self.other = make_user("race_editor2", ward, "editor", full_name="Người nhập hai")
        self.submission = services.open_submission(self.editor, self.form, ward, PERIOD)

    def reset(self, held=1, planned=5):
        Submission.objects.filter(pk=self.submission.pk).update(
            status=Submission.Status.DRAFT, submitted_at=None, submitted_by=None
        )
        ValueChange.objects.filter(indicator__in=[self.held, self.planned]).delete()
        Value.objects.filter(indicator__in=[self.held, self.planned]).delete()
        services.write_values(
            self.editor,
            [
                {"unit": self.unit.pk, "period": PERIOD, "indicator": "race_held", "value": held},
                {"unit": self.unit.pk, "period": PERIOD, "indicator": "race_planned", "value": planned},
            ],
        )

    def bulk(self, user, figure):
        return lambda: services.write_values(
            user, [{"unit": self.unit.pk, "period": PERIOD, "indicator": "race_held", "value": figure}]
        )

    def save(self, user, figure, **expected):
        return lambda: services.save_value(user, self.submission, self.held, "", str(figure), **expected)

    def submit(self):
        return lambda: services.submit(self.other, self.submission)

    def open_and_submit(self):
        """The report not created yet: a user opens it (as the grid does on first visit) and submits at once."""

        def run():
            self.submission = services.open_submission(self.other, self.form, self.unit, PERIOD)
            return services.submit(self.other, self.submission)

        return run

    def forget_report(self):
        Submission.objects.filter(form=self.form).delete()

    def check_submit_invariants(self):
        report = Submission.objects.select_related("form", "unit").filter(form=self.form).first()
        if report is None or report.status != Submission.Status.SUBMITTED:
            return
        broken = [v.message for v in services.check_rules(report) if v.blocking]
        assert not broken, broken
        late = ValueChange.objects.filter(indicator=self.held, at__gt=report.submitted_at)
        assert not late.exists(), list(late.values_list("old_value", "new_value", "at"))

    def history(self) -> list[tuple[str, str]]:
        changes = ValueChange.objects.filter(indicator=self.held).order_by("at", "id")
        return [(c.old_value, c.new_value) for c in changes]

    def remove(self):
        indicators = [self.held, self.planned]
        ValueChange.objects.filter(indicator__in=indicators).delete()
        Value.objects.filter(indicator__in=indicators).delete()
        users = [self.editor, self.other]
        ChangeLog.objects.filter(user__in=users).delete()
        ChangeLog.objects.filter(object_repr__startswith="Race").delete()
        Submission.objects.filter(form=self.form).delete()
        self.form.delete()
        Indicator.objects.filter(pk__in=[i.pk for i in indicators]).delete()
        User.objects.filter(pk__in=[u.pk for u in users]).delete()


@pytest.fixture
def race(db):
    setup = committed(Race)
    try:
        yield setup
    finally:
        committed(setup.remove)


def assert_chain(changes):
    for previous, following in itertools.pairwise(changes):
        assert following[0] == previous[1], changes


def test_a_submit_racing_a_cell_save_never_ends_submitted_with_a_broken_rule(race):
    for _round in range(ROUNDS):
        committed(race.reset)
        run_together(race.save(race.editor, 9), race.submit())
        race.check_submit_invariants()


def test_a_submit_racing_a_bulk_write_never_ends_submitted_with_a_broken_rule(race):
    for _round in range(ROUNDS):
        committed(race.reset)
        run_together(race.bulk(race.editor, 9), race.submit())
        race.check_submit_invariants()


def test_a_report_created_and_submitted_while_a_bulk_write_runs_never_ends_with_a_broken_rule(race):
    for _round in range(ROUNDS):
        committed(race.reset)
        committed(race.forget_report)
        run_together(race.bulk(race.editor, 9), race.open_and_submit())
        race.check_submit_invariants()


def test_two_saves_of_one_cell_leave_a_consistent_history(race):
    for _round in range(ROUNDS):
        committed(race.reset)
        run_together(race.save(race.editor, 7), race.save(race.other, 8))
        changes = race.history()
        assert len(changes) == 3, changes  # the reset's, then both saves
        assert_chain(changes)
        stored = Value.objects.get(indicator=race.held).number
        assert changes[-1][1] == str(int(stored))


def test_two_bulk_writes_of_one_cell_leave_a_consistent_history(race):
    for _round in range(ROUNDS):
        committed(race.reset)
        run_together(race.bulk(race.editor, 7), race.bulk(race.other, 8))
        changes = race.history()
        assert len(changes) == 3, changes
        assert_chain(changes)


def test_of_two_saves_started_from_the_same_figure_exactly_one_wins(race):
    for _round in range(ROUNDS):
        committed(race.reset)
        results = run_together(
            race.save(race.editor, 7, expected="1"), race.save(race.other, 8, expected="1")
        )
        refused = [r for r in results if isinstance(r, services.Conflict)]
        assert len(refused) == 1, results
        changes = race.history()
        assert len(changes) == 2 and changes[1][0] == "1", changes
