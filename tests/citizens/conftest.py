"""Shared fixtures of the citizens' tests: a commune of Tỉnh Cao Bằng (Phường Thục Phán) with an editor and an
approver, another province's commune with its editor, and a petition builder registering through the one service
(`create_petition`), so every topic's test starts from petitions made as the register makes them."""

import pytest
from django.contrib.contenttypes.models import ContentType

from danvan.accounts.scope import Role
from danvan.citizens.models import Petition
from danvan.citizens.services import create_petition
from danvan.core.models import ChangeLog
from tests import factories
from tests.clock import days


@pytest.fixture
def commune(units):
    """Phường Thục Phán, a commune of Tỉnh Cao Bằng: the register every citizens' test writes in."""
    return units["thuc_phan"]


@pytest.fixture
def province(units):
    return units["cao_bang"]


@pytest.fixture
def editor(commune):
    """An editor of the commune: registers and handles its petitions."""
    return factories.user("tp_donthu", commune, Role.EDITOR, full_name="Lục Thị Tiếp")


@pytest.fixture
def approver(commune):
    """An approver of the commune (its leader): decides the service level, grants the keeper's role."""
    return factories.user("tp_lanhdao", commune, Role.APPROVER, full_name="Bế Văn Lãnh")


@pytest.fixture
def viewer(commune):
    return factories.user("tp_xem", commune, Role.VIEWER, full_name="Đàm Thị Xem")


@pytest.fixture
def other_commune(province):
    """A commune of another province: out of the Cao Bằng users' scope, and they out of its."""
    return factories.other_province_commune(province)


@pytest.fixture
def outsider(other_commune):
    """An editor of another province's commune."""
    return factories.user("ngoai_tinh", other_commune, Role.EDITOR, full_name="Người Tỉnh Khác")


def petition_data(**data) -> dict:
    """A first complaint about land, received by post ten days ago, unless told otherwise."""
    values = {
        "kind": Petition.Kind.KHIEU_NAI_1,
        "channel": Petition.Channel.POST,
        "field": Petition.Field.LAND,
        "subject": "Khiếu nại quyết định thu hồi đất nông nghiệp",
        "content": "Gia đình tôi không đồng ý với mức bồi thường khi thu hồi đất ruộng tại tổ 5.",
        "received_on": days(-10),
    }
    values.update(data)
    return values


@pytest.fixture
def make_petition(commune, editor):
    """make_petition(**data, senders=…, sealed=…, unit=…, actor=…): a petition registered through
    `create_petition` (by default a first complaint of Nguyễn Văn An in the commune)."""

    def make(*, unit=None, actor=None, senders=None, sealed=(), **data) -> Petition:
        if senders is None:
            senders = [] if data.get("kind") == Petition.Kind.TO_CAO else [{"name": "Nguyễn Văn An"}]
        return create_petition(
            actor or editor, unit=unit or commune, data=petition_data(**data), senders=senders, sealed=sealed
        )

    return make


def logs_of(petition: Petition):
    """The change log's rows about `petition` (not about another model's row with the same id)."""
    return ChangeLog.objects.filter(
        content_type=ContentType.objects.get_for_model(Petition), object_id=str(petition.pk)
    )
