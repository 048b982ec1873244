"""Records the figures' tests count: petitions registered through `create_petition` and then moved along by hand
(accepted, resolved on time or late, open and overdue), receptions and dialogues, in Tỉnh Cao Bằng's communes, in
the commune Phường Thục Phán was formed from on 1/7/2025, and in another province (never counted)."""

import datetime

import pytest

from danvan.citizens.models import Dialogue, Petition, Reception
from danvan.citizens.services.petitions import create_petition
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit
from tests.factories import other_province_commune

Kind, Field, Stage = Petition.Kind, Petition.Field, Petition.Stage


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def petition(
    actor,
    unit: OrgUnit,
    received: str,
    *,
    kind: str = Kind.KIEN_NGHI,
    field: str = Field.LAND,
    stage: str = Stage.RECEIVED,
    accepted: str | None = None,
    resolved: str | None = None,
    due: str | None = None,
    name: str = "Nguyễn Văn Dân",
) -> Petition:
    """A petition as the register's services leave it: registered, then at `stage` with its dates and the due date of
    the clock that ran last (`due`; for a resolved one, the resolution clock's)."""
    made = create_petition(
        actor,
        unit=unit,
        data={
            "kind": kind,
            "channel": Petition.Channel.POST,
            "field": field,
            "subject": f"Đơn {kind} nhận ngày {received}",
            "content": "Đề nghị xem xét giải quyết.",
            "received_on": day(received),
        },
        senders=[{"name": name, "address": "Tổ 1, phường Thục Phán"}],
    )
    changes = {"stage": stage}
    if accepted:
        changes["accepted_on"] = day(accepted)
    if resolved:
        changes["resolved_on"] = day(resolved)
    if due is not None:
        changes["due_on"] = day(due)
    elif resolved:
        changes["due_on"] = None
    Petition.objects.filter(pk=made.pk).update(**changes)
    made.refresh_from_db()
    return made


def reception(unit: OrgUnit, date: str, citizens: int = 3) -> Reception:
    return Reception.objects.create(
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        date=day(date),
        citizens_count=citizens,
        search_key="tiep cong dan",
    )


def dialogue(unit: OrgUnit, date: str, status: str = Dialogue.Status.HELD) -> Dialogue:
    return Dialogue.objects.create(
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        title=f"Đối thoại ngày {date}",
        date=day(date),
        status=status,
        search_key="doi thoai",
    )


@pytest.fixture
def predecessor(units):
    """The old commune Phường Thục Phán was formed from on 1/7/2025."""
    return OrgUnit.objects.get(path=lineage_paths(units["thuc_phan"])[1])


@pytest.fixture
def elsewhere(units):
    return other_province_commune(units["cao_bang"])


@pytest.fixture
def citizen_records(units, superuser, predecessor, elsewhere):
    """Tỉnh Cao Bằng's 2026H1, as of 15/7/2026 (`TODAY`), with what must not be counted beside it.

    Received in 2026H1 in the province: 7 (Thục Phán 4, Nùng Trí Cao 2, the province's own register 1); accepted 4;
    resolved on time 2 (one without a legal clock), late 1; open 3, overdue 2."""
    thuc_phan, nung_tri_cao, cao_bang = units["thuc_phan"], units["nung_tri_cao"], units["cao_bang"]
    records = {
        "on_time": petition(
            superuser,
            thuc_phan,
            "2026-01-10",
            kind=Kind.KHIEU_NAI_1,
            stage=Stage.RESOLVED,
            accepted="2026-01-15",
            resolved="2026-02-10",
            due="2026-02-14",
        ),
        "late": petition(
            superuser,
            thuc_phan,
            "2026-02-02",
            kind=Kind.KHIEU_NAI_1,
            field=Field.POLICY,
            stage=Stage.CLOSED,
            accepted="2026-02-05",
            resolved="2026-04-01",
            due="2026-03-07",
        ),
        "answered": petition(
            superuser,
            thuc_phan,
            "2026-03-03",
            stage=Stage.RESOLVED,
            accepted="2026-03-05",
            resolved="2026-03-20",
        ),
        "overdue": petition(
            superuser,
            thuc_phan,
            "2026-06-01",
            kind=Kind.TO_CAO,
            field=Field.CORRUPTION,
            stage=Stage.ACCEPTED,
            accepted="2026-06-05",
            due="2026-07-05",
        ),
        "open_in_time": petition(superuser, nung_tri_cao, "2026-06-20", kind=Kind.PHAN_ANH, due="2026-07-30"),
        "overdue_commune": petition(superuser, nung_tri_cao, "2026-05-04", due="2026-05-18"),
        "province_own": petition(
            superuser, cao_bang, "2026-04-04", kind=Kind.KHIEU_NAI_2, stage=Stage.REFUSED
        ),
        # Not in 2026H1, or not in the province.
        "before": petition(superuser, thuc_phan, "2025-12-31"),
        "after": petition(superuser, thuc_phan, "2026-07-01"),
        "elsewhere": petition(superuser, elsewhere, "2026-03-03"),
    }
    reception(thuc_phan, "2026-01-06")
    reception(thuc_phan, "2026-06-30")
    reception(nung_tri_cao, "2026-03-15")
    reception(thuc_phan, "2026-07-01")  # next period
    reception(elsewhere, "2026-03-15")
    dialogue(thuc_phan, "2026-05-10")
    dialogue(nung_tri_cao, "2026-05-12", status=Dialogue.Status.PLANNED)  # not held
    dialogue(nung_tri_cao, "2026-05-13", status=Dialogue.Status.CANCELLED)
    dialogue(elsewhere, "2026-05-10")
    return records


@pytest.fixture
def predecessor_records(superuser, predecessor):
    """The old commune's 2025H1, before it merged into Phường Thục Phán."""
    return [
        petition(
            superuser,
            predecessor,
            "2025-03-03",
            kind=Kind.KHIEU_NAI_1,
            stage=Stage.RESOLVED,
            accepted="2025-03-05",
            resolved="2025-05-20",
            due="2025-04-04",
        ),
        reception(predecessor, "2025-04-01"),
        dialogue(predecessor, "2025-06-01"),
    ]
