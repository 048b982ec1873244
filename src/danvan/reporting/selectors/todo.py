"""What the dashboard's *Việc cần làm* list says about reports: for each form a unit reports, its overdue periods, the
current one and the next, each with its deadline; for an approver, the reports below the unit waiting for approval.
A fixed handful of queries, whatever the number of forms (DESIGN §4.6)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count

from danvan.accounts.scope import Role, has_role_on
from danvan.core.periods import Period, current_period, recent_periods
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtree_q

from ..models import Form, Submission
from .definitions import forms_for_unit

# How far back an unsent report still counts as overdue: two years of periods of each type.
OVERDUE_LOOKBACK = {"month": 24, "quarter": 8, "half_year": 4, "nine_months": 2, "year": 2}
DONE = (Submission.Status.SUBMITTED, Submission.Status.APPROVED)


@dataclass
class DueReport:
    """One of the unit's reports on the list: `when` is "overdue", "current" or "next"."""

    form: Form
    period: Period
    when: str
    deadline: datetime.date
    submission: Submission | None

    @property
    def done(self) -> bool:
        return self.submission is not None and self.submission.status in DONE

    @property
    def overdue(self) -> bool:
        return self.when == "overdue"


@dataclass
class FormTodo:
    form: Form
    reports: list[DueReport] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return sum(1 for report in self.reports if report.overdue)


@dataclass
class Waiting:
    """Submitted reports of one form and period below the unit, waiting for the approver."""

    form_id: int
    form_name: str
    period: Period
    count: int


@dataclass
class Todo:
    unit: OrgUnit | None
    forms: list[FormTodo] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)
    approver: bool = False

    @property
    def overdue_count(self) -> int:
        return sum(form.overdue_count for form in self.forms)

    @property
    def waiting_count(self) -> int:
        return sum(item.count for item in self.waiting)

    def __bool__(self) -> bool:
        return bool(self.forms or self.waiting)


def _periods_of(form: Form, unit: OrgUnit, today: datetime.date) -> list[tuple[Period, str]]:
    """The form's periods the list considers for the unit, each with its place: the current one, the next one and the
    ended ones before the current within the lookback (overdue if not sent); none before the unit existed."""
    current = current_period(form, today)
    periods = [(current, "current"), (current.next(), "next")]
    lookback = OVERDUE_LOOKBACK.get(form.period_type, 4)
    periods += [(p, "overdue") for p in recent_periods(form.period_type, today, lookback) if p < current]
    return [(p, when) for p, when in periods if unit.is_open_on(min(p.end, max(today, p.start)))]


def todo_for(user, unit: OrgUnit | None, today: datetime.date) -> Todo:
    """The *Việc cần làm* of the user working as `unit` (None: a superuser without a unit, who has only approvals)."""
    result = Todo(unit=unit)
    if unit is not None:
        forms = forms_for_unit(unit)
        candidates = {form.pk: _periods_of(form, unit, today) for form in forms}
        codes = {period.code for periods in candidates.values() for period, _when in periods}
        submissions = {
            (s.form_id, s.period): s
            for s in Submission.objects.filter(unit=unit, form__in=[f.pk for f in forms], period__in=codes)
        }
        for form in forms:
            item = FormTodo(form=form)
            for period, when in candidates[form.pk]:
                submission = submissions.get((form.pk, period.code))
                deadline = period.deadline(form.deadline_days)
                if when == "overdue" and (
                    (submission is not None and submission.status in DONE) or deadline >= today
                ):
                    continue
                item.reports.append(DueReport(form, period, when, deadline, submission))
            order = {"overdue": 0, "current": 1, "next": 2}
            item.reports.sort(key=lambda r: (order[r.when], r.period))
            result.forms.append(item)
    result.approver = has_role_on(user, Role.APPROVER, unit.path) if unit else user.is_superuser
    if result.approver:
        waiting = Submission.objects.filter(status=Submission.Status.SUBMITTED)
        if unit is not None:
            waiting = waiting.filter(subtree_q(unit.path, "unit_path")).exclude(unit=unit)
        rows = (
            waiting.values("form_id", "form__name", "period")
            .annotate(count=Count("id"))
            .order_by("form__name", "-period")
        )
        result.waiting = [
            Waiting(row["form_id"], row["form__name"], Period.parse(row["period"]), row["count"])
            for row in rows
        ]
    return result
