"""`danvan bench load`: the demo under a crowd. Runs inside the scratch database of `danvan bench` (already migrated):
loads the demo, gives each virtual user an account with a role and an API token, starts the production server
(gunicorn with the project's config) on a free port of 127.0.0.1 over the same database, drives the virtual users'
journeys for the given duration, stops the server and prints requests/s and p50/p95/p99 per page.

The virtual users: one in five is a viewer of Tỉnh Cao Bằng (dashboard, unit tree, practice counts, the province's
pivot, its Excel export, the analytics API by commune); the others are editors of the province's communes whose
2026H1 report is still open (dashboard, tree, counts, the entry grid and a cell save, their commune's pivot, the
analytics API of its totals). About one request in ten is a write."""

import contextlib
import io
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse

from danvan.accounts.models import UnitRole, User
from danvan.accounts.scope import Role
from danvan.accounts.services import issue_api_token
from danvan.demo.reporting import CURRENT, FORM_CODE
from danvan.orgunits.models import OrgUnit
from danvan.reporting.models import Form, Submission

from .timing import collect_static_files
from .traffic import Result, UserPlan, drive

PROVINCE = "vn:province:04"  # Tỉnh Cao Bằng
PASSWORD = "danvan-load"
TARGET_P95 = 0.300
# Seconds between two virtual users' logins: each checks a PBKDF2 hash of 1.5 million rounds (about a second of
# one core here), so logging fifty users in at once would keep both cores busy for half a minute.
LOGIN_SPACING = 0.6
SERVER_START_TIMEOUT = 90.0
PROVINCE_JOURNEYS = {
    "dashboard": 3,
    "unit tree": 2,
    "practice counts": 2,
    "pivot": 3,
    "analytics API": 3,
    "Excel export": 1,
}
EDITOR_JOURNEYS = {
    "dashboard": 3,
    "unit tree": 2,
    "practice counts": 2,
    "entry grid": 2,
    "pivot": 2,
    "analytics API": 2,
}
PAGE_ORDER = [
    "login page", "log in", "dashboard", "unit tree", "practice counts", "entry grid", "cell save", "pivot",
    "analytics API", "Excel export",
]  # fmt: skip


def run(options, stdout) -> None:
    users, think, duration = options["users"], options["think"], options["duration"]
    started = time.perf_counter()
    call_command("demo", stdout=io.StringIO())
    plans = make_users(users)
    stdout.write(f"Demo and {users} virtual users ready in {time.perf_counter() - started:.1f} s.")
    with Server() as server:
        stdout.write(f"Server: {server.describe()}; {users} users, think {think:g} s, {duration:g} s.")
        result = drive(plans, server.port, think, duration, users * LOGIN_SPACING, server.cpu_seconds)
    report(stdout, result, users=users, think=think)


# --- the scratch data -------------------------------------------------------------------------------------------


def open_communes(form: Form, province: OrgUnit) -> list[OrgUnit]:
    """The province's communes whose report of the current period can still be edited (a draft, or not begun)."""
    closed = Submission.objects.filter(form=form, period=CURRENT).exclude(status=Submission.Status.DRAFT)
    return list(
        OrgUnit.objects.filter(parent=province, kind=OrgUnit.Kind.COMMUNE, valid_to__isnull=True)
        .exclude(pk__in=closed.values("unit_id"))
        .order_by("pk")
    )


@transaction.atomic
def make_users(count: int) -> list[UserPlan]:
    """`count` accounts with one password hash (hashing it once), their roles and API tokens."""
    province = OrgUnit.objects.get(external_id=PROVINCE)
    form = Form.objects.get(code=FORM_CODE)
    communes = open_communes(form, province)
    encoded = make_password(PASSWORD)
    plans = []
    for n in range(count):
        username = f"load{n:04d}"
        user, _ = User.objects.update_or_create(
            username=username, defaults={"full_name": f"Người dùng thử tải {n}", "password": encoded}
        )
        viewer = n % 5 == 0 or not communes
        unit = province if viewer else communes[n % len(communes)]
        UnitRole.objects.update_or_create(
            user=user, unit=unit, defaults={"role": Role.VIEWER if viewer else Role.EDITOR}
        )
        plans.append(
            UserPlan(
                username=username,
                password=PASSWORD,
                token=issue_api_token(user, name=f"bench load {n}")[1],
                journeys=PROVINCE_JOURNEYS if viewer else EDITOR_JOURNEYS,
                urls=urls_for(form, unit, by_child=viewer),
            )
        )
    return plans


def urls_for(form: Form, unit: OrgUnit, by_child: bool) -> dict[str, str]:
    pivot = urlencode({"form": form.pk, "unit": unit.pk, "period": CURRENT})
    api = {"unit": unit.pk, "period": CURRENT, **({"by": "child"} if by_child else {})}
    return {
        "login": reverse("accounts:login"),
        "dashboard": reverse("home:dashboard"),
        "unit tree": reverse("orgunits:tree"),
        "practice counts": reverse("practices:stats") + "?" + urlencode({"unit": unit.pk}),
        "entry grid": reverse("reporting:entry", args=[form.pk, unit.pk, CURRENT]),
        "pivot": reverse("reporting:analytics") + "?" + pivot,
        "Excel export": reverse("reporting:analytics_export") + "?" + pivot,
        "analytics API": "/api/v1/reporting/analytics?" + urlencode(api),
    }


# --- the server -------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """The production server over the scratch database, in its own process group (killed with its workers)."""

    def __init__(self):
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile(prefix="bench-load-server-", suffix=".log", delete=False)  # noqa: SIM115
        self.process: subprocess.Popen | None = None

    def command(self) -> list[str]:
        return [sys.executable, "-m", "danvan.cli", "serve"]

    def describe(self) -> str:
        return (
            f"danvan serve at 127.0.0.1:{self.port} ({os.environ.get('DANVAN_WORKERS') or 'default'} workers)"
        )

    def __enter__(self) -> "Server":
        collect_static_files()
        connection.close()  # the server's workers open their own
        # Plain HTTP on 127.0.0.1 (in production TLS ends at nginx, which says so in X-Forwarded-Proto). Every
        # virtual user comes from 127.0.0.1, standing for many people's addresses: the per-address limits are
        # lifted, the per-user and per-username ones stay.
        env = {
            **os.environ,
            "DANVAN_BIND": f"127.0.0.1:{self.port}",
            "DANVAN_SSL_REDIRECT": "0",
            "DANVAN_RATE_AUTH_ADDRESS": "1000000/min",
            "DANVAN_RATE_API_ADDRESS": "1000000/min",
        }
        self.process = subprocess.Popen(
            self.command(), env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        url = f"http://127.0.0.1:{self.port}{reverse('accounts:login')}"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            with (
                contextlib.suppress(OSError, urllib.error.URLError),
                urllib.request.urlopen(url, timeout=5) as answer,
            ):
                if answer.status == 200:
                    return
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"The server did not start; its log:\n{self.tail()}")

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the server's master and its live workers (Linux /proc)."""
        pids = [self.process.pid]
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.process.pid:
                    pids.append(int(stat.parent.name))
        total = 0
        for pid in pids:
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / os.sysconf("SC_CLK_TCK")

    def tail(self, lines: int = 40) -> str:
        return "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __exit__(self, *exc) -> None:
        self.stop()
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)


# --- the report -------------------------------------------------------------------------------------------------


def report(stdout, result: Result, *, users: int, think: float) -> bool:
    header = ("page", "requests", "req/s", "p50 (ms)", "p95 (ms)", "p99 (ms)", "max (ms)", "errors")
    order = {name: n for n, name in enumerate(PAGE_ORDER)}

    def cells(f):
        return (
            f.name,
            str(f.requests),
            f"{f.per_second:.1f}",
            *(f"{t * 1000:.0f}" for t in (f.p50, f.p95, f.p99, f.maximum)),
            str(f.errors),
        )

    blocks = [
        [cells(f) for f in sorted(block, key=lambda f: order.get(f.name, len(order)))]
        for block in (result.logins, result.pages, [result.overall])
    ]
    widths = [
        max(len(row[i]) for row in [header, *(r for block in blocks for r in block)])
        for i in range(len(header))
    ]
    rule = "  ".join("-" * w for w in widths)

    def fmt(row):
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )

    stdout.write(f"Logging in ({users} users over {result.ramp:.0f} s, before the measurement):")
    stdout.write(fmt(header))
    stdout.write(rule)
    for row in blocks[0]:
        stdout.write(fmt(row))
    stdout.write(f"Journeys ({result.seconds:.1f} s measured once every user is in):")
    stdout.write(fmt(header))
    stdout.write(rule)
    for row in blocks[1]:
        stdout.write(fmt(row))
    stdout.write(rule)
    stdout.write(fmt(blocks[2][0]))
    overall = result.overall
    stdout.write(
        f"{overall.requests} requests in {result.seconds:.1f} s: {overall.per_second:.1f} requests/s, "
        f"p50 {overall.p50 * 1000:.0f} ms, p95 {overall.p95 * 1000:.0f} ms, p99 {overall.p99 * 1000:.0f} ms, "
        f"{result.error_count} errors (logins included)."
    )
    if overall.requests:
        stdout.write(
            f"CPU per request: server {result.server_cpu / overall.requests * 1000:.1f} ms, load generator "
            f"{result.generator_cpu / overall.requests * 1000:.1f} ms (server {result.server_cpu / result.seconds:.2f} "
            f"of {os.cpu_count()} cores busy; the machine's load average {os.getloadavg()[0]:.1f})."
        )
    for detail in result.errors():
        stdout.write(f"  error: {detail}")
    passed = result.error_count == 0 and overall.p95 < TARGET_P95
    if think > 0:
        stdout.write(
            f"Target ({users} users, think {think:g} s): p95 < {TARGET_P95 * 1000:.0f} ms and 0 errors: "
            + ("PASS" if passed else "FAIL")
        )
    else:
        stdout.write(f"Saturation (no think time): {overall.per_second:.1f} requests/s.")
    return passed
