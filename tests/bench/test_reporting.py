"""`danvan bench reporting`: builds the values at a small scale in a scratch database, checks that the selector and
its plain-SQL lower bound give the same figures, and prints each operation beside its bound."""

import re

import pytest


@pytest.mark.bench
def test_bench_reporting_prints_the_totals_the_pivot_and_the_import_with_their_ratios(run_bench):
    text = run_bench("reporting", scale=0.002, repeat=1)

    assert re.search(
        r"[\d,]+ values \([\d,]+ old units × 13 half-years, [\d,]+ units × 2\) in [\d.]+ s", text
    ), text
    for operation in (
        "national totals of the form by province, 2026H1",
        "a province's pivot, children × indicators, 2026H1",
        "bulk import of new values for 2026H2",
    ):
        line = next((line for line in text.splitlines() if line.startswith(operation)), None)
        assert line is not None, f"{operation!r} missing from:\n{text}"
        assert re.search(r"\s\d+\.\d{3}\s+\d+\.\d{3}\s+[+-]\d+\.\d{3}\s+\d+\.\d{2}\s.*(PASS|FAIL)$", line), (
            line
        )
    assert re.search(r"[\d,]+ values/s, plain SQL [\d,]+ values/s", text), text
