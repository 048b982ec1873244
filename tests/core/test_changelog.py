import pytest
from django.urls import reverse

from danvan.core.models import ChangeLog
from danvan.orgunits import services
from danvan.orgunits.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_every_write_records_who_when_request_and_values(units, commune_editor, client_for):
    client = client_for(commune_editor)
    response = client.post(
        reverse("orgunits:create") + f"?unit={units['thuc_phan'].pk}",
        {
            "kind": "hamlet",
            "name": "Tổ dân phố Sông Hiến",
            "division_type": "to_dan_pho",
            "parent": units["thuc_phan"].pk,
            "valid_from": "01/07/2025",
        },
        HTTP_X_REQUEST_ID="req-test-1",
    )
    assert response.status_code == 302
    hamlet = OrgUnit.objects.get(name="Tổ dân phố Sông Hiến")
    entry = ChangeLog.objects.get(object_id=str(hamlet.pk), action="create")
    assert entry.user == commune_editor
    # The request id is ours, the one answered in X-Request-ID; the client's own id is never stored as ours.
    assert entry.request_id == response["X-Request-ID"] != "req-test-1"
    assert entry.before is None and entry.after["name"] == "Tổ dân phố Sông Hiến"
    services.update_unit(commune_editor, hamlet, name="Tổ dân phố Sông Hiến 2")
    update = ChangeLog.objects.filter(object_id=str(hamlet.pk), action="update").get()
    assert update.changed_fields() == [("name", "Tổ dân phố Sông Hiến", "Tổ dân phố Sông Hiến 2")]


def test_change_log_page_is_scoped_and_filterable(units, commune_editor, other_commune_editor, client_for):
    mine = services.create_unit(
        commune_editor,
        name="Tổ dân phố Mới",
        kind="hamlet",
        division_type="to_dan_pho",
        parent=units["thuc_phan"],
    )
    theirs = services.create_unit(
        other_commune_editor,
        name="Tổ dân phố Khác",
        kind="hamlet",
        division_type="to_dan_pho",
        parent=units["nung_tri_cao"],
    )
    page = client_for(commune_editor).get(reverse("core:changelog"))
    assert mine.name in page.content.decode()
    assert theirs.name not in page.content.decode()
    filtered = client_for(commune_editor).get(reverse("core:changelog"), {"object": "không có"})
    assert mine.name not in filtered.content.decode()
    bad = client_for(commune_editor).get(reverse("core:changelog"), {"since": "31/02/2026"})
    assert bad.status_code == 200 and "Ngày không hợp lệ" in bad.content.decode()


def test_change_log_page_query_count_is_fixed(
    units, commune_editor, client_for, django_assert_max_num_queries
):
    for n in range(30):
        services.create_unit(
            commune_editor,
            name=f"Tổ {n}",
            kind="hamlet",
            division_type="to_dan_pho",
            parent=units["thuc_phan"],
        )
    client = client_for(commune_editor)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("core:changelog")).status_code == 200
