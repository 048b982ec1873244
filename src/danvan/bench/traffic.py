"""The load generator of `danvan bench load`: virtual users in threads, each with its own keep-alive HTTP connection
(the standard library's http.client) and its own session, walking real journeys against a server on 127.0.0.1.

Each virtual user logs in through the login page, then repeats until the deadline: picks a journey by weight, makes
its requests (a think time before each), and records every request's page name, wall time and whether it failed (a
status other than the one expected, a network error or a timeout)."""

import html
import http.client
import random
import re
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

REQUEST_TIMEOUT = 30.0
# Seconds between the last login and the start of the measurement.
SETTLE = 1.0
# How long past the ramp-up the measurement waits for the last login.
LOGIN_TIMEOUT = 120.0
LOGIN_PAGES = ("login page", "log in")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The entry grid's cells: each starts with `<div id="cell-…"`; an editable one has an htmx post URL and its category
# in a hidden input. Number cells only; a cell bound to a system figure (it asks for a reason) is left alone.
CELL_START = '<div id="cell-'
CELL_URL = re.compile(r'hx-post="([^"]+)"')
CELL_CATEGORY = re.compile(r'name="category" value="([^"]*)"')


def editable_cells(page: str) -> list[tuple[str, str]]:
    """(post URL, category) of the entry grid's editable number cells."""
    found = []
    for chunk in page.split(CELL_START)[1:]:
        url, category = CELL_URL.search(chunk.split(">", 1)[0]), CELL_CATEGORY.search(chunk)
        if url and category and 'inputmode="decimal"' in chunk and 'name="reason"' not in chunk:
            found.append((html.unescape(url.group(1)), html.unescape(category.group(1))))
    return found


@dataclass
class Sample:
    page: str
    seconds: float
    ok: bool
    started: float
    detail: str = ""


@dataclass
class UserPlan:
    """What one virtual user may do: its credentials, its token and its journeys (name → weight)."""

    username: str
    password: str
    token: str
    journeys: dict[str, int]
    urls: dict[str, str]


class Client:
    """One virtual user's browser: a keep-alive connection, its cookies, the CSRF token."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.connection = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT)
        self.cookies: dict[str, str] = {}

    def close(self) -> None:
        self.connection.close()

    def request(self, method: str, path: str, body: dict | None = None, headers: dict | None = None):
        sent = {"Host": f"{self.host}:{self.port}", "Accept-Encoding": "identity", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            sent["Referer"] = f"http://{self.host}:{self.port}{path}"
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=data, headers=sent)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed the kept-alive connection between two requests: reconnect once.
                self.connection.close()
                if attempt == 2:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if response.headers.get("Connection", "").lower() == "close":
            self.connection.close()
        return response.status, content


class VirtualUser(threading.Thread):
    def __init__(
        self, plan: UserPlan, host: str, port: int, think: float, start_at: float, window: "Window", seed
    ):
        super().__init__(daemon=True, name=f"vu-{plan.username}")
        self.plan, self.think = plan, think
        self.start_at, self.window = start_at, window
        self.logged_in = threading.Event()
        self.client = Client(host, port)
        self.random = random.Random(seed)
        self.samples: list[Sample] = []
        self.cells: list[tuple[str, str]] = []  # the editable cells seen on the entry grid (url, category)

    # --- timing ---

    def _pause(self, seconds: float) -> bool:
        """Sleeps (never past the deadline); False when the run is over."""
        remaining = self.window.stop_at - time.monotonic()
        if remaining <= 0:
            return False
        time.sleep(min(seconds, remaining))
        return time.monotonic() < self.window.stop_at

    def _think(self) -> bool:
        # Exponential think times around the mean: users do not click in step.
        return self._pause(self.random.expovariate(1 / self.think) if self.think > 0 else 0)

    def _timed(self, page: str, method: str, path: str, expected: int = 200, **kwargs) -> bytes | None:
        started = time.monotonic()
        try:
            status, content = self.client.request(method, path, **kwargs)
        except (OSError, http.client.HTTPException) as error:
            elapsed = time.monotonic() - started
            self.samples.append(Sample(page, elapsed, False, started, f"{type(error).__name__} {path}"))
            self.client.close()
            return None
        elapsed = time.monotonic() - started
        ok = status == expected
        self.samples.append(Sample(page, elapsed, ok, started, "" if ok else f"{status} {method} {path}"))
        return content if ok else None

    # --- journeys ---

    def login(self) -> bool:
        page = self._timed("login page", "GET", self.plan.urls["login"])
        if page is None:
            return False
        found = CSRF_INPUT.search(page.decode())
        form = {
            "username": self.plan.username,
            "password": self.plan.password,
            "csrfmiddlewaretoken": found.group(1) if found else "",
        }
        return self._timed("log in", "POST", self.plan.urls["login"], expected=302, body=form) is not None

    def get(self, page: str) -> bytes | None:
        return self._timed(page, "GET", self.plan.urls[page])

    def entry(self) -> None:
        """Opens the entry grid, then changes one of the cells it offers, as a person typing a figure does."""
        content = self.get("entry grid")
        if content is None:
            return
        if not self.cells:
            self.cells = editable_cells(content.decode())
        if not self.cells or not self._think():
            return
        url, category = self.random.choice(self.cells)
        body = {"category": category, "value": str(self.random.randint(0, 40))}
        self._timed("cell save", "POST", url, body=body, headers={"HX-Request": "true"})

    def api(self) -> None:
        headers = {"Authorization": f"Bearer {self.plan.token}", "Accept": "application/json"}
        self._timed("analytics API", "GET", self.plan.urls["analytics API"], headers=headers)

    def journey(self, name: str) -> None:
        actions: dict[str, Callable[[], object]] = {
            "entry grid": self.entry,
            "analytics API": self.api,
        }
        actions.get(name, lambda: self.get(name))()

    def run(self) -> None:
        try:
            if not self._pause(max(0.0, self.start_at - time.monotonic())) or not self.login():
                return
            self.logged_in.set()
            names = list(self.plan.journeys)
            weights = [self.plan.journeys[n] for n in names]
            while self._think():
                self.journey(self.random.choices(names, weights)[0])
        finally:
            self.logged_in.set()
            self.client.close()


@dataclass
class Window:
    """The measured time: from once every user is logged in, for the duration (unbounded until then)."""

    measured_from: float = float("inf")
    stop_at: float = float("inf")


def drive(
    plans: list[UserPlan],
    port: int,
    think: float,
    duration: float,
    ramp: float,
    server_cpu: Callable[[], float],
    user_class: type[VirtualUser] = VirtualUser,
) -> "Result":
    """Logs the virtual users in, one after another over `ramp` seconds (each then starts its journeys), and measures
    the `duration` seconds that follow once every user is in: a login checks a deliberately slow password hash,
    so fifty of them at once would only measure the hash. Logins are reported on their own. `user_class` walks
    other journeys (a VirtualUser whose `login` and `journey` say what its kind of user does)."""
    began = time.monotonic()
    window = Window()
    users = [
        user_class(plan, "127.0.0.1", port, think, began + ramp * n / max(1, len(plans)), window, seed=n)
        for n, plan in enumerate(plans)
    ]
    for user in users:
        user.start()
    login_deadline = began + ramp + LOGIN_TIMEOUT
    for user in users:
        user.logged_in.wait(timeout=max(0.0, login_deadline - time.monotonic()))
    time.sleep(SETTLE)
    cpu = server_cpu(), time.process_time()
    window.measured_from = time.monotonic()
    window.stop_at = window.measured_from + duration
    for user in users:
        user.join(timeout=max(0.0, window.stop_at - time.monotonic()) + REQUEST_TIMEOUT + 5)
    samples = [s for user in users for s in user.samples]
    seconds = min(time.monotonic(), window.stop_at) - window.measured_from
    result = Result(samples, window.measured_from, seconds, window.measured_from - began)
    result.server_cpu, result.generator_cpu = server_cpu() - cpu[0], time.process_time() - cpu[1]
    return result


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return 0.0
    rank = max(0, min(len(sorted_values) - 1, int(-(-fraction * len(sorted_values) // 1)) - 1))
    return sorted_values[rank]


@dataclass
class Figures:
    name: str
    requests: int
    per_second: float
    p50: float
    p95: float
    p99: float
    maximum: float
    errors: int


@dataclass
class Result:
    """The figures of the measured window, per page and overall; the logins of the ramp-up on their own rows."""

    samples: list[Sample]
    measured_from: float
    seconds: float
    ramp: float
    # CPU seconds used during the measured window by the server's processes and by this load generator.
    server_cpu: float = 0.0
    generator_cpu: float = 0.0
    pages: list[Figures] = field(init=False)
    logins: list[Figures] = field(init=False)
    overall: Figures = field(init=False)

    def __post_init__(self):
        measured = [s for s in self.samples if s.started >= self.measured_from and s.page not in LOGIN_PAGES]
        self.pages = [self._figures(name, rows, self.seconds) for name, rows in _by_page(measured).items()]
        logins = [s for s in self.samples if s.page in LOGIN_PAGES]
        self.logins = [self._figures(name, rows, self.ramp) for name, rows in _by_page(logins).items()]
        self.overall = self._figures("all requests", measured, self.seconds)

    @staticmethod
    def _figures(name: str, rows: list[Sample], seconds: float) -> Figures:
        times = sorted(s.seconds for s in rows)
        return Figures(
            name,
            len(rows),
            len(rows) / seconds if seconds > 0 else 0.0,
            statistics.median(times) if times else 0.0,
            percentile(times, 0.95),
            percentile(times, 0.99),
            times[-1] if times else 0.0,
            sum(not s.ok for s in rows),
        )

    def errors(self, limit: int = 10) -> list[str]:
        return [s.detail for s in self.samples if not s.ok][:limit]

    @property
    def error_count(self) -> int:
        """Every failed request of the run, the logins' included."""
        return sum(not s.ok for s in self.samples)


def _by_page(samples: list[Sample]) -> dict[str, list[Sample]]:
    found: dict[str, list[Sample]] = {}
    for sample in samples:
        found.setdefault(sample.page, []).append(sample)
    return found
