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
# file with 100,000 styles took 6 s, a 130 KB one with 3 million strings a minute. Each part it parses is counted
# first (see check_parts), within a budget for the whole file.
MAX_STRING_ELEMENTS = 250_000
MAX_PART_ELEMENTS = 20_000
MAX_FILE_ELEMENTS = 2_000_000

_COORDINATE = re.compile(r"([A-Z]{1,3})([0-9]+)")


class ExtentRefused(ValueError):
    """The sheet goes beyond a limit; the message says which, in Vietnamese, for the user."""


@dataclass(frozen=True)
class Extent:
    """The last row and column holding a value (0, 0 for a sheet without any)."""

    rows: int
    columns: int


def check_parts(archive) -> None:
    """Counts the elements of each XML part openpyxl parses when it opens `archive` (a ZipFile), before it does,
    stopping at the first part beyond its limit; raises ExtentRefused. A part's role is what openpyxl would take it
    for: the shared strings and the workbook by their declared content type, the styles by their fixed path. The
    worksheets are left to scan_extent (only the one read is parsed), and so are the parts openpyxl does not read
    (calculation chain, pivot caches, comments, drawings), which can be large in a genuine file."""
    types = _content_types(archive)
    budget = MAX_FILE_ELEMENTS
    for entry in archive.infolist():
        name = entry.filename
        if not name.lower().endswith((".xml", ".rels")) or name == CONTENT_TYPES:
            continue
        kind = types.get("/" + name, "")
        if name != STYLES and kind.endswith(_UNREAD_TYPES):
            continue
        limit = MAX_STRING_ELEMENTS if kind.endswith("sharedStrings+xml") else MAX_PART_ELEMENTS
        with archive.open(entry) as source:
            budget -= _count_elements(source, min(limit, budget))


CONTENT_TYPES = "[Content_Types].xml"
STYLES = "xl/styles.xml"
_UNREAD_TYPES = (
    "worksheet+xml",
    "chartsheet+xml",
    "dialogsheet+xml",
    "calcChain+xml",
    "pivotCacheRecords+xml",
    "pivotCacheDefinition+xml",
    "pivotTable+xml",
    "comments+xml",
    "drawing+xml",
    "chart+xml",
    "table+xml",
    "vmlDrawing",
)


def _content_types(archive) -> dict[str, str]:
    """{"/xl/sharedStrings.xml": content type} of the parts [Content_Types].xml names (counted like any part)."""
    if CONTENT_TYPES not in archive.namelist():
        return {}
    with archive.open(CONTENT_TYPES) as source:
        _count_elements(source, MAX_PART_ELEMENTS)
    with archive.open(CONTENT_TYPES) as source:
        root = ElementTree.parse(source).getroot()
    return {
        element.get("PartName", ""): element.get("ContentType", "")
        for element in root
        if element.tag.rpartition("}")[2] == "Override"
    }


def _count_elements(source, limit: int) -> int:
    count = 0
    root = None
    for _event, element in ElementTree.iterparse(source, events=("start",)):
        root = element if root is None else root
        count += 1
        if count > limit:
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
    return int(text) if text and text.isascii() and text.isdigit() and len(text) < 10 else default


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
