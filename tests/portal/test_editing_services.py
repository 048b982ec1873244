"""Setting up a site (settings, categories with their editing unit, topics, fixed pages, links), its documents, and
writing stories: bad input refused in Vietnamese naming the field, scripts stripped, every save a revision that can
be compared and restored, every write in the change log."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.errors import NotAllowed
from danvan.core.models import ChangeLog
from danvan.portal.models import Site
from danvan.portal.selectors.editing import revision_changes
from danvan.portal.services import create_article, restore_revision, update_article
from danvan.portal.services import media as media_services
from danvan.portal.services import sites as site_services

from .editing import newsroom


@pytest.fixture
def room(units):
    return newsroom(units)


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def test_an_administrator_opens_a_site_for_their_unit_and_sets_it_up(units, room):
    province = units["cao_bang"]
    with pytest.raises(NotAllowed):
        site_services.save_site(room.admin, None, unit=province, name="Ban Dân vận Tỉnh")
    with pytest.raises(NotAllowed):
        site_services.save_site(room.editor, room.site, name="Đổi tên")

    # The Front is an agency of the commune: the commune's administrators open its site.
    site = site_services.save_site(
        room.admin,
        None,
        unit=room.front,
        name="Mặt trận Tổ quốc phường Thục Phán",
        tagline="Đoàn kết, dân chủ",
        responsible="Đàm Văn Trách",
        host="HTTPS://mttq.thucphan.gov.vn/",
    )
    assert site.slug == "mat-tran-to-quoc-phuong-thuc-phan" and site.host == "mttq.thucphan.gov.vn"
    assert site.unit_path == room.front.path
    assert list(site.pages.values_list("slug", flat=True)) == ["gioi-thieu", "to-chuc-bo-may", "lien-he"]
    with pytest.raises(ValidationError) as refused:
        site_services.save_site(
            room.admin, None, unit=units["thuc_phan"], name="Trang thứ hai", slug=site.slug
        )
    assert set(refused.value.message_dict) == {"unit", "slug"}

    category = site_services.save_category(
        room.admin, room.site, None, name="Dân vận khéo", editor_unit=room.front
    )
    assert category.slug == "dan-van-kheo"
    with pytest.raises(ValidationError) as refused:
        site_services.save_category(room.admin, room.site, None, name="Ngoài phạm vi", editor_unit=province)
    assert "editor_unit" in refused.value.message_dict
    topic = site_services.save_topic(room.admin, room.site, None, name="Phong trào thi đua Dân vận khéo")
    assert topic.slug == "phong-trao-thi-dua-dan-van-kheo"
    page = site_services.save_page(
        room.admin,
        room.site,
        None,
        title="Giới thiệu",
        body='<p onclick="x()">Phường Thục Phán</p><script>1</script>',
    )
    assert page.body == "<p>Phường Thục Phán</p>"
    with pytest.raises(ValidationError) as refused:
        site_services.save_link(room.admin, room.site, None, name="Lạ", url="javascript:alert(1)")
    assert "url" in refused.value.message_dict
    link = site_services.save_link(
        room.admin, room.site, None, name="Cổng TTĐT tỉnh", url="https://caobang.gov.vn"
    )
    site_services.delete_link(room.admin, link)
    logged = set(
        ChangeLog.objects.filter(unit_path__startswith=units["thuc_phan"].path).values_list(
            "action", flat=True
        )
    )
    assert logged == {"create", "delete"}
    assert Site.objects.filter(unit=room.front).exists()


def test_documents_take_pdf_doc_and_docx_checked_by_their_content(room):
    fields = {"number": "12-KH/ĐU", "kind": "Kế hoạch", "title": "Triển khai Dân vận khéo 2026"}
    fields["issued_on"] = datetime.date(2026, 3, 2)
    pdf = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.7\n%...\n", content_type="application/pdf")
    document = media_services.save_document(
        room.editor, room.site, None, file=pdf, signer="Hoàng Văn Ký", **fields
    )
    assert document.file.name.endswith(".pdf") and document.search_key.startswith("12-kh/du ke hoach")

    word = SimpleUploadedFile("ke-hoach.docx", docx_bytes())
    media_services.save_document(room.editor, room.site, document, file=word)
    for name, content in (
        ("virus.pdf", b"MZ\x90\x00 an executable"),
        ("bang.docx", b"PK\x03\x04 not a real archive"),
        ("anh.png", b"\x89PNG\r\n\x1a\n"),
        ("cu.doc", b"%PDF-1.4"),
    ):
        with pytest.raises(ValidationError) as refused:
            media_services.save_document(
                room.editor, room.site, None, file=SimpleUploadedFile(name, content), **fields
            )
        assert "file" in refused.value.message_dict, name
    with pytest.raises(ValidationError) as refused:
        media_services.save_document(
            room.editor, room.site, None, **{**fields, "effective_on": datetime.date(2026, 1, 1)}, file=pdf
        )
    assert set(refused.value.message_dict) == {"effective_on"}
    with pytest.raises(NotAllowed):
        media_services.save_document(room.outsider, room.site, None, file=pdf, **fields)


def test_a_story_keeps_what_is_safe_and_refuses_bad_input_naming_the_field(room):
    story = create_article(
        room.editor,
        site=room.site,
        category=room.news,
        title="Hội nghị\u00a0 giao ban",
        body='<p>Nội dung <strong>chính</strong></p><script>alert("x")</script><img src="x" onerror="alert(1)">',
        tags=["Dân vận khéo", "dan van kheo", "Giao ban"],
    )
    assert story.title == "Hội nghị giao ban"
    assert (
        "<script" not in story.body and "onerror" not in story.body and "<strong>chính</strong>" in story.body
    )
    assert sorted(story.tags.values_list("slug", flat=True)) == ["dan-van-kheo", "giao-ban"]
    assert story.search_key.startswith("hoi nghi giao ban")

    for fields, field in (
        ({"title": "a" * 301}, "title"),
        ({"title": "Tiêu đề\x00 có NUL"}, "title"),
        ({"body": "<script>alert(1)</script>"}, "body"),
        ({"title": ""}, "title"),
    ):
        with pytest.raises(ValidationError) as refused:
            update_article(room.editor, story, **fields)
        assert field in refused.value.message_dict, fields
        assert all(not message.isascii() for message in refused.value.message_dict[field])


def test_every_save_is_a_revision_that_can_be_compared_and_restored(room):
    story = create_article(
        room.editor, site=room.site, category=room.news, title="Bản đầu", body="<p>Một</p>"
    )
    topic = site_services.save_topic(room.admin, room.site, None, name="Chuyển đổi số")
    update_article(room.editor, story, title="Bản hai", body="<p>Hai</p>", topics=[topic], note="Sửa tít")
    update_article(room.approver, story, category=room.front_news, is_hot=True)
    revisions = {revision.number: revision for revision in story.revisions.all()}
    assert sorted(revisions) == [1, 2, 3]
    assert revisions[2].note == "Sửa tít" and revisions[2].author == room.editor

    changes = {
        change["label"]: (change["before"], change["after"])
        for change in revision_changes(revisions[1], revisions[3])
    }
    assert changes["Tiêu đề"] == ("Bản đầu", "Bản hai")
    assert changes["Chuyên mục"] == ("Tin hoạt động", "Mặt trận")
    assert changes["Tin nóng"] == ("Không", "Có")
    assert changes["Chủ đề"] == ("—", "Chuyển đổi số")
    assert changes["Nội dung"] == ("<p>Một</p>", "<p>Hai</p>")

    restored = restore_revision(room.approver, story, revisions[1])
    assert (restored.title, restored.body, restored.category, restored.is_hot) == (
        "Bản đầu",
        "<p>Một</p>",
        room.news,
        False,
    )
    assert list(restored.topics.all()) == []
    latest = restored.revisions.first()
    assert latest.number == 4 and latest.note == "Khôi phục phiên bản 1"
    assert ChangeLog.objects.filter(object_id=str(story.pk), content_type__model="article").count() == 4
