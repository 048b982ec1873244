"""Dialogues: planned, held or cancelled with a reason; the leaders attending (each once), the questions and
answers, the invitation file checked, commitments as tasks; the counts for the figures and per commune."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.activities.models import Task
from danvan.citizens import selectors, services
from danvan.citizens.models import Dialogue
from danvan.citizens.selectors.dialogues import dialogues_held
from danvan.core.errors import NotAllowed
from danvan.orgunits.tree import subtree_q

from .receptions_fixtures import D, chair


def dialogue(actor, unit, day=None, status="held", leaders=(), **data):
    day = day or D(2026, 5, 20)
    values = {"title": "Đối thoại về giải phóng mặt bằng", "date": day, "status": status, **data}
    return services.save_dialogue(actor, unit=unit, data=values, leaders=leaders)


def test_a_commune_holds_a_dialogue_with_its_leaders_and_records_questions(units, commune_editor):
    leader = chair(units["thuc_phan"])
    saved = dialogue(
        commune_editor, units["thuc_phan"], leaders=[leader], citizens="Đại diện 40 hộ", citizens_count=40
    )
    assert list(saved.leaders.all()) == [leader]
    question = services.add_question(
        commune_editor,
        saved,
        data={
            "asked_by": "Ông Lục Văn Dân",
            "question": "Khi nào trả tiền đền bù?",
            "answer": "Tháng 7",
            "answered_by": leader,
        },
    )
    assert question.answered_by == leader
    commitment = services.add_commitment(
        commune_editor, dialogue=saved, text="Chi trả đền bù", deadline=D(2026, 7, 31)
    )
    assert commitment.task.source == Task.Source.CITIZENS
    assert "20/05/2026" in commitment.task.source_reference


def test_a_leader_chosen_twice_is_refused(units, commune_editor):
    leader = chair(units["thuc_phan"])
    with pytest.raises(ValidationError) as error:
        dialogue(commune_editor, units["thuc_phan"], leaders=[leader, leader])
    assert "hai lần" in error.value.message_dict["leaders"][0]


def test_a_cancelled_dialogue_needs_its_reason(units, commune_editor):
    with pytest.raises(ValidationError) as error:
        dialogue(commune_editor, units["thuc_phan"], status="cancelled")
    assert "cancel_reason" in error.value.message_dict
    saved = dialogue(commune_editor, units["thuc_phan"], status="cancelled", cancel_reason="Mưa lũ")
    assert saved.cancel_reason == "Mưa lũ"


def test_a_dialogue_in_the_future_cannot_be_held_yet(units, commune_editor):
    with pytest.raises(ValidationError) as error:
        dialogue(commune_editor, units["thuc_phan"], day=D(2099, 1, 1))
    assert "date" in error.value.message_dict
    assert dialogue(commune_editor, units["thuc_phan"], day=D(2099, 1, 1), status="planned").pk


def test_an_answer_by_someone_not_attending_is_refused(units, commune_editor):
    saved = dialogue(commune_editor, units["thuc_phan"], leaders=[chair(units["thuc_phan"])])
    stranger = chair(units["thuc_phan"], "Người Ngoài")
    with pytest.raises(ValidationError) as error:
        services.add_question(
            commune_editor,
            saved,
            data={"asked_by": "Bà Mai", "question": "?", "answer": "…", "answered_by": stranger},
        )
    assert "answered_by" in error.value.message_dict


def test_the_invitation_file_is_checked(units, commune_editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    bad = SimpleUploadedFile("moi.exe", b"MZ\x00\x00", content_type="application/octet-stream")
    with pytest.raises(ValidationError) as error:
        services.save_dialogue(
            commune_editor,
            unit=units["thuc_phan"],
            data={"title": "Đối thoại", "date": D(2026, 5, 20), "status": "planned"},
            invitation_file=bad,
        )
    assert "invitation_file" in error.value.message_dict
    pdf = SimpleUploadedFile("moi.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    saved = services.save_dialogue(
        commune_editor,
        unit=units["thuc_phan"],
        data={"title": "Đối thoại", "date": D(2026, 5, 20), "status": "planned"},
        invitation_file=pdf,
    )
    assert saved.invitation_file.name.endswith(".pdf")


def test_another_commune_cannot_record_it(units, other_commune_editor):
    with pytest.raises(NotAllowed):
        dialogue(other_commune_editor, units["thuc_phan"])


def test_dialogues_held_counts_only_held_ones_in_the_subtree_and_range(
    units, commune_editor, other_commune_editor
):
    dialogue(commune_editor, units["thuc_phan"], day=D(2026, 3, 1))
    dialogue(commune_editor, units["thuc_phan"], day=D(2026, 4, 1), status="planned")
    dialogue(commune_editor, units["thuc_phan"], day=D(2026, 4, 2), status="cancelled", cancel_reason="Bão")
    dialogue(other_commune_editor, units["nung_tri_cao"], day=D(2026, 3, 1))
    dialogue(commune_editor, units["thuc_phan"], day=D(2025, 11, 1))
    thuc_phan = subtree_q(units["thuc_phan"].path, "unit_path")
    assert dialogues_held(thuc_phan, D(2026, 1, 1), D(2026, 12, 31)) == 1
    assert dialogues_held(subtree_q(units["cao_bang"].path, "unit_path"), D(2026, 1, 1), D(2026, 6, 30)) == 2


def test_the_yearly_count_per_commune(units, commune_editor, other_commune_editor, province_admin):
    dialogue(commune_editor, units["thuc_phan"], day=D(2025, 3, 1))
    dialogue(commune_editor, units["thuc_phan"], day=D(2026, 3, 1))
    dialogue(commune_editor, units["thuc_phan"], day=D(2026, 9, 1))
    dialogue(other_commune_editor, units["nung_tri_cao"], day=D(2026, 3, 1))
    table = dict(selectors.yearly_counts(province_admin, units["cao_bang"], [2025, 2026]))
    assert table[units["thuc_phan"]] == [(2025, 1), (2026, 2)]
    assert table[units["nung_tri_cao"]] == [(2025, 0), (2026, 1)]
    mine = dict(selectors.yearly_counts(commune_editor, units["cao_bang"], [2025, 2026]))
    assert units["thuc_phan"] in mine and units["nung_tri_cao"] not in mine
    assert Dialogue.objects.count() == 4
