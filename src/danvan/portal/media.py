"""Images of a site's library: the upload checked by Pillow, the original cleaned, the renditions made, their URLs.

- An upload must be a real JPEG, PNG or WebP image (read by Pillow, not by its name), at most `MAX_BYTES` and
  `MAX_PIXELS`: the size in the header is checked before any pixel is decoded, so a decompression bomb (a small
  file claiming 50,000 × 50,000 pixels) is refused with a message, never decoded.
- The stored original is re-encoded with its EXIF orientation applied and no metadata (EXIF, GPS, comments): a
  photo taken on a phone does not publish where it was taken.
- Renditions: one JPEG (quality `JPEG_QUALITY`) for each of `RENDITION_WIDTHS` narrower than the original, never
  upscaled; a page picks with `srcset` (`srcset_of`), the original standing for the widths it does not reach.
- Files are served by `views.editing.images.image_file` under a signed URL (`rendition_url`): no login, as a
  visitor reads them on a public page, but the signature makes the ids impossible to walk through.
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.signing import salted_hmac
from django.urls import reverse
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from danvan.portal.models import Image, ImageRendition
from danvan.portal.models.media import RENDITION_WIDTHS

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
JPEG_QUALITY = 82
ORIGINAL_QUALITY = 90
FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}


def checked_image(uploaded, field: str = "file") -> PILImage.Image:
    """The upload opened by Pillow (its pixels not yet decoded) once its size, type and dimensions are checked; a
    ValidationError on `field`, in Vietnamese, otherwise."""
    size = getattr(uploaded, "size", 0) or 0
    if size == 0:
        raise ValidationError({field: _("Tệp ảnh rỗng.")})
    if size > MAX_BYTES:
        raise ValidationError({field: _("Ảnh lớn hơn 10 MB: hãy thu nhỏ ảnh trước khi tải lên.")})
    uploaded.seek(0)
    try:
        picture = PILImage.open(uploaded)
    except (UnidentifiedImageError, OSError, ValueError):
        raise ValidationError({field: _("Tệp không phải là ảnh JPG, PNG hoặc WebP.")}) from None
    except PILImage.DecompressionBombError:
        raise ValidationError({field: _("Ảnh có kích thước quá lớn (quá 40 triệu điểm ảnh).")}) from None
    if picture.format not in FORMATS:
        raise ValidationError({field: _("Chỉ nhận ảnh JPG, PNG hoặc WebP.")})
    width, height = picture.size
    if width * height > MAX_PIXELS:
        raise ValidationError(
            {
                field: _("Ảnh có kích thước quá lớn (%(w)d × %(h)d điểm ảnh, tối đa 40 triệu điểm ảnh).")
                % {"w": width, "h": height}
            }
        )
    try:
        picture.load()
    except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombError):
        raise ValidationError({field: _("Tệp ảnh bị hỏng, không đọc được.")}) from None
    return picture


def _upright(picture: PILImage.Image) -> PILImage.Image:
    """The picture turned as its EXIF orientation says, without any metadata."""
    turned = ImageOps.exif_transpose(picture) or picture.copy()
    turned.info = {}
    return turned


def _jpeg_ready(picture: PILImage.Image) -> PILImage.Image:
    if picture.mode in ("RGB", "L"):
        return picture
    if picture.mode in ("RGBA", "LA", "P", "PA"):
        rgba = picture.convert("RGBA")
        flat = PILImage.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return picture.convert("RGB")


def _encoded(picture: PILImage.Image, image_format: str, quality: int) -> bytes:
    out = io.BytesIO()
    if image_format == "JPEG":
        _jpeg_ready(picture).save(out, "JPEG", quality=quality, progressive=True)
    elif image_format == "WEBP":
        picture.save(out, "WEBP", quality=quality)
    else:
        picture.save(out, "PNG")
    return out.getvalue()


def clean_original(picture: PILImage.Image, name: str) -> ContentFile:
    """The original as stored: upright, metadata dropped, same format; named `<name><extension>`."""
    image_format = picture.format
    upright = _upright(picture)
    return ContentFile(
        _encoded(upright, image_format, ORIGINAL_QUALITY), name=f"{name}{FORMATS[image_format]}"
    )


def make_renditions(image: Image) -> list[ImageRendition]:
    """The JPEG renditions of `image` at each width of RENDITION_WIDTHS narrower than it (replacing any made
    before). Each is resized from the next wider one (the widest from the original), which costs a fraction of
    resizing the original each time and looks the same at these ratios."""
    image.renditions.all().delete()
    with image.file.open("rb") as stored, PILImage.open(stored) as picture:
        picture.load()
        source = _jpeg_ready(picture)
        made = []
        for width in sorted((w for w in RENDITION_WIDTHS if w < picture.width), reverse=True):
            height = max(1, round(picture.height * width / picture.width))
            source = source.resize((width, height), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
            rendition = ImageRendition(image=image, width=width, height=height)
            rendition.file.save(
                f"{image.pk}-{width}.jpg", ContentFile(_encoded(source, "JPEG", JPEG_QUALITY)), save=False
            )
            rendition.save()
            made.append(rendition)
    return made


def signature(image_id: int, width: int) -> str:
    return salted_hmac("portal.image", f"{image_id}:{width}", algorithm="sha256").hexdigest()[:16]


def _file_url(image_id: int, width: int) -> str:
    return reverse("portal:image_file", args=[image_id, width, signature(image_id, width)])


def rendition_url(image: Image, width: int = 640) -> str:
    """The URL of the narrowest rendition at least `width` wide, or of the original when none is (it is narrower
    than `width`, or as wide). Reads `image.renditions.all()`: prefetch it for a list."""
    for rendition in sorted(image.renditions.all(), key=lambda r: r.width):
        if rendition.width >= width:
            return _file_url(image.pk, rendition.width)
    return _file_url(image.pk, 0)


def srcset_of(image: Image) -> str:
    """ "<url> 320w, <url> 640w, <url> <original>w": every rendition and the original, for an <img srcset>."""
    entries = [
        f"{_file_url(image.pk, r.width)} {r.width}w"
        for r in sorted(image.renditions.all(), key=lambda r: r.width)
    ]
    entries.append(f"{_file_url(image.pk, 0)} {image.width}w")
    return ", ".join(entries)
