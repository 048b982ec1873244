"""The page's context: breadcrumbs, the unit picker, the chosen layout built."""

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.scope import can_view_path, units_visible_to
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import open_on_q

from .choice import LAYOUTS, NATION, PERIODS, STATUSES, Choice, choose
from .notes import register_note, tree_notes
from .tables import build_periods, build_units, coverage_text, form_sections


def _module_url() -> str | None:
    try:
        return reverse("reporting:home")
    except NoReverseMatch:
        return None


def crumbs(user, choice: Choice, page: str) -> list[tuple[str, str | None]]:
    """Báo cáo › Tổng hợp số liệu › the unit path, each step opening that unit's figures."""
    trail = [
        (_("Báo cáo"), _module_url() or page),
        (_("Tổng hợp số liệu"), f"{page}?{choice.query(unit='')}"),
    ]
    if user.is_superuser:
        trail.append((_("Toàn quốc"), f"{page}?{choice.query(unit=NATION)}"))
    if choice.unit is not None:
        for ancestor in [*choice.unit.ancestors(), choice.unit]:
            visible = can_view_path(user, ancestor.path)
            trail.append((ancestor.name, f"{page}?{choice.query(unit=ancestor.pk)}" if visible else None))
    return trail


def unit_options(request, choice: Choice) -> list[tuple[str, str]]:
    """A short list for the unit picker: the country (superusers), the user's units, the shown unit's ancestors in
    scope, the unit and its children open at the end of the newest period."""
    user = request.user
    options: list[tuple[str, str]] = []
    seen: set[int] = set()
    if user.is_superuser:
        options.append((NATION, _("Toàn quốc")))

    def add(unit, indent=0):
        if unit.pk not in seen:
            seen.add(unit.pk)
            options.append((str(unit.pk), "\u2003" * indent + unit.name))

    for own in getattr(request, "user_units", []):
        add(own)
    if choice.unit is not None:
        chain = [a for a in choice.unit.ancestors() if can_view_path(user, a.path)]
        for depth, ancestor in enumerate(chain):
            add(ancestor, depth)
        add(choice.unit, len(chain))
        day = max(choice.periods).end if choice.periods else timezone.localdate()
        children = units_visible_to(user).filter(parent=choice.unit).filter(open_on_q(day)).vietnamese_order()
        for child in children:
            add(child, len(chain) + 1)
    elif choice.nation:
        for province in OrgUnit.objects.filter(
            kind=OrgUnit.Kind.PROVINCE, valid_to__isnull=True
        ).vietnamese_order():
            add(province, 1)
    return options


def coverage_note(choice: Choice) -> str:
    """What the totals count, for the page and the export: the status chosen and each period's coverage."""
    parts = [f"{p.label}: {coverage_text(choice.coverage[p.code])}" for p in choice.periods]
    return _("Số liệu tổng hợp từ %(which)s. %(parts)s.") % {
        "which": {
            "approved": _("báo cáo đã duyệt"),
            "submitted": _("báo cáo đã nộp (chờ duyệt và đã duyệt)"),
            "all": _("mọi báo cáo, kể cả báo cáo đang nhập và bị trả lại"),
        }[choice.status],
        "parts": "; ".join(parts),
    }


def page_context(request) -> dict:
    choice = choose(request)
    page = reverse("reporting:analytics")
    context = {
        "choice": choice,
        "layouts": [(key, str(label)) for key, label in LAYOUTS],
        "statuses": [(key, str(label)) for key, label in STATUSES],
        "crumbs": crumbs(request.user, choice, page),
    }
    if choice.form is None or (choice.unit is None and not choice.nation):
        return context
    sections = form_sections(choice.structure, choice.section)
    indicators = [i for _s, items in sections for i in items]
    context.update(
        {
            "unit_options": unit_options(request, choice),
            "sections": [(section.pk, section.title) for section in choice.structure],
            "chart_indicators": [(i.code, i.name) for i in indicators],
            "chosen_codes": [p.code for p in choice.periods],
            "export_query": choice.query(),
            "periods_url": f"{page}?{choice.query(layout=PERIODS)}",
            "notes": [
                coverage_note(choice),
                *tree_notes(choice, indicators),
                *[note for note in [register_note(choice, indicators)] if note],
            ],
            "units_url": f"{page}?{choice.query(units='' if choice.show_units else '1')}",
        }
    )
    if choice.layout == PERIODS:
        built = build_periods(choice, sections)
        context.update(built)
        context["has_figures"] = built["has_figures"]
    else:
        built = build_units(choice, indicators, page)
        context.update(built)
        context["has_figures"] = any(t.total.has_figures or t.rows for t in built["tables"])
    context["chart"] = built["chart"]
    return context
