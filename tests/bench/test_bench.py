"""`danvan bench`: runs in a scratch database of its own and prints each operation beside its plain-SQL bound."""

import io
import os
import re

import pytest
from django.conf import settings
from django.core.management import call_command

from danvan.bench.management.commands.bench import BENCHMARKS


def test_bench_units_prints_each_operation_with_its_ratio_and_removes_its_scratch_database():
    # No database fixture: pytest-django would fail the test if the command touched the test database.
    out = io.StringIO()
    call_command("bench", "units", "--scale", "0.005", "--repeat", "2", stdout=out)
    text = out.getvalue()

    assert re.search(r"Built [\d,]+ units in [\d.]+ s", text)
    for operation in (
        "count units in a province's subtree",
        "count a province's subtree as of a date",
        "list the tree as of a date",
    ):
        line = next((line for line in text.splitlines() if line.startswith(operation)), None)
        assert line is not None, f"{operation!r} missing from:\n{text}"
        # time, plain SQL, overhead, ratio, then the verdict
        assert re.search(r"\s\d+\.\d{3}\s+\d+\.\d{3}\s+[+-]\d+\.\d{3}\s+\d+\.\d{2}\s.*(PASS|FAIL)$", line), (
            line
        )
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        bench_dir = settings.DATA_DIR / "bench"
        leftovers = list(bench_dir.glob(f"scratch-{os.getpid()}-*")) if bench_dir.exists() else []
        assert leftovers == []


def test_every_registered_benchmark_names_an_importable_run_function():
    from django.utils.module_loading import import_string

    for name, dotted in BENCHMARKS.items():
        assert callable(import_string(dotted)), name


@pytest.mark.bench
def test_bench_load_serves_the_demo_to_virtual_users_and_prints_each_page_figures():
    # No database fixture: the demo, the users and the server live in the benchmark's own scratch database.
    out = io.StringIO()
    call_command("bench", "load", "--users", "2", "--duration", "3", "--think", "0.5", stdout=out)
    text = out.getvalue()

    assert "Demo and 2 virtual users ready" in text, text
    row = r"\s+(\d+)\s+[\d.]+\s+\d+\s+\d+\s+\d+\s+\d+\s+(\d+)$"
    for page in ("login page", "log in", "all requests"):
        found = re.search(rf"^{page}{row}", text, re.M)
        assert found, f"{page!r} missing from:\n{text}"
        assert int(found.group(1)) >= 1
    assert re.search(r"requests/s, p50 \d+ ms, p95 \d+ ms, p99 \d+ ms, \d+ errors", text), text
    assert re.search(r"Target \(2 users, think 0.5 s\): p95 < 300 ms and 0 errors: (PASS|FAIL)", text), text
