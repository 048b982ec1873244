"""Recording a citizen reception: who may, what is refused (an online reception before 1/7/2026, a leader twice the
same day, a commitment without a deadline), commitments as tasks, petitions handed in entering the register."""

import pytest
from django.core.exceptions import ValidationError

from danvan.accounts.models import Role
from danvan.activities.models import Task
from danvan.citizens import services
from danvan.citizens.models import Petition, Reception, ReceptionRule
from danvan.core.changelog import history_for
from danvan.core.errors import NotAllowed
from tests import factories

from .receptions_fixtures import D, chair, duty, reception


def test_a_commune_editor_records_a_reception_with_the_citizens_received(units, commune_editor):
    leader = chair(units["thuc_phan"])
    saved = reception(
        commune_editor,
        units["thuc_phan"],
        D(2026, 6, 4),
        leader,
        citizens=[
            {
                "name": "Lục Văn Dân",
                "address": "Tổ 3",
                "matter": "Xin cấp sổ đỏ",
                "answer": "Hướng dẫn nộp hồ sơ",
            },
            {"name": "Hà Thị Mai", "matter": "Đường ngõ xuống cấp"},
        ],
        place="Trụ sở UBND xã",
    )
    assert saved.unit_path == units["thuc_phan"].path
    assert saved.province_code == units["cao_bang"].path.strip("/")
    assert saved.citizens_count == 2
    assert [c.name for c in saved.citizens.all()] == ["Lục Văn Dân", "Hà Thị Mai"]
    assert "luc van dan" in saved.search_key
    assert history_for(saved)[0].action == "create"


def test_an_online_reception_before_the_first_of_july_2026_is_refused_naming_the_field(units, commune_editor):
    with pytest.raises(ValidationError) as error:
        reception(commune_editor, units["thuc_phan"], D(2026, 6, 30), mode=Reception.Mode.ONLINE)
    assert "01/07/2026" in error.value.message_dict["mode"][0]
    online = reception(commune_editor, units["thuc_phan"], D(2026, 7, 1), mode=Reception.Mode.ONLINE)
    assert online.mode == Reception.Mode.ONLINE


def test_a_leader_cannot_be_recorded_twice_the_same_day_at_the_same_unit(units, commune_editor):
    leader = chair(units["thuc_phan"])
    first = reception(commune_editor, units["thuc_phan"], D(2026, 6, 4), leader)
    with pytest.raises(ValidationError) as error:
        reception(commune_editor, units["thuc_phan"], D(2026, 6, 4), leader)
    assert "04/06/2026" in error.value.message_dict["leader"][0]
    # Changing the first one is not a second reception.
    services.save_reception(
        commune_editor,
        unit=units["thuc_phan"],
        reception=first,
        data={"kind": "ad_hoc", "mode": "in_person", "date": D(2026, 6, 4), "leader": leader},
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "weekly"}, "kind"),
        ({"mode": "phone"}, "mode"),
        ({"date": "04/06/2026"}, "date"),
        ({"date": D(2099, 1, 1)}, "date"),
        ({"leader_role": "vua"}, "leader_role"),
        ({"place": "a\x00b"}, "place"),
        ({"notes": "x" * 20_001}, "notes"),
    ],
)
def test_bad_input_is_refused_with_the_field_named(units, commune_editor, data, field):
    values = {"kind": "regular", "mode": "in_person", "date": D(2026, 6, 4), **data}
    with pytest.raises(ValidationError) as error:
        services.save_reception(commune_editor, unit=units["thuc_phan"], data=values)
    assert field in error.value.message_dict


def test_a_citizen_without_a_name_or_a_matter_is_refused(units, commune_editor):
    with pytest.raises(ValidationError) as error:
        reception(commune_editor, units["thuc_phan"], D(2026, 6, 4), citizens=[{"name": " ", "matter": ""}])
    assert {"citizens-0-name", "citizens-0-matter"} <= set(error.value.message_dict)


def test_a_commune_editor_cannot_record_another_communes_reception(units, other_commune_editor):
    with pytest.raises(NotAllowed):
        reception(other_commune_editor, units["thuc_phan"], D(2026, 6, 4))
    viewer = factories.user("xem", units["thuc_phan"], Role.VIEWER)
    with pytest.raises(NotAllowed):
        reception(viewer, units["thuc_phan"], D(2026, 6, 4))


def test_a_commitment_becomes_a_task_of_the_unit_sourced_from_citizens(units, commune_editor):
    saved = reception(commune_editor, units["thuc_phan"], D(2026, 6, 4), chair(units["thuc_phan"]))
    commitment = services.add_commitment(
        commune_editor, reception=saved, text="Sửa đường ngõ tổ 3", deadline=D(2026, 8, 30)
    )
    task = commitment.task
    assert (task.source, task.lead_unit, task.deadline) == (
        Task.Source.CITIZENS,
        units["thuc_phan"],
        D(2026, 8, 30),
    )
    assert task.assigned_on == D(2026, 6, 4)
    assert "04/06/2026" in task.source_reference
    assert list(saved.commitments.all()) == [commitment]


@pytest.mark.parametrize(
    ("deadline", "message"), [(None, "Hãy nhập hạn"), (D(2026, 6, 3), "trước ngày cam kết")]
)
def test_a_commitment_without_a_deadline_or_before_the_reception_is_refused(
    units, commune_editor, deadline, message
):
    saved = reception(commune_editor, units["thuc_phan"], D(2026, 6, 4))
    with pytest.raises(ValidationError) as error:
        services.add_commitment(commune_editor, reception=saved, text="Sửa đường", deadline=deadline)
    assert message in error.value.message_dict["deadline"][0]
    assert not Task.objects.exists()


def test_a_petition_handed_in_at_a_reception_enters_the_register_as_received_in_person(units, commune_editor):
    saved = reception(commune_editor, units["thuc_phan"], D(2026, 6, 4))
    petition = services.receive_petition(
        commune_editor,
        saved,
        data={"kind": "kien_nghi", "field": "dat_dai", "subject": "Cấp sổ đỏ", "content": "Đề nghị cấp sổ"},
        senders=[{"name": "Lục Văn Dân"}],
    )
    assert (petition.channel, petition.received_on, petition.reception) == (
        Petition.Channel.RECEPTION,
        D(2026, 6, 4),
        saved,
    )
    assert petition.unit == units["thuc_phan"]


def test_the_rules_are_seeded_with_the_change_of_1_july_2026(db):
    rules = {
        (r.leader_role, r.valid_from): (r.min_days, r.per, r.valid_to)
        for r in ReceptionRule.objects.filter(leader_role="chu_tich_ubnd_xa")
    }
    assert rules == {
        (("chu_tich_ubnd_xa"), D(2014, 7, 1)): (1, "week", D(2026, 6, 30)),
        (("chu_tich_ubnd_xa"), D(2026, 7, 1)): (2, "month", None),
    }
    assert ReceptionRule.objects.get(leader_role="bi_thu_xa").min_days == 2
    assert "215-KL/TW" in ReceptionRule.objects.get(leader_role="bi_thu_tinh").legal_basis


def test_only_an_approver_assigns_who_must_receive(units, commune_editor):
    leader = chair(units["thuc_phan"])
    with pytest.raises(NotAllowed):
        duty(commune_editor, units["thuc_phan"], leader)
    approver = factories.user("duyet", units["thuc_phan"], Role.APPROVER)
    with pytest.raises(ValidationError) as error:
        duty(approver, units["thuc_phan"], leader, valid_from=D(2026, 5, 1), valid_to=D(2026, 4, 1))
    assert "valid_to" in error.value.message_dict
    assert duty(approver, units["thuc_phan"], leader).unit_path == units["thuc_phan"].path
