"""The site's image library: only real images, not too large in bytes or pixels (a decompression bomb is refused
before it is decoded), stored upright without EXIF or GPS, in JPEG renditions never wider than the original, served
under a signed URL."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks import default_task_backend
from django.template import Context, Template
from PIL import Image as PILImage

from danvan.core.errors import NotAllowed
from danvan.portal import media
from danvan.portal.services.media import upload_image
from danvan.portal.tasks import make_image_renditions

from .editing import newsroom


@pytest.fixture
def room(units, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return newsroom(units)


def phone_photo(width=1600, height=900) -> bytes:
    """A JPEG as a phone takes it: stored landscape, EXIF saying "turn 90°", with a GPS position."""
    picture = PILImage.new("RGB", (width, height), (200, 30, 30))
    exif = PILImage.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to show
    exif[0x8825] = {1: "N", 2: (22.0, 40.0, 0.0), 3: "E", 4: (106.0, 15.0, 0.0)}  # GPS
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width × height pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def test_a_phone_photo_is_stored_upright_without_its_position_in_renditions_never_upscaled(room, client):
    image = upload_image(
        room.editor,
        room.site,
        SimpleUploadedFile("IMG_0001.jpg", phone_photo()),
        alt="Đoàn viên dọn vệ sinh đường phố",
        caption="Ngày Chủ nhật xanh",
    )
    assert (image.width, image.height) == (900, 1600), "turned as its EXIF said"
    with image.file.open("rb") as stored, PILImage.open(stored) as original:
        assert not original.getexif(), "no EXIF, no GPS"
    renditions = {r.width: r for r in image.renditions.all()}
    assert sorted(renditions) == [320, 640], "1280 would be wider than the 900-pixel original"
    with renditions[640].file.open("rb") as stored, PILImage.open(stored) as small:
        assert small.format == "JPEG" and small.size == (640, 1138) and not small.getexif()

    assert media.rendition_url(image, 600).endswith(f"/{image.pk}/640/{media.signature(image.pk, 640)}/")
    assert f"/{image.pk}/0/" in media.rendition_url(image, 1280), "the original stands in"
    html = Template("{% load portal_images %}{% srcset image %}|{% rendition_url image 320 %}").render(
        Context({"image": image})
    )
    assert html.count("w, ") == 2 and html.endswith(f"/{image.pk}/320/{media.signature(image.pk, 320)}/")
    assert html.split("|")[0].endswith(" 900w")

    served = client.get(media.rendition_url(image, 320))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert b"".join(served.streaming_content).startswith(b"\xff\xd8")
    assert client.get(f"/tin-bai/anh/{image.pk}/320/0000000000000000/").status_code == 404


def test_the_upload_answers_before_the_renditions_which_the_worker_makes(room, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}  # enqueued, not run
    image = upload_image(
        room.editor, room.site, SimpleUploadedFile("IMG_0002.jpg", phone_photo()), alt="Hội nghị đối thoại"
    )
    assert not image.renditions.exists()
    assert media.srcset_of(image).endswith(" 900w"), "the original stands in meanwhile"
    (waiting,) = default_task_backend.results
    assert waiting.task.name == "make_image_renditions" and waiting.args == [image.pk]

    make_image_renditions.call(image.pk)  # what the worker does
    assert sorted(image.renditions.values_list("width", flat=True)) == [320, 640]


def test_what_is_not_a_reasonable_image_is_refused_in_vietnamese(room):
    cases = {
        "bom.png": png_claiming(50_000, 50_000),
        "rong.png": png_claiming(9_000, 9_000),
        "thu.jpg": b"%PDF-1.4 not an image",
        "lon.jpg": b"\xff\xd8\xff" + b"\x00" * (10 * 1024 * 1024),
        "rong.jpg": b"",
    }
    for name, content in cases.items():
        with pytest.raises(ValidationError) as refused:
            upload_image(room.editor, room.site, SimpleUploadedFile(name, content), alt="Ảnh")
        messages = refused.value.message_dict["file"]
        assert messages and not messages[0].isascii(), name
    with pytest.raises(ValidationError) as refused:
        upload_image(room.editor, room.site, SimpleUploadedFile("a.jpg", phone_photo(40, 30)), alt=" ")
    assert "alt" in refused.value.message_dict
    with pytest.raises(NotAllowed):
        upload_image(room.outsider, room.site, SimpleUploadedFile("a.jpg", phone_photo(40, 30)), alt="Ảnh")
