"""A denunciation's denouncers are shown only to a keeper of the handling unit itself, after a reason, every reveal
logged (who, when, why, request id, how); the scans likewise, each download a reveal of its own."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.accounts.scope import Role
from danvan.citizens.models import IdentityKeeper, IdentityReveal
from danvan.citizens.services.identity import add_scan, can_reveal, reveal_identities
from danvan.core.errors import NotAllowed
from danvan.notifications.models import Notification
from tests import factories

from .identity_fixtures import *  # noqa: F403 — the fixtures
from .identity_fixtures import NAME, PHONE, leaks

pytestmark = pytest.mark.django_db
PNG = factories.PNG


def page(petition):
    return reverse("citizens:identity", args=[petition.pk])


def test_a_keeper_sees_the_denouncer_after_stating_a_reason_and_the_reveal_is_logged(
    denunciation, keeper, client_for
):
    client = client_for(keeper)
    before = client.get(page(denunciation))
    assert before.status_code == 200 and not leaks(before.content.decode())
    response = client.post(page(denunciation), {"reason": "Xác minh nội dung tố cáo"})
    assert response.status_code == 200
    assert NAME in response.content.decode() and PHONE in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    reveal = IdentityReveal.objects.get()
    assert (reveal.user, reveal.reason, reveal.via) == (keeper, "Xác minh nội dung tố cáo", "page")
    assert reveal.request_id == response["X-Request-ID"]


def test_a_reveal_without_a_reason_is_refused_and_logs_nothing(denunciation, keeper, client_for):
    response = client_for(keeper).post(page(denunciation), {"reason": "   "})
    assert response.status_code == 200 and NAME not in response.content.decode()
    assert IdentityReveal.objects.count() == 0
    with pytest.raises(ValidationError):
        reveal_identities(keeper, denunciation, reason="\x00")
    assert IdentityReveal.objects.count() == 0


@pytest.mark.parametrize("who", ["province_admin", "commune_approver", "commune_editor", "superuser"])
def test_only_a_keeper_of_the_handling_unit_itself_may_reveal(who, denunciation, client_for, request):
    user = request.getfixturevalue(who)
    assert not can_reveal(user, denunciation)
    for response in (
        client_for(user).get(page(denunciation)),
        client_for(user).post(page(denunciation), {"reason": "Tò mò"}),
    ):
        assert response.status_code == 403 and not leaks(response.content.decode())
    with pytest.raises(NotAllowed):
        reveal_identities(user, denunciation, reason="Tò mò")
    assert IdentityReveal.objects.count() == 0


def test_a_keeper_of_the_parent_unit_is_not_a_keeper_of_the_commune(denunciation, units, client_for):
    province_keeper = factories.user("tinh_giu", units["cao_bang"], Role.ADMIN)
    IdentityKeeper.objects.create(user=province_keeper, unit=units["cao_bang"])
    assert client_for(province_keeper).post(page(denunciation), {"reason": "Kiểm tra"}).status_code == 403
    assert IdentityReveal.objects.count() == 0


def test_outside_the_scope_the_page_does_not_exist(denunciation, other_commune_editor, client_for):
    assert client_for(other_commune_editor).get(page(denunciation)).status_code == 404


def test_a_scan_is_uploaded_and_downloaded_only_by_a_keeper_each_download_logged(
    denunciation, keeper, commune_editor, client_for, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(keeper)
    upload = SimpleUploadedFile("don_Luong_Thi_Bi_Mat.png", PNG, content_type="image/png")
    assert (
        client.post(
            reverse("citizens:identity_scan_upload", args=[denunciation.pk]), {"file": upload}
        ).status_code
        == 302
    )
    scan = denunciation.sealed_scans.get()
    assert "Luong" not in scan.file.name  # stored under a random name
    url = reverse("citizens:identity_scan_download", args=[denunciation.pk, scan.pk])
    assert client_for(commune_editor).post(url, {"reason": "Xem"}).status_code == 403
    assert client.post(url, {"reason": ""}).status_code == 302  # no reason: back to the page, nothing sent
    assert IdentityReveal.objects.count() == 0
    response = client.post(url, {"reason": "Giám định chữ viết"})
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert "no-store" in response["Cache-Control"]
    reveal = IdentityReveal.objects.get()
    assert (reveal.via, reveal.scan, reveal.reason) == ("download", scan, "Giám định chữ viết")
    with pytest.raises(NotAllowed):
        add_scan(commune_editor, denunciation, SimpleUploadedFile("x.png", PNG))


def test_a_wrong_scan_is_refused_with_a_message(denunciation, keeper, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("don.png", b"not a picture", content_type="image/png")
    response = client_for(keeper).post(
        reverse("citizens:identity_scan_upload", args=[denunciation.pk]), {"file": upload}, follow=True
    )
    assert "Nội dung tệp không khớp" in response.content.decode()
    assert denunciation.sealed_scans.count() == 0


def test_the_reveal_log_is_read_by_the_units_approvers_and_keepers_only(
    denunciation,
    keeper,
    commune_approver,
    commune_editor,
    other_commune_editor,
    client_for,
    units,
    django_assert_max_num_queries,
):
    for _time in range(3):
        reveal_identities(keeper, denunciation, reason="Bảo vệ người tố cáo")
    url = f"{reverse('citizens:identity_reveal_log')}?unit={units['thuc_phan'].pk}"
    client = client_for(commune_approver)
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200 and "Bảo vệ người tố cáo" in body and str(keeper) in body
    assert not leaks(body)
    assert client_for(keeper).get(url).status_code == 200
    assert client_for(commune_editor).get(url).status_code == 403
    assert client_for(other_commune_editor).get(url).status_code == 404


def test_the_units_approver_is_told_who_looked_but_not_whom_or_why(
    denunciation, keeper, commune_approver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reveal_identities(keeper, denunciation, reason="Xác minh với ông Lường")
    note = Notification.objects.get(recipient=commune_approver)
    text = f"{note.title} {note.body} {note.link}"
    assert keeper.username in text or "Cán bộ tiếp dân" in text
    assert not leaks(text) and "Lường" not in text
    assert not Notification.objects.filter(recipient=keeper).exists()
