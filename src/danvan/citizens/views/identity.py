"""Pages of the sealed denouncer identity: the reveal (a keeper states a reason, then sees the denouncers and the
scans), the scans' upload and download, the keepers of a unit, the reveal log. Every page that shows or takes a sealed
value is `never_cache` (Cache-Control: no-store) and `sensitive_post_parameters`/`sensitive_variables`: a crash
leaves nothing of it in Django's error report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from danvan.accounts.scope import units_visible_to
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.forms import add_service_errors
from danvan.core.lists import page_of
from danvan.orgunits.selectors import get_unit_for

from ..forms.identity import KeeperForm, RevealForm, ScanForm
from ..models import IdentityKeeper
from ..selectors import identity as selectors
from ..services import identity as services

NOT_KEEPER = gettext_lazy(
    "Chỉ người được giao xem danh tính người tố cáo của đơn vị xử lý đơn mới xem được trang này."
)


def _crumbs(*tail) -> list:
    return [(_("Đơn thư, tiếp công dân"), reverse("citizens:home")), *tail]


def _petition_crumbs(petition, *tail) -> list:
    return _crumbs(
        (_("Đơn số %(number)s/%(year)s") % {"number": petition.number, "year": petition.year}, None), *tail
    )


def _unit(request):
    """The unit a page looks at: ?unit= (404 outside the scope or malformed), else the unit the user works as."""
    raw = request.GET.get("unit", "")
    if raw:
        if not raw.isdigit() or len(raw) > 12:
            raise Http404(_("Không tìm thấy đơn vị."))
        return get_unit_for(request.user, int(raw))
    current = getattr(request, "current_unit", None) or next(
        iter(getattr(request, "user_units", None) or []), None
    )
    if current is None:
        raise Http404(_("Hãy chọn đơn vị."))
    return current


def _keeper_petition(request, pk):
    petition = selectors.denunciation_for(request.user, pk)
    if not services.can_reveal(request.user, petition):
        raise PermissionDenied(NOT_KEEPER)
    return petition


@never_cache
@sensitive_post_parameters("reason")
@sensitive_variables()
@login_required
def identity(request, pk):
    """GET: the reason form (nothing sealed shown). POST: the reveal, logged, then the denouncers and the scans."""
    petition = _keeper_petition(request, pk)
    form = RevealForm(request.POST or None)
    identities = None
    if request.method == "POST" and form.is_valid():
        try:
            identities = services.reveal_identities(
                request.user, petition, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
    scans = list(selectors.scans_of(petition))
    return render(
        request,
        "citizens/identity/page.html",
        {
            "petition": petition,
            "form": form,
            "identities": identities,
            "reason": form.cleaned_data.get("reason", "") if identities is not None else "",
            "scans": scans,
            "scan_form": ScanForm(),
            "crumbs": _petition_crumbs(petition, (_("Danh tính người tố cáo"), None)),
        },
    )


@never_cache
@sensitive_variables()
@require_POST
@login_required
def identity_scan_upload(request, pk):
    petition = _keeper_petition(request, pk)
    form = ScanForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_scan(request.user, petition, form.cleaned_data["file"])
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        for found in form.errors.values():
            for message in found:
                messages.error(request, message)
    else:
        messages.success(request, _("Đã lưu bản chụp đơn tố cáo (được giữ bí mật)."))
    return redirect("citizens:identity", pk=petition.pk)


@never_cache
@sensitive_post_parameters("reason")
@sensitive_variables()
@require_POST
@login_required
def identity_scan_download(request, pk, scan_pk):
    """A scan, to a keeper who gives the reason again: each download is a reveal of its own."""
    petition = _keeper_petition(request, pk)
    scan = get_object_or_404(selectors.scans_of(petition), pk=scan_pk)
    try:
        services.open_scan(request.user, scan, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        for found in error.message_dict.values():
            for message in found:
                messages.error(request, message)
        return redirect("citizens:identity", pk=petition.pk)
    extension = scan.file.name.rsplit(".", 1)[-1] if "." in scan.file.name else "bin"
    response = FileResponse(
        scan.file.open("rb"),
        as_attachment=True,
        filename=f"ban-chup-don-{petition.number}-{petition.year}-{scan.pk}.{extension}",
        content_type=scan.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def identity_keepers(request):
    """The keepers of a unit: its approvers and admins grant and revoke the role (POST grants)."""
    unit = _unit(request)
    if not services.can_manage_keepers(request.user, unit):
        raise PermissionDenied(
            _("Chỉ lãnh đạo phê duyệt hoặc quản trị của đơn vị mới giao được vai trò này.")
        )
    form = KeeperForm(request.POST or None, candidates=selectors.keeper_candidates(unit))
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_keeper(request.user, user=form.cleaned_data["user"], unit=unit)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã giao vai trò xem danh tính người tố cáo."))
            return redirect(f"{reverse('citizens:identity_keepers')}?unit={unit.pk}")
    return render(
        request,
        "citizens/identity/keepers.html",
        {
            "unit": unit,
            "form": form,
            "keepers": selectors.keepers_of(unit),
            "crumbs": _crumbs((_("Người được xem danh tính người tố cáo"), None)),
        },
    )


@require_POST
@login_required
def identity_keeper_revoke(request, pk):
    keeper = get_object_or_404(
        IdentityKeeper.objects.select_related("unit", "user").filter(unit__in=units_visible_to(request.user)),
        pk=pk,
    )
    try:
        services.revoke_keeper(request.user, keeper)
    except NotAllowed as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, _("Đã thu hồi vai trò xem danh tính người tố cáo."))
    return redirect(f"{reverse('citizens:identity_keepers')}?unit={keeper.unit_id}")


@login_required
def identity_reveal_log(request):
    """Who looked at which denouncers, when, why and how: for the unit's approvers and keepers."""
    unit = _unit(request)
    if not services.can_read_reveals(request.user, unit):
        raise PermissionDenied(
            _("Chỉ lãnh đạo phê duyệt và người được giao của đơn vị mới xem được nhật ký này.")
        )
    return render(
        request,
        "citizens/identity/reveal_log.html",
        {
            "unit": unit,
            "page_obj": page_of(request, selectors.reveals_of(unit)),
            "crumbs": _crumbs((_("Nhật ký xem danh tính người tố cáo"), None)),
        },
    )
