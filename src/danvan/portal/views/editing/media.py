"""A site's images (the library, an upload, the choices the editor offers, the files themselves) and its documents
(the list, the form, the file)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from danvan.core.errors import NotAllowed
from danvan.core.lists import page_of
from danvan.portal import media
from danvan.portal.access import can_edit_documents
from danvan.portal.forms.media import DocumentForm, ImageForm
from danvan.portal.models import Image, ImageRendition
from danvan.portal.selectors import editing as selectors
from danvan.portal.services import media as services

from .common import apply, site_crumbs

DOCUMENT_FIELDS = ("number", "kind", "title", "issuer", "issued_on", "effective_on", "signer", "is_published")


def _library_site(request, pk: int):
    site = selectors.get_site_for(request.user, pk)
    if not services.can_use_library(request.user, site):
        raise NotAllowed(_("Bạn không phải biên tập viên của trang này."))
    return site


@login_required
def image_list(request, site: int):
    site = _library_site(request, site)
    form = ImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        image = apply(
            form,
            lambda: services.upload_image(
                request.user, site, data["file"], alt=data["alt"], caption=data["caption"]
            ),
        )
        if image is not None:
            messages.success(request, _("Đã tải ảnh lên thư viện."))
            return redirect("portal:image_list", site.pk)
    page = page_of(request, selectors.library_of(site), size=24)
    for image in page.object_list:
        image.thumb_url = media.rendition_url(image, 320)
    context = {
        "crumbs": site_crumbs(site, (_("Thư viện ảnh"), None)),
        "site": site,
        "form": form,
        "page_obj": page,
    }
    return render(request, "portal/editing/images/list.html", context)


@login_required
def image_edit(request, site: int, pk: int):
    site = _library_site(request, site)
    image = get_object_or_404(selectors.library_of(site), pk=pk)
    form = ImageForm(
        request.POST or None, with_file=False, initial={"alt": image.alt, "caption": image.caption}
    )
    saved = None
    if request.method == "POST" and form.is_valid():
        saved = apply(form, lambda: services.update_image(request.user, image, **form.cleaned_data))
    if saved is not None:
        messages.success(request, _("Đã lưu mô tả ảnh."))
        return redirect("portal:image_list", site.pk)
    context = {
        "crumbs": site_crumbs(
            site, (_("Thư viện ảnh"), reverse("portal:image_list", args=[site.pk])), (_("Ảnh"), None)
        ),
        "site": site,
        "image": image,
        "form": form,
        "url": media.rendition_url(image, 640),
        "srcset": media.srcset_of(image),
    }
    return render(request, "portal/editing/images/edit.html", context)


@login_required
@require_GET
def image_choices(request, site: int):
    """The library as the editor's image button lists it: [{id, url, alt, caption}], newest first."""
    site = _library_site(request, site)
    images = selectors.library_of(site)[:60]
    items = [
        {
            "id": image.pk,
            "url": media.rendition_url(image, 1280),
            "thumb": media.rendition_url(image, 320),
            "alt": image.alt,
            "caption": image.caption,
        }
        for image in images
    ]
    return JsonResponse({"items": items})


@require_GET
@cache_control(public=True, max_age=31536000, immutable=True)
def image_file(request, pk: int, width: int, signature: str):
    """An image's original (width 0) or rendition, under a signed URL: no login (visitors read them), no walking
    through the ids."""
    if not constant_time_compare(signature, media.signature(pk, width)):
        raise Http404
    if width:
        found = get_object_or_404(ImageRendition, image_id=pk, width=width).file
    else:
        found = get_object_or_404(Image, pk=pk).file
    try:
        handle = found.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, content_type=_content_type(found.name))


def _content_type(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower()
    return {"png": "image/png", "webp": "image/webp"}.get(extension, "image/jpeg")


def _documents_site(request, pk: int, write: bool = False):
    site = selectors.get_site_for(request.user, pk)
    if write and not can_edit_documents(request.user, site):
        raise NotAllowed(_("Chỉ biên tập viên của đơn vị chủ quản mới cập nhật văn bản của trang."))
    return site


@login_required
def document_list(request, site: int):
    site = _documents_site(request, site)
    page = page_of(request, site.documents.all())
    context = {
        "crumbs": site_crumbs(site, (_("Văn bản"), None)),
        "site": site,
        "page_obj": page,
        "can_edit": can_edit_documents(request.user, site),
    }
    return render(request, "portal/editing/documents/list.html", context)


@login_required
def document_form(request, site: int, pk: int | None = None):
    site = _documents_site(request, site, write=True)
    document = get_object_or_404(site.documents.all(), pk=pk) if pk else None
    initial = (
        {name: getattr(document, name) for name in DOCUMENT_FIELDS} if document else {"is_published": True}
    )
    form = DocumentForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        file = data.pop("file") or None
        saved = apply(form, lambda: services.save_document(request.user, site, document, file=file, **data))
        if saved is not None:
            messages.success(request, _("Đã lưu văn bản %(number)s.") % {"number": saved.number})
            return redirect("portal:document_list", site.pk)
    title = document.number if document else _("Thêm văn bản")
    context = {
        "crumbs": site_crumbs(
            site, (_("Văn bản"), reverse("portal:document_list", args=[site.pk])), (title, None)
        ),
        "site": site,
        "form": form,
        "document": document,
        "title": title,
    }
    return render(request, "portal/editing/documents/form.html", context)


@login_required
def document_file(request, site: int, pk: int):
    site = _documents_site(request, site)
    document = get_object_or_404(site.documents.exclude(file=""), pk=pk)
    extension = document.file.name.rsplit(".", 1)[-1].lower()
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle, as_attachment=True, filename=f"{document.number.replace('/', '-')}.{extension}"
    )
