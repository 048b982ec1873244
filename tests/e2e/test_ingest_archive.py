"""The archive reader, a whole journey: the province's editor uploads a zip of two published articles, watches them
being read ("Đã đọc 0/2" until the worker has read them, the page polling every 2 s), corrects a field of the first
beside its text, imports it, imports the second by ticking it, and opens the meeting the first became."""

import zipfile

import pytest
from playwright.sync_api import expect

from danvan.demo.portal import SEEDS  # the five seed articles, with their answers
from danvan.ingest import reading
from danvan.ingest.models import ImportBatch
from tests.portal import factories as portal_factories

pytestmark = pytest.mark.e2e

CORRECTED = "Sơ kết công tác Dân vận 6 tháng đầu năm 2021 của Thành phố Cao Bằng"


def test_an_editor_reads_an_archive_corrects_an_extraction_imports_it_and_opens_the_meeting(
    page, log_in, shot, units, settings, tmp_path
):
    # The worker is ours to run: the queue keeps the job (the dummy backend) until the test reads the batch.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    site = portal_factories.site(
        units["cao_bang"], slug="dan-van-cao-bang", name="Ban Tuyên giáo và Dân vận Cao Bằng"
    )
    portal_factories.category(site, "Tin hoạt động")
    archive = tmp_path / "tin-2021.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for prefix, name in (("000", "so-ket-thanh-pho.txt"), ("002", "so-ket-tinh.txt")):
            zipped.writestr(name, next(SEEDS.glob(f"seed-{prefix}.txt")).read_bytes())

    log_in("caobang")
    page.goto("/doc-lai-tin/")
    expect(page.locator("h1")).to_have_text("Đọc lại tin đã đăng")
    page.get_by_label("Đọc tin cho đơn vị").select_option(str(units["cao_bang"].pk))
    page.get_by_label("Tệp tin bài").set_input_files(archive)
    page.get_by_role("button", name="Tải lên và đọc").click()
    expect(page.locator("#batch-progress")).to_contain_text("Đã đọc 0/2")
    shot(page, "reading")

    reading.read_batch(ImportBatch.objects.get().pk)  # what `danvan db_worker` does
    items = page.locator("section[id^=item-]")
    expect(items).to_have_count(2, timeout=8_000)  # the next poll sees the batch read and reloads the page
    first = items.first
    expect(first).to_contain_text("Sáng 22/7, Ban Dân vận Thành ủy Cao Bằng")  # the text, beside its form
    expect(first).to_contain_text("Khớp theo tên: Ban Dân vận Thành ủy Cao Bằng")
    shot(page, "read")

    first.get_by_label("Tiêu đề").fill(CORRECTED)
    first.get_by_role("button", name="Nhập vào hệ thống").click()
    expect(first).to_contain_text("Đã nhập vào hệ thống")
    items.nth(1).get_by_role("checkbox").check()
    page.get_by_role("button", name="Nhập các tin đã chọn").click()
    expect(page.locator(".alert")).to_contain_text("Đã nhập 1/1 tin.")
    expect(page.get_by_text("Đã nhập vào hệ thống")).to_have_count(2)
    shot(page, "imported")

    page.get_by_role("link", name=CORRECTED).click()
    expect(page.locator("h1")).to_contain_text(CORRECTED)
    expect(page.locator("main")).to_contain_text("Vũ Văn Minh")
    shot(page, "meeting")
