"""What the register's pages share: the scope filter, the breadcrumbs, the unit filter."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.scope import visible_paths, visible_q
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import filter_units, unit_trail

from .. import forms as register_forms


def scoped(queryset, user, field: str):
    """Limits a queryset to the user's scope on a path column (a superuser's is everything)."""
    return queryset if visible_paths(user) is None else queryset.filter(visible_q(user, field))


def crumbs(user, unit: OrgUnit | None, *tail) -> list[tuple[str, str | None]]:
    """Breadcrumbs of the register: the module, then the unit path (each step opens that unit's list)."""
    list_url = reverse("practices:practice_list")
    trail = [(_("Dân vận khéo"), list_url)]
    if unit is not None:
        trail.extend(unit_trail(user, unit, list_url))
    trail.extend(tail)
    return trail


def unit_filter_choices(user, anchor: OrgUnit | None, role_units) -> list:
    """A short unit list for the filter: the unit's ancestors in scope, the unit, its children, the user's units."""
    units = filter_units(user, anchor, role_units)
    if not units and user.is_superuser:
        for province in OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE).open_on(timezone.localdate()):
            units[province.pk] = province
    return register_forms.tree_choices(units.values(), _("Tất cả đơn vị trong phạm vi"))
