"""Writes the change log. Every service calls record_change inside its transaction."""

import datetime
import decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import figures
from .context import current_request_id
from .models import ChangeLog


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name
    return value


# Derived or secret fields: they change with the others or must never be stored.
NOT_LOGGED = {
    "password",
    "created_at",
    "updated_at",
    "search_key",
    "sort_key",
    "last_login",
    "unread_notifications",
}


# What the log keeps of a sealed field (a model's `SEALED_FIELDS`: a denouncer's name, address, contact, scan):
# that there is a value, never the value.
SEALED = "•••"


def sealed_fields(obj: models.Model) -> tuple[str, ...]:
    """The fields of `obj` the change log never stores (its model's `SEALED_FIELDS`), by name and by attname."""
    names = getattr(obj, "SEALED_FIELDS", ())
    return tuple({*names, *(obj._meta.get_field(name).attname for name in names)})


def _sealed_dict(obj: models.Model, data: dict | None) -> dict | None:
    """`data` with the sealed fields' values masked, whoever built it: a caller's own dict cannot leak them."""
    sealed = sealed_fields(obj)
    if data is None or not sealed:
        return data
    return {
        key: (SEALED if value not in (None, "") else "") if key in sealed else value
        for key, value in data.items()
    }


def snapshot(obj: models.Model, exclude: tuple[str, ...] = ()) -> dict:
    """The object's own field values, JSON-ready: what the log stores as before/after (sealed fields masked)."""
    data = {}
    sealed = sealed_fields(obj)
    for field in obj._meta.concrete_fields:
        if field.name in exclude or field.name in NOT_LOGGED:
            continue
        value = _plain(getattr(obj, field.attname))
        data[field.attname] = (SEALED if value not in (None, "") else "") if field.name in sealed else value
    for field in obj._meta.many_to_many:
        if field.name in exclude or obj.pk is None:
            continue
        data[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    return data


def record_change(actor, action: str, obj: models.Model, before: dict | None, after: dict | None, unit=None):
    kinds = {obj._meta.app_label, *getattr(obj, "FIGURES_KINDS", ())} & set(figures.KINDS)
    if kinds:
        figures.bump_figures_version(*kinds)
    entry = change_entry(actor, action, obj, before, after, unit=unit)
    entry.save(force_insert=True)
    return entry


def change_entry(
    actor, action: str, obj: models.Model, before: dict | None, after: dict | None, unit=None
) -> ChangeLog:
    """The change-log row record_change() saves, unsaved: for bulk loads that write many rows at once (the caller
    then bumps the figures' version itself)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    before, after = _sealed_dict(obj, before), _sealed_dict(obj, after)
    return ChangeLog(
        user=user,
        user_name=getattr(user, "username", "") if user else "hệ thống",
        request_id=current_request_id(),
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        unit=unit,
        unit_path=getattr(unit, "path", "") or "",
        before=before,
        after=after,
    )


def history_for(obj: models.Model):
    return ChangeLog.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True), object_id=str(obj.pk)
    ).select_related("user")


def changes_in_words(entry: ChangeLog) -> list[tuple[str, str, str]]:
    """[(label, before, after)] of an entry's changed fields as a user reads them: the field's label, the choice's
    label, dates dd/mm/yyyy, Có/Không, the related object's name ("Tình trạng: Đăng ký → Được công nhận")."""
    model = entry.content_type.model_class()
    fields = {}
    if model is not None:
        for field in model._meta.get_fields():
            if getattr(field, "concrete", False) or field.many_to_many:
                fields[getattr(field, "attname", field.name)] = field
                fields[field.name] = field
    rows = []
    for name, before, after in entry.changed_fields():
        field = fields.get(name)
        label = capfirst(str(field.verbose_name)) if field is not None and not field.auto_created else name
        rows.append((label, _in_words(field, before), _in_words(field, after)))
    return rows


def _in_words(field, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if field is None:
        return str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return str(_("Có") if value else _("Không"))
    if isinstance(field, models.DateTimeField | models.DateField):
        return _date_in_words(field, value)
    if field.many_to_many or field.many_to_one or field.one_to_one:
        ids = value if isinstance(value, list) else [value]
        names = {obj.pk: str(obj) for obj in field.related_model._base_manager.filter(pk__in=ids)}
        return ", ".join(names.get(pk, f"#{pk}") for pk in ids)
    return str(value)


def _date_in_words(field, value) -> str:
    try:
        if isinstance(field, models.DateTimeField):
            moment = datetime.datetime.fromisoformat(value)
            moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
            return moment.strftime("%d/%m/%Y %H:%M")
        return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return str(value)
