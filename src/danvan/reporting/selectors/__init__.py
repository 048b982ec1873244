"""Every read of reporting data, scoped to the user where the data is a unit's. This module is the app's named
interface for reads: callers use `selectors.<name>`; the code lives in the modules below, by topic.

- `definitions`: the forms and indicators a user sees, a form's structure, the units that report a form.
- `submissions`: reports a user sees, their cells and history, completeness, what the dashboard says is due.
- `aggregation`: live totals over a unit's subtree from the `Value` fact table.
"""

from .aggregation import Cell, aggregate, aggregate_uncached, needed_indicators, value_map
from .definitions import (
    FormDefinition,
    category_keys,
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
    ReportsDue,
    cell_comments,
    cell_history,
    commented_cells,
    completeness,
    earlier_periods,
    get_submission_for,
    lineage_figures,
    reports_due,
    submission_events,
    submissions_visible_to,
    unit_history,
    unit_lineage,
    values_of,
)

__all__ = [
    "Cell",
    "Completeness",
    "FormDefinition",
    "ReportsDue",
    "aggregate",
    "aggregate_uncached",
    "category_keys",
    "cell_comments",
    "cell_history",
    "commented_cells",
    "completeness",
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
    "indicators_visible_to",
    "lineage_figures",
    "needed_indicators",
    "reports_due",
    "submission_events",
    "submissions_visible_to",
    "unit_history",
    "unit_lineage",
    "value_map",
    "values_of",
]
