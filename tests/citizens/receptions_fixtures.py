"""Helpers shared by the receptions' and dialogues' tests (plain functions, not fixtures)."""

import datetime

from danvan.citizens import services
from danvan.citizens.models import LeaderRole, Reception
from tests import factories

D = datetime.date


def chair(unit, name="Nông Văn Chủ"):
    return factories.person(unit, name, "Chủ tịch UBND", valid_from=D(2024, 1, 1))


def reception(actor, unit, day, leader=None, role=LeaderRole.COMMUNE_CHAIR, citizens=(), **data):
    values = {
        "kind": Reception.Kind.REGULAR,
        "mode": Reception.Mode.IN_PERSON,
        "date": day,
        "leader": leader,
        "leader_role": role if leader else "",
        **data,
    }
    return services.save_reception(actor, unit=unit, data=values, citizens=list(citizens) or None)


def duty(actor, unit, person, role=LeaderRole.COMMUNE_CHAIR, valid_from=None, valid_to=None):
    valid_from = valid_from or D(2026, 1, 1)
    return services.save_duty(
        actor,
        unit=unit,
        data={"person": person, "leader_role": role, "valid_from": valid_from, "valid_to": valid_to},
    )
