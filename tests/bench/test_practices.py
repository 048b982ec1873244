"""`danvan bench practices`: builds the register at a small scale in a scratch database and prints each count beside
its plain-SQL bound."""

import io
import re

from django.core.management import call_command


def test_bench_practices_prints_each_count_with_its_ratio():
    # No database fixture: pytest-django would fail the test if the command touched the test database.
    out = io.StringIO()
    call_command("bench", "practices", "--scale", "0.002", "--repeat", "2", stdout=out)
    text = out.getvalue()

    assert re.search(
        r"[\d,]+ practices, [\d,]+ practice-years, [\d,]+ practice-year fields in [\d.]+ s", text
    ), text
    for operation in (
        "counts by level × field, one province, 2026",
        "counts by level × field, one province, 2024",
        "counts by level × field, the nation, 2026",
    ):
        line = next((line for line in text.splitlines() if line.startswith(operation)), None)
        assert line is not None, f"{operation!r} missing from:\n{text}"
        assert re.search(r"\s\d+\.\d{3}\s+\d+\.\d{3}\s+[+-]\d+\.\d{3}\s+\d+\.\d{2}\s.*(PASS|FAIL)$", line), (
            line
        )
