"""Fields for choosing people in the activities' forms (chairs, attendees, minute-takers, inspection teams). Every
form that names people uses these, so the way people are picked is the same everywhere; the queryset is set by the
form from `selectors.people.people_pickable_by(user)`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Person


class PersonLabelMixin:
    def label_from_instance(self, person: Person) -> str:
        return f"{person.name} — {person.unit.name}" if person.unit_id else person.name


class PersonChoiceField(PersonLabelMixin, forms.ModelChoiceField):
    default_error_messages = {
        "invalid_choice": _("Người được chọn không có trong danh sách cán bộ bạn được xem.")
    }

    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset=queryset if queryset is not None else Person.objects.none(), **kwargs)


class PersonMultipleChoiceField(PersonLabelMixin, forms.ModelMultipleChoiceField):
    default_error_messages = {
        "invalid_choice": _("Người được chọn không có trong danh sách cán bộ bạn được xem."),
        "invalid_pk_value": _("“%(pk)s” không phải là mã cán bộ."),
    }

    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset=queryset if queryset is not None else Person.objects.none(), **kwargs)
