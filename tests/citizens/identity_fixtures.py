"""Fixtures of the sealed identity's tests: a denunciation of Phường Thục Phán with one sealed denouncer, its
keeper, and the values that must never show anywhere but the keeper's reveal."""

import pytest

from danvan.accounts.scope import Role
from danvan.citizens.models import IdentityKeeper, Petition
from danvan.citizens.services import create_petition
from tests import factories

NAME = "Lường Thị Bí Mật"
ADDRESS = "Số 7 ngõ Kín, tổ 3"
PHONE = "0912345678"
EMAIL = "bimat.tocao@example.vn"
ID_NUMBER = "004123456789"
SECRETS = (NAME, ADDRESS, PHONE, EMAIL, ID_NUMBER, "Luong Thi Bi Mat", "luong thi bi mat")
DENOUNCER = {"name": NAME, "address": ADDRESS, "phone": PHONE, "email": EMAIL, "id_number": ID_NUMBER}


def leaks(text) -> list[str]:
    """The secrets found in `text` (any case)."""
    lowered = str(text).lower()
    return [secret for secret in SECRETS if secret.lower() in lowered]


def denunciation_of(actor, unit, **data) -> Petition:
    return create_petition(
        actor,
        unit=unit,
        data={
            "kind": Petition.Kind.TO_CAO,
            "channel": Petition.Channel.POST,
            "field": Petition.Field.CORRUPTION,
            "subject": "Tố cáo cán bộ địa chính thu tiền trái phép",
            "content": "Nội dung tố cáo việc thu tiền khi làm thủ tục đất đai.",
            **data,
        },
        sealed=[dict(DENOUNCER)],
    )


@pytest.fixture
def denunciation(units, commune_editor):
    return denunciation_of(commune_editor, units["thuc_phan"])


@pytest.fixture
def keeper(units):
    user = factories.user("thucphan_giu", units["thuc_phan"], Role.EDITOR, full_name="Cán bộ tiếp dân")
    IdentityKeeper.objects.create(user=user, unit=units["thuc_phan"])
    return user


@pytest.fixture
def commune_approver(units):
    return factories.user(
        "thucphan_duyet", units["thuc_phan"], Role.APPROVER, email="duyet@thucphan.example.vn"
    )
