"""The forms and indicators a user sees, a form's structure, and the units that report a form."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.http import Http404

from danvan.accounts.scope import visible_paths, visible_q
from danvan.core.figures import DEFINITIONS, cached_figures
from danvan.core.periods import Period
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import intersect_paths, open_on_q, path_ids, subtrees_q

from ..models import (
    Category,
    Form,
    Indicator,
    Section,
    SectionIndicator,
    ValidationRule,
)


def forms_visible_to(user):
    """Forms issued by a unit in the user's scope or by an ancestor of one (a commune sees its province's forms)."""
    if user.is_superuser:
        return Form.objects.all()
    return Form.objects.filter(visible_q(user, "owner__path") | Q(owner_id__in=_scope_and_above(user)))


def _scope_and_above(user) -> set[int]:
    """The units the user's scope starts at and every unit above them (whose forms and indicators they follow)."""
    return {unit_id for path in visible_paths(user) or [] for unit_id in path_ids(path)}


def get_form_for(user, pk) -> Form:
    form = forms_visible_to(user).filter(pk=pk).select_related("owner").first()
    if form is None:
        raise Http404
    return form


def indicators_visible_to(user):
    """National indicators, those defined by a unit in the user's scope or by an ancestor of one, and those of the
    forms the user sees."""
    if user.is_superuser:
        return Indicator.objects.all()
    ancestor_ids = _scope_and_above(user)
    forms = forms_visible_to(user)
    in_forms = SectionIndicator.objects.filter(section__form__in=forms).values("indicator_id")
    return Indicator.objects.filter(
        Q(owner__isnull=True)
        | visible_q(user, "owner__path")
        | Q(owner_id__in=ancestor_ids)
        | Q(pk__in=in_forms)
    )


def get_indicator_for(user, pk) -> Indicator:
    indicator = indicators_visible_to(user).filter(pk=pk).select_related("owner").first()
    if indicator is None:
        raise Http404
    return indicator


@dataclass
class FormDefinition:
    """What the grid, a saved cell and a submit need of a form: its sections with their indicators in order
    (categories and options prefetched) and its rules."""

    sections: list[Section]
    rules: list[ValidationRule]

    @property
    def indicators(self) -> list[Indicator]:
        return [item.indicator for section in self.sections for item in section.items.all()]


def form_definition(form_id: int, token: int | None = None) -> FormDefinition:
    """The definition of the form `form_id`, cached under the definitions' version (core.figures.DEFINITIONS, which
    the writes of values do not change): one query while no definition changes (none when the caller read the
    version's `token` already, with `core.figures.token_subquery`), five when one did. Not scoped: the caller has
    the form from the user's scope, or from the user's report of it."""
    return cached_figures(
        "form-definition",
        [DEFINITIONS],
        form_id,
        lambda: _read_definition(form_id),
        tokens=None if token is None else {DEFINITIONS: token},
    )


def _read_definition(form_id: int) -> FormDefinition:
    items = SectionIndicator.objects.select_related("indicator").prefetch_related(
        Prefetch(
            "indicator__categories",
            queryset=Category.objects.prefetch_related("options").order_by("position", "code"),
        )
    )
    sections = list(
        Section.objects.filter(form_id=form_id).prefetch_related(Prefetch("items", queryset=items))
    )
    return FormDefinition(sections, list(ValidationRule.objects.filter(form_id=form_id)))


def form_structure(form: Form) -> list[Section]:
    """The form's sections with their indicators in order (`form_definition`)."""
    return form_definition(form.pk).sections


def current_form_structure(form: Form) -> list[Section]:
    """The form's sections with their indicators read from the database, not from the cache: for the offline form,
    a file kept for days whose fingerprint (`offline.definitions_version`) must be that of the form as it is now,
    whatever changed it (the admin site or a shell bump no cached version). Five queries."""
    return _read_definition(form.pk).sections


def form_indicators(form: Form) -> list[Indicator]:
    return [item.indicator for section in form_structure(form) for item in section.items.all()]


def category_keys(indicator: Indicator) -> list[tuple[str, str]]:
    """(key, label) of each category option combination of the indicator, in order; [("", "")] without categories."""
    combos = [("", "")]
    for category in indicator.categories.all():
        options = list(category.options.all())
        combos = [
            (
                f"{key},{option.code}" if key else option.code,
                f"{label} – {option.name}" if label else option.name,
            )
            for key, label in combos
            for option in options
        ]
    return combos


def reporting_scope(form: Form, root: OrgUnit | None = None) -> tuple[list[str], list[int]]:
    """(paths, khối ids) of the units that report the form: the subtrees of the form's owner, and of `root` if given
    (both through lineage), and the khối the form names (none: every unit of its kinds)."""
    within = lineage_paths(form.owner)
    if root is not None:
        within = intersect_paths(within, lineage_paths(root))
    return within, list(form.reporting_groups.values_list("pk", flat=True))


def expected_units(
    form: Form, period: Period, root: OrgUnit | None = None, scope: tuple[list[str], list[int]] | None = None
):
    """The units expected to report the form for the period: the kinds (and khối) the form names, open at the end of
    the period, in the subtree of the form's owner, and of `root` if given (both through lineage). `scope`: the
    `reporting_scope` already worked out, for several periods."""
    within, groups = scope if scope is not None else reporting_scope(form, root)
    units = OrgUnit.objects.filter(
        subtrees_q(within), open_on_q(period.end), kind__in=form.reporting_kinds or []
    )
    if groups:
        units = units.filter(groups__in=groups).distinct()
    return units.order_by("sort_key", "id")


def forms_for_unit(unit: OrgUnit):
    """Active forms this unit has to report: its kind is named and the form's owner is above it (or was)."""
    forms = Form.objects.filter(is_active=True, owner_id__in=path_ids(unit.path)).prefetch_related(
        "reporting_groups"
    )
    result = []
    for form in forms:
        if unit.kind not in (form.reporting_kinds or []):
            continue
        group_ids = {group.pk for group in form.reporting_groups.all()}
        if group_ids and not unit.groups.filter(pk__in=group_ids).exists():
            continue
        result.append(form)
    return result
