"""Every operation of /api/v1/openapi.json fuzzed with schemathesis, as a commune editor and as a superuser: no 5xx, no
status the OpenAPI does not document, every response matching its documented schema and content type.

Bounded and deterministic (a fixed number of derandomised examples per operation), so that it runs in the normal
suite on SQLite and on PostgreSQL; each operation is one test, whose writes are rolled back with it.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from danvan.accounts.services import issue_api_token
from danvan.api.api import api
from danvan.demo.reporting import define_demo_form

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()  # requests go through the whole Django stack, middleware included

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance, content_type_conformance]
EXAMPLES = 10


@pytest.fixture
def tokens(units, commune_editor, superuser, django_db_blocker):
    """Bearer headers of a commune editor (Phường Thục Phán) and of a superuser, with the demo report form."""
    define_demo_form(units["cao_bang"])
    return [
        {"Authorization": f"Bearer {issue_api_token(user, 'schemathesis')}"}
        for user in (commune_editor, superuser)
    ]


@pytest.fixture(autouse=True)
def same_connection():
    """The WSGI handler closes "old" connections at each request's start and end; like Django's test client, keep
    the test's connection (and its transaction) open across the requests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_api_operation(case, tokens):
    for headers in tokens:
        case.call_and_validate(headers=headers, checks=CHECKS)
