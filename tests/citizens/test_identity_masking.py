"""A sealed denouncer shows nowhere but the keeper's reveal: not in the search key, the change log, the Word
"Phiếu đề xuất xử lý đơn", the notifications and their e-mails, Django's error report of a crash while registering,
nor the log lines."""

import html
import io
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.views.debug import ExceptionReporter, get_exception_reporter_class

from danvan.citizens.models import Petition, SealedIdentity
from danvan.citizens.services import identity as identity_services
from danvan.citizens.services import petitions as petition_services
from danvan.citizens.services.identity import add_scan, grant_keeper, reveal_identities
from danvan.core.changelog import record_change, snapshot
from danvan.core.models import ChangeLog
from danvan.core.text import fold
from danvan.notifications.models import Notification
from tests import factories

from .identity_fixtures import *  # noqa: F403 — the fixtures
from .identity_fixtures import DENOUNCER, NAME, denunciation_of, leaks

pytestmark = pytest.mark.django_db


def log_text() -> str:
    return " ".join(f"{row.object_repr} {row.before} {row.after}" for row in ChangeLog.objects.all())


def test_the_petition_names_its_denouncer_by_the_masked_label_only(denunciation):
    assert denunciation.sender_label == "Người tố cáo (được giữ bí mật)"
    assert not leaks(denunciation.search_key) and fold(NAME) not in denunciation.search_key
    assert not leaks(str(denunciation)) and not leaks(str(denunciation.sealed_identities.get()))
    assert denunciation.senders.count() == 0


def test_a_denouncer_listed_as_a_plain_sender_is_sealed_all_the_same(units, commune_editor):
    petition = petition_services.create_petition(
        commune_editor,
        unit=units["thuc_phan"],
        data={
            "kind": "to_cao",
            "channel": "buu_chinh",
            "field": "khac",
            "subject": "Tố cáo",
            "content": "Nội dung",
        },
        senders=[dict(DENOUNCER)],
    )
    assert petition.senders.count() == 0 and petition.sealed_identities.get().name == NAME
    assert not leaks(petition.search_key)


def test_the_change_log_of_a_petition_and_of_its_sealed_rows_holds_no_identity(
    denunciation, keeper, commune_approver, units, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    identity = denunciation.sealed_identities.get()
    before = snapshot(identity)
    identity.phone = "0987000111"
    identity.save()
    record_change(keeper, "update", identity, before, snapshot(identity), unit=units["thuc_phan"])
    # A caller's own dict is masked too.
    record_change(keeper, "update", identity, {"name": NAME}, {"name": "Tên khác", "address": ""}, unit=None)
    record_change(keeper, "update", denunciation, None, petition_services.petition_snapshot(denunciation))
    add_scan(keeper, denunciation, SimpleUploadedFile("Luong_Thi_Bi_Mat.png", factories.PNG))
    reveal_identities(keeper, denunciation, reason="Xác minh")
    assert (
        ChangeLog.objects.filter(content_type__model="sealedidentity", object_id=str(identity.pk)).count()
        == 2
    )
    text = log_text()
    assert not leaks(text) and "0987000111" not in text and "Tên khác" not in text and "Luong" not in text
    masked = ChangeLog.objects.filter(
        content_type__model="sealedidentity", object_id=str(identity.pk)
    ).first()
    assert masked.after["name"] == "•••" and masked.object_repr == "Người tố cáo (được giữ bí mật)"


def test_the_word_proposal_shows_the_masked_label_for_a_denunciation(
    denunciation, commune_editor, client_for
):
    from docx import Document

    response = client_for(commune_editor).get(
        reverse("citizens:petition_proposal_docx", args=[denunciation.pk])
    )
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "PHIẾU ĐỀ XUẤT XỬ LÝ ĐƠN" in text and "Người tố cáo (được giữ bí mật)" in text
    assert not leaks(text) and not leaks(response.content)


def test_the_word_proposal_of_another_petition_names_its_sender(
    units, commune_editor, client_for, other_commune_editor
):
    petition = petition_services.create_petition(
        commune_editor,
        unit=units["thuc_phan"],
        data={
            "kind": "kien_nghi",
            "channel": "truc_tuyen",
            "field": "khac",
            "subject": "Kiến nghị",
            "content": "Nội dung",
        },
        senders=[{"name": "Nông Văn Kiến", "address": "Tổ 5"}],
    )
    url = reverse("citizens:petition_proposal_docx", args=[petition.pk])
    assert client_for(other_commune_editor).get(url).status_code == 404
    from docx import Document

    document = Document(io.BytesIO(client_for(commune_editor).get(url).content))
    assert "Nông Văn Kiến" in "\n".join(p.text for p in document.paragraphs)


def test_notifications_and_their_emails_about_a_denunciation_hold_no_identity(
    denunciation, keeper, commune_approver, commune_editor, smtp_inbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reveal_identities(keeper, denunciation, reason=f"Gặp {NAME}")
    with django_capture_on_commit_callbacks(execute=True):
        grant_keeper(commune_approver, user=commune_editor, unit=denunciation.unit)
    notes = list(Notification.objects.all())
    assert notes and not any(leaks(f"{n.title} {n.body} {n.link}") for n in notes)
    assert smtp_inbox.messages
    assert not any(leaks(f"{m.subject} {m.body}") for m in smtp_inbox.messages)


def _logged_report(caplog) -> str:
    """Django's error report of the logged 500, as the admins' e-mail and a log handler would write it."""
    record = next(r for r in caplog.records if r.name == "django.request" and r.exc_info)
    reporter = get_exception_reporter_class(record.request)(record.request, *record.exc_info, is_email=True)
    return reporter.get_traceback_text() + html.unescape(reporter.get_traceback_html())


def test_a_crash_while_registering_a_denunciation_leaves_no_identity_in_the_error_report(
    units, commune_editor
):
    def crash(*args, **kwargs):
        raise RuntimeError("the disk is full")

    original = SealedIdentity.objects.create
    SealedIdentity.objects.create = crash
    try:
        with pytest.raises(RuntimeError) as raised:
            denunciation_of(commune_editor, units["thuc_phan"])
    finally:
        SealedIdentity.objects.create = original
    reporter = ExceptionReporter(None, raised.type, raised.value, raised.tb)
    report = reporter.get_traceback_text() + html.unescape(reporter.get_traceback_html())
    assert "create_petition" in report and "********" in report
    assert not leaks(report)


def test_a_crash_on_the_reveal_page_leaves_neither_reason_nor_identity_in_the_report_or_the_logs(
    denunciation, keeper, monkeypatch, caplog
):
    def crash(actor, petition, *, reason, via="page"):
        found = list(petition.sealed_identities.all())
        raise RuntimeError(f"failed after reading {len(found)}")

    monkeypatch.setattr(identity_services, "reveal_identities", crash)
    client = Client(raise_request_exception=False)
    client.force_login(keeper)
    with caplog.at_level(logging.DEBUG):
        response = client.post(
            reverse("citizens:identity", args=[denunciation.pk]), {"reason": f"Gọi {NAME} số 0912345678"}
        )
    assert response.status_code == 500
    report = _logged_report(caplog)
    assert "reason" in report and "********" in report
    assert not leaks(report) and "Gọi" not in report
    assert not any(leaks(record.getMessage()) for record in caplog.records)


def test_the_request_log_lines_carry_no_identity(denunciation, keeper, caplog, client_for, units):
    client = client_for(keeper)
    with caplog.at_level(logging.DEBUG):
        client.post(reverse("citizens:identity", args=[denunciation.pk]), {"reason": f"Bảo vệ {NAME}"})
        client.get(
            reverse("citizens:identity", args=[denunciation.pk + 999]) + f"?q={NAME}"
        )  # a 404 is logged
        client_for(factories.user("khach", units["thuc_phan"])).post(
            reverse("citizens:identity", args=[denunciation.pk]), {"reason": NAME}
        )  # a 403 is logged
    assert any(record.name == "django.request" for record in caplog.records)
    for record in caplog.records:
        assert not leaks(record.getMessage()), record.getMessage()
        assert not leaks(getattr(record, "request", "") and record.request.get_full_path())


def test_a_petition_of_another_kind_has_no_sealed_identity_page(units, commune_editor, keeper, client_for):
    petition = petition_services.create_petition(
        commune_editor,
        unit=units["thuc_phan"],
        data={
            "kind": "phan_anh",
            "channel": "truc_tuyen",
            "field": "khac",
            "subject": "Phản ánh",
            "content": "Nội",
        },
        senders=[{"name": "Người phản ánh"}],
    )
    assert petition.kind == Petition.Kind.PHAN_ANH
    assert client_for(keeper).get(reverse("citizens:identity", args=[petition.pk])).status_code == 404


def test_a_crash_while_uploading_a_scan_leaves_its_file_name_out_of_the_report(
    denunciation, keeper, monkeypatch, caplog
):
    def crash(actor, petition, upload):
        raise RuntimeError("storage unavailable")

    monkeypatch.setattr(identity_services, "add_scan", crash)
    client = Client(raise_request_exception=False)
    client.force_login(keeper)
    upload = SimpleUploadedFile("don_Luong_Thi_Bi_Mat.png", factories.PNG, content_type="image/png")
    with caplog.at_level(logging.ERROR):
        response = client.post(
            reverse("citizens:identity_scan_upload", args=[denunciation.pk]), {"file": upload}
        )
    assert response.status_code == 500
    report = _logged_report(caplog)
    assert "InMemoryUploadedFile" in report and "Luong" not in report
