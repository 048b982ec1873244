"""Workbooks built in memory, for the tests of the Excel imports."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.excel_export import XLSX_CONTENT_TYPE


def xlsx_bytes(*rows, headers, title: str) -> bytes:
    """An .xlsx whose one sheet `title` holds `headers` in row 1 (none if None), then `rows`."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    if headers is not None:
        sheet.append(headers)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_upload(*rows, name: str, headers, title: str) -> SimpleUploadedFile:
    """The same workbook as a file posted to an import."""
    return SimpleUploadedFile(
        name, xlsx_bytes(*rows, headers=headers, title=title), content_type=XLSX_CONTENT_TYPE
    )
