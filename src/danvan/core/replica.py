"""The read replica (docs/scaling.md): read-only analytics and counts may run on a PostgreSQL streaming replica.

Nothing is routed by magic. The statements that add up the fact tables — the practice counts (`practices.selectors
.run_counts`), the live aggregates behind the pivot, the analytics API and the dashboards
(`reporting.selectors.aggregation._run`, `reporting.analytics.choice.periods_with_figures`) — open their cursor on
`connections[analytics_db()]`; every other read and every write uses the primary. `analytics_db()` answers "replica"
only when all of these hold, "default" otherwise:

- DANVAN_REPLICA_URL is set (settings add the `replica` alias and `ReplicaMiddleware`);
- the primary's connection is not inside a transaction (a service, a write, a test's rolled-back transaction);
- the request is not one that writes (POST, PUT, PATCH, DELETE) and the client has not written in the last
  DANVAN_REPLICA_MAX_LAG seconds (a cookie keeps it on the primary that long: it reads its own writes);
- the replica answers (connect timeout 2 s) and lags at most DANVAN_REPLICA_MAX_LAG seconds behind the primary.

The replica's state is measured at most every CHECK_INTERVAL seconds per process: lag is 0 when it has replayed the
primary's current WAL position, else the time since the last transaction it replayed.
"""

import contextvars
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REPLICA = "replica"
CHECK_INTERVAL = 5.0
COOKIE = "danvan_primary"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

_primary_only: contextvars.ContextVar[bool] = contextvars.ContextVar("danvan_primary_only", default=False)


@dataclass(frozen=True)
class ReplicaStatus:
    usable: bool
    lag: float | None  # seconds; None when the replica could not be reached
    reason: str
    checked_at: float


_status: ReplicaStatus | None = None


def replica_configured() -> bool:
    return REPLICA in connections.settings


def max_lag() -> float:
    return float(getattr(settings, "REPLICA_MAX_LAG", 10.0))


def _measure() -> ReplicaStatus:
    now = time.monotonic()
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            primary_lsn = cursor.fetchone()[0]
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(
                "SELECT pg_is_in_recovery(), pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn()),"
                " EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())",
                [primary_lsn],
            )
            recovering, behind, since_replay = cursor.fetchone()
    except DatabaseError as error:
        connections[REPLICA].close()
        return ReplicaStatus(False, None, f"down: {type(error).__name__}", now)
    if not recovering or behind is None or behind <= 0:
        lag = 0.0
    else:
        lag = float(since_replay) if since_replay is not None else math.inf
    if lag > max_lag():
        return ReplicaStatus(False, lag, f"lag {lag:.1f} s > {max_lag():g} s", now)
    return ReplicaStatus(True, lag, "ok", now)


def replica_status() -> ReplicaStatus:
    """The replica's state, measured again when older than CHECK_INTERVAL seconds."""
    global _status
    status = _status
    if status is None or time.monotonic() - status.checked_at >= CHECK_INTERVAL:
        status = _status = _measure()
    return status


def forget_status() -> None:
    """Drops the remembered state: the next call measures the replica again."""
    global _status
    _status = None


def analytics_db() -> str:
    """The database alias for a read-only analytics or count statement: "replica" or "default"."""
    if not replica_configured() or _primary_only.get():
        return DEFAULT_DB_ALIAS
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    return REPLICA if replica_status().usable else DEFAULT_DB_ALIAS


class ReplicaMiddleware:
    """Keeps a request that writes, and the client's requests for the lag bound after it, on the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        writes = request.method in UNSAFE_METHODS
        token = _primary_only.set(writes or COOKIE in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            _primary_only.reset(token)
        if writes:
            response.set_cookie(
                COOKIE,
                "1",
                max_age=max(1, math.ceil(max_lag())),
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
