"""The view side of every Excel import page (core/import_page.html): read the upload, run the import, show its
errors. The page's view says what is imported where, and what to do when all rows were saved."""

from django.utils.translation import gettext as _

ROW_ERRORS_SHOWN = 500


def run_import(request, import_file):
    """On a POST with a file, runs `import_file(upload)` (all rows saved or none) and returns its report, else None;
    and what the page shows of it: the report, the file's errors in one line, the first rows' errors."""
    report, file_error = None, ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            file_error = _("Hãy chọn tệp Excel (.xlsx) để nhập.")
        else:
            report = import_file(upload)
            file_error = " ".join(str(error) for error in report.file_errors)
    shown = {
        "report": report,
        "file_error": file_error,
        "row_errors": report.row_errors[:ROW_ERRORS_SHOWN] if report else [],
    }
    return report, shown
