"""The paths another helper builds (the register's list and search, its Excel export, the API), proved against the
URL names and paths the brief fixes: run after the merge. No path shows a sealed denouncer; the API reveals only to a
keeper with a reason, and a refused reveal logs nothing."""

import io
import logging

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from danvan.accounts.services import issue_api_token
from danvan.citizens.models import IdentityReveal
from danvan.core.models import ChangeLog
from danvan.notifications.models import Notification

from .identity_fixtures import *  # noqa: F403 — the fixtures
from .identity_fixtures import NAME, PHONE, leaks

pytestmark = pytest.mark.django_db
API = "/api/v1/citizens/petitions"


def api_client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {issue_api_token(user, 'Máy tính')[1]}")


def test_the_list_shows_the_masked_label_and_a_search_by_name_or_phone_finds_nothing(
    denunciation, commune_editor, province_admin, client_for
):
    url = reverse("citizens:petition_list")
    for user in (commune_editor, province_admin):
        page = client_for(user).get(url).content.decode()
        assert "Người tố cáo (được giữ bí mật)" in page and not leaks(page)
        assert denunciation.subject in page
        for query in (NAME, "luong thi bi mat", PHONE):
            found = client_for(user).get(url, {"q": query}).content.decode()
            assert denunciation.subject not in found and not leaks(found.replace(query, ""))


def test_the_excel_export_holds_the_masked_label_only(denunciation, commune_editor, client_for):
    response = client_for(commune_editor).get(reverse("citizens:petition_export"))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = " ".join(
        str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value
    )
    assert "Người tố cáo (được giữ bí mật)" in cells and not leaks(cells)


def test_the_api_masks_the_denouncer_in_the_list_and_the_detail(denunciation, commune_editor, keeper):
    for user in (commune_editor, keeper):
        client = api_client(user)
        listed = client.get(API)
        detail = client.get(f"{API}/{denunciation.pk}")
        assert listed.status_code == 200 and detail.status_code == 200
        assert not leaks(listed.content.decode()) and not leaks(detail.content.decode())
    assert IdentityReveal.objects.count() == 0


def test_an_api_reveal_by_a_non_keeper_is_refused_and_logs_nothing(
    denunciation, province_admin, commune_editor
):
    for user in (province_admin, commune_editor):
        response = api_client(user).get(f"{API}/{denunciation.pk}", {"reveal": "true", "reason": "Xem thử"})
        assert response.status_code == 403 and not leaks(response.content.decode())
    assert IdentityReveal.objects.count() == 0


def test_an_api_reveal_by_a_keeper_needs_a_reason_and_is_logged(denunciation, keeper):
    client = api_client(keeper)
    refused = client.get(f"{API}/{denunciation.pk}", {"reveal": "true"})
    assert refused.status_code == 422 and not leaks(refused.content.decode())
    assert IdentityReveal.objects.count() == 0
    response = client.get(f"{API}/{denunciation.pk}", {"reveal": "true", "reason": "Xác minh"})
    assert response.status_code == 200 and NAME in response.content.decode()
    assert "no-store" in response.get("Cache-Control", "")
    reveal = IdentityReveal.objects.get()
    assert (reveal.user, reveal.via, reveal.reason) == (keeper, "api", "Xác minh")


def test_every_path_together_leaves_no_identity_in_the_change_log_notifications_or_logs(
    denunciation, commune_editor, client_for, caplog
):
    with caplog.at_level(logging.DEBUG):
        client_for(commune_editor).get(reverse("citizens:petition_list"), {"q": NAME})
        api_client(commune_editor).get(f"{API}/{denunciation.pk}", {"reveal": "true", "reason": NAME})
    text = " ".join(f"{row.object_repr} {row.before} {row.after}" for row in ChangeLog.objects.all())
    assert not leaks(text)
    assert not any(leaks(f"{n.title} {n.body} {n.link}") for n in Notification.objects.all())
    assert not any(leaks(record.getMessage()) for record in caplog.records)
