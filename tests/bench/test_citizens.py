"""`danvan bench citizens`: builds petitions at a small scale and prints each read beside its
plain-SQL bound (the same result checked first)."""

import re

import pytest


@pytest.mark.bench
def test_bench_citizens_prints_each_read_with_its_ratio(run_bench):
    text = run_bench("citizens", scale=0.005, repeat=2)

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
