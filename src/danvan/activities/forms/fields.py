"""Fields for choosing people in the activities' forms (chairs, attendees, minute-takers, inspection teams). Every
form that names people uses these, so the way people are picked is the same everywhere; the queryset is set by the
form from `selectors.people.people_pickable_by(user)`, and the form's date by `field.on = day` (the meeting's, the
inspection's): each option reads "Vũ Văn Minh — UV BTV Thành ủy, Trưởng Ban Dân vận", the titles held that day.

The select is searchable: a search box above it keeps the options whose label holds every word typed, accents and
case aside ("vu van minh" finds "Vũ Văn Minh"), so a list of hundreds of people stays usable; without JavaScript it
is a plain select."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Person
from ..selectors.people import titles_on


class SearchableSelect(forms.Select):
    """A select with a search box above it (activities/picker.js filters the options as one types)."""

    template_name = "activities/widgets/searchable_select.html"
    search_placeholder = _("Gõ để tìm (không dấu cũng được)")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_placeholder"] = self.search_placeholder
        return context


class SearchableSelectMultiple(SearchableSelect, forms.SelectMultiple):
    allow_multiple_selected = True

    def __init__(self, attrs=None, choices=()):
        super().__init__({"size": 8, **(attrs or {})}, choices)


class PersonLabelMixin:
    """Labels each person with the titles held on the form's date (`on`, today by default), read for all the options
    in one query; a person holding no post that day is labelled with the unit keeping them."""

    _on: datetime.date | None = None
    _titles_cache: dict | None = None

    @property
    def on(self) -> datetime.date | None:
        return self._on

    @on.setter
    def on(self, day: datetime.date | None) -> None:
        self._on = day
        self._titles_cache = None

    def _get_queryset(self):
        return self._queryset

    def _set_queryset(self, queryset):
        self._titles_cache = None
        super()._set_queryset(queryset)

    queryset = property(_get_queryset, _set_queryset)

    def _titles(self) -> dict[int, str]:
        if self._titles_cache is None:
            ids = list(self.queryset.values_list("pk", flat=True))
            self._titles_cache = titles_on(ids, self.on or timezone.localdate())
        return self._titles_cache

    def label_from_instance(self, person: Person) -> str:
        titles = self._titles().get(person.pk)
        if titles:
            return f"{person.name} — {titles}"
        return f"{person.name} — {person.unit.name}" if person.unit_id else person.name


class PersonChoiceField(PersonLabelMixin, forms.ModelChoiceField):
    widget = SearchableSelect
    default_error_messages = {
        "invalid_choice": _("Người được chọn không có trong danh sách cán bộ bạn được xem.")
    }

    def __init__(self, queryset=None, *, on: datetime.date | None = None, **kwargs):
        super().__init__(queryset=queryset if queryset is not None else Person.objects.none(), **kwargs)
        self.on = on


class PersonMultipleChoiceField(PersonLabelMixin, forms.ModelMultipleChoiceField):
    widget = SearchableSelectMultiple
    default_error_messages = {
        "invalid_choice": _("Người được chọn không có trong danh sách cán bộ bạn được xem."),
        "invalid_pk_value": _("“%(pk)s” không phải là mã cán bộ."),
    }

    def __init__(self, queryset=None, *, on: datetime.date | None = None, **kwargs):
        super().__init__(queryset=queryset if queryset is not None else Person.objects.none(), **kwargs)
        self.on = on
