"""Every write to the reporting data, checked, atomic and logged (the cells' history is `ValueChange`, the rest the
change log). This module is the app's named interface for writes: callers use `services.<name>`; the code lives in
the modules below, by topic.

- `access`: who may define, enter and approve.
- `definitions`: indicators, categories, forms and their sections.
- `rules`: a form's validation rules, defined and checked.
- `system`: the figures the system knows itself (the practice register's counts).
- `locks`: whether a report takes figures now, whether a unit reports a form, the row locks.
- `values`: one cell parsed, shown and saved; the plain-SQL writer of values.
- `bulk`: many values at once (API, imports).
- `offline`: a report's offline Excel form: what it shows, and its upload taken back.
- `workflow`: a report brought into being by its first figure or text, its narrative, and `transition` (submit,
  approve, return, reopen).
- `approvals`: many reports approved at once, each through `transition`.
- `nudges`: *Nhắc nhở*, reminding the units below that have not submitted.
"""

from .access import can_approve, can_define, can_enter
from .approvals import BulkApproval, approve_many
from .bulk import MAX_BULK_VALUES, write_values
from .definitions import (
    delete_section,
    move_section,
    save_category,
    save_form,
    save_indicator,
    save_section,
    section_codes,
)
from .locks import lock_reason, report_problem
from .nudges import can_nudge, nudge_missing, units_to_nudge
from .offline import OfflineResult, import_offline, offline_figures
from .rules import (
    Gap,
    ReportFigures,
    Violation,
    check_rules,
    compulsory_gaps,
    delete_rule,
    report_figures,
    save_rule,
    unit_values,
)
from .system import (
    SOURCE_CATEGORIES,
    STANDARD_CATEGORIES,
    ensure_standard_categories,
    system_preview,
    system_values,
)
from .values import (
    CHANGE_COLUMNS,
    VALUE_COLUMNS,
    CellResult,
    CellWrite,
    Conflict,
    apply_writes,
    display,
    fill_from_system,
    outlier_warning,
    parse_value,
    save_value,
)
from .workflow import (
    REOPEN_DAYS,
    Incomplete,
    approve,
    comment_cell,
    open_submission,
    reopen,
    return_submission,
    save_first_narrative,
    save_first_value,
    save_narrative,
    save_report_values,
    submit,
    transition,
)

__all__ = [
    "CHANGE_COLUMNS",
    "MAX_BULK_VALUES",
    "REOPEN_DAYS",
    "SOURCE_CATEGORIES",
    "STANDARD_CATEGORIES",
    "VALUE_COLUMNS",
    "BulkApproval",
    "CellResult",
    "CellWrite",
    "Conflict",
    "Gap",
    "Incomplete",
    "OfflineResult",
    "ReportFigures",
    "Violation",
    "apply_writes",
    "approve",
    "approve_many",
    "can_approve",
    "can_define",
    "can_enter",
    "can_nudge",
    "check_rules",
    "comment_cell",
    "compulsory_gaps",
    "delete_rule",
    "delete_section",
    "display",
    "ensure_standard_categories",
    "fill_from_system",
    "import_offline",
    "lock_reason",
    "move_section",
    "nudge_missing",
    "offline_figures",
    "open_submission",
    "outlier_warning",
    "parse_value",
    "reopen",
    "report_figures",
    "report_problem",
    "return_submission",
    "save_category",
    "save_first_narrative",
    "save_first_value",
    "save_form",
    "save_indicator",
    "save_narrative",
    "save_report_values",
    "save_rule",
    "save_section",
    "save_value",
    "section_codes",
    "submit",
    "system_preview",
    "system_values",
    "transition",
    "unit_values",
    "units_to_nudge",
    "write_values",
]
