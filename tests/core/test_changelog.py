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
