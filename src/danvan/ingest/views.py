"""The archive reader's pages, under /doc-lai-tin/: upload news files or a zip for a unit; watch them being read
("đã đọc 7/12", polled every 2 s); correct each extraction beside its text; import one, or all those checked."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.errors import NotAllowed
from danvan.core.forms import add_service_errors
from danvan.core.lists import page_of

from . import batches, selectors
from .forms import ItemForm, UploadForm
from .models import ImportBatch, ImportItem

# Each item carries its text and a form with a unit select: a page of them at a time.
ITEMS_PER_PAGE = 10


def _crumbs(*tail) -> list:
    return [(_("Đọc lại tin đã đăng"), reverse("ingest:archive")), *tail]


@login_required
def archive(request):
    """The upload form and the batches of the units the user edits."""
    form = UploadForm(request.POST or None, user=request.user, initial={"unit": request.current_unit})
    if request.method == "POST" and form.is_valid():
        try:
            batch = batches.create_batch(
                request.user, unit=form.cleaned_data["unit"], uploads=request.FILES.getlist("files")
            )
        except (ValidationError, NotAllowed) as error:
            add_service_errors(form, error)
        else:
            return redirect("ingest:batch_detail", pk=batch.pk)
    page = page_of(request, selectors.batches_visible_to(request.user))
    return render(
        request,
        "ingest/archive.html",
        {"form": form, "page_obj": page, "crumbs": _crumbs(), "file_errors": form.errors.get("files", [])},
    )


def _item_context(request, item: ImportItem, form: ItemForm | None = None) -> dict:
    if form is None and item.state in (ImportItem.State.READ, ImportItem.State.FAILED):
        form = ItemForm(item=item, user=request.user)
    return {"item": item, "form": form, "batch": item.batch}


@login_required
def batch_detail(request, pk: int):
    batch = selectors.get_batch_for(request.user, pk)
    page = (
        page_of(request, selectors.items_of(batch), ITEMS_PER_PAGE)
        if batch.state == ImportBatch.State.READY
        else None
    )
    return render(
        request,
        "ingest/batch.html",
        {
            "batch": batch,
            "stuck": selectors.is_stuck(batch),
            "page_obj": page,
            "items": [_item_context(request, item) for item in page] if page else [],
            "crumbs": _crumbs((batch.name, None)),
        },
    )


@login_required
def batch_progress(request, pk: int):
    """The progress fragment, polled every 2 s while the files are read; once read, the page reloads to show them."""
    batch = selectors.get_batch_for(request.user, pk)
    response = render(request, "ingest/_progress.html", {"batch": batch, "stuck": selectors.is_stuck(batch)})
    if batch.state == ImportBatch.State.READY and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def item_save(request, pk: int, item_pk: int):
    """Saves an extraction's corrections; "Nhập vào hệ thống" then imports it. Answers the item's card (htmx) or
    the batch's page."""
    batch = selectors.get_batch_for(request.user, pk)
    item = selectors.get_item_for(request.user, batch, item_pk)
    form = ItemForm(request.POST, item=item, user=request.user)
    status = 200
    if form.is_valid():
        try:
            event = form.event()
            item = batches.correct_item(
                request.user, item, event, organizer=form.cleaned_data["organizer_unit"]
            )
        except (ValidationError, NotAllowed) as error:
            add_service_errors(form, error)
            status = 422
        else:
            if "import" in request.POST:
                item = batches.import_item(request.user, item)
            form = None
            item = next(found for found in selectors.items_of(batch) if found.pk == item.pk)
    else:
        status = 422
    if not request.htmx:
        if status == 200:
            return redirect(reverse("ingest:batch_detail", args=[batch.pk]) + f"#item-{item.pk}")
        messages.error(request, _("Chưa lưu được: xem lỗi ở tin “%(name)s”.") % {"name": item.filename})
    return render(request, "ingest/_item.html", _item_context(request, item, form), status=status)


@login_required
@require_POST
def batch_resume(request, pk: int):
    """ "Đọc tiếp": a batch whose reading stopped (the worker was down) is queued again where it stopped."""
    batch = selectors.get_batch_for(request.user, pk)
    try:
        batches.resume_reading(request.user, batch)
    except NotAllowed as error:
        return HttpResponse(str(error), status=403)
    except ValidationError as error:
        messages.warning(request, " ".join(error.messages))
    else:
        messages.info(request, _("Đã đưa đợt này vào hàng đợi để đọc tiếp các tệp chưa đọc."))
    return redirect("ingest:batch_detail", pk=batch.pk)


@login_required
@require_POST
def batch_import(request, pk: int):
    """Imports every checked item (each in its own savepoint) and shows the batch with each result or error."""
    batch = selectors.get_batch_for(request.user, pk)
    wanted = [value for value in request.POST.getlist("items") if value.isdigit()]
    items = list(batch.items.filter(pk__in=wanted).defer("data"))
    if not items:
        messages.warning(request, _("Chưa chọn tin nào để nhập."))
        return redirect("ingest:batch_detail", pk=batch.pk)
    try:
        done = batches.import_items(request.user, items)
    except NotAllowed as error:
        return HttpResponse(str(error), status=403)
    imported = sum(item.state == ImportItem.State.IMPORTED for item in done)
    messages.info(request, _("Đã nhập %(ok)s/%(n)s tin.") % {"ok": imported, "n": len(done)})
    page = request.POST.get("page", "")
    return redirect(
        reverse("ingest:batch_detail", args=[batch.pk]) + (f"?page={page}" if page.isdigit() else "")
    )
