"""The archive page's forms: the upload (which unit the news is read for), and each extraction's correction, whose
lists (people, figures, tasks) are typed one per line."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role
from danvan.accounts.scope import role_q
from danvan.activities.forms.meetings import UnitSelectField, organizer_units
from danvan.core.periods import Period
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import open_on_q, subtree_q

from .units import match_unit, successors_today, within_paths

EVENT_TYPES = [
    ("so_ket", _("Sơ kết")),
    ("tong_ket", _("Tổng kết")),
    ("kiem_tra", _("Kiểm tra, giám sát")),
    ("giao_ban", _("Giao ban")),
    ("hoi_nghi_khac", _("Hội nghị khác")),
    ("doi_thoai", _("Đối thoại")),
    ("tap_huan", _("Tập huấn")),
    ("khac", _("Khác")),
]
LEVELS = [
    ("trung_uong", _("Trung ương")),
    ("tinh", _("Tỉnh")),
    ("huyen", _("Huyện")),
    ("xa", _("Xã")),
    ("khac", _("Khác")),
]
SEPARATOR = "|"
MAX_UNIT_CHOICES = 400


class UploadForm(forms.Form):
    unit = UnitSelectField(label=_("Đọc tin cho đơn vị"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].set_units(organizer_units(user))


def _pairs(text: str, first: str, second: str, label: str, errors: list) -> list[dict]:
    """Lines "a | b" → [{first: a, second: b}]."""
    rows = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        left, _sep, right = line.partition(SEPARATOR)
        if not left.strip():
            errors.append(_("%(label)s, dòng %(n)s: thiếu phần trước dấu |.") % {"label": label, "n": number})
            continue
        rows.append({first: left.strip(), second: right.strip()})
    return rows


def _lines(pairs: list[dict], first: str, second: str) -> str:
    return "\n".join(
        f"{row.get(first) or ''} {SEPARATOR} {row.get(second) or ''}".strip() for row in pairs or []
    )


class ItemForm(forms.Form):
    """One extraction, to correct: every field of the event, and the organiser unit matched (or chosen)."""

    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    event_date = forms.DateField(label=_("Ngày diễn ra"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    event_type = forms.ChoiceField(label=_("Loại sự kiện"), choices=EVENT_TYPES)
    organizer = forms.CharField(label=_("Đơn vị tổ chức (như bài viết)"), max_length=255, required=False)
    organizer_unit = UnitSelectField(label=_("Đơn vị tổ chức trong hệ thống"), required=False)
    organizer_level = forms.ChoiceField(label=_("Cấp"), choices=LEVELS)
    locality = forms.CharField(label=_("Địa bàn"), max_length=255, required=False)
    period = forms.CharField(
        label=_("Kỳ sơ kết, tổng kết"),
        max_length=8,
        required=False,
        help_text=_("Ví dụ 2021H1, 2021H2, 2021."),
    )
    source_url = forms.URLField(
        label=_("Địa chỉ bài gốc"), max_length=500, required=False, assume_scheme="https"
    )
    people = forms.CharField(
        label=_("Người dự"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng: Họ tên | chức vụ"),
    )
    model_counts = forms.CharField(
        label=_("Số mô hình “Dân vận khéo”"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng: số | phạm vi"),
    )
    other_figures = forms.CharField(
        label=_("Số liệu khác"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng: giá trị | nội dung"),
    )
    directed_tasks = forms.CharField(
        label=_("Nhiệm vụ được giao"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng một nhiệm vụ"),
    )

    def __init__(self, *args, item, user, **kwargs):
        self.item = item
        event = item.current_event
        kwargs.setdefault("prefix", f"item-{item.pk}")
        kwargs.setdefault("initial", initial_of(event, item.chosen_unit))
        super().__init__(*args, **kwargs)
        day = _day(event.get("event_date"))
        self.match = (
            match_unit(
                event.get("organizer") or "",
                day,
                within=within_paths(item.batch.unit),
                level=event.get("organizer_level") or "",
            )
            if day
            else None
        )
        unit = self.match.unit if self.match else None
        self.today_units = successors_today(unit, timezone.localdate()) if unit else []
        self.fields["organizer_unit"].set_units(
            unit_choices(user, item.batch.unit, day, self.match.candidates if self.match else []),
            empty_label=_("— Theo tên trong bài —"),
        )

    def clean_period(self):
        code = (self.cleaned_data.get("period") or "").strip().upper()
        if code:
            try:
                Period.parse(code)
            except ValueError as error:
                raise forms.ValidationError(str(error)) from None
        return code

    def event(self) -> dict:
        """The corrected event in the reader's schema."""
        data, errors = self.cleaned_data, []
        code = data.get("period") or ""
        half = code[4:] or ("FULL" if code else None)
        event = {
            "source_url": data.get("source_url") or None,
            "title": data["title"],
            "event_date": data["event_date"].isoformat(),
            "event_type": data["event_type"],
            "organizer": data.get("organizer") or "",
            "organizer_level": data["organizer_level"],
            "locality": data.get("locality") or None,
            "period_reviewed": {"year": int(code[:4]), "half": half}
            if code
            else {"year": None, "half": None},
            "people": [
                {"name": row["name"], "title": row["title"]}
                for row in _pairs(data.get("people"), "name", "title", _("Người dự"), errors)
            ],
            "model_counts": [
                {"count": row["count"], "scope": row["scope"]}
                for row in _pairs(data.get("model_counts"), "count", "scope", _("Số mô hình"), errors)
            ],
            "other_figures": _pairs(data.get("other_figures"), "value", "what", _("Số liệu khác"), errors),
            "directed_tasks": [
                line.strip() for line in (data.get("directed_tasks") or "").splitlines() if line.strip()
            ],
        }
        if errors:
            raise forms.ValidationError(errors)
        return event


def _day(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value or ""))
    except ValueError:
        return None


def initial_of(event: dict, chosen: OrgUnit | None) -> dict:
    period = event.get("period_reviewed") or {}
    code = ""
    if period.get("year"):
        code = f"{period['year']}{period['half'] if period.get('half') in ('H1', 'H2') else ''}"
    day = _day(event.get("event_date"))
    return {
        "title": event.get("title") or "",
        "event_date": day.strftime("%d/%m/%Y") if day else "",
        "event_type": event.get("event_type") or "khac",
        "organizer": event.get("organizer") or "",
        "organizer_unit": chosen.pk if chosen else None,
        "organizer_level": event.get("organizer_level") or "khac",
        "locality": event.get("locality") or "",
        "period": code,
        "source_url": event.get("source_url") or "",
        "people": _lines(event.get("people"), "name", "title"),
        "model_counts": _lines(event.get("model_counts"), "count", "scope"),
        "other_figures": _lines(event.get("other_figures"), "value", "what"),
        "directed_tasks": "\n".join(event.get("directed_tasks") or []),
    }


def unit_choices(user, unit: OrgUnit, day: datetime.date | None, candidates):
    """The organisers one may choose: the units the name matched, and the units (not hamlets nor communes) of the
    batch's subtree the user edits, as they stood on the event's date."""
    allowed = OrgUnit.objects.filter(role_q(user, Role.EDITOR)).exclude(kind=OrgUnit.Kind.HAMLET)
    nearby = allowed.filter(subtree_q(unit.path)).exclude(kind=OrgUnit.Kind.COMMUNE)
    if day is not None:
        nearby = nearby.filter(open_on_q(day))
    ids = list(nearby.order_by("depth", "sort_key").values_list("pk", flat=True)[:MAX_UNIT_CHOICES])
    ids += [candidate.pk for candidate in candidates]
    return allowed.filter(Q(pk__in=ids))
