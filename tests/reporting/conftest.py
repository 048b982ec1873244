"""Fixtures of the reporting tests: the demo form of Tỉnh Cao Bằng, with or without its reports, and the approver
of the province who approves the communes' reports."""

import pytest
from django.db import transaction

from danvan.accounts.scope import Role
from tests.conftest import make_user


@pytest.fixture
def demo_form(demo_form_as_issued):
    """The demo form without its compulsory cells and sections: the tests of the workflow submit bare drafts (the
    compulsory ones are the subject of the tests using `demo_form_as_issued`)."""
    from danvan.reporting.models import SectionIndicator

    SectionIndicator.objects.filter(section__form=demo_form_as_issued).update(required=False)
    demo_form_as_issued.required_narrative = []
    demo_form_as_issued.save(update_fields=["required_narrative"])
    return demo_form_as_issued


@pytest.fixture
def demo_form_as_issued(units):
    """ "Báo cáo sơ kết công tác dân vận 6 tháng" issued by Tỉnh Cao Bằng for its communes, without any report, with
    its compulsory cells and sections."""
    from danvan.demo.reporting import define_demo_form

    return define_demo_form(units["cao_bang"])


@pytest.fixture(scope="module")
def demo_reporting_loaded(django_db_setup, django_db_blocker):
    """The demo reports, loaded once per module (a few seconds each time) in a transaction rolled back after the
    module: each test runs in a savepoint inside it, so a test's writes are gone before the next one. The tests
    using them run last in their module (tests/conftest.py), so no other test of the module sees them."""
    from danvan.demo.reporting import load_demo_reporting

    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_reporting()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_reports(demo_reporting_loaded, units):
    """The demo form with the communes' 2026H1 reports (Phường Thục Phán not started) and the old communes' 2024H2
    and 2025H1."""
    from danvan.reporting.models import Form

    return Form.objects.get(code="so-ket-dan-van-6-thang")


@pytest.fixture
def province_approver(units):
    return make_user(
        "pheduyet", units["cao_bang"], Role.APPROVER, full_name="Lãnh đạo Ban Tuyên giáo và Dân vận"
    )
