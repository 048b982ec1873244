"""Reads of citizen receptions: the counts for the figures, the scoped list, a unit's published schedule, and the
compliance table of leaders × months against the frequency rule in force."""

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.shortcuts import get_object_or_404

from danvan.accounts.scope import visible_q
from danvan.activities.models import Post
from danvan.activities.selectors.people import title_from, titles_on
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import subtree_q

from ..models import Petition, Reception, ReceptionDuty, ReceptionRule, ReceptionSchedule


def receptions_held(paths_q: Q, start, end) -> int:
    """How many receptions were held in `[start, end]` by the units `paths_q` (a `Q` on `unit_path`) selects."""
    return Reception.objects.filter(paths_q, date__gte=start, date__lte=end).count()


def receptions_visible_to(user):
    return Reception.objects.filter(visible_q(user, "unit_path"))


def reception_list(user):
    return receptions_visible_to(user).select_related("unit", "leader")


def get_reception_for(user, pk) -> Reception:
    """The reception, or 404 outside the user's scope."""
    return get_object_or_404(reception_list(user), pk=pk)


def reception_detail(reception: Reception) -> dict:
    """What a reception's page shows besides the row: the citizens, the commitments with their tasks, the petitions
    handed in, the leader's titles that day."""
    titles = titles_on([reception.leader_id], reception.date) if reception.leader_id else {}
    return {
        "citizens": list(reception.citizens.all()),
        "commitments": list(reception.commitments.select_related("task", "task__lead_unit")),
        "petitions": list(Petition.objects.filter(reception=reception).order_by("number")),
        "leader_titles": titles.get(reception.leader_id, ""),
    }


def leader_titles(receptions) -> dict[int, str]:
    """{reception id: the leader's titles on the reception's day}: one query for the posts of a page's leaders."""
    receptions = [r for r in receptions if r.leader_id]
    posts: dict[int, list[Post]] = defaultdict(list)
    for post in Post.objects.filter(person_id__in={r.leader_id for r in receptions}).select_related("unit"):
        posts[post.person_id].append(post)
    return {r.pk: title_from(posts[r.leader_id], r.date) for r in receptions}


def public_unit(unit_id: int) -> OrgUnit:
    """The unit of a public schedule page: any unit that exists (a 404 otherwise)."""
    return get_object_or_404(OrgUnit.objects.only("id", "name", "address", "phone", "path"), pk=unit_id)


def published_schedules(unit: OrgUnit):
    return ReceptionSchedule.objects.filter(unit=unit, published=True).order_by("id")


def schedules_in(user, unit: OrgUnit):
    return ReceptionSchedule.objects.filter(visible_q(user, "unit_path"), unit=unit).order_by("id")


def duties_in(user, unit: OrgUnit):
    return (
        ReceptionDuty.objects.filter(visible_q(user, "unit_path"), subtree_q(unit.path, "unit_path"))
        .select_related("unit", "person")
        .order_by("unit_path", "leader_role", "-valid_from")
    )


# Compliance -----------------------------------------------------------------------------------------------------


@dataclass
class Cell:
    month: int
    days: int = 0
    required: int | None = None  # None: no duty or no rule that month
    per: str = ""
    short: bool = False
    pending: bool = False  # the month has not ended: not judged yet
    missed_weeks: list[datetime.date] = field(default_factory=list)


@dataclass
class ComplianceRow:
    duty: ReceptionDuty
    cells: list[Cell]

    @property
    def short_months(self) -> int:
        return sum(1 for cell in self.cells if cell.short)


def rule_on(rules: list[ReceptionRule], role: str, day: datetime.date) -> ReceptionRule | None:
    for rule in rules:
        if (
            rule.leader_role == role
            and rule.valid_from <= day
            and (rule.valid_to is None or day <= rule.valid_to)
        ):
            return rule
    return None


def mondays_in(year: int, month: int) -> list[datetime.date]:
    """The weeks a month counts under a weekly rule: those whose Monday falls in the month."""
    first = datetime.date(year, month, 1)
    monday = first + datetime.timedelta(days=(7 - first.weekday()) % 7)
    days = []
    while monday.month == month:
        days.append(monday)
        monday += datetime.timedelta(days=7)
    return days


def _in_force(duty: ReceptionDuty, start: datetime.date, end: datetime.date) -> bool:
    return duty.valid_from <= end and (duty.valid_to is None or duty.valid_to >= start)


def _cell(duty, rules, days: set[datetime.date], year: int, month: int, today: datetime.date) -> Cell:
    start = datetime.date(year, month, 1)
    end = datetime.date(year, month, calendar.monthrange(year, month)[1])
    received = sum(1 for day in days if start <= day <= end)
    cell = Cell(month=month, days=received)
    rule = rule_on(rules, duty.leader_role, start)
    if rule is None or not _in_force(duty, start, end):
        return cell
    cell.per = rule.per
    cell.pending = end >= today
    if rule.per == ReceptionRule.Per.WEEK:
        weeks = [
            monday
            for monday in mondays_in(year, month)
            if _in_force(duty, monday, monday + datetime.timedelta(days=6))
        ]
        cell.required = len(weeks) * rule.min_days
        # Under a weekly rule the figure is the days received in the month's weeks (a week belongs to the month of
        # its Monday), so it is compared with what those weeks require: 5/5, not 4/5 when the last week's day fell
        # in the next month.
        cell.days = 0
        for monday in weeks:
            held = sum(1 for day in days if monday <= day <= monday + datetime.timedelta(days=6))
            cell.days += held
            week_over = monday + datetime.timedelta(days=6) < today
            if held < rule.min_days and week_over:
                cell.missed_weeks.append(monday)
        cell.short = bool(cell.missed_weeks)
    else:
        cell.required = rule.min_days
        cell.short = not cell.pending and received < rule.min_days
    return cell


def compliance_table(user, unit: OrgUnit, year: int, today: datetime.date) -> list[ComplianceRow]:
    """The leaders who must receive citizens in `unit`'s subtree during `year` × its twelve months: days received
    against the rule in force (three queries: the duties, the rules, and one over the receptions)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    duties = list(
        duties_in(user, unit).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start), valid_from__lte=end)
    )
    if not duties:
        return []
    rules = list(ReceptionRule.objects.all())
    # A week that starts in late December of the year before, or ends in early January after, counts its days too.
    received = (
        Reception.objects.filter(
            subtree_q(unit.path, "unit_path"),
            leader_id__in={duty.person_id for duty in duties},
            date__gte=start - datetime.timedelta(days=6),
            date__lte=end + datetime.timedelta(days=6),
        )
        .values_list("leader_id", "unit_path", "date")
        .distinct()
    )
    days: dict[tuple[int, str], set[datetime.date]] = defaultdict(set)
    for leader_id, path, day in received:
        days[(leader_id, path)].add(day)
    rows = []
    for duty in duties:
        own = set()
        for (leader_id, path), dates in days.items():
            if leader_id == duty.person_id and path.startswith(duty.unit_path):
                own |= dates
        rows.append(
            ComplianceRow(duty, [_cell(duty, rules, own, year, month, today) for month in range(1, 13)])
        )
    return rows
