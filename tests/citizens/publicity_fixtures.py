"""Fixtures of the publicity and consultation tests: Phường Thục Phán's editor, a hamlet head, an open consultation,
a publication with its channels."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.accounts.scope import Role
from danvan.citizens import services
from danvan.citizens.models import Consultation, PublicityItem
from danvan.core.periods import Period
from tests import clock

from .. import factories

PDF = b"%PDF-1.4\n%%EOF\n"


def pdf(name="bien-ban.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def item(code: str) -> PublicityItem:
    return PublicityItem.objects.get(code=code)


def publish(actor, unit, code: str, period: str = "", *, on: datetime.date, decision_on=None, **fields):
    """Records an item for a period (or a decision) and posts it at the headquarters from `on` for 30 days."""
    publication = services.record_publication(
        actor, unit=unit, item=item(code), period=period, decision_on=decision_on, **fields
    )
    services.add_channel(
        actor,
        publication,
        channel="niem_yet",
        started_on=on,
        ended_on=on + datetime.timedelta(days=29),
    )
    publication.refresh_from_db()
    return publication


def quarter(code: str) -> Period:
    return Period.parse(code)


@pytest.fixture
def hamlet_head(hamlet):
    return factories.user("truong_thon_hoa_binh", hamlet, Role.EDITOR, full_name="Lục Văn Thôn")


@pytest.fixture
def consultation(commune_editor, units):
    today = clock.today()
    return services.create_consultation(
        commune_editor,
        unit=units["thuc_phan"],
        kind=Consultation.Kind.DECIDE,
        title="Mức đóng góp làm đường bê tông nội đồng",
        text="Mỗi hộ đóng góp 500.000 đồng để làm 2 km đường bê tông.",
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=10),
        file=pdf("du-thao.pdf"),
    )


@pytest.fixture
def open_consultation(commune_editor, consultation):
    return services.consultation_transition(commune_editor, consultation, "open")
