"""`danvan bench`: runs in a scratch database of its own and prints each operation beside its plain-SQL bound."""

import io
import os
import re

from django.conf import settings
from django.core.management import call_command

from danvan.core.management.commands.bench import BENCHMARKS


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
