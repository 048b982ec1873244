"""`danvan bench activities`: builds tasks and meetings at a small scale in a scratch database and prints each count
beside its plain-SQL bound."""

import io
import re

from django.core.management import call_command


def test_bench_activities_prints_each_count_with_its_ratio():
    # No database fixture: pytest-django would fail the test if the command touched the test database.
    out = io.StringIO()
    call_command("bench", "activities", "--scale", "0.002", "--repeat", "2", stdout=out)
    text = out.getvalue()

    assert re.search(r"[\d,]+ tasks and [\d,]+ meetings in [\d.]+ s", text), text
    for operation in (
        "task board four counts, one province, 2026H1",
        "four counts by province, the nation, 2026H1",
        "meetings held by type, one province, 2026H1",
    ):
        line = next((line for line in text.splitlines() if line.startswith(operation)), None)
        assert line is not None, f"{operation!r} missing from:\n{text}"
        assert re.search(r"\s\d+\.\d{3}\s+\d+\.\d{3}\s+[+-]\d+\.\d{3}\s+\d+\.\d{2}\s.*(PASS|FAIL)$", line), (
            line
        )
