"""Shared fixtures: the national administrative units are imported once per test database, then every test runs
inside a transaction that is rolled back, so each starts from the same country."""

import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from danvan.accounts.models import User
from danvan.accounts.scope import Role
from danvan.orgunits.models import OrgUnit

from . import factories

DEMO_PASSWORD = factories.DEMO_PASSWORD


def load_national_data():
    from django.apps import apps

    from danvan.citizens.clock_rules import seed_calendar, seed_deadline_rules
    from danvan.citizens.publicity_catalogue import seed_publicity_items
    from danvan.citizens.reception_rules import seed_reception_rules
    from danvan.demo.units import load_demo_units
    from danvan.orgunits.administrative import import_administrative_units
    from danvan.practices.services import ensure_standard_fields
    from danvan.reporting.services import ensure_standard_categories

    if not OrgUnit.objects.filter(external_id="vn:province:04").exists():
        import_administrative_units()
    load_demo_units()
    ensure_standard_fields()
    ensure_standard_categories()
    # The citizens' seeds come from a data migration, which a browser test's flush empties: put them back.
    for seed in (seed_deadline_rules, seed_calendar, seed_reception_rules, seed_publicity_items):
        seed(apps, None)


# Fixtures that build their data once per module, in a transaction rolled back after the module's last test.
MODULE_DATA_FIXTURES = {"demo_reporting_loaded", "demo_practices_loaded"}


def pytest_collection_modifyitems(items):
    """Within each module, the tests using data built once per module run last: the data live until the module
    ends, so a test that does not ask for them must not run after them. Modules keep their order."""
    first_of_module = {}
    for index, item in enumerate(items):
        first_of_module.setdefault(item.path, index)

    def key(item):
        uses_module_data = not MODULE_DATA_FIXTURES.isdisjoint(getattr(item, "fixturenames", ()))
        return first_of_module[item.path], uses_module_data

    items.sort(key=key)


@pytest.fixture(autouse=True)
def vietnamese():
    """Each test starts in Vietnamese: a request in English leaves its language active in the thread."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.activate("vi")


@pytest.fixture(scope="session", autouse=True)
def static_files():
    """The static files collected once per session with the manifest storage, as in production: a template
    naming a file that does not exist fails its test instead of answering 500 in production."""
    call_command("collectstatic", interactive=False, verbosity=0)
    yield settings.STATIC_ROOT
    shutil.rmtree(settings.STATIC_ROOT, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_national_data()


@pytest.fixture
def units(db):
    """The demo's named units: cao_bang, thuc_phan, nung_tri_cao, tp_cao_bang, cau_ke, duy_tien…"""
    from danvan.demo.units import demo_units

    return demo_units()


make_user = factories.user  # the old name, still imported by many tests


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", "root@example.vn", DEMO_PASSWORD)


@pytest.fixture
def province_admin(units):
    return make_user("caobang_admin", units["cao_bang"], Role.ADMIN, full_name="Nông Văn Tỉnh")


@pytest.fixture
def commune_editor(units):
    return make_user("thucphan_editor", units["thuc_phan"], Role.EDITOR, full_name="Hoàng Thị Phường")


@pytest.fixture
def other_commune_editor(units):
    return make_user("nungtricao_editor", units["nung_tri_cao"], Role.EDITOR)


@pytest.fixture
def client_for():
    """client_for(user): a test client logged in as that user."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def hamlet(units, commune_editor):
    return factories.hamlet(units["thuc_phan"], "Tổ dân phố Hòa Bình")


@pytest.fixture
def fields(db):
    """The four standard fields by code: kinh-te, van-hoa-xa-hoi, quoc-phong-an-ninh, xay-dung-he-thong-chinh-tri."""
    from danvan.practices.models import Field

    return {field.code: field for field in Field.objects.filter(owner__isnull=True)}


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a figure cached by an earlier test, whose writes were rolled back, is
    never served to the next one."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def smtp_inbox(settings):
    """A real SMTP server (aiosmtpd) on a free local port, Django's SMTP mailer pointed at it: the test reads what
    arrived (`.messages`: to, subject, body, as a mail client decodes them). Links in mails start with
    https://danvan.example.vn."""
    from tests.mail import SmtpInbox

    with SmtpInbox() as inbox:
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": inbox.port, "use_tls": False, "timeout": 5},
            }
        }
        settings.DANVAN_SITE_URL = "https://danvan.example.vn"
        yield inbox
