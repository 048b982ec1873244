"""`danvan bench practices`: builds the register at a small scale and prints each count beside
its plain-SQL bound."""

import re


def test_bench_practices_prints_each_count_with_its_ratio(run_bench):
    text = run_bench("practices", scale=0.002, repeat=2)

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
