"""The citizens' figures for the reports and the counts page: what a unit's subtree did in a period, counted from the
records, never typed. The reporting engine's indicators bound to a source `citizens.*` read them here
(`reporting.services.system`; reporting sits above citizens and imports this module, never the reverse).

A unit's figures cover its subtree and those of the same-kind units it was formed from (`orgunits.lineage`), as the
activities' figures do. The petitions counted are those **received in the period** (`received_on`), each as it
stands today: accepted (thụ lý), resolved on time or late, still open, overdue now. The one definition of each is
here (`ACCEPTED`, `OPEN`, `resolved_q`, `overdue_q`); the counts page, its links to the register and the reports use
it, so a number and the list behind it agree.

- resolved on time: resolved (`resolved_on` set) on or before `due_on`, the due date of the clock that ran when it
  was resolved (the resolution clock), or without any legal clock; resolved late: after it;
- receptions held: the `Reception` rows dated within the period; dialogues held: the `Dialogue` rows with status
  held, dated within the period.
"""

import datetime

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from danvan.core.periods import Period
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import LineageLink, OrgUnit
from danvan.orgunits.tree import open_on_q, subtrees_q

from ..models import Dialogue, Petition, Reception
from . import dialogues, receptions

Stage = Petition.Stage
ONE = Value(1)
ACCEPTED = Q(accepted_on__isnull=False)
OPEN = Q(stage__in=Petition.OPEN_STAGES)
RESOLVED = Q(resolved_on__isnull=False)
LATE = RESOLVED & Q(due_on__isnull=False, resolved_on__gt=F("due_on"))
ON_TIME = RESOLVED & (Q(due_on__isnull=True) | Q(resolved_on__lte=F("due_on")))
TIMELINESS = ("on_time", "late")
# The columns of the petitions' figures, in the counts page's order (the kinds come after "received").
PETITION_FIGURES = ("received", "accepted", "on_time", "late", "open", "overdue")


def resolved_q(timeliness: str) -> Q:
    """Petitions resolved on time ("on_time") or late ("late"): the one definition (the register's filter
    `resolved=on_time|late` calls it too)."""
    return ON_TIME if timeliness == "on_time" else LATE


def overdue_q(today: datetime.date) -> Q:
    """Still open and past the due date of the clock running now (a suspended petition has none)."""
    return OPEN & Q(due_on__lt=today)


def received_q(period: Period) -> Q:
    return Q(received_on__gte=period.start, received_on__lte=period.end)


def figure_paths(unit: OrgUnit, lineage: list[str] | None = None) -> list[str]:
    """The subtrees a unit's figures count: its own and its predecessors' (one query unless `lineage` is given)."""
    return lineage if lineage is not None else lineage_paths(unit)


def _petition_counts(today: datetime.date) -> dict:
    """The aggregate expressions of every petition figure: the totals, by kind and by field."""
    counts = {
        "received": Count(ONE),
        "accepted": Count(ONE, filter=ACCEPTED),
        "on_time": Count(ONE, filter=ON_TIME),
        "late": Count(ONE, filter=LATE),
        "open": Count(ONE, filter=OPEN),
        "overdue": Count(ONE, filter=overdue_q(today)),
    }
    counts.update({f"kind_{kind}": Count(ONE, filter=Q(kind=kind)) for kind in Petition.Kind.values})
    return counts


def petition_figures(
    unit: OrgUnit, period: Period, today: datetime.date | None = None, lineage: list[str] | None = None
) -> dict[str, int]:
    """The petitions the unit's subtree received in the period: received, accepted, resolved on time / late, open,
    overdue (as of `today`), `kind_<kind>` and `field_<field>` for each kind and field, in one query over the index
    `petition_path_received`."""
    counts = _petition_counts(today or timezone.localdate())
    counts.update({f"field_{field}": Count(ONE, filter=Q(field=field)) for field in Petition.Field.values})
    result = Petition.objects.filter(
        subtrees_q(figure_paths(unit, lineage), "unit_path"), received_q(period)
    ).aggregate(**counts)
    return {key: number or 0 for key, number in result.items()}


def receptions_held(unit: OrgUnit, period: Period, lineage: list[str] | None = None) -> int:
    """The citizen receptions the unit's subtree held in the period."""
    return receptions.receptions_held(
        subtrees_q(figure_paths(unit, lineage), "unit_path"), period.start, period.end
    )


def dialogues_held(unit: OrgUnit, period: Period, lineage: list[str] | None = None) -> int:
    """The direct dialogues the unit's subtree held in the period."""
    return dialogues.dialogues_held(
        subtrees_q(figure_paths(unit, lineage), "unit_path"), period.start, period.end
    )


def kind_stage_counts(paths: list[str] | None) -> dict[tuple[str, str], int]:
    """{(kind, stage): number} of the petitions in the subtrees at `paths` (None: the whole country, for the
    superusers' national view), in one grouped query over the index `petition_path_kind_stage`."""
    rows = (
        Petition.objects.filter(subtrees_q(paths, "unit_path"))
        .order_by()
        .values_list("kind", "stage")
        .annotate(n=Count(ONE))
    )
    return {(kind, stage): number for kind, stage, number in rows}


def lineages(paths: list[str]) -> dict[str, list[str]]:
    """{path: the path and those of the same-kind units it was formed from, transitively} for many units in one
    query (`orgunits.lineage.predecessor_paths` answers for one set at a time)."""
    if not paths:
        return {}
    link, unit_table = LineageLink._meta.db_table, OrgUnit._meta.db_table
    placeholders = ", ".join(["%s"] * len(paths))
    sql = f"""
        WITH RECURSIVE chain(origin, id, kind) AS (
            SELECT path, id, kind FROM {unit_table} WHERE path IN ({placeholders})
            UNION
            SELECT c.origin, p.unit_id, c.kind FROM chain c
            JOIN {link} s ON s.unit_id = c.id AND s.role = %s
            JOIN {link} p ON p.event_id = s.event_id AND p.role = %s
            WHERE (SELECT pu.kind FROM {unit_table} pu WHERE pu.id = p.unit_id) = c.kind
        )
        SELECT c.origin, u.path FROM chain c JOIN {unit_table} u ON u.id = c.id
        WHERE u.path <> c.origin ORDER BY c.origin, u.path"""
    result = {path: [path] for path in paths}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*paths, LineageLink.Role.SUCCESSOR, LineageLink.Role.PREDECESSOR])
        for origin, path in cursor.fetchall():
            if path not in result[origin]:
                result[origin].append(path)
    return result


def row_units(unit: OrgUnit, period: Period, today: datetime.date) -> list[OrgUnit]:
    """The rows of the counts page: the unit's children open when the period ended (or today, before its end)."""
    day = min(period.end, today)
    return list(OrgUnit.objects.filter(open_on_q(day), parent=unit).vietnamese_order())


def _row_key(unit: OrgUnit, rows: list[OrgUnit], paths: dict[str, list[str]]) -> Case:
    """Which row a record belongs to: the child whose subtree (or predecessor's) holds it, else the unit itself."""
    whens = [When(subtrees_q(paths[row.path], "unit_path"), then=Value(row.pk)) for row in rows]
    return Case(*whens, default=Value(unit.pk), output_field=IntegerField())


def counts_table(
    unit: OrgUnit, period: Period, today: datetime.date | None = None
) -> tuple[list[OrgUnit], dict[int, dict[str, int]]]:
    """The counts page's table: the rows (`row_units`) and {unit id: figures} for each row and for the unit itself
    (its own register and whatever its children's lineages leave out), the petitions' figures by kind, receptions
    and dialogues, in one aggregate statement (three grouped queries joined by UNION ALL) after the lineage query."""
    today = today or timezone.localdate()
    rows = row_units(unit, period, today)
    paths = lineages([unit.path, *(row.path for row in rows)])
    scope = subtrees_q(paths[unit.path], "unit_path")
    key = _row_key(unit, rows, paths)
    petition_columns = [*PETITION_FIGURES, *(f"kind_{kind}" for kind in Petition.Kind.values)]
    columns = [*petition_columns, "receptions", "dialogues"]
    zero = Value(0, output_field=IntegerField())
    petitions = (
        Petition.objects.filter(scope, received_q(period))
        .annotate(row=key)
        .order_by()
        .values("row")
        .annotate(**_petition_counts(today), receptions=zero, dialogues=zero)
        .values_list("row", *columns)
    )
    dated = {"date__gte": period.start, "date__lte": period.end}
    receptions = _other_counts(Reception.objects.filter(scope, **dated), key, columns, "receptions")
    dialogues = _other_counts(
        Dialogue.objects.filter(scope, status=Dialogue.Status.HELD, **dated), key, columns, "dialogues"
    )
    figures = {row.pk: dict.fromkeys(columns, 0) for row in [*rows, unit]}
    for row, *numbers in petitions.union(receptions, dialogues, all=True).order_by():
        for column, number in zip(columns, numbers, strict=True):
            figures[row][column] += number or 0
    return rows, figures


def _other_counts(queryset: QuerySet, key: Case, columns: list[str], column: str) -> QuerySet:
    """One grouped count of receptions or dialogues, in the petitions' columns (zero in all but its own)."""
    zero = Value(0, output_field=IntegerField())
    values = {name: (Count(ONE) if name == column else zero) for name in columns}
    return queryset.annotate(row=key).order_by().values("row").annotate(**values).values_list("row", *columns)


def totals(figures: dict[int, dict[str, int]]) -> dict[str, int]:
    """The table's total line: the rows' figures added up (the unit's own line included)."""
    result: dict[str, int] = {}
    for numbers in figures.values():
        for column, number in numbers.items():
            result[column] = result.get(column, 0) + number
    return result
