"""The archive page: a zip of news is read in the background with its progress, each extraction is corrected beside
its text and imported; another unit's editor neither sees nor imports the batch; a zip bomb and paths leaving the
archive are refused safely."""

import datetime
import io
import re
import zipfile
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.scope import Role
from danvan.activities.models import Meeting
from danvan.demo.portal import SEEDS  # the five seed articles, with their answers
from danvan.ingest.archive import read_upload
from danvan.ingest.models import ImportBatch, ImportedEvent, ImportItem
from danvan.ingest.reading import read_item
from tests import factories
from tests.portal import factories as portal_factories


def zipped(members: dict[str, bytes], name: str = "tin.zip") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def seed_text(prefix: str) -> bytes:
    return next(SEEDS.glob(f"seed-{prefix}.txt")).read_bytes()


@pytest.fixture
def editor(units):
    site = portal_factories.site(units["cao_bang"], slug="dan-van-cao-bang")
    portal_factories.category(site, "Tin hoạt động")
    return factories.user("cb_editor", units["cao_bang"], Role.EDITOR)


def upload(client, unit, files, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("ingest:archive"), {"unit": unit.pk, "files": files})


def test_a_zip_is_read_in_the_background_corrected_beside_its_text_and_imported(
    units, editor, client_for, django_capture_on_commit_callbacks
):
    client = client_for(editor)
    archive = zipped({"tin/so-ket-2021.txt": seed_text("000"), "tin/so-ket-tinh-2021.txt": seed_text("002")})
    response = upload(client, units["cao_bang"], [archive], django_capture_on_commit_callbacks)
    batch = ImportBatch.objects.get()
    assert response.url == reverse("ingest:batch_detail", args=[batch.pk])
    assert (batch.state, batch.progress, batch.total) == ("ready", 2, 2)
    progress = client.get(reverse("ingest:batch_progress", args=[batch.pk]))
    assert "Đã đọc 2/2" in progress.content.decode()

    page = client.get(response.url).content.decode()
    first, second = batch.items.order_by("position")
    assert first.filename == "so-ket-2021.txt" and first.data == b""
    assert "Sáng 22/7, Ban Dân vận Thành ủy Cao Bằng" in page  # the text, beside…
    assert f'name="item-{first.pk}-title"' in page  # …the form to correct it
    assert "Khớp theo tên: Ban Dân vận Thành ủy Cao Bằng" in page

    # Correct the title, then import: a meeting of the old city's Ban, and a story on the province's site.
    fields = {
        key.removeprefix(f"item-{first.pk}-"): value for key, value in _form_values(page, first.pk).items()
    }
    fields["title"] = "Sơ kết công tác Dân vận 6 tháng đầu năm 2021 (Thành phố Cao Bằng)"
    answer = client.post(
        reverse("ingest:item_save", args=[batch.pk, first.pk]),
        {**{f"item-{first.pk}-{k}": v for k, v in fields.items()}, "import": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert answer.status_code == 200
    first.refresh_from_db()
    assert first.state == ImportItem.State.IMPORTED
    meeting = first.result.meeting
    assert meeting.title == fields["title"] and meeting.organizer == units["tp_cao_bang_ban"]
    assert reverse("activities:meeting_detail", args=[meeting.pk]) in answer.content.decode()
    assert first.result.article.status == "published"

    # The second, checked, imported with the bulk button; importing it again changes nothing.
    client.post(reverse("ingest:batch_import", args=[batch.pk]), {"items": [second.pk]})
    client.post(reverse("ingest:batch_import", args=[batch.pk]), {"items": [second.pk, first.pk]})
    second.refresh_from_db()
    assert second.state == ImportItem.State.IMPORTED, second.error
    assert (ImportedEvent.objects.count(), Meeting.objects.count()) == (2, 2)


def _form_values(page: str, item_pk: int) -> dict:
    """The values the page's form of the item holds (inputs, selected options, textareas)."""
    values = {}
    prefix = f"item-{item_pk}-"
    for name, value in re.findall(rf'<input[^>]*name="({prefix}[\w_]+)"[^>]*value="([^"]*)"', page):
        values[name] = value
    for name, body in re.findall(rf'<textarea[^>]*name="({prefix}[\w_]+)"[^>]*>(.*?)</textarea>', page, re.S):
        values[name] = body.strip("\n")
    for name, body in re.findall(rf'<select[^>]*name="({prefix}[\w_]+)"[^>]*>(.*?)</select>', page, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        values[name] = selected[1] if selected else ""
    return {name: unescape(value) for name, value in values.items()}


def test_another_units_editor_neither_sees_nor_imports_the_batch(
    units, editor, other_commune_editor, client_for, django_capture_on_commit_callbacks
):
    upload(
        client_for(editor),
        units["cao_bang"],
        [zipped({"a.txt": seed_text("000")})],
        django_capture_on_commit_callbacks,
    )
    batch = ImportBatch.objects.get()
    item = batch.items.get()
    other = client_for(other_commune_editor)
    assert "a.txt" not in other.get(reverse("ingest:archive")).content.decode()
    assert other.get(reverse("ingest:batch_detail", args=[batch.pk])).status_code == 404
    assert other.get(reverse("ingest:batch_progress", args=[batch.pk])).status_code == 404
    assert (
        other.post(reverse("ingest:item_save", args=[batch.pk, item.pk]), {"import": "1"}).status_code == 404
    )
    assert (
        other.post(reverse("ingest:batch_import", args=[batch.pk]), {"items": [item.pk]}).status_code == 404
    )
    # Nor uploads for a unit they do not edit.
    answer = other.post(
        reverse("ingest:archive"), {"unit": units["cao_bang"].pk, "files": [zipped({"b.txt": b"x"})]}
    )
    assert answer.status_code == 200 and ImportBatch.objects.count() == 1
    assert not ImportedEvent.objects.exists()


def test_a_batch_whose_worker_stopped_midway_is_read_on_from_where_it_stopped(
    units, editor, other_commune_editor, client_for, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }  # the worker is down
    client = client_for(editor)
    files = {"a.txt": seed_text("000"), "b.txt": seed_text("003")}
    upload(client, units["cao_bang"], [zipped(files)], django_capture_on_commit_callbacks)
    batch = ImportBatch.objects.get()
    first = batch.items.order_by("position").first()
    read_item(first)  # the worker read one file, then stopped
    ImportBatch.objects.filter(pk=batch.pk).update(
        state=ImportBatch.State.READING,
        progress=1,
        updated_at=timezone.now() - datetime.timedelta(minutes=11),
    )
    page = client.get(reverse("ingest:batch_detail", args=[batch.pk])).content.decode()
    assert "bị gián đoạn sau 1/2 tệp" in page and "Đọc tiếp" in page
    resume = reverse("ingest:batch_resume", args=[batch.pk])
    assert client_for(other_commune_editor).post(resume).status_code == 404

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}  # back up
    with django_capture_on_commit_callbacks(execute=True):
        client.post(resume)
    batch.refresh_from_db()
    assert (batch.state, batch.progress) == (ImportBatch.State.READY, 2)
    assert set(batch.items.values_list("state", flat=True)) == {ImportItem.State.READ}
    assert "không bị gián đoạn" in client.post(resume, follow=True).content.decode()


def test_a_zip_bomb_is_refused_with_a_message(units, editor, client_for, django_capture_on_commit_callbacks):
    bomb = zipped({"tin.txt": seed_text("000"), "rong.txt": b"\0" * (8 * 1024 * 1024)})
    answer = upload(client_for(editor), units["cao_bang"], [bomb], django_capture_on_commit_callbacks)
    assert answer.status_code == 200
    assert "dấu hiệu bom nén" in answer.content.decode()
    assert not ImportBatch.objects.exists()


def test_names_leaving_the_archive_are_skipped_and_only_news_files_kept():
    upload = read_upload(
        [
            zipped(
                {
                    "../../etc/cron.d/tin.txt": b"evil",
                    "/tmp/tin.txt": b"evil",
                    "C:/Windows/tin.txt": b"evil",
                    "anh/hinh.jpg": b"\xff\xd8\xff",
                    "tin/bai 1.txt": seed_text("000"),
                }
            ),
            SimpleUploadedFile("bai-2.html", "<h1>Tin</h1><p>Ngày 20/7/2021</p>".encode()),
        ]
    )
    assert [name for name, _data in upload.files] == ["bai 1.txt", "bai-2.html"]
    assert sum("không an toàn" in line for line in upload.skipped) == 3
    assert any("hinh.jpg" in line for line in upload.skipped)
