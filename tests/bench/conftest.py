"""The benchmarks' smoke tests run a benchmark's `run(options, stdout)` in the test database, as the command's
scratch child runs it: the scratch database and its migration are the command's own part, tested once
(`test_bench.py`), not paid again by every benchmark."""

import io

import pytest
from django.core.management.base import OutputWrapper
from django.utils.module_loading import import_string

from danvan.bench.management.commands.bench import BENCHMARKS
from danvan.practices.services import ensure_standard_fields
from danvan.reporting.services import ensure_standard_categories

# The command's defaults (`danvan bench --help`).
DEFAULTS = {"scale": 1.0, "repeat": 15, "users": 50, "think": 1.0, "duration": 60.0}


@pytest.fixture
def run_bench(transactional_db):
    """`run_bench("practices", scale=0.002, repeat=2)` → what the benchmark printed. It commits to the test
    database, which pytest-django empties after the test, as the command drops its scratch database."""

    def run(name: str, **options) -> str:
        # What the migrations wrote in a fresh scratch database, and an earlier test's emptying took away: the
        # practices' standard fields, the reports' standard categories.
        ensure_standard_fields()
        ensure_standard_categories()
        buffer = io.StringIO()
        import_string(BENCHMARKS[name])({**DEFAULTS, **options}, OutputWrapper(buffer))
        return buffer.getvalue()

    return run
