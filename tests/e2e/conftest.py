"""Browser tests: Playwright's sync API on Debian's Chromium against pytest-django's live server (DESIGN §11).

The live server makes every test transactional: the database is flushed after each one, so each test puts the
country back (`Country`: a few seconds, where importing it again took about ten). Keep these tests few, each a whole
user journey.
"""

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM calls from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1366, "height": 768}


def pytest_collection_modifyitems(config, items):
    """Browser tests flush the database after each test: run them last, so that a plain `pytest` does not leave
    the other tests without the national units (`make test` runs them in a pass of their own anyway)."""
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


@pytest.fixture(scope="session", autouse=True)
def static_served_as_in_production():
    """The live server hands /static/ to the application, where whitenoise serves the collected, hashed files
    (tests/conftest.py), as in production; Django's test handler would look for them in the source tree."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(StaticFilesHandler, "_should_handle", lambda self, path: False)
        yield


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium không có ở {CHROMIUM} (cài gói chromium của Debian)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Country:
    """The country as the first test finds it (migrated, the national units imported, the demo units, the seeds),
    kept as model instances: each later test puts the same rows back (the previous test's flush removed them) in a
    second or two, where importing the national units again took about ten."""

    rows: dict | None = None

    @classmethod
    def load(cls):
        from django.apps import apps

        from tests.conftest import load_national_data

        if cls.rows is None:
            load_national_data()
            models = apps.get_models(include_auto_created=True)
            cls.rows = {model: list(model._base_manager.all()) for model in models}
            cls.rows = {model: rows for model, rows in cls.rows.items() if rows}
            return
        cls.put_back()

    @classmethod
    def put_back(cls):
        """The flush's post_migrate signal made content types and permissions again, under new ids: replace every
        table the country fills with its rows (the foreign keys are checked at commit)."""
        from django.core.management.color import no_style
        from django.db import connection, transaction

        with transaction.atomic(), connection.cursor() as cursor:
            for model in cls.rows:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
            for model, rows in cls.rows.items():
                model._base_manager.bulk_create(rows, batch_size=1000)
            for sql in connection.ops.sequence_reset_sql(no_style(), list(cls.rows)):
                cursor.execute(sql)


@pytest.fixture(autouse=True)
def units(transactional_db, live_server):
    """The country and the demo units, put back for each test (the previous test's flush removed them)."""
    from danvan.demo.units import demo_units

    Country.load()
    return demo_units()


@pytest.fixture(autouse=True)
def users(units):
    from danvan.accounts.models import User
    from danvan.accounts.scope import Role
    from tests.conftest import DEMO_PASSWORD, make_user

    return {
        "admin": User.objects.create_superuser(
            "admin", "admin@example.vn", DEMO_PASSWORD, full_name="Quản trị hệ thống"
        ),
        "caobang": make_user(
            "caobang",
            units["cao_bang"],
            Role.ADMIN,
            full_name="Cán bộ Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng",
        ),
        "thucphan": make_user(
            "thucphan", units["thuc_phan"], Role.EDITOR, full_name="Cán bộ phường Thục Phán"
        ),
    }


class Problems:
    """What the browser complained about: JavaScript errors, CSP violations, failed sub-resources."""

    def __init__(self):
        self.items: list[str] = []

    def console(self, message):
        text = message.text
        # A failed load is reported again, with its address, by the response handler below.
        if message.type == "error" and not text.startswith("Failed to load resource"):
            self.items.append(f"console: {text}")
        elif "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.items.append(f"csp: {text}")

    def page_error(self, error):
        self.items.append(f"javascript: {error}")

    def response(self, response):
        # Pages may answer 404 on purpose (a unit outside the user's scope); their assets must not.
        if response.status >= 400 and response.request.resource_type != "document":
            self.items.append(f"{response.status}: {response.url}")

    def request_failed(self, request):
        # A navigation cancels what the previous page was still loading (net::ERR_ABORTED): not a fault.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.items.append(f"failed: {request.url} {request.failure}")


@pytest.fixture
def page(browser, live_server, request):
    """A fresh browser context (no cookies) at 1366×768; the test fails if the browser reported any problem."""
    context = browser.new_context(
        base_url=live_server.url, viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = Problems()
    page.on("console", problems.console)
    page.on("pageerror", problems.page_error)
    page.on("response", problems.response)
    page.on("requestfailed", problems.request_failed)
    yield page
    context.close()
    assert not problems.items, "Trình duyệt báo lỗi:\n" + "\n".join(problems.items)


@pytest.fixture
def shot(request):
    """shot(page, "login") saves test-artifacts/screenshots/<test>-01-login.png (full page)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test_name = re.sub(r"[^\w-]+", "_", request.node.name)
    counter = iter(range(1, 100))

    def take(page, step: str):
        page.screenshot(path=SCREENSHOTS / f"{test_name}-{next(counter):02d}-{step}.png", full_page=True)

    return take


@pytest.fixture
def log_in(page):
    """log_in("caobang"): logs in through the login form and waits for the dashboard."""
    from playwright.sync_api import expect

    def log_in(username: str, password: str = "danvan-demo"):
        page.goto("/tai-khoan/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.locator("h1")).to_have_text("Tổng quan")

    return log_in


@pytest.fixture
def log_out(page):
    """log_out(): through the user menu; waits for the login page."""
    from playwright.sync_api import expect

    def log_out():
        page.locator("#user-menu").click()
        page.get_by_role("button", name="Đăng xuất").click()
        expect(page.locator("h1")).to_have_text("Đăng nhập")

    return log_out
