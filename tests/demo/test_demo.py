import pytest
from django.core.management import call_command

from danvan.accounts.models import User
from danvan.core.models import ChangeLog
from danvan.orgunits.models import OrgUnit, UnitGroup

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_creates_the_demo_logins(units):
    call_command("demo", verbosity=0)
    counts = OrgUnit.objects.count(), UnitGroup.objects.count(), ChangeLog.objects.count()
    call_command("demo", verbosity=0)
    assert (OrgUnit.objects.count(), UnitGroup.objects.count(), ChangeLog.objects.count()) == counts
    assert User.objects.get(username="admin").is_superuser
    caobang = User.objects.get(username="caobang")
    assert caobang.check_password("danvan-demo")
    assert caobang.unit_roles.get().unit == units["cao_bang"]
    assert User.objects.get(username="thucphan").unit_roles.get().unit == units["thuc_phan"]


def test_demo_has_the_seeds_old_units_with_their_ban_and_blocs(units):
    for key in ("tp_cao_bang", "cau_ke", "duy_tien"):
        district = units[key]
        assert district.valid_to.isoformat() == "2025-06-30"
        assert units[f"{key}_ban"].parent == district
        assert set(district.defined_groups.values_list("kind", flat=True)) == {"agencies", "communes"}
