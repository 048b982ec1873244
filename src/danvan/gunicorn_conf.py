"""Gunicorn settings for `danvan serve` (DESIGN §11): read from the environment, like the rest of the settings.

DANVAN_BIND (default 127.0.0.1:8000) and DANVAN_WORKERS (default two per core plus one) choose where and how many;
`danvan serve --bind/--workers` override them. `kill -HUP` on the master restarts the workers gracefully with
the new code; `kill -TERM` lets requests under way finish (graceful_timeout) before stopping.
"""

import os


def default_workers() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 2 * cores + 1


wsgi_app = "danvan.wsgi:application"
bind = [a.strip() for a in os.environ.get("DANVAN_BIND", "127.0.0.1:8000").split(",") if a.strip()]
workers = int(os.environ.get("DANVAN_WORKERS") or default_workers())
worker_class = "sync"
# A request may build an Excel export or an aggregation page; longer work belongs to the background worker.
timeout = 60
graceful_timeout = 30
keepalive = 5
# Request lines up to gunicorn's maximum, as long as nginx's default 8 KB header buffers pass (the default 4 KB
# refused an API query naming many indicators with gunicorn's own plain-text answer).
limit_request_line = 8190
# Recycle each worker after a while so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# Whether a request came over HTTPS and from whom is decided once, by Django (DANVAN_TRUSTED_PROXIES,
# core.middleware.TrustedProxyMiddleware), not by gunicorn's own trust of 127.0.0.1.
secure_scheme_headers = {}
accesslog = "-"
errorlog = "-"
# rid: our id (X-Request-ID on every response, the same as in the log lines and the change log); client_rid: the
# X-Request-ID the client or a proxy sent, if any, kept apart.
access_log_format = (
    '%(h)s "%(r)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}o)s client_rid=%({x-request-id}i)s "%(a)s"'
)
proc_name = "danvan"
# No control socket in the home directory: several servers (a benchmark's scratch copy) may run side by side.
control_socket_disable = True
