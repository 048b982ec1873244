"""Racing two requests on PostgreSQL: calls released at the same instant, each in a thread on its own connection.
Threads see only committed rows, so a race's set-up and clean-up are run by `committed` (autocommit, in a thread of
its own). SQLite's IMMEDIATE transactions serialise writers anyway: race tests carry `POSTGRES_ONLY`."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

POSTGRES_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only: SQLite serialises writers (IMMEDIATE)"
)


def run_together(*calls):
    """Runs the calls in threads released at the same instant; returns each one's result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # a refused write is an outcome of the race, not a failure of the test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n, call)) for n, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    for result in results:
        assert not isinstance(result, Exception) or isinstance(result, ValidationError), repr(result)
    return results


def committed(call):
    """Runs the call in a thread of its own, on its own connection (autocommit), so that what it writes is
    committed and seen by the racing threads; returns its result."""
    result = run_together(call)[0]
    if isinstance(result, Exception):
        raise result
    return result
