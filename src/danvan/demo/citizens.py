"""The citizens' demo (issue #12, Deliver 10): the catalogue's petitions and public feedback of Tỉnh Cao Bằng recorded
through the citizens' services (`create_petition`, the workflow's `transition`), then the receptions, dialogues,
consultations and publicity (`demo.citizens_meetings`), all dated relative to `today` — the day the demo is loaded,
or another day given — so that some petitions are overdue and some due soon whenever it is loaded. A second run finds
the province's sealed denunciation and adds nothing.

The demo user `tiepdan` holds the identity keeper's role on Tỉnh Cao Bằng (the province, whose People's Committee
handles the denunciations against the communes' officials); the demo command creates the user, this module grants
the role through `grant_keeper`."""

import datetime

from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import User
from danvan.citizens import tracking
from danvan.citizens.clocks import add_working_days
from danvan.citizens.models import IdentityKeeper, Petition
from danvan.citizens.services import create_petition, transition
from danvan.citizens.services.feedback import set_feedback_setting, submit_feedback
from danvan.citizens.services.identity import grant_keeper
from danvan.orgunits.models import OrgUnit

from .citizen_catalogue import COMMUNES_BY_NAME, FEEDBACK, PETITIONS, SERVICE_DAYS
from .citizens_meetings import load_meetings
from .units import demo_units

KEEPER_UNIT = "cao_bang"
MARKER = next(spec["subject"] for spec in PETITIONS if spec["key"] == "to_cao_cap_dat")


def citizen_units() -> dict[str, OrgUnit]:
    units = demo_units()
    province = units["cao_bang"]
    for key, name in COMMUNES_BY_NAME.items():
        units[key] = OrgUnit.objects.get(parent=province, name=name, valid_to__isnull=True)
    return units


def _details(spec_details: dict, units, petitions, users) -> dict:
    """A step's details with the catalogue's keys made objects: a user, a unit, a petition."""
    details = dict(spec_details)
    if "assignee" in details:
        details["assignee"] = users[details["assignee"]]
    if "to_unit" in details:
        details["to_unit"] = units[details["to_unit"]]
    if "into" in details:
        details["into"] = petitions[details["into"]]
    return details


def _petitions(actor, units, users, today) -> dict[str, Petition]:
    petitions: dict[str, Petition] = {}
    for spec in PETITIONS:
        received = today - datetime.timedelta(days=spec["ago"])
        data = {
            "kind": spec["kind"],
            "channel": spec["channel"],
            "field": spec["field"],
            "subject": spec["subject"],
            "content": spec["content"],
            "received_on": received,
            "is_group": "group" in spec,
            "signers": spec.get("group", 1),
            "previous": petitions.get(spec.get("previous")),
            **spec.get("flags", {}),
        }
        petition = create_petition(
            actor,
            unit=units[spec["unit"]],
            data=data,
            senders=spec.get("senders", ()),
            sealed=spec.get("sealed", ()),
        )
        for action, after, details in spec["steps"]:
            on = min(received + datetime.timedelta(days=after), today)
            transition(actor, petition, action, on=on, **_details(details, units, petitions, users))
        petitions[spec["key"]] = petition
    return petitions


def _feedback(actor, units, today) -> list[Petition]:
    """The wards take public feedback within SERVICE_DAYS working days (`set_feedback_setting`). Today's feedback is
    sent through the public page's service (`submit_feedback`); the older ones are registered as it registers them —
    `create_petition` without an actor, a tracking code, the service due date — because `submit_feedback` dates a
    feedback on the day it is sent, and they are answered through the workflow's dated `answer` step."""
    for key in {spec["unit"] for spec in FEEDBACK}:
        set_feedback_setting(
            actor, units[key], accepts_feedback=True, answer_within_working_days=SERVICE_DAYS
        )
    made = []
    for spec in FEEDBACK:
        received = today - datetime.timedelta(days=spec["ago"])
        data = {
            "kind": spec["kind"],
            "channel": Petition.Channel.ONLINE,
            "field": spec["field"],
            "subject": spec["subject"],
            "content": spec["content"],
            "answer_public": spec["answer_public"],
        }
        if received == timezone.localdate():
            made.append(submit_feedback(unit=units[spec["unit"]], data={**data, **spec["sender"]}))
            continue
        data.update(
            received_on=received,
            tracking_code=tracking.new_code(),
            service_due_on=add_working_days(received, SERVICE_DAYS),
        )
        sender = {**spec["sender"], "is_representative": True}
        petition = create_petition(None, unit=units[spec["unit"]], data=data, senders=[sender], public=True)
        if spec.get("answer"):
            on = min(received + datetime.timedelta(days=spec["answered_after"]), today)
            transition(actor, petition, "answer", on=on, answer=spec["answer"])
        made.append(petition)
    return made


def grant_demo_keeper(actor, units) -> None:
    """`tiepdan` keeps the sealed identities of the province's denunciations; `caobang` does not."""
    keeper = User.objects.get(username="tiepdan")
    if not IdentityKeeper.objects.filter(user=keeper, unit=units[KEEPER_UNIT]).exists():
        grant_keeper(actor, user=keeper, unit=units[KEEPER_UNIT])


@transaction.atomic
def load_demo_citizens(actor, today: datetime.date | None = None) -> dict:
    """Loads the citizens' demo once, `actor` being the demo's administrator; `today` (the day the demo is loaded by
    default) is the day the dates count back from."""
    today = today or timezone.localdate()
    units = citizen_units()
    grant_demo_keeper(actor, units)
    if Petition.objects.filter(unit=units[KEEPER_UNIT], subject=MARKER).exists():
        return {"loaded": False}
    users = {user.username: user for user in User.objects.filter(username__in=("tiepdan", "thucphan"))}
    petitions = _petitions(actor, units, users, today)
    feedback = _feedback(actor, units, today)
    meetings = load_meetings(actor, units, today)
    return {"loaded": True, "petitions": len(petitions), "feedback": len(feedback), **meetings}
