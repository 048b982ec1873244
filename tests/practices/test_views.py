"""The register's pages: who sees what, the forms and their Vietnamese errors, the lifecycle, files and campaigns."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.accounts.scope import Role
from danvan.practices import services
from danvan.practices.models import Attachment, Campaign, Field, Practice, PracticeYear, Status
from tests import factories
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def register(actor, owner, fields, **extra):
    data = {
        "name": "Tuyến đường hoa tự quản",
        "registration_year": 2026,
        "kind": Practice.Kind.MODEL,
        **extra,
    }
    return services.register_practice(actor, owner=owner, fields=fields, **data)


@pytest.fixture
def approver(units):
    return make_user("ban_tgdv_caobang", units["cao_bang"], Role.APPROVER, full_name="Lý Thị Duyệt")


@pytest.fixture
def practice(units, commune_editor, fields):
    return register(
        commune_editor,
        units["thuc_phan"],
        [fields["kinh-te"]],
        summary="Mỗi hộ trồng và chăm sóc hoa trước cửa.",
        start_date=datetime.date(2026, 1, 15),
        results=[{"indicator": "Đường được hiến đất", "unit_of_measure": "km", "value": "3,5"}],
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def form_data(units, standard, **overrides):
    data = {
        "owner": units["thuc_phan"].pk,
        "kind": "model",
        "name": "Dân vận khéo trong hiến đất làm đường",
        "person_name": "",
        "person_position": "",
        "fields": [standard["kinh-te"].pk, standard["van-hoa-xa-hoi"].pk],
        "registration_year": "2026",
        "summary": "Vận động nhân dân hiến đất mở rộng đường ngõ.",
        "method": "Họp tổ dân phố, cán bộ đi từng nhà.",
        "participants": "Chi hội Phụ nữ, Chi đoàn thanh niên",
        "start_date": "15/01/2026",
        "end_date": "",
        "contact_name": "Hoàng Thị Phường",
        "contact_phone": "0206 385 2020",
        "contact_email": "",
        "results-TOTAL_FORMS": "2",
        "results-INITIAL_FORMS": "0",
        "results-MIN_NUM_FORMS": "0",
        "results-MAX_NUM_FORMS": "50",
        "results-0-indicator": "Đường được hiến đất",
        "results-0-unit_of_measure": "km",
        "results-0-value": "3,5",
        "results-1-indicator": "",
        "results-1-unit_of_measure": "",
        "results-1-value": "",
    }
    data.update(overrides)
    return data


# --- scope -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["practices:practice_list", "practices:create", "practices:campaigns", "practices:fields"]
)
def test_anonymous_user_is_sent_to_login(client, units, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_anonymous_user_cannot_open_a_practice_or_its_files(client, practice, media, commune_editor):
    attachment = services.add_attachment(
        commune_editor, practice, SimpleUploadedFile("anh.png", PNG, content_type="image/png")
    )
    for url in (
        reverse("practices:detail", args=[practice.pk]),
        reverse("practices:attachment", args=[attachment.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("tab", ["info", "results", "progress", "awards", "files", "history"])
def test_owner_editor_opens_every_tab(practice, commune_editor, client_for, tab):
    response = client_for(commune_editor).get(reverse("practices:detail", args=[practice.pk]), {"tab": tab})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tuyến đường hoa tự quản" in page and "Phường Thục Phán" in page


def test_owner_editor_opens_the_register_pages(practice, units, commune_editor, client_for):
    client = client_for(commune_editor)
    for url in (
        reverse("practices:practice_list"),
        reverse("practices:create"),
        reverse("practices:edit", args=[practice.pk]),
        reverse("practices:campaigns"),
        reverse("practices:fields"),
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("method", "name", "data"),
    [
        ("get", "practices:detail", None),
        ("get", "practices:edit", None),
        ("post", "practices:edit", {"name": "Đổi tên"}),
        ("post", "practices:transition", {"action": "implement", "implement-date": "01/02/2026"}),
        ("post", "practices:transition", {"action": "stop", "stop-date": "01/02/2026", "stop-note": "x"}),
        ("post", "practices:reconfirm", {"reconfirm-year": "2027"}),
        ("post", "practices:commendation_add", {"award-stage": "proposed"}),
        ("post", "practices:attachment_add", {}),
    ],
)
def test_another_communes_editor_gets_404(practice, other_commune_editor, client_for, method, name, data):
    client = client_for(other_commune_editor)
    response = getattr(client, method)(reverse(name, args=[practice.pk]), data or {})
    assert response.status_code == 404
    practice.refresh_from_db()
    assert practice.status == Status.REGISTERED and practice.name == "Tuyến đường hoa tự quản"


def test_list_shows_only_practices_in_scope(units, practice, other_commune_editor, client_for, fields):
    theirs = register(
        other_commune_editor, units["nung_tri_cao"], [fields["kinh-te"]], name="Mô hình Nùng Trí Cao"
    )
    page = client_for(other_commune_editor).get(reverse("practices:practice_list")).content.decode()
    assert "Mô hình Nùng Trí Cao" in page and "Tuyến đường hoa tự quản" not in page
    forged = client_for(other_commune_editor).get(
        reverse("practices:practice_list"), {"unit": units["thuc_phan"].pk}
    )
    assert forged.status_code == 200
    assert "Tuyến đường hoa tự quản" not in forged.content.decode()
    assert "unit" in forged.context["filter"].errors
    assert theirs.pk not in [p.pk for p in forged.context["page_obj"].object_list]


def test_province_viewer_sees_but_cannot_edit(units, practice, client_for):
    viewer = make_user("caobang_viewer", units["cao_bang"], Role.VIEWER)
    client = client_for(viewer)
    page = client.get(reverse("practices:detail", args=[practice.pk]), {"tab": "progress"}).content.decode()
    assert "Tuyến đường hoa tự quản" in page and reverse("practices:edit", args=[practice.pk]) not in page
    assert client.get(reverse("practices:edit", args=[practice.pk])).status_code == 403
    response = client.post(
        reverse("practices:transition", args=[practice.pk]),
        {"action": "implement", "implement-date": "01/02/2026"},
    )
    assert response.status_code == 403


# --- list ---------------------------------------------------------------------------------------------------------


def test_list_filters_accent_insensitively_and_by_year_field_kind(units, commune_editor, client_for, fields):
    register(commune_editor, units["thuc_phan"], [fields["kinh-te"]], name="Hiến đất làm đường")
    register(
        commune_editor,
        units["thuc_phan"],
        [fields["quoc-phong-an-ninh"]],
        name="Người tốt việc tốt",
        kind=Practice.Kind.EXEMPLAR,
        person_name="Lò Văn Sáng",
        registration_year=2025,
    )
    client = client_for(commune_editor)

    def names(**params):
        response = client.get(reverse("practices:practice_list"), params)
        assert response.status_code == 200
        return [p.name for p in response.context["page_obj"].object_list]

    assert names(q="hien dat") == ["Hiến đất làm đường"]
    assert names(q="lo van sang") == ["Người tốt việc tốt"]
    assert names(year=2025) == ["Người tốt việc tốt"]
    assert names(field=fields["kinh-te"].pk) == ["Hiến đất làm đường"]
    assert names(kind="exemplar") == ["Người tốt việc tốt"]
    assert sorted(names()) == ["Hiến đất làm đường", "Người tốt việc tốt"]
    assert names(sort="name") == ["Hiến đất làm đường", "Người tốt việc tốt"]
    assert names(sort="-name") == ["Người tốt việc tốt", "Hiến đất làm đường"]


def test_list_defaults_to_the_current_unit_and_offers_export(units, practice, province_admin, client_for):
    response = client_for(province_admin).get(reverse("practices:practice_list"))
    assert response.context["anchor"] == units["cao_bang"]
    page = response.content.decode()
    assert "Tuyến đường hoa tự quản" in page
    assert f"{reverse('practices:export_practices')}?unit={units['cao_bang'].pk}" in page


def test_bad_filter_values_answer_in_vietnamese(units, commune_editor, client_for):
    response = client_for(commune_editor).get(
        reverse("practices:practice_list"), {"unit": "999999999", "year": "abc"}
    )
    assert response.status_code == 200
    assert "Đơn vị không tồn tại." in response.content.decode()


def test_empty_list_says_what_to_do(units, commune_editor, client_for):
    page = client_for(commune_editor).get(reverse("practices:practice_list")).content.decode()
    assert "Chưa có mô hình" in page and reverse("practices:create") in page


def test_list_query_count_is_fixed(
    units, commune_editor, province_admin, client_for, fields, django_assert_max_num_queries
):
    hamlet = factories.hamlet(units["thuc_phan"], "Tổ dân phố 30")
    register(commune_editor, hamlet, [fields["kinh-te"], fields["van-hoa-xa-hoi"]])
    client = client_for(province_admin)
    with django_assert_max_num_queries(30) as few:
        assert client.get(reverse("practices:practice_list")).status_code == 200
    for n in range(40):
        register(
            commune_editor, units["thuc_phan"] if n % 2 else hamlet, [fields["kinh-te"]], name=f"Mô hình {n}"
        )
    with django_assert_max_num_queries(30) as many:
        response = client.get(reverse("practices:practice_list"), {"year": 2026, "sort": "owner"})
        assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 41
    assert len(many.captured_queries) <= len(few.captured_queries) + 1


# --- forms ---------------------------------------------------------------------------------------------------------


def test_register_through_the_form_with_a_results_row(units, commune_editor, client_for, fields):
    response = client_for(commune_editor).post(reverse("practices:create"), form_data(units, fields))
    practice = Practice.objects.get(name="Dân vận khéo trong hiến đất làm đường")
    assert response.status_code == 302 and response["Location"] == reverse(
        "practices:detail", args=[practice.pk]
    )
    assert practice.owner == units["thuc_phan"] and practice.start_date == datetime.date(2026, 1, 15)
    assert sorted(f.code for f in practice.fields.all()) == ["kinh-te", "van-hoa-xa-hoi"]
    assert [(r.indicator, str(r.value), r.unit_of_measure) for r in practice.results.all()] == [
        ("Đường được hiến đất", "3.50", "km")
    ]
    assert PracticeYear.objects.filter(practice=practice, year=2026).exists()
    page = client_for(commune_editor).get(reverse("practices:detail", args=[practice.pk]), {"tab": "results"})
    assert "3,5" in page.content.decode()


@pytest.mark.parametrize("value", ["٣", "1_000", "1e3"])
def test_a_result_value_in_other_digits_or_with_underscores_is_not_a_number(
    units, commune_editor, client_for, fields, value
):
    data = form_data(units, fields, **{"results-0-indicator": "Hộ", "results-0-value": value})
    response = client_for(commune_editor).post(reverse("practices:create"), data)
    assert response.status_code == 200
    assert f"“{value}” không phải là số" in response.context["results"].forms[0].errors["value"][0]


def test_bad_form_shows_vietnamese_errors_next_to_fields(units, commune_editor, client_for, fields):
    data = form_data(
        units,
        fields,
        name="",
        kind="exemplar",
        fields=[],
        registration_year="1990",
        start_date="31/02/2026",
        **{"results-0-value": "mười", "results-1-value": "12"},
    )
    response = client_for(commune_editor).post(reverse("practices:create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Tên mô hình, điển hình không được để trống." in errors["name"]
    assert "Ngày không hợp lệ" in errors["start_date"][0]
    assert "registration_year" in errors
    rows = response.context["results"]
    assert "“mười” không phải là số" in rows.forms[0].errors["value"][0]
    assert "Hãy ghi tên chỉ tiêu." in rows.forms[1].errors["indicator"]
    assert not Practice.objects.filter(kind="exemplar").exists()
    data = form_data(units, fields, kind="exemplar", fields=[], person_name="")
    errors = client_for(commune_editor).post(reverse("practices:create"), data).context["form"].errors
    assert "Điển hình cá nhân cần họ và tên người được nêu gương." in errors["person_name"]
    assert "Chọn ít nhất một lĩnh vực." in errors["fields"]
    # The service's rules come back next to their fields too.
    data = form_data(units, fields, start_date="01/03/2026", end_date="01/02/2026")
    response = client_for(commune_editor).post(reverse("practices:create"), data)
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.context["form"].errors["end_date"]
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    assert not Practice.objects.exists()


def test_result_columns_are_labelled_in_the_order_of_their_inputs_and_errors(
    units, commune_editor, client_for, fields
):
    """A unit of measure typed where the value goes is reported under the column headed *Giá trị*."""
    data = form_data(units, fields, **{"results-0-value": "m²", "results-0-unit_of_measure": ""})
    html = client_for(commune_editor).post(reverse("practices:create"), data).content.decode()
    table = html[html.index('id="results"') :]
    table = table[: table.index("</table>")]
    headers = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', table)
    first_row = table[table.index("<tr>", table.index("<tbody")) :]
    first_row = first_row[: first_row.index("</tr>")]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", first_row, re.S)
    inputs = [re.search(r'name="results-0-(\w+)"', cell).group(1) for cell in cells]
    assert headers == ["Chỉ tiêu", "Giá trị", "Đơn vị tính", "Xóa"]
    assert inputs == ["indicator", "value", "unit_of_measure", "DELETE"]
    assert "“m²” không phải là số" in cells[headers.index("Giá trị")]


def test_form_refuses_an_owner_outside_the_users_units(units, commune_editor, client_for, fields):
    data = form_data(units, fields, owner=units["nung_tri_cao"].pk)
    response = client_for(commune_editor).post(reverse("practices:create"), data)
    assert response.status_code == 200 and "owner" in response.context["form"].errors
    assert not Practice.objects.exists()


def test_edit_keeps_results_and_logs_the_change(practice, units, commune_editor, client_for, fields):
    client = client_for(commune_editor)
    form = client.get(reverse("practices:edit", args=[practice.pk])).context["form"]
    assert form.initial["name"] == "Tuyến đường hoa tự quản"
    data = form_data(
        units,
        fields,
        name="Tuyến đường hoa, cây xanh",
        fields=[fields["kinh-te"].pk],
        **{
            "results-TOTAL_FORMS": "3",
            "results-INITIAL_FORMS": "1",
            "results-0-indicator": "Đường được hiến đất",
            "results-0-unit_of_measure": "km",
            "results-0-value": "3,5",
            "results-1-indicator": "Hộ tham gia",
            "results-1-unit_of_measure": "hộ",
            "results-1-value": "1.759",
            "results-2-indicator": "",
            "results-2-unit_of_measure": "",
            "results-2-value": "",
        },
    )
    response = client.post(reverse("practices:edit", args=[practice.pk]), data)
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.name == "Tuyến đường hoa, cây xanh"
    assert [str(r.value) for r in practice.results.all()] == ["3.50", "1759.00"]
    history = client.get(reverse("practices:detail", args=[practice.pk]), {"tab": "history"}).content.decode()
    assert "Tuyến đường hoa, cây xanh" in history


def test_field_choices_follow_the_owner(units, province_admin, client_for, fields):
    local = services.save_field(province_admin, None, name="Xây dựng nông thôn mới", owner=units["cao_bang"])
    response = client_for(province_admin).get(
        reverse("practices:field_choices"), {"owner": units["thuc_phan"].pk, "fields": [fields["kinh-te"].pk]}
    )
    page = response.content.decode()
    assert "Xây dựng nông thôn mới" in page and f'value="{local.pk}"' in page
    assert f'value="{fields["kinh-te"].pk}" id="id_fields_0" checked' in page or "checked" in page


# --- lifecycle ------------------------------------------------------------------------------------------------------


def test_editor_starts_implementing_then_province_approver_recognises(
    practice, units, commune_editor, approver, client_for
):
    client = client_for(commune_editor)
    progress = client.get(reverse("practices:detail", args=[practice.pk]), {"tab": "progress"})
    assert "implement" in progress.context["steps"] and "recognise" not in progress.context["steps"]
    response = client.post(
        reverse("practices:transition", args=[practice.pk]),
        {"action": "implement", "implement-date": "01/02/2026"},
    )
    assert response.status_code == 302
    denied = client.post(
        reverse("practices:transition", args=[practice.pk]),
        {
            "action": "recognise",
            "recognise-date": "01/06/2026",
            "recognise-decision": "125-QĐ/BTGDVTU",
            "recognise-recognised_by": units["ban_tgdv_cao_bang"].pk,
        },
    )
    assert denied.status_code in (200, 403)
    practice.refresh_from_db()
    assert practice.status == Status.IMPLEMENTING

    approver_client = client_for(approver)
    page = approver_client.get(reverse("practices:detail", args=[practice.pk]), {"tab": "progress"})
    recognise_form = page.context["steps"]["recognise"]
    assert recognise_form.initial["recognised_by"] == units["ban_tgdv_cao_bang"].pk
    bad = approver_client.post(
        reverse("practices:transition", args=[practice.pk]),
        {
            "action": "recognise",
            "recognise-date": "01/06/2026",
            "recognise-decision": "",
            "recognise-recognised_by": "",
        },
    )
    assert bad.status_code == 200
    assert "Hãy nhập số quyết định công nhận." in bad.content.decode()
    early = approver_client.post(
        reverse("practices:transition", args=[practice.pk]),
        {
            "action": "recognise",
            "recognise-date": "15/01/2026",
            "recognise-decision": "125-QĐ/BTGDVTU",
            "recognise-recognised_by": units["ban_tgdv_cao_bang"].pk,
        },
    )
    assert "01/02/2026" in early.context["steps"]["recognise"].errors["date"][0]
    response = approver_client.post(
        reverse("practices:transition", args=[practice.pk]),
        {
            "action": "recognise",
            "recognise-date": "01/06/2026",
            "recognise-decision": "125-QĐ/BTGDVTU",
            "recognise-recognised_by": units["ban_tgdv_cao_bang"].pk,
        },
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.RECOGNISED and practice.recognised_by == units["ban_tgdv_cao_bang"]
    page = client.get(reverse("practices:detail", args=[practice.pk]), {"tab": "progress"}).content.decode()
    assert "125-QĐ/BTGDVTU" in page and "01/06/2026" in page and "Lý Thị Duyệt" in page


def test_recognising_unit_must_be_above_the_owner(practice, units, approver, client_for):
    response = client_for(approver).post(
        reverse("practices:transition", args=[practice.pk]),
        {
            "action": "recognise",
            "recognise-date": "01/06/2026",
            "recognise-decision": "1/QĐ",
            "recognise-recognised_by": units["nung_tri_cao"].pk,
        },
    )
    assert response.status_code == 200
    assert "recognised_by" in response.context["steps"]["recognise"].errors
    practice.refresh_from_db()
    assert practice.status == Status.REGISTERED


def test_stop_needs_a_reason(practice, commune_editor, client_for):
    client = client_for(commune_editor)
    response = client.post(
        reverse("practices:transition", args=[practice.pk]), {"action": "stop", "stop-date": "01/03/2026"}
    )
    assert response.status_code == 200 and "Hãy ghi lý do." in response.content.decode()
    response = client.post(
        reverse("practices:transition", args=[practice.pk]),
        {"action": "stop", "stop-date": "01/03/2026", "stop-note": "Hết kinh phí"},
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.STOPPED and practice.status_reason == "Hết kinh phí"


def test_replicate_through_the_page_links_both_ways(practice, units, approver, client_for):
    services.transition(
        approver,
        practice,
        "recognise",
        date=datetime.date(2026, 6, 1),
        decision="125-QĐ/BTGDVTU",
        recognised_by=units["ban_tgdv_cao_bang"],
    )
    client = client_for(approver)
    response = client.post(
        reverse("practices:replicate", args=[practice.pk]),
        {
            "replicate-owner": units["nung_tri_cao"].pk,
            "replicate-registration_year": "2026",
            "replicate-name": "",
        },
    )
    replica = Practice.objects.get(replicated_from=practice)
    assert response.status_code == 302 and response["Location"] == reverse(
        "practices:detail", args=[replica.pk]
    )
    assert replica.owner == units["nung_tri_cao"] and replica.name == practice.name
    practice.refresh_from_db()
    assert practice.status == Status.REPLICATED
    original_page = client.get(
        reverse("practices:detail", args=[practice.pk]), {"tab": "progress"}
    ).content.decode()
    assert reverse("practices:detail", args=[replica.pk]) in original_page
    replica_page = client.get(reverse("practices:detail", args=[replica.pk])).content.decode()
    assert reverse("practices:detail", args=[practice.pk]) in replica_page


def test_replicating_to_the_same_unit_is_refused(practice, units, approver, client_for):
    services.transition(
        approver,
        practice,
        "recognise",
        date=datetime.date(2026, 6, 1),
        decision="1",
        recognised_by=units["cao_bang"],
    )
    response = client_for(approver).post(
        reverse("practices:replicate", args=[practice.pk]),
        {"replicate-owner": units["thuc_phan"].pk, "replicate-registration_year": "2026"},
    )
    assert response.status_code == 200 and "owner" in response.context["steps"]["replicate"].errors
    assert not Practice.objects.filter(replicated_from=practice).exists()


def test_reconfirm_for_a_new_year(units, commune_editor, client_for, fields):
    practice = register(commune_editor, units["thuc_phan"], [fields["kinh-te"]], registration_year=2025)
    client = client_for(commune_editor)
    page = client.get(reverse("practices:detail", args=[practice.pk]), {"tab": "progress"})
    assert page.context["steps"]["reconfirm"].initial["year"] == 2026
    response = client.post(reverse("practices:reconfirm", args=[practice.pk]), {"reconfirm-year": "2026"})
    assert response.status_code == 302
    assert sorted(practice.years.values_list("year", flat=True)) == [2025, 2026]
    again = client.post(reverse("practices:reconfirm", args=[practice.pk]), {"reconfirm-year": "2026"})
    assert again.status_code == 200 and "Mô hình đã được tính trong năm 2026." in again.content.decode()


def test_transition_rejects_get_and_unknown_steps(practice, commune_editor, client_for):
    client = client_for(commune_editor)
    assert client.get(reverse("practices:transition", args=[practice.pk])).status_code == 405
    response = client.post(
        reverse("practices:transition", args=[practice.pk]), {"action": "fly"}, follow=True
    )
    assert response.status_code == 200 and "Bước không hợp lệ." in response.content.decode()


# --- commendations and attachments --------------------------------------------------------------------------------------


def test_commendation_proposal_then_award(practice, commune_editor, client_for):
    client = client_for(commune_editor)
    url = reverse("practices:commendation_add", args=[practice.pk])
    response = client.post(
        url,
        {
            "award-stage": "awarded",
            "award-form": "bang_khen",
            "award-awarding_body": "UBND tỉnh Cao Bằng",
            "award-decision": "",
            "award-date": "01/09/2026",
        },
    )
    assert response.status_code == 200
    assert "Khen thưởng đã quyết định cần số quyết định." in response.content.decode()
    response = client.post(
        url,
        {
            "award-stage": "proposed",
            "award-form": "giay_khen",
            "award-awarding_body": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
            "award-date": "01/07/2026",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("practices:detail", args=[practice.pk]), {"tab": "awards"}).content.decode()
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy" in page and "01/07/2026" in page


def test_attachment_upload_download_and_scope(
    practice, commune_editor, other_commune_editor, client_for, media
):
    client = client_for(commune_editor)
    upload = SimpleUploadedFile("ảnh hoạt động.png", PNG, content_type="image/png")
    response = client.post(reverse("practices:attachment_add", args=[practice.pk]), {"file-file": upload})
    assert response.status_code == 302
    attachment = Attachment.objects.get(practice=practice)
    response = client.get(reverse("practices:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert "attachment" in response["Content-Disposition"] and response["Content-Type"] == "image/png"
    assert client.get(reverse("practices:attachment", args=[attachment.pk]), {"xem": "1"})[
        "Content-Disposition"
    ].startswith("inline")
    other = client_for(other_commune_editor)
    assert other.get(reverse("practices:attachment", args=[attachment.pk])).status_code == 404
    assert other.post(reverse("practices:attachment_delete", args=[attachment.pk])).status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    response = client.post(reverse("practices:attachment_delete", args=[attachment.pk]))
    assert response.status_code == 302 and not Attachment.objects.filter(pk=attachment.pk).exists()


def test_attachment_of_a_wrong_type_is_refused_in_vietnamese(practice, commune_editor, client_for, media):
    client = client_for(commune_editor)
    fake = SimpleUploadedFile("anh.png", b"MZ\x90\x00 not a png", content_type="image/png")
    response = client.post(reverse("practices:attachment_add", args=[practice.pk]), {"file-file": fake})
    assert response.status_code == 200 and "không khớp với đuôi .png" in response.content.decode()
    exe = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(reverse("practices:attachment_add", args=[practice.pk]), {"file-file": exe})
    assert "Chỉ nhận ảnh JPG, PNG, tệp PDF hoặc DOCX." in response.content.decode()
    response = client.post(reverse("practices:attachment_add", args=[practice.pk]), {})
    assert "Hãy chọn tệp." in response.content.decode()
    assert not Attachment.objects.exists()


def test_missing_file_on_disk_is_a_404_not_a_500(practice, commune_editor, client_for, media):
    attachment = services.add_attachment(
        commune_editor,
        practice,
        SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.7\n", content_type="application/pdf"),
    )
    (media / attachment.file.name).unlink()
    assert (
        client_for(commune_editor).get(reverse("practices:attachment", args=[attachment.pk])).status_code
        == 404
    )


# --- campaigns and fields ---------------------------------------------------------------------------------------------


def test_campaign_completion_page_lists_the_missing_units(
    units, approver, commune_editor, client_for, fields
):
    hamlets = [factories.hamlet(units["thuc_phan"], f"Tổ dân phố {n}0") for n in (1, 2)]
    register(commune_editor, hamlets[0], [fields["kinh-te"]])
    client = client_for(make_user("thucphan_approver", units["thuc_phan"], Role.APPROVER))
    response = client.post(
        f"{reverse('practices:campaign_create')}?unit={units['thuc_phan'].pk}",
        {"year": "2026", "title": "", "deadline": "31/03/2026", "expected_kinds": ["hamlet"]},
    )
    campaign = Campaign.objects.get(unit=units["thuc_phan"], year=2026)
    assert response.status_code == 302
    response = client.get(reverse("practices:campaign_detail", args=[campaign.pk]))
    assert response.status_code == 200
    completion = response.context["completion"]
    assert (
        completion["registered"] == 1
        and completion["expected"] == units["thuc_phan"].children.filter(kind="hamlet").count()
    )
    page = response.content.decode()
    missing = [unit.name for unit, _editable in response.context["missing_rows"]]
    assert "Tổ dân phố 20" in missing and "Tổ dân phố 10" not in missing
    assert "dv-w-" in page and 'style="' not in page
    assert "Đã hết hạn" in page
    # The province sees the commune's campaign; the neighbour commune does not.
    assert (
        client_for(approver).get(reverse("practices:campaign_detail", args=[campaign.pk])).status_code == 200
    )
    assert (
        client_for(make_user("ntc", units["nung_tri_cao"], Role.APPROVER))
        .get(reverse("practices:campaign_detail", args=[campaign.pk]))
        .status_code
        == 404
    )


def test_campaign_form_errors_and_permissions(units, approver, commune_editor, client_for):
    url = f"{reverse('practices:campaign_create')}?unit={units['cao_bang'].pk}"
    assert client_for(commune_editor).get(url).status_code == 404
    editor_url = f"{reverse('practices:campaign_create')}?unit={units['thuc_phan'].pk}"
    assert client_for(commune_editor).get(editor_url).status_code == 403
    client = client_for(approver)
    response = client.post(url, {"year": "năm nay"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Năm phải là một số, ví dụ 2026." in errors["year"]
    response = client.post(url, {"year": "2026"})
    assert "Chọn loại đơn vị hoặc khối phải đăng ký." in response.context["form"].errors["expected_kinds"]
    group = units["cao_bang"].defined_groups.get(name="Khối xã, phường")
    response = client.post(url, {"year": "2026", "expected_groups": [group.pk]})
    assert response.status_code == 302
    response = client.post(url, {"year": "2026", "expected_kinds": ["commune"]})
    assert "đã mở đợt đăng ký năm 2026" in response.context["form"].errors["year"][0]
    listing = client.get(reverse("practices:campaigns")).content.decode()
    assert "Đăng ký mô hình “Dân vận khéo” năm 2026" in listing


def test_local_field_added_by_a_unit_admin(units, province_admin, commune_editor, client_for):
    url = f"{reverse('practices:fields')}?unit={units['cao_bang'].pk}"
    client = client_for(province_admin)
    page = client.get(url).content.decode()
    assert "Kinh tế" in page or Field.objects.filter(owner__isnull=True).first().name in page
    response = client.post(url, {"name": "Xây dựng nông thôn mới", "position": "110"})
    assert response.status_code == 302
    assert Field.objects.filter(owner=units["cao_bang"], name="Xây dựng nông thôn mới").exists()
    response = client.post(url, {"name": "Xây dựng nông thôn mới", "position": "110"})
    assert "đã có lĩnh vực này" in response.context["form"].errors["name"][0]
    commune_page = client_for(commune_editor).get(reverse("practices:fields")).content.decode()
    assert "Xây dựng nông thôn mới" in commune_page
    own = f"{reverse('practices:fields')}?unit={units['thuc_phan'].pk}"
    assert client_for(commune_editor).post(own, {"name": "Riêng", "position": "1"}).status_code == 403


def test_sidebar_links_to_the_register(units, commune_editor, client_for):
    page = client_for(commune_editor).get(reverse("home:dashboard")).content.decode()
    assert f'href="{reverse("practices:practice_list")}"' in page


def test_superuser_without_a_unit_gets_working_pages(units, superuser, practice, client_for):
    client = client_for(superuser)
    response = client.get(reverse("practices:practice_list"))
    assert response.status_code == 200 and "Tuyến đường hoa tự quản" in response.content.decode()
    form = client.get(reverse("practices:create")).context["form"]
    assert units["cao_bang"].pk in [value for value, _label in form.fields["owner"].choices]
    with_owner = client.get(reverse("practices:create"), {"unit": units["thuc_phan"].pk}).context["form"]
    assert with_owner.initial["owner"] == units["thuc_phan"].pk
    old_link = client.get(reverse("practices:create"), {"owner": units["thuc_phan"].pk}).context["form"]
    assert old_link.initial["owner"] == units["thuc_phan"].pk
    assert client.get(reverse("practices:campaigns")).status_code == 200
    assert client.get(reverse("practices:fields")).status_code == 200
    response = client.get(reverse("practices:campaign_create"))
    assert response.status_code == 302 and response["Location"] == reverse("practices:campaigns")


def test_odd_query_strings_never_break_the_pages(practice, commune_editor, client_for):
    client = client_for(commune_editor)
    for params in (
        {"sort": "'; drop table", "page": "abc"},
        {"page": "999"},
        {"unit": "abc", "year": "2026.5", "field": "x", "group": "-1", "kind": "robot"},
        {"q": "\x00"},
    ):
        assert client.get(reverse("practices:practice_list"), params).status_code == 200, params
    assert client.get(reverse("practices:detail", args=[practice.pk]), {"tab": "nope"}).status_code == 200
    assert client.get(reverse("practices:create"), {"owner": "abc"}).status_code == 200
    assert client.get(reverse("practices:create"), {"unit": "abc"}).status_code == 200
    assert client.get(reverse("practices:field_choices"), {"owner": "x", "fields": ["a"]}).status_code == 200


def test_english_ui_keeps_vietnamese_dates_and_numbers(practice, commune_editor, client_for):
    client = client_for(commune_editor)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    info = client.get(reverse("practices:detail", args=[practice.pk])).content.decode()
    assert "15/01/2026" in info
    edit = client.get(reverse("practices:edit", args=[practice.pk]))
    assert edit.context["results"].forms[0].initial["value"] == "3,5"
    assert "checked" in edit.content.decode()
