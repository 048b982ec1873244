"""Registering a petition (`create_petition`): numbering, senders and sealed denouncers, the first clock, a second
complaint's first, files, errors by field; possible duplicates; and the register's reads through the user's scope."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from danvan.citizens import selectors
from danvan.citizens.clocks import petition_deadline
from danvan.citizens.models import Petition, PetitionStep, Reception, SealedIdentity
from danvan.citizens.services import create_petition, possible_duplicates, transition
from danvan.core.errors import NotAllowed

from .conftest import days, logs_of, petition_data

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def errors_of(excinfo) -> dict:
    return {
        field: [str(m) for e in errs for m in e.messages] for field, errs in excinfo.value.error_dict.items()
    }


def refused(editor, commune, **kwargs) -> dict:
    data = petition_data(**kwargs.pop("data", {}))
    with pytest.raises(ValidationError) as excinfo:
        create_petition(editor, unit=commune, data=data, **kwargs)
    return errors_of(excinfo)


def resolved_first(make_petition, editor):
    first = make_petition(received_on=days(-40))
    transition(editor, first, "process", on=days(-39), processing="within")
    transition(editor, first, "accept", on=days(-38), reference="QĐ 1")
    transition(
        editor, first, "resolve", on=days(-20), reference="QĐ 2", outcome="wrong", answer="Không đúng."
    )
    return first


@pytest.mark.django_db
class TestRegistering:
    def test_numbers_run_per_unit_and_year(self, make_petition, province_admin, units):
        first, second = make_petition(), make_petition()
        elsewhere = make_petition(unit=units["cao_bang"], actor=province_admin)
        assert (first.number, second.number, elsewhere.number) == (1, 2, 1)
        assert first.year == days(-10).year

    def test_the_receipt_is_a_step_the_first_clock_runs_and_it_is_logged(self, make_petition, editor):
        petition = make_petition()
        step = petition.steps.get()
        assert (step.action, step.on, step.by) == (PetitionStep.Action.RECEIVE, petition.received_on, editor)
        assert petition.clock_step == "xu_ly_don" and petition.clock_from == petition.received_on
        assert petition.due_on == petition_deadline(petition).due
        log = logs_of(petition).get(action="create")
        assert "content" not in log.after and log.unit_path == petition.unit_path

    def test_a_denouncer_is_sealed_away_from_every_list_field(self, make_petition):
        petition = make_petition(kind=Petition.Kind.TO_CAO, senders=[{"name": "Đinh Văn Lộ"}])
        assert not petition.senders.exists()
        assert SealedIdentity.objects.get(petition=petition).name == "Đinh Văn Lộ"
        assert petition.sender_label == "Người tố cáo (được giữ bí mật)"
        assert "lo" not in petition.search_key.split() and "Lộ" not in str(petition)
        log = logs_of(petition).get()
        assert "Lộ" not in str(log.after)

    def test_an_anonymous_denunciation_is_information(self, make_petition):
        petition = make_petition(kind=Petition.Kind.TO_CAO, senders=[])
        assert (petition.kind, petition.received_as, petition.anonymous) == ("phan_anh", "to_cao", True)
        assert petition.clock_step == "xu_ly_don"

    def test_a_group_petition_names_its_representative(self, make_petition):
        petition = make_petition(
            is_group=True, signers=20, senders=[{"name": "Hà Văn Một"}, {"name": "Hà Thị Hai"}]
        )
        assert petition.sender_label == "Hà Văn Một và 19 người"
        assert petition.senders.get(is_representative=True).name == "Hà Văn Một"

    def test_files_are_checked_and_kept(self, make_petition, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        petition = make_petition(attachments=[SimpleUploadedFile("Đơn khiếu nại.pdf", PDF)])
        file = petition.attachments.get()
        assert (file.original_name, file.content_type, file.size) == (
            "Đơn khiếu nại.pdf",
            "application/pdf",
            len(PDF),
        )

    def test_a_second_complaint_links_its_resolved_first(self, make_petition, editor):
        first = resolved_first(make_petition, editor)
        second = make_petition(kind=Petition.Kind.KHIEU_NAI_2, previous=first)
        assert second.previous == first and list(first.followups.all()) == [second]

    def test_a_second_complaint_whose_first_is_not_resolved(self, make_petition, editor, commune):
        first = make_petition()
        errors = refused(editor, commune, data={"kind": "khieu_nai_2", "previous": first})
        assert errors["previous"] == [
            f"Đơn khiếu nại lần đầu số {first.number}/{first.year} chưa được giải quyết: chưa thể khiếu nại lần hai."
        ]

    def test_the_first_complaint_must_be_the_same_units_first_complaint(
        self, make_petition, editor, commune, units, province_admin
    ):
        kien_nghi = make_petition(kind=Petition.Kind.KIEN_NGHI)
        assert (
            "không phải đơn khiếu nại lần đầu"
            in refused(editor, commune, data={"kind": "khieu_nai_2", "previous": kien_nghi})["previous"][0]
        )
        first = resolved_first(make_petition, editor)
        assert (
            "Chỉ đơn khiếu nại lần hai" in refused(editor, commune, data={"previous": first})["previous"][0]
        )
        with pytest.raises(ValidationError) as excinfo:
            create_petition(
                province_admin, unit=units["cao_bang"], data=petition_data(kind="khieu_nai_2", previous=first)
            )
        assert "cùng đơn vị" in errors_of(excinfo)["previous"][0]

    def test_errors_are_keyed_by_field(self, editor, commune):
        errors = refused(
            editor,
            commune,
            data={
                "kind": "x",
                "channel": "chuyen_den",
                "subject": "",
                "received_on": days(1),
                "signers": "nhiều",
                "attachments": [SimpleUploadedFile("a.exe", b"MZ")],
            },
            senders=[{"name": ""}, {"name": "Bình", "email": "khong-phai-thu"}],
        )
        assert set(errors) >= {
            "kind",
            "subject",
            "received_on",
            "signers",
            "forwarded_by",
            "attachments",
            "senders-0-name",
            "senders-1-email",
        }
        assert errors["received_on"] == ["Ngày nhận đơn không được sau hôm nay."]
        assert not Petition.objects.exists()

    def test_a_sealed_person_on_a_complaint_is_refused(self, editor, commune):
        errors = refused(editor, commune, sealed=[{"name": "Kín"}])
        assert errors["sealed"] == ["Chỉ đơn tố cáo mới có người tố cáo được giữ bí mật."]

    def test_two_representatives_are_refused(self, editor, commune):
        people = [{"name": "A", "is_representative": True}, {"name": "B", "is_representative": True}]
        assert "senders" in refused(editor, commune, data={"is_group": True}, senders=people)

    def test_a_viewer_cannot_register(self, viewer, commune):
        with pytest.raises(NotAllowed):
            create_petition(viewer, unit=commune, data=petition_data())


@pytest.mark.django_db
class TestDuplicates:
    def test_same_sender_and_similar_content_accent_insensitive(self, make_petition):
        first = make_petition(
            subject="Khiếu nại thu hồi đất ruộng", content="Thu hồi đất ruộng tổ 5 không đúng."
        )
        second = make_petition(
            subject="khieu nai thu hoi dat ruong",
            content="thu hoi dat ruong to 5 khong dung",
            senders=[{"name": "NGUYEN VAN AN"}],
        )
        assert possible_duplicates(second) == [first]

    def test_another_sender_or_other_content_is_no_duplicate(self, make_petition):
        make_petition(subject="Khiếu nại thu hồi đất")
        other_sender = make_petition(subject="Khiếu nại thu hồi đất", senders=[{"name": "Lê Thị Khác"}])
        other_content = make_petition(subject="Tiền điện", content="Hóa đơn tiền điện tháng 5 tăng gấp đôi.")
        assert possible_duplicates(other_sender) == [] and possible_duplicates(other_content) == []

    def test_a_merged_petition_is_no_longer_offered(self, make_petition, editor):
        first, second = make_petition(), make_petition()
        third = make_petition()
        transition(editor, second, "merge", on=days(-9), into=first)
        assert possible_duplicates(third) == [first]


@pytest.mark.django_db
class TestScope:
    def test_the_register_is_read_within_the_users_scope(self, make_petition, editor, outsider, commune):
        mine = make_petition()
        assert list(selectors.petitions_visible_to(editor)) == [mine]
        assert list(selectors.petitions_visible_to(outsider)) == []
        assert list(selectors.register_of(editor, commune)) == [mine]
        assert selectors.get_petition_for(editor, mine.pk) == mine
        with pytest.raises(Http404):
            selectors.get_petition_for(outsider, mine.pk)

    def test_the_province_reads_its_communes_registers(self, make_petition, province_admin, units):
        mine = make_petition()
        assert list(selectors.register_of(province_admin, units["cao_bang"])) == [mine]


@pytest.mark.django_db
def test_a_kien_nghi_at_a_party_leaders_reception_is_answered_on_its_clock(editor, commune):
    reception = Reception.objects.create(
        unit=commune,
        unit_path=commune.path,
        province_code=commune.province_code,
        date=days(-4),
        leader_role="bi_thu",
    )
    petition = create_petition(
        editor,
        unit=commune,
        data=petition_data(
            kind=Petition.Kind.KIEN_NGHI, channel=Petition.Channel.RECEPTION, received_on=days(-4)
        ),
        senders=[{"name": "Mông Văn Nói"}],
        reception=reception,
    )
    assert (petition.clock_step, petition.clock_from) == ("tiep_cong_dan_dang.tra_loi", days(-4))
    transition(editor, petition, "answer", on=days(-1), answer="Đã tiếp thu, sẽ sửa đường trong quý.")
    petition.refresh_from_db()
    assert petition.clock_step == "" and petition.due_on is None
