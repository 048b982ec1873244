"""Registering, following, recognising and replicating "Dân vận khéo" models, as the rules say."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.accounts.scope import Role
from danvan.core.models import ChangeLog
from danvan.practices import selectors, services
from danvan.practices.models import Level, Practice, PracticeYear, PracticeYearField, Status
from tests import factories
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def register(actor, owner, fields, **extra):
    data = {"name": "Tuyến đường hoa", "registration_year": 2026, "kind": Practice.Kind.MODEL, **extra}
    return services.register_practice(actor, owner=owner, fields=fields, **data)


@pytest.fixture
def approver(units):
    return make_user("ban_tgdv", units["cao_bang"], Role.APPROVER)


def test_commune_editor_registers_a_model_counted_in_its_year(units, commune_editor, fields):
    practice = register(
        commune_editor,
        units["thuc_phan"],
        [fields["kinh-te"], fields["van-hoa-xa-hoi"]],
        results=[
            {"indicator": "Hộ thoát nghèo", "unit_of_measure": "hộ", "value": "12"},
            {"indicator": "Đường được hiến đất", "unit_of_measure": "km", "value": "3,5"},
        ],
    )
    assert practice.level == Level.COMMUNE and practice.status == Status.REGISTERED
    assert [str(r) for r in practice.results.all()] == [
        "Hộ thoát nghèo: 12.00 hộ",
        "Đường được hiến đất: 3.50 km",
    ]
    year = PracticeYear.objects.get(practice=practice)
    assert (year.year, year.owner_path, year.level) == (2026, units["thuc_phan"].path, Level.COMMUNE)
    assert PracticeYearField.objects.filter(practice_year=year).count() == 2
    assert ChangeLog.objects.filter(object_id=str(practice.pk), content_type__model="practice").exists()


def test_levels_follow_the_owner(units, commune_editor, province_admin, fields):
    hamlet = factories.hamlet(units["thuc_phan"], "Tổ dân phố 3")
    agency = factories.agency(units["thuc_phan"], "Hội Phụ nữ phường")
    assert register(commune_editor, hamlet, [fields["kinh-te"]]).level == Level.HAMLET
    assert register(commune_editor, agency, [fields["kinh-te"]]).level == Level.COMMUNE
    assert register(province_admin, units["ban_tgdv_cao_bang"], [fields["kinh-te"]]).level == Level.PROVINCE


def test_commune_editor_cannot_touch_another_communes_models(
    units, commune_editor, other_commune_editor, fields
):
    theirs = register(other_commune_editor, units["nung_tri_cao"], [fields["kinh-te"]])
    with pytest.raises(PermissionDenied):
        register(commune_editor, units["nung_tri_cao"], [fields["kinh-te"]])
    with pytest.raises(PermissionDenied):
        services.update_practice(commune_editor, theirs, name="Đổi tên")
    with pytest.raises(PermissionDenied):
        services.transition(commune_editor, theirs, "implement")
    assert not selectors.practices_visible_to(commune_editor).filter(pk=theirs.pk).exists()


def test_bad_input_names_each_field(units, commune_editor):
    with pytest.raises(ValidationError) as excinfo:
        register(
            commune_editor,
            units["thuc_phan"],
            [],
            name="",
            kind=Practice.Kind.EXEMPLAR,
            registration_year=1990,
            results=[{"indicator": "Hộ", "value": "mười"}],
        )
    errors = excinfo.value.message_dict
    assert set(errors) >= {"name", "person_name", "registration_year", "fields", "results"}
    assert "mười" in errors["results"][0]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e30", "Kết quả dòng 1: giá trị “1e30” không phải là số."),
        ("NaN", "Kết quả dòng 1: giá trị “NaN” không phải là số."),
        ("1_000", "Kết quả dòng 1: giá trị “1_000” không phải là số."),
        ("1.000.000.000.000", "Kết quả dòng 1: giá trị quá lớn."),
    ],
)
def test_a_result_value_that_is_not_a_storable_number_is_refused(
    units, commune_editor, fields, value, message
):
    with pytest.raises(ValidationError) as excinfo:
        register(
            commune_editor,
            units["thuc_phan"],
            [fields["kinh-te"]],
            results=[{"indicator": "Hộ", "value": value}],
        )
    assert excinfo.value.message_dict["results"] == [message]


def test_a_result_value_is_read_the_vietnamese_way(units, commune_editor, fields):
    results = [{"indicator": "Hộ", "value": "1.234,5"}]
    practice = register(commune_editor, units["thuc_phan"], [fields["kinh-te"]], results=results)
    assert [str(r.value) for r in practice.results.all()] == ["1234.50"]


def test_owner_must_exist_in_the_registration_year(units, province_admin, fields):
    with pytest.raises(ValidationError) as excinfo:
        register(province_admin, units["tp_cao_bang"], [fields["kinh-te"]], registration_year=2026)
    assert "không hoạt động trong năm 2026" in excinfo.value.message_dict["owner"][0]


def test_lifecycle_implement_recognise_replicate(units, commune_editor, approver, fields):
    practice = register(
        commune_editor, units["thuc_phan"], [fields["kinh-te"]], start_date=datetime.date(2026, 1, 15)
    )
    with pytest.raises(ValidationError) as excinfo:
        services.transition(commune_editor, practice, "implement", date=datetime.date(2026, 1, 1))
    assert "15/01/2026" in excinfo.value.message_dict["date"][0]
    services.transition(commune_editor, practice, "implement", date=datetime.date(2026, 2, 1))
    with pytest.raises(PermissionDenied):
        services.transition(
            commune_editor, practice, "recognise", decision="12/QĐ", recognised_by=units["cao_bang"]
        )
    with pytest.raises(ValidationError) as excinfo:
        services.transition(approver, practice, "recognise", recognised_by=units["cao_bang"])
    assert "decision" in excinfo.value.message_dict
    recognised = services.transition(
        approver,
        practice,
        "recognise",
        date=datetime.date(2026, 6, 1),
        decision="125-QĐ/BTGDVTU",
        recognised_by=units["ban_tgdv_cao_bang"],
    )
    assert recognised.status == Status.RECOGNISED and recognised.recognition_level == Level.PROVINCE
    assert PracticeYear.objects.get(practice=practice).status == Status.RECOGNISED
    replica = services.replicate(approver, practice, owner=units["nung_tri_cao"], registration_year=2026)
    practice.refresh_from_db()
    assert practice.status == Status.REPLICATED
    assert replica.replicated_from == practice and list(practice.replicas.all()) == [replica]
    assert [e.action for e in practice.events.all()] == ["register", "implement", "recognise", "replicate"]


def test_steps_out_of_order_are_refused_in_vietnamese(units, commune_editor, approver, fields):
    practice = register(commune_editor, units["thuc_phan"], [fields["kinh-te"]])
    with pytest.raises(ValidationError) as excinfo:
        services.replicate(approver, practice, owner=units["nung_tri_cao"], registration_year=2026)
    assert "đã được công nhận" in excinfo.value.message_dict["action"][0]
    with pytest.raises(ValidationError) as excinfo:
        services.transition(commune_editor, practice, "stop")
    assert "lý do" in excinfo.value.message_dict["note"][0]
    services.transition(approver, practice, "not_recognise", note="Chưa có kết quả đo được")
    with pytest.raises(ValidationError):
        services.transition(commune_editor, practice, "implement")


def test_a_continuing_model_is_reconfirmed_not_retyped(units, commune_editor, fields):
    practice = register(commune_editor, units["thuc_phan"], [fields["kinh-te"]], registration_year=2025)
    services.reconfirm(commune_editor, practice, 2026)
    assert sorted(practice.years.values_list("year", flat=True)) == [2025, 2026]
    with pytest.raises(ValidationError):
        services.reconfirm(commune_editor, practice, 2026)
    assert Practice.objects.filter(name="Tuyến đường hoa").count() == 1


def test_commendations_proposed_then_awarded(units, commune_editor, approver, fields):
    practice = register(commune_editor, units["thuc_phan"], [fields["kinh-te"]])
    services.add_commendation(
        commune_editor,
        practice,
        stage="proposed",
        form="giay_khen",
        awarding_body="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        date=datetime.date(2026, 7, 1),
    )
    with pytest.raises(ValidationError) as excinfo:
        services.add_commendation(
            approver,
            practice,
            stage="awarded",
            form="bang_khen",
            awarding_body="UBND tỉnh Cao Bằng",
            date=datetime.date(2026, 9, 1),
        )
    assert "decision" in excinfo.value.message_dict
    services.add_commendation(
        approver,
        practice,
        stage="awarded",
        form="bang_khen",
        awarding_body="UBND tỉnh Cao Bằng",
        decision="1234/QĐ-UBND",
        date=datetime.date(2026, 9, 1),
    )
    assert practice.commendations.count() == 2


def test_attachments_are_checked_by_content(units, commune_editor, fields, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    practice = register(commune_editor, units["thuc_phan"], [fields["kinh-te"]])
    pdf = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    attachment = services.add_attachment(commune_editor, practice, pdf)
    assert attachment.size == len(b"%PDF-1.7\n...") and (tmp_path / attachment.file.name).exists()
    fake = SimpleUploadedFile("anh.png", b"MZ\x90\x00 not a png", content_type="image/png")
    with pytest.raises(ValidationError) as excinfo:
        services.add_attachment(commune_editor, practice, fake)
    assert "không khớp" in excinfo.value.message_dict["file"][0]
    exe = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError):
        services.add_attachment(commune_editor, practice, exe)


def test_stats_by_level_and_field_match_the_list(units, commune_editor, province_admin, fields):
    hamlet = factories.hamlet(units["thuc_phan"], "Tổ dân phố 4")
    register(commune_editor, units["thuc_phan"], [fields["kinh-te"], fields["van-hoa-xa-hoi"]])
    register(commune_editor, hamlet, [fields["kinh-te"]])
    register(
        commune_editor,
        hamlet,
        [fields["quoc-phong-an-ninh"]],
        kind=Practice.Kind.EXEMPLAR,
        person_name="Lò Văn A",
    )
    result = selectors.stats(units["cao_bang"], 2026, ["level", "field"])
    assert result["total"] == 3
    counts = {(r["level"], r["field"]): r["count"] for r in result["rows"]}
    assert counts == {
        ("commune", "kinh-te"): 1,
        ("commune", "van-hoa-xa-hoi"): 1,
        ("hamlet", "kinh-te"): 1,
        ("hamlet", "quoc-phong-an-ninh"): 1,
    }
    by_kind = selectors.stats(units["thuc_phan"], 2026, ["kind"])
    assert {r["kind"]: r["count"] for r in by_kind["rows"]} == {"exemplar": 1, "model": 2}


def test_stats_of_a_new_province_include_its_predecessors_history(units, fields, superuser):
    from danvan.orgunits.models import OrgUnit

    cau_ke = units["cau_ke"]
    register(superuser, cau_ke, [fields["kinh-te"]], registration_year=2024)
    new_vinh_long = OrgUnit.objects.get(external_id="vn2025:province:86")
    assert selectors.stats(new_vinh_long, 2024, [])["total"] == 1
    assert selectors.stats(new_vinh_long, 2026, [])["total"] == 0


def test_an_agency_under_the_owner_itself_cannot_recognise(units, commune_editor, approver, fields):
    practice = register(commune_editor, units["thuc_phan"], [fields["kinh-te"]])
    own_agency = factories.agency(units["thuc_phan"], "Hội Phụ nữ phường")
    with pytest.raises(ValidationError) as excinfo:
        services.transition(approver, practice, "recognise", decision="1/QĐ", recognised_by=own_agency)
    assert "cấp trên" in excinfo.value.message_dict["recognised_by"][0]


def test_replicating_an_exemplar_keeps_the_person(units, commune_editor, approver, fields):
    exemplar = register(
        commune_editor,
        units["thuc_phan"],
        [fields["kinh-te"]],
        kind=Practice.Kind.EXEMPLAR,
        person_name="Nông Thị Mai",
        person_position="Tổ trưởng tổ dân phố",
    )
    services.transition(approver, exemplar, "recognise", decision="7/QĐ", recognised_by=units["cao_bang"])
    replica = services.replicate(approver, exemplar, owner=units["nung_tri_cao"], registration_year=2026)
    assert replica.person_name == "Nông Thị Mai"


def test_contact_email_is_checked(units, commune_editor, fields):
    with pytest.raises(ValidationError) as excinfo:
        register(commune_editor, units["thuc_phan"], [fields["kinh-te"]], contact_email="khong-phai-email")
    assert "contact_email" in excinfo.value.message_dict


def test_list_filter_by_year_and_status_uses_the_status_of_that_year(units, commune_editor, approver, fields):
    from danvan.practices.filters import PracticeFilter

    practice = register(commune_editor, units["thuc_phan"], [fields["kinh-te"]], registration_year=2025)
    services.reconfirm(commune_editor, practice, 2026)
    services.transition(approver, practice, "recognise", decision="9/QĐ", recognised_by=units["cao_bang"])

    def listed(**params):
        return list(PracticeFilter(params, queryset=Practice.objects.all()).qs)

    assert listed(year=2026, status="recognised") == [practice]
    assert listed(year=2025, status="recognised") == []
    assert listed(year=2025, status="registered") == [practice]
