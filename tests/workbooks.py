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


def copy_examples_into_the_data_sheet(content: bytes, data_title: str) -> bytes:
    """What a user does who keeps an import template's examples: copies the rows of «Ví dụ» into the data
    sheet."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    for values in workbook["Ví dụ"].iter_rows(min_row=2, values_only=True):
        workbook[data_title].append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
