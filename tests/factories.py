"""Small builders for test data; the national units themselves come from the real import (conftest)."""

import datetime

from danvan.orgunits.models import OrgUnit

_counter = iter(range(1, 10**6))


def unit(parent: OrgUnit | None, name: str, kind: str, **fields) -> OrgUnit:
    """Saves a unit directly (no service, no log): for arranging a test, not for testing writes."""
    obj = OrgUnit(name=name, kind=kind, parent=parent, path=f"/tmp-{next(_counter)}/", **fields)
    obj.save()
    obj.path = f"{parent.path if parent else '/'}{obj.pk}/"
    obj.depth = parent.depth + 1 if parent else 0
    obj.province_code = parent.province_code if parent else obj.code
    obj.save(update_fields=["path", "depth", "province_code"])
    return obj


def hamlet(commune: OrgUnit, name: str, **fields) -> OrgUnit:
    fields.setdefault("division_type", OrgUnit.DivisionType.TO_DAN_PHO)
    fields.setdefault("valid_from", datetime.date(2025, 7, 1))
    return unit(commune, name, OrgUnit.Kind.HAMLET, **fields)


def agency(parent: OrgUnit, name: str, agency_type=OrgUnit.AgencyType.MASS_ORGANISATION, **fields) -> OrgUnit:
    return unit(parent, name, OrgUnit.Kind.AGENCY, agency_type=agency_type, **fields)
