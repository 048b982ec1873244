"""What the definition pages (indicators, categories, forms, sections, rules) share: who may define, labels."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.accounts.scope import Role, role_paths
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.periods import PERIOD_TYPE_LABELS, PeriodType
from danvan.orgunits.models import OrgUnit

from .. import expressions, selectors, services
from ..models import Form
from .common import crumbs


def can_create_definitions(user) -> bool:
    return user.is_superuser or bool(role_paths(user, Role.ADMIN))


def require_define(user, owner) -> None:
    if not services.can_define(user, owner):
        raise NotAllowed(
            _("Chỉ quản trị của %(unit)s mới sửa được.") % {"unit": owner.name}
            if owner is not None
            else _("Chỉ quản trị hệ thống mới sửa được chỉ tiêu dùng chung toàn quốc.")
        )


def kind_labels(kinds) -> list[str]:
    labels = dict(OrgUnit.Kind.choices)
    return [str(labels.get(kind, kind)) for kind in kinds or []]


def period_type_label(code: str) -> str:
    try:
        return str(PERIOD_TYPE_LABELS[PeriodType(code)])
    except ValueError:
        return code


def safe_codes(text: str) -> frozenset[str]:
    try:
        return expressions.codes_in(text)
    except ValidationError:
        return frozenset()


def definable_form(request, pk) -> Form:
    """The form, 404 outside the user's scope, 403 for a reader who is not an admin of its owner."""
    report_form = selectors.get_form_for(request.user, pk)
    require_define(request.user, report_form.owner)
    return report_form


def tab_url(report_form: Form, tab: str, anchor: str = "") -> str:
    return f"{reverse('reporting:form_detail', args=[report_form.pk])}?tab={tab}{anchor}"


def form_part_crumbs(report_form: Form, tab: str, title: str) -> list[tuple[str, str | None]]:
    """Breadcrumbs of a page about one part of a form (a section, a rule): the forms, the form at that tab, the page."""
    return crumbs(
        (_("Biểu mẫu"), reverse("reporting:form_list")),
        (report_form.name, tab_url(report_form, tab)),
        (title, None),
    )


def edit_crumbs(list_crumb: tuple[str, str], shown: tuple[str, str] | None, title: str) -> list:
    """Breadcrumbs of a definition's create or edit page: its list, the definition when it exists, the page."""
    return crumbs(list_crumb, *([shown] if shown else []), (title, None))


def confirm_delete(request, report_form: Form, target, kind: str, tab: str, title: str, **extra):
    """The page that asks before deleting a part of a form (`kind` names it); cancelling goes back to its tab."""
    context = {
        "report_form": report_form,
        "target": target,
        "kind": kind,
        "back_url": tab_url(report_form, tab),
        "crumbs": form_part_crumbs(report_form, tab, title),
        **extra,
    }
    return render(request, "reporting/definitions/confirm_delete.html", context)
