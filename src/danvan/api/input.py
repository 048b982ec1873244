"""What the API refuses before any schema, service or database sees it (DESIGN §4.5): NUL characters anywhere in
the query or the JSON body (PostgreSQL cannot store them), integers beyond JSON's safe range (ids and offsets that
overflow a 64-bit column), and JSON that is not JSON (NaN, Infinity). Each refusal names the parameter or field."""

import json
import re

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from ninja.parser import Parser

# 2**53 - 1: the largest integer every JSON client reads exactly; ids, offsets and years stay far below it, and an
# offset plus a page still fits in a 64-bit column.
MAX_INTEGER = 2**53 - 1
_INTEGER = re.compile(r"\s*[-+]?[0-9]+\s*")


class UnsafeInput(ValueError):
    """A part of the request no endpoint accepts; `field` names where it is."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class NotJson(ValueError):
    """The body is not JSON."""


def check_value(field: str, value) -> None:
    """Raises UnsafeInput for a NUL character or a number beyond MAX_INTEGER (also written as a string of digits,
    which an int field reads) in `value`, any JSON value, walked without recursion."""
    pending = [(field, value)]
    while pending:
        where, item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                raise UnsafeInput(where, _("Không được chứa ký tự NUL (\\u0000)."))
            if len(item) > 15 and _INTEGER.fullmatch(item):  # read as an integer by an int field
                pending.append((where, int(item)))
        elif isinstance(item, bool):
            continue
        elif isinstance(item, int | float):
            if abs(item) > MAX_INTEGER:
                raise UnsafeInput(
                    where,
                    _("Số quá lớn: tối đa %(max)s.")
                    % {"max": number_format(MAX_INTEGER, force_grouping=True)},
                )
        elif isinstance(item, dict):
            for key, inner in item.items():
                if "\x00" in key:
                    raise UnsafeInput(where or "body", _("Tên trường không được chứa ký tự NUL (\\u0000)."))
                pending.append((f"{where}.{key}" if where else key, inner))
        elif isinstance(item, list):
            pending.extend(
                (f"{where}[{index}]" if where else f"[{index}]", inner) for index, inner in enumerate(item)
            )


def check_query(query) -> None:
    """The query string's parameters (a QueryDict): no NUL, no integer beyond MAX_INTEGER."""
    for key, values in query.lists():
        for value in [key, *values]:
            check_value(key, value)


def _refuse_constant(name: str):
    raise NotJson(name)


class StrictParser(Parser):
    """ninja's JSON parser with the checks above on the body and on every query it parses."""

    def parse_body(self, request):
        try:
            data = json.loads(request.body, parse_constant=_refuse_constant)
        except (
            ValueError,
            RecursionError,
        ) as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            raise NotJson(str(error)) from None
        check_value("", data)
        return data

    def parse_querydict(self, data, list_fields, request):
        check_query(data)
        return super().parse_querydict(data, list_fields, request)
