"""`danvan bench activities`: builds tasks and meetings at a small scale and prints each count
beside its plain-SQL bound."""

import re


def test_bench_activities_prints_each_count_with_its_ratio(run_bench):
    text = run_bench("activities", scale=0.002, repeat=2)

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
