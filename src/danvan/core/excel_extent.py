"""The real extent of an uploaded worksheet, found by scanning its XML within hard limits before any other work.

A sheet's declared dimension can lie, and openpyxl's read-only rows are padded to it: one cell at XFD1048576 in a
5 KB file makes a million rows of 16,384 cells. So the imports first scan the sheet's XML, cell by cell, counting what
is really there and stopping at the first limit passed; then they ask openpyxl for that extent only (DESIGN §4.5).
"""

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

# A row or column holding a value beyond these is refused: the imports read a few thousand rows of a few dozen
# columns. Cells and rows are also counted as they are written in the file, blank or not, so that the scan itself
# stays bounded. Read at each call, not bound at import, so that a test may lower them.
MAX_SHEET_ROWS = 20_000
MAX_SHEET_COLUMNS = 100
MAX_SHEET_CELLS = 250_000
# openpyxl parses the shared strings and the styles in full when it opens a file, at 10–60 µs an element: a 9 KB
# file with 100,000 styles took 6 s, a 130 KB one with 3 million strings a minute. Every XML part is counted first,
# by the kind its root element says it is: a sheet's cells, a table of strings, anything else (styles, the
# workbook, relations…), within a budget for the whole file.
MAX_STRING_ELEMENTS = 250_000
MAX_PART_ELEMENTS = 20_000
MAX_FILE_ELEMENTS = 2_000_000
_ELEMENTS_PER_CELL = 4  # <c>, <v> or <is><t>, and a share of <row>

_COORDINATE = re.compile(r"([A-Z]{1,3})([0-9]+)")


class ExtentRefused(ValueError):
    """The sheet goes beyond a limit; the message says which, in Vietnamese, for the user."""


@dataclass(frozen=True)
class Extent:
    """The last row and column holding a value (0, 0 for a sheet without any)."""

    rows: int
    columns: int


def check_parts(archive) -> None:
    """Counts the elements of every XML part of `archive` (a ZipFile) before openpyxl parses any, stopping at the
    first part beyond its limit; raises ExtentRefused."""
    budget = MAX_FILE_ELEMENTS
    for entry in archive.infolist():
        if not entry.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(entry) as source:
            budget -= _count_elements(source, budget)


def _count_elements(source, budget: int) -> int:
    limit = MAX_PART_ELEMENTS
    count = 0
    root = None
    for _event, element in ElementTree.iterparse(source, events=("start",)):
        if root is None:
            root = element
            kind = element.tag.rpartition("}")[2]
            if kind in ("worksheet", "chartsheet", "dialogsheet"):
                limit = _ELEMENTS_PER_CELL * MAX_SHEET_CELLS + MAX_PART_ELEMENTS
            elif kind == "sst":
                limit = MAX_STRING_ELEMENTS
        count += 1
        if count > min(limit, budget):
            raise ExtentRefused(
                _(
                    "Tệp có phần nội dung quá lớn hoặc quá phức tạp (nhiều ô, chuỗi hay định dạng bất thường): "
                    "hãy chép phần dữ liệu (chỉ giá trị) sang một tệp mới."
                )
            )
        if count % 10_000 == 0:
            root.clear()  # what was read is only counted: free it
    return count


def column_number(letters: str) -> int:
    """ "A" → 1, "Z" → 26, "AA" → 27, "XFD" → 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def scan_extent(source) -> Extent:
    """Scans the worksheet XML of `source` (a binary file) and returns its real extent; raises ExtentRefused as soon
    as a value lies beyond MAX_SHEET_ROWS or MAX_SHEET_COLUMNS, or the file holds more than MAX_SHEET_CELLS cells or
    MAX_SHEET_ROWS rows, blank or not. Rows and cells without a coordinate follow the previous one, as in Excel."""
    last_row = last_column = 0
    rows_seen = cells_seen = 0
    row = column = 0
    for event, element in ElementTree.iterparse(source, events=("start", "end")):
        tag = element.tag.rpartition("}")[2]
        if event == "start":
            if tag == "row":
                rows_seen += 1
                if rows_seen > MAX_SHEET_ROWS:
                    raise ExtentRefused(_too_many_rows())
                row = _int(element.get("r"), row + 1)
                column = 0
            elif tag == "c":
                cells_seen += 1
                if cells_seen > MAX_SHEET_CELLS:
                    raise ExtentRefused(
                        _("Trang tính có hơn %(max)s ô: hãy chép phần dữ liệu sang một tệp mới.")
                        % {"max": number_format(MAX_SHEET_CELLS, force_grouping=True)}
                    )
                row, column = _coordinate(element.get("r"), row, column + 1)
            continue
        if tag == "c":
            if any(child.tag.rpartition("}")[2] in ("v", "is") for child in element):
                if row > MAX_SHEET_ROWS or column > MAX_SHEET_COLUMNS:
                    raise ExtentRefused(_beyond(row, column))
                last_row, last_column = max(last_row, row), max(last_column, column)
            element.clear()
        elif tag == "row":
            element.clear()
    return Extent(last_row, last_column)


def _int(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() and len(text) < 10 else default


def _coordinate(reference: str | None, row: int, column: int) -> tuple[int, int]:
    """(row, column) of a cell's "r" attribute, else of the cell after the previous one in its row."""
    found = _COORDINATE.fullmatch(reference or "")
    if not found or len(found[2]) >= 10:
        return row, column
    return int(found[2]), column_number(found[1])


def _too_many_rows() -> str:
    return _("Trang tính có hơn %(max)s dòng: hãy chép phần dữ liệu sang một tệp mới.") % {
        "max": number_format(MAX_SHEET_ROWS, force_grouping=True)
    }


def _beyond(row: int, column: int) -> str:
    letters = ""
    number = column
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return _(
        "Ô %(cell)s có dữ liệu nằm ngoài vùng đọc được (tối đa %(columns)s cột và %(rows)s dòng): hãy xoá các ô "
        "thừa đó, hoặc chép phần dữ liệu sang một tệp mới."
    ) % {
        "cell": f"{letters}{row}",
        "columns": MAX_SHEET_COLUMNS,
        "rows": number_format(MAX_SHEET_ROWS, force_grouping=True),
    }
