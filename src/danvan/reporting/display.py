"""How a figure of an indicator is written: the one place for its decimals, separators and words.

- On the data entry grid (`figure`), a stored figure is shown as a user types it (up to four decimals, Vietnamese
  separators: 1.759 / 2,5 / Có), so that editing a cell starts from what was stored; a computed figure (a rate, a
  ratio) is rounded first (`computed_figure`).
- On the aggregation page and its export (`formatter`, `shown`, `shown_change`, `shown_percent`), an added-up figure
  is written in the active language (1.759 / 83,3 in Vietnamese, 1,759 / 83.3 in English): percentages with one
  decimal, counts without, anything else one decimal if needed (`decimals_of`).
"""

import functools
from collections.abc import Callable

from django.utils.formats import get_format, number_format
from django.utils.translation import get_language
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


def decimals_of(indicator: Indicator, value: float) -> int:
    """Percentages with one decimal; counts without; anything else (averages, sums of decimals) one if needed."""
    if indicator.value_type == ValueType.PERCENTAGE:
        return 1
    return 0 if abs(value - round(value)) < 1e-9 else 1


@functools.cache
def _separators(language: str) -> dict[int, str]:
    """str.translate table from Python's 1,759.5 to the language's own separators (1.759,5 in Vietnamese)."""
    return str.maketrans(
        {",": get_format("THOUSAND_SEPARATOR", language), ".": get_format("DECIMAL_SEPARATOR", language)}
    )


def shown(indicator: Indicator, value: float | None) -> str:
    """1.759 / 83,3 in Vietnamese (1,759 / 83.3 in English)."""
    return formatter()(indicator, value)


def formatter() -> Callable[[Indicator, float | None], str]:
    """`shown` for the active language, to call once per cell: formatted by Python and the separators swapped (the
    pivot shows ten thousand figures; Django's number_format costs ten times more)."""
    separators = _separators(get_language())
    # The same few figures come again and again (small counts): each is formatted once per page.
    done: dict[tuple[float, bool], str] = {}

    def format_figure(indicator: Indicator, value: float | None) -> str:
        if value is None:
            return ""
        key = (value, indicator.value_type == ValueType.PERCENTAGE)
        text = done.get(key)
        if text is None:
            places = decimals_of(indicator, value)
            text = done[key] = f"{round(value, places):,.{places}f}".translate(separators)
        return text

    return format_figure


def shown_change(indicator: Indicator, value: float | None) -> str:
    if value is None:
        return ""
    text = shown(indicator, abs(value))
    if abs(value) < 1e-9 or text.strip("0,.") == "":
        return "0"
    return ("+" if value > 0 else "−") + text


def shown_percent(value: float | None) -> str:
    if value is None:
        return ""
    text = number_format(round(abs(value), 1), decimal_pos=1, force_grouping=True)
    if abs(value) < 0.05:
        return text + " %"
    return ("+" if value > 0 else "−") + text + " %"
