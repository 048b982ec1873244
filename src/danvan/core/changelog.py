"""Writes the change log. Every service calls record_change inside its transaction."""

import datetime
import decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

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
NOT_LOGGED = {"password", "created_at", "updated_at", "search_key", "sort_key", "last_login"}


def snapshot(obj: models.Model, exclude: tuple[str, ...] = ()) -> dict:
    """The object's own field values, JSON-ready: what the log stores as before/after."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude or field.name in NOT_LOGGED:
            continue
        data[field.attname] = _plain(getattr(obj, field.attname))
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
