"""Notes on the tree a period is counted over: the old units a pre-reform figure was added up from, and the units a
merged unit was formed from."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.text import vn_number
from danvan.orgunits.models import REFORM_DATE, OrgUnit
from danvan.orgunits.tree import outermost, subtree_q
from danvan.practices.selectors import year_summary

from ..models import Indicator, Value
from .choice import (
    Choice,
)

# "161 xã, phường, thị trấn cũ": the kinds of the old units a pre-reform figure was added up from.
OLD_KINDS = {
    OrgUnit.Kind.PROVINCE: gettext_lazy("tỉnh, thành phố"),
    OrgUnit.Kind.DISTRICT: gettext_lazy("huyện, quận, thị xã, thành phố"),
    OrgUnit.Kind.COMMUNE: gettext_lazy("xã, phường, thị trấn"),
    OrgUnit.Kind.HAMLET: gettext_lazy("thôn, tổ dân phố"),
    OrgUnit.Kind.AGENCY: gettext_lazy("cơ quan, tổ chức"),
}


def _closed_since(choice: Choice, today: datetime.date) -> bool:
    """Whether a unit of the chosen tree closed between the start of the earliest period and today."""
    q = Q(pk__in=[])
    for path in outermost(choice.paths):
        q |= subtree_q(path)
    first = min(period.start for period in choice.periods)
    return OrgUnit.objects.filter(q, valid_to__lt=today, valid_to__gte=first).exists()


def tree_notes(choice: Choice, indicators: list[Indicator]) -> list[str]:
    """Why an earlier period's figure is what it is: added up over the units valid then (how many old units, by
    kind), and for a unit made in a merger, through its predecessors (named)."""
    notes = []
    today = timezone.localdate()
    predecessors = []
    if choice.paths and len(choice.paths) > 1:
        predecessors = list(OrgUnit.objects.filter(path__in=choice.paths[1:]).order_by("sort_key"))
    early = [p for p in choice.periods if p.end < REFORM_DATE]
    counts: dict[str, list[tuple[str, int]]] = {}
    # The whole country is not worth a count of every old unit; nor is a tree in which no unit has closed since the
    # first period began (a unit holds figures only for periods it was open in): the count reads every figure.
    if choice.periods and choice.paths is not None and _closed_since(choice, today):
        found = Value.objects.filter(
            period__in=[p.code for p in choice.periods],
            indicator_id__in=[i.pk for i in indicators],
            unit__valid_to__lt=today,
        )
        q = Q(pk__in=[])
        for path in outermost(choice.paths):
            q |= subtree_q(path, "unit_path")
        found = found.filter(q)
        for row in (
            found.values("period", "unit__kind")
            .annotate(n=Count("unit_id", distinct=True))
            .order_by("period", "unit__kind")
        ):
            counts.setdefault(row["period"], []).append((row["unit__kind"], row["n"]))
    for period in choice.periods:
        parts = [
            vn_number(n) + " " + str(OLD_KINDS.get(kind, kind)) + " " + _("cũ")
            for kind, n in counts.get(period.code, [])
        ]
        if parts:
            notes.append(
                _(
                    "Số liệu %(period)s của %(unit)s được cộng từ các đơn vị trước sắp xếp, theo cây đơn vị khi "
                    "đó (%(units)s)."
                )
                % {"period": period.label, "unit": choice.scope_name, "units": ", ".join(parts)}
            )
        elif period in early:
            notes.append(
                _("Số liệu %(period)s được tổng hợp theo cây đơn vị khi đó (trước sắp xếp ngày %(date)s).")
                % {"period": period.label, "date": REFORM_DATE.strftime("%d/%m/%Y")}
            )
    if predecessors and (early or counts):
        notes.append(
            _(
                "%(unit)s được hình thành từ sắp xếp: số liệu các kỳ trước là của các đơn vị cũ hợp thành: %(names)s."
            )
            % {"unit": choice.scope_name, "names": ", ".join(u.name for u in predecessors)}
        )
    return notes


def register_note(choice: Choice, indicators: list[Indicator]) -> str:
    """Why a figure bound to the "Dân vận khéo" register may differ from the register's own count: the report adds
    up what the reporting units reported (their report counted by the chosen status), while the register counts
    every model in the subtree, those of units that do not report this form (the province's own, agencies) too."""
    if not any(i.source for i in indicators) or not choice.periods or choice.form is None:
        return ""
    reporting_kinds = choice.form.reporting_kinds or []
    if choice.unit is not None and choice.unit.kind in reporting_kinds:
        return ""  # a reporting unit's own figure is the register's count of its subtree
    year = max(choice.periods).year
    summary = year_summary(choice.unit, year, choice.paths)  # the unit's lineage, read by the choice
    return _(
        "Các chỉ tiêu lấy từ sổ theo dõi “Dân vận khéo” ở đây là tổng số liệu trong báo cáo của các đơn vị "
        "báo cáo được tính; sổ theo dõi của %(unit)s năm %(year)s có %(total)s mô hình, điển hình đăng ký "
        "(%(recognised)s được công nhận, kể cả đã nhân rộng), tính cả mô hình của đơn vị không báo cáo biểu mẫu "
        "này và của đơn vị chưa có báo cáo được tính."
    ) % {
        "unit": choice.scope_name,
        "year": year,
        "total": vn_number(summary["total"]),
        "recognised": vn_number(summary["recognised"]),
    }
