"""The read replica (core.replica): analytics and counts run on the streaming replica while it is healthy, and on
the primary when it is down, when it lags, inside a transaction, and for a request that writes.

PostgreSQL with DANVAN_TEST_REPLICA_URL only: .ci/run starts the replica (scripts/start-replica) and sets it, so in CI
these tests run, and fail if the replica is not there. The test database the suite made on the primary is on the
replica too, with what was committed to it (the national units); the tests run outside the per-test transaction
(the `replica` fixture), since a transaction keeps every read on the primary."""

import os
import time

import dj_database_url
import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext

from danvan.core import replica as replica_module
from danvan.core.replica import (
    COOKIE,
    REPLICA,
    ReplicaMiddleware,
    analytics_db,
    forget_status,
    replica_status,
)
from danvan.practices import selectors as practice_selectors
from danvan.practices.models import PracticeYear
from danvan.reporting.analytics.choice import periods_with_figures

REPLICA_URL = os.environ.get("DANVAN_TEST_REPLICA_URL", "")

needs_replica = pytest.mark.skipif(
    connection.vendor != "postgresql" or not REPLICA_URL,
    reason="PostgreSQL with a streaming replica (DANVAN_TEST_REPLICA_URL, set by .ci/run)",
)


def configure_replica(url: str) -> None:
    """The `replica` alias as settings make it from DANVAN_REPLICA_URL, on the database the tests use."""
    config = dj_database_url.parse(url, conn_max_age=60)
    config["NAME"] = connection.settings_dict["NAME"]
    config.setdefault("OPTIONS", {})["connect_timeout"] = 2
    both = connections.configure_settings({DEFAULT_DB_ALIAS: connection.settings_dict, REPLICA: config})
    connections.settings[REPLICA] = both[REPLICA]


def remove_replica() -> None:
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]
    forget_status()


@pytest.fixture
def replica(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        configure_replica(REPLICA_URL)
        forget_status()
        try:
            yield connections[REPLICA]
        finally:
            remove_replica()


@pytest.fixture
def dead_replica(django_db_setup, django_db_blocker):
    """The alias pointed at a port where nothing listens."""
    with django_db_blocker.unblock():
        configure_replica("postgres://postgres@127.0.0.1:1/unused")
        forget_status()
        try:
            yield connections[REPLICA]
        finally:
            remove_replica()


def test_reads_inside_a_transaction_stay_on_the_primary(db):
    """(Runs everywhere; it also makes pytest-django create the test database when this module runs alone, since
    the replica tests reach it outside the per-test transaction.)"""
    with transaction.atomic():
        assert analytics_db() == DEFAULT_DB_ALIAS


def counted_on(alias_connection, queries) -> bool:
    return any(PracticeYear._meta.db_table in query["sql"] for query in queries.captured_queries)


@needs_replica
def test_practice_counts_run_on_the_replica_when_it_is_healthy(replica):
    with replica.cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone()[0] is True
    with transaction.atomic():
        on_primary = practice_selectors.stats(None, 2026, ["level", "kind"])

    assert analytics_db() == REPLICA
    with (
        CaptureQueriesContext(replica) as replica_queries,
        CaptureQueriesContext(connection) as primary_queries,
    ):
        on_replica = practice_selectors.stats(None, 2026, ["level", "kind"])

    assert counted_on(replica, replica_queries) and not counted_on(connection, primary_queries)
    assert on_replica == on_primary
    assert replica_status().usable and replica_status().lag <= replica_module.max_lag()


@needs_replica
def test_report_figures_probe_the_replica(replica):
    with CaptureQueriesContext(replica) as replica_queries:
        assert periods_with_figures([1, 2], None, ["2026H1", "2025H2"]) == set()

    # The probe of the whole country reads the smallest indicator id of each period (a unit's would be an EXISTS).
    assert any("FROM reporting_value" in query["sql"] for query in replica_queries.captured_queries)


@needs_replica
def test_analytics_answer_from_the_primary_when_the_replica_is_down(dead_replica):
    with CaptureQueriesContext(connection) as primary_queries:
        result = practice_selectors.stats(None, 2026, ["level"])

    assert counted_on(connection, primary_queries) and result["total"] >= 0
    status = replica_status()
    assert not status.usable and status.lag is None and status.reason.startswith("down")
    assert analytics_db() == DEFAULT_DB_ALIAS


@needs_replica
def test_analytics_answer_from_the_primary_when_the_replica_lags(replica, settings):
    settings.REPLICA_MAX_LAG = 0.5
    # The other test process may be writing: wait until the replica has caught up within the tight bound.
    assert eventually_answers_from_the_replica()
    with replica.cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_pause()")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT txid_current()")  # a commit the paused replica does not replay
        time.sleep(1.0)
        forget_status()

        assert analytics_db() == DEFAULT_DB_ALIAS
        assert replica_status().reason.startswith("lag") and replica_status().lag >= 1.0
        with CaptureQueriesContext(connection) as primary_queries:
            practice_selectors.stats(None, 2026, ["level"])
        assert counted_on(connection, primary_queries)
    finally:
        with replica.cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_resume()")

    settings.REPLICA_MAX_LAG = 10
    assert eventually_answers_from_the_replica()  # caught up again: back on the replica


def eventually_answers_from_the_replica(seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        forget_status()
        if analytics_db() == REPLICA:
            return True
        time.sleep(0.2)
    return False


@needs_replica
def test_a_request_that_writes_and_the_clients_next_reads_stay_on_the_primary(replica, rf, settings):
    settings.REPLICA_MAX_LAG = 10
    seen = []

    def view(request):
        seen.append(analytics_db())
        return HttpResponse()

    middleware = ReplicaMiddleware(view)
    response = middleware(rf.post("/reporting/values"))
    after_write = rf.get("/reporting/aggregate")
    after_write.COOKIES[COOKIE] = response.cookies[COOKIE].value
    middleware(after_write)
    middleware(rf.get("/reporting/aggregate"))

    assert seen == [DEFAULT_DB_ALIAS, DEFAULT_DB_ALIAS, REPLICA]
    assert response.cookies[COOKIE]["max-age"] == 10 and response.cookies[COOKIE]["httponly"]
