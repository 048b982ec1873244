"""Every read of reporting data, scoped to the user where the data is a unit's. This module is the app's named
interface for reads: callers use `selectors.<name>`; the code lives in the modules below, by topic.

- `definitions`: the forms and indicators a user sees, a form's structure, the units that report a form.
- `submissions`: reports a user sees, their cells and history, completeness.
- `todo`: what the dashboard's *Việc cần làm* says is due: overdue, current and next reports, and those waiting
  for approval.
- `aggregation`: live totals over a unit's subtree from the `Value` fact table, of approved, submitted or all
  reports (`COUNTED_STATUSES`).
- `coverage`: how many of the units that must report a form are counted in a total, and which.
"""

from .aggregation import (
    ALL,
    APPROVED,
    COUNTED_STATUSES,
    SUBMITTED,
    Cell,
    aggregate,
    aggregate_uncached,
    needed_indicators,
    value_map,
)
from .coverage import Coverage, coverage, coverage_by_period, indicators_coverage
from .definitions import (
    FormDefinition,
    category_keys,
    current_form_structure,
    expected_units,
    form_definition,
    form_indicators,
    form_structure,
    forms_for_unit,
    forms_visible_to,
    get_form_for,
    get_indicator_for,
    indicators_visible_to,
)
from .submissions import (
    Completeness,
    cell_comments,
    cell_history,
    commented_cells,
    completeness,
    earlier_periods,
    get_submission_for,
    lineage_figures,
    submission_events,
    submissions_visible_to,
    unit_history,
    unit_lineage,
    values_of,
)
from .todo import DueReport, Todo, todo_for

__all__ = [
    "ALL",
    "APPROVED",
    "COUNTED_STATUSES",
    "SUBMITTED",
    "Cell",
    "Completeness",
    "Coverage",
    "DueReport",
    "FormDefinition",
    "Todo",
    "aggregate",
    "aggregate_uncached",
    "category_keys",
    "cell_comments",
    "cell_history",
    "commented_cells",
    "completeness",
    "coverage",
    "coverage_by_period",
    "current_form_structure",
    "earlier_periods",
    "expected_units",
    "form_definition",
    "form_indicators",
    "form_structure",
    "forms_for_unit",
    "forms_visible_to",
    "get_form_for",
    "get_indicator_for",
    "get_submission_for",
    "indicators_coverage",
    "indicators_visible_to",
    "lineage_figures",
    "needed_indicators",
    "submission_events",
    "submissions_visible_to",
    "todo_for",
    "unit_history",
    "unit_lineage",
    "value_map",
    "values_of",
]
