"""Shared pieces of the benchmarks (`danvan bench <name>`, DESIGN §7).

Every operation is timed next to its plain-SQL lower bound: the same result computed by one hand-written query
through `connection.cursor()`, measured in the same run on the same data. Both must give the same result, and the
table shows the ratio between them.
"""

import gc
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections


def _timed(fn: Callable[[], Any]) -> float:
    """One call's wall time, with the garbage collector paused (as `timeit` does): a collection set off by
    earlier allocations does not land in this figure."""
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        fn()
        return time.perf_counter() - started
    finally:
        gc.enable()


def measure(fn: Callable[[], Any], repeat: int) -> float:
    """Median wall time of `fn()` in seconds: one warm-up call, then `repeat` timed calls."""
    fn()
    return statistics.median(_timed(fn) for _ in range(max(1, repeat)))


def measure_pair(
    fn: Callable[[], Any], other: Callable[[], Any], repeat: int, between: Callable[[], Any] | None = None
) -> tuple[float, float]:
    """Medians of both, timed in alternation after a warm-up round, so that a change in the machine's load during
    the run weighs on both figures alike; `between()`, when given, runs untimed after every call."""
    first, second = [], []
    for i in range(max(1, repeat) + 1):
        order = ((fn, first), (other, second)) if i % 2 == 0 else ((other, second), (fn, first))
        for f, times in order:
            seconds = _timed(f)
            if between is not None:
                between()
            if i:  # the first round warms up
                times.append(seconds)
    return statistics.median(first), statistics.median(second)


def plain_sql(sql: str, params: Sequence = (), *, fetch: str = "all", using: str = DEFAULT_DB_ALIAS):
    """A function running one hand-written query: `fetch="one"` gives the first column of the first row,
    `fetch="all"` the list of row tuples."""
    if fetch not in ("one", "all"):
        raise ValueError(fetch)

    def run():
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            if fetch == "one":
                return cursor.fetchone()[0]
            return cursor.fetchall()

    return run


@dataclass
class Row:
    operation: str
    seconds: float
    lower_bound: float
    max_ratio: float | None = 1.5
    max_ms: float | None = None
    detail: str = ""

    @property
    def ms(self) -> float:
        return self.seconds * 1000

    @property
    def lower_bound_ms(self) -> float:
        return self.lower_bound * 1000

    @property
    def ratio(self) -> float:
        return self.seconds / self.lower_bound if self.lower_bound > 0 else float("inf")

    @property
    def target(self) -> str:
        parts = []
        if self.max_ratio is not None:
            parts.append(f"ratio ≤ {self.max_ratio:g}")
        if self.max_ms is not None:
            parts.append(f"< {self.max_ms:g} ms")
        return ", ".join(parts) or "-"

    @property
    def passed(self) -> bool:
        if self.max_ratio is not None and self.ratio > self.max_ratio:
            return False
        return not (self.max_ms is not None and self.ms >= self.max_ms)


class ResultMismatch(AssertionError):
    pass


def compare(
    operation: str,
    fn: Callable[[], Any],
    lower_bound: Callable[[], Any],
    repeat: int,
    *,
    max_ratio: float | None = 1.5,
    max_ms: float | None = None,
    detail: str = "",
) -> Row:
    """Checks that the operation and its lower bound give the same result, then times both."""
    got, expected = fn(), lower_bound()
    if got != expected:
        shown = (
            f"{len(got)} rows vs {len(expected)} rows"
            if isinstance(got, list) and isinstance(expected, list)
            else f"{got!r} vs {expected!r}"
        )
        raise ResultMismatch(f"{operation}: the operation and its plain-SQL lower bound differ ({shown})")
    seconds, bound = measure_pair(fn, lower_bound, repeat)
    return Row(operation, seconds, bound, max_ratio=max_ratio, max_ms=max_ms, detail=detail)


def report(stdout, rows: Sequence[Row]) -> bool:
    """Prints the table; True when every row meets its target."""
    header = ("operation", "time (ms)", "plain SQL (ms)", "overhead (ms)", "ratio", "target", "result")
    lines = [
        (
            row.operation + (f" [{row.detail}]" if row.detail else ""),
            f"{row.ms:.3f}",
            f"{row.lower_bound_ms:.3f}",
            f"{row.ms - row.lower_bound_ms:+.3f}",
            f"{row.ratio:.2f}",
            row.target,
            "PASS" if row.passed else "FAIL",
        )
        for row in rows
    ]
    widths = [max(len(cells[i]) for cells in [header, *lines]) for i in range(len(header))]
    right = {1, 2, 3, 4}

    def fmt(cells):
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    stdout.write(fmt(header).rstrip())
    stdout.write("  ".join("-" * w for w in widths))
    for cells in lines:
        stdout.write(fmt(cells).rstrip())
    failed = [row.operation for row in rows if not row.passed]
    stdout.write(f"FAIL: {', '.join(failed)}" if failed else f"All {len(rows)} operations met their targets.")
    return not failed


def collect_static_files() -> None:
    """Pages rendered in production settings name their static files by the manifest: benchmarks that render pages
    collect them into their scratch data directory first."""
    if not settings.DEBUG:
        call_command("collectstatic", interactive=False, verbosity=0)
