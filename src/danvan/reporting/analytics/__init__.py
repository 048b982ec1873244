"""The aggregation page (tổng hợp số liệu) and its Excel export: a form's indicators added up live over a unit's
subtree, as a pivot of units × indicators (one row per child unit open at the end of the period, plus the unit's
total) or of indicators × periods (with the change between two periods), with a chart and drill-down.

Every figure comes from `selectors.aggregate`: one statement over the `Value` fact table per layout (two for the
units layout: the children and the unit's own total, which is not the sum of the children for averages and
computed indicators). A period before the 2025 reform is added up over the tree valid then, and a unit made in the
reform counts its predecessors' figures (lineage); the page says so, naming how many old units the figures came from.

- `choice`: what the page shows, read from the request; `tables`: the two layouts; `notes`: the lineage notes;
  `page`: the page's context; `excel`: the export. Figures are written by `reporting.display`.
"""

from .excel import export_response
from .page import page_context

__all__ = ["export_response", "page_context"]
