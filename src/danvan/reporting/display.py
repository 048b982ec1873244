"""How a figure of an indicator is written on the data entry grid: the one place for its decimals and words.

A stored figure is shown as a user types it (up to four decimals, Vietnamese separators: 1.759 / 2,5 / Có), so that
editing a cell starts from what was stored. A computed figure (a rate, a ratio) is rounded first, as the aggregation
page and the report document show it.
"""

from django.utils.translation import gettext as _

from danvan.core.text import vn_number

from .models import Indicator, ValueType

TYPED_DECIMALS = 4


def figure(indicator: Indicator, number: float | None, text: str = "") -> str:
    """A stored value as the grid shows it and a user types it: 1.759 / 2,5 / Có."""
    if indicator.value_type == ValueType.TEXT:
        return text
    if number is None:
        return ""
    if indicator.value_type == ValueType.BOOLEAN:
        return _("Có") if number else _("Không")
    return vn_number(number, TYPED_DECIMALS)


def computed_figure(indicator: Indicator, number: float | None) -> str:
    """A computed indicator's figure: rates to one decimal, other results to two."""
    digits = 1 if indicator.value_type == ValueType.PERCENTAGE else 2
    return "" if number is None else figure(indicator, round(number, digits))
