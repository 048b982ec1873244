"""`danvan bench citizens`: builds petitions at a small scale in a scratch database and prints each read beside its
plain-SQL bound (the same result checked first)."""

import io
import re

import pytest
from django.core.management import call_command


@pytest.mark.bench
def test_bench_citizens_prints_each_read_with_its_ratio():
    # No database fixture: pytest-django would fail the test if the command touched the test database.
    out = io.StringIO()
    call_command("bench", "citizens", "--scale", "0.005", "--repeat", "2", stdout=out)
    text = out.getvalue()

    assert re.search(r"[\d,]+ petitions in [\d.]+ s", text), text
    for operation in (
        "overdue list, first page, one province",
        "counts by kind and stage, one province",
        "counts by kind and stage, the nation",
        "report figures, one province, 2026H1",
    ):
        line = next((line for line in text.splitlines() if line.startswith(operation)), None)
        assert line is not None, f"{operation!r} missing from:\n{text}"
        assert re.search(r"\s\d+\.\d{3}\s+\d+\.\d{3}\s+[+-]\d+\.\d{3}\s+\d+\.\d{2}\s.*(PASS|FAIL)$", line), (
            line
        )
