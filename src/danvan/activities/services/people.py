"""People and their posts: who they are (kept by one unit) and the posts they held, from one date to another."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.scope import can_view_path
from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed
from danvan.core.text import fold, nfc, nfc_lines, sort_key
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import covers

from ..models import Person, Post
from .access import can_edit

FIRST_BIRTH_YEAR = 1900
NAME_MAX = Person._meta.get_field("name").max_length
PHONE_MAX = Person._meta.get_field("phone").max_length
EMAIL_MAX = 254
NOTE_MAX = 2000
TITLE_MAX = Post._meta.get_field("title").max_length
PERSON_FIELDS = ("unit", "name", "gender", "birth_year", "phone", "email", "note")
POST_FIELDS = ("title", "unit", "valid_from", "valid_to", "position")
POSITION_MAX = 999
# The earliest and latest dates a post may carry (a typo of the year, 0202 or 20211, is refused).
FIRST_DAY = datetime.date(1900, 1, 1)


def _masked(value: str) -> str:
    """A contact as the change log keeps it: enough to tell that it changed, not enough to read it (the log is read
    by everyone in scope, the contact only by the person's unit and its approvers)."""
    if not value:
        return ""
    if "@" in value:
        local, _at, domain = value.partition("@")
        return f"{local[:1]}•••@{domain}"
    return f"•••{value[-3:]}"


def person_snapshot(person: Person) -> dict:
    data = snapshot(person, exclude=("search_key", "sort_key", "unit_path"))
    data["phone"], data["email"] = _masked(person.phone), _masked(person.email)
    return data


def post_snapshot(post: Post) -> dict:
    return snapshot(post)


def _text(value, field: str, label_max: int, errors: dict, *, required_message: str = "") -> str:
    """NFC text, checked: no control character (a NUL above all), within its length, present if required."""
    text = nfc(str(value or ""))
    if any(ord(ch) < 32 for ch in text):
        errors.setdefault(field, []).append(_("Có ký tự không hợp lệ (ký tự điều khiển)."))
        return ""
    if len(text) > label_max:
        errors.setdefault(field, []).append(_("Dài quá %(max)d ký tự.") % {"max": label_max})
    if required_message and not text:
        errors.setdefault(field, []).append(required_message)
    return text


def _note(value, errors: dict) -> str:
    raw = str(value or "")
    if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in raw):
        errors.setdefault("note", []).append(_("Có ký tự không hợp lệ (ký tự điều khiển)."))
        return ""
    text = nfc_lines(raw)
    if len(text) > NOTE_MAX:
        errors.setdefault("note", []).append(_("Dài quá %(max)d ký tự.") % {"max": NOTE_MAX})
    return text


def clean_person(fields: dict) -> dict:
    """The person's fields checked and normalised; ValidationError naming each wrong field in Vietnamese."""
    errors: dict[str, list[str]] = {}
    cleaned = {}
    cleaned["name"] = _text(
        fields.get("name"), "name", NAME_MAX, errors, required_message=_("Hãy nhập họ và tên.")
    )
    gender = fields.get("gender") or ""
    if gender not in ("", *Person.Gender.values):
        errors.setdefault("gender", []).append(_("Giới tính phải là Nam hoặc Nữ."))
    cleaned["gender"] = gender
    birth_year = fields.get("birth_year")
    if birth_year in ("", None):
        birth_year = None
    else:
        try:
            birth_year = int(str(birth_year).strip())
        except (TypeError, ValueError):
            errors.setdefault("birth_year", []).append(_("Năm sinh phải là một năm có 4 chữ số, ví dụ 1975."))
            birth_year = None
        else:
            this_year = timezone.localdate().year
            if not FIRST_BIRTH_YEAR <= birth_year <= this_year:
                errors.setdefault("birth_year", []).append(
                    _("Năm sinh phải từ %(first)d đến %(last)d.")
                    % {"first": FIRST_BIRTH_YEAR, "last": this_year}
                )
                birth_year = None
    cleaned["birth_year"] = birth_year
    cleaned["phone"] = _text(fields.get("phone"), "phone", PHONE_MAX, errors)
    if cleaned["phone"] and not all(ch.isdigit() or ch in " +-.()" for ch in cleaned["phone"]):
        errors.setdefault("phone", []).append(
            _("Số điện thoại chỉ gồm chữ số, dấu cách và các dấu + - . ( ), ví dụ 0206 3852 123.")
        )
    email = _text(fields.get("email"), "email", EMAIL_MAX, errors).lower()
    if email and "email" not in errors:
        try:
            validate_email(email)
        except ValidationError:
            errors.setdefault("email", []).append(_("Thư điện tử không hợp lệ, ví dụ: ten@caobang.gov.vn."))
    cleaned["email"] = email
    cleaned["note"] = _note(fields.get("note"), errors)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_unit(actor, unit) -> None:
    if not isinstance(unit, OrgUnit):
        raise ValidationError({"unit": [_("Hãy chọn đơn vị quản lý.")]})
    if not can_edit(actor, unit):
        raise NotAllowed(_("Bạn không có quyền ghi cán bộ của %(unit)s.") % {"unit": unit.name})


def _keys(person: Person) -> None:
    person.unit_path = person.unit.path
    person.search_key = fold(person.name)[:300]
    person.sort_key = sort_key(person.name)[:300]


@transaction.atomic
def create_person(
    actor,
    *,
    unit: OrgUnit,
    name: str,
    gender: str = "",
    birth_year=None,
    phone: str = "",
    email: str = "",
    note: str = "",
) -> Person:
    """A person kept by `unit` (the editors of which, and above, may record them)."""
    _check_unit(actor, unit)
    cleaned = clean_person(
        {
            "name": name,
            "gender": gender,
            "birth_year": birth_year,
            "phone": phone,
            "email": email,
            "note": note,
        }
    )
    person = Person(unit=unit, **cleaned)
    _keys(person)
    person.save()
    record_change(actor, "create", person, None, person_snapshot(person), unit=unit)
    return person


@transaction.atomic
def update_person(actor, person: Person, **fields) -> Person:
    """Changes the fields given (those of create_person); moving a person to another unit needs the right to edit
    both."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError({name: [_("Trường không sửa được.")] for name in sorted(unknown)})
    person = Person.objects.select_for_update(of=("self",)).select_related("unit").get(pk=person.pk)
    if not can_edit(actor, person.unit):
        raise NotAllowed(_("Bạn không có quyền sửa cán bộ của %(unit)s.") % {"unit": person.unit.name})
    unit = fields.pop("unit", person.unit)
    if unit != person.unit:
        _check_unit(actor, unit)
    current = {name: getattr(person, name) for name in PERSON_FIELDS if name != "unit"}
    cleaned = clean_person({**current, **fields})
    raw_before, before = snapshot(person), person_snapshot(person)
    for name, value in cleaned.items():
        setattr(person, name, value)
    person.unit = unit
    _keys(person)
    if snapshot(person) != raw_before:
        person.save()
        record_change(actor, "update", person, before, person_snapshot(person), unit=unit)
    return person


def _parse_day(value, field: str, errors: dict) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, str):
        for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                value = datetime.datetime.strptime(value.strip(), pattern).date()
                break
            except ValueError:
                continue
    if not isinstance(value, datetime.date):
        errors.setdefault(field, []).append(
            _("Ngày không hợp lệ: hãy ghi dạng dd/mm/yyyy, ví dụ 22/07/2021.")
        )
        return None
    last = datetime.date(timezone.localdate().year + 50, 12, 31)
    if not FIRST_DAY <= value <= last:
        errors.setdefault(field, []).append(
            _("Ngày %(day)s không hợp lệ: năm phải từ %(first)d đến %(last)d.")
            % {"day": value.strftime("%d/%m/%Y"), "first": FIRST_DAY.year, "last": last.year}
        )
        return None
    return value


def _post_unit_allowed(actor, person: Person, unit: OrgUnit) -> bool:
    """A post is held at a unit the actor may see, or at one above the unit keeping the person (a commune's
    officer may sit on the district's committee)."""
    return can_view_path(actor, unit.path) or covers([unit.path], person.unit_path) or actor is None


def clean_post(actor, person: Person, fields: dict) -> dict:
    errors: dict[str, list[str]] = {}
    cleaned = {
        "title": _text(
            fields.get("title"), "title", TITLE_MAX, errors, required_message=_("Hãy nhập chức vụ.")
        )
    }
    unit = fields.get("unit")
    if unit is not None and not isinstance(unit, OrgUnit):
        errors.setdefault("unit", []).append(_("Đơn vị không hợp lệ."))
        unit = None
    if unit is not None and not _post_unit_allowed(actor, person, unit):
        errors.setdefault("unit", []).append(_("%(unit)s nằm ngoài phạm vi của bạn.") % {"unit": unit.name})
    cleaned["unit"] = unit
    valid_from = _parse_day(fields.get("valid_from"), "valid_from", errors)
    valid_to = _parse_day(fields.get("valid_to"), "valid_to", errors)
    if valid_from and valid_to and valid_to < valid_from:
        errors.setdefault("valid_to", []).append(
            _("Ngày thôi giữ chức vụ (%(to)s) trước ngày bắt đầu (%(from)s).")
            % {"to": valid_to.strftime("%d/%m/%Y"), "from": valid_from.strftime("%d/%m/%Y")}
        )
    if unit is not None and "unit" not in errors:
        if valid_from and unit.valid_to and valid_from > unit.valid_to:
            errors.setdefault("valid_from", []).append(
                _("%(unit)s đã kết thúc hoạt động từ %(day)s, trước ngày bắt đầu giữ chức vụ.")
                % {"unit": unit.name, "day": unit.valid_to.strftime("%d/%m/%Y")}
            )
        if valid_to and unit.valid_from and valid_to < unit.valid_from:
            errors.setdefault("valid_to", []).append(
                _("%(unit)s chỉ được thành lập từ %(day)s, sau ngày thôi giữ chức vụ.")
                % {"unit": unit.name, "day": unit.valid_from.strftime("%d/%m/%Y")}
            )
    cleaned["valid_from"], cleaned["valid_to"] = valid_from, valid_to
    position = fields.get("position")
    if position not in (None, ""):
        try:
            position = int(position)
        except (TypeError, ValueError):
            position = -1
        if not 1 <= position <= POSITION_MAX:
            errors.setdefault("position", []).append(
                _("Thứ tự phải là số từ 1 đến %(max)d.") % {"max": POSITION_MAX}
            )
    cleaned["position"] = None if position in (None, "") else position
    if errors:
        raise ValidationError(errors)
    return cleaned


def _editable_person(actor, person: Person) -> Person:
    person = Person.objects.select_for_update(of=("self",)).select_related("unit").get(pk=person.pk)
    if not can_edit(actor, person.unit):
        raise NotAllowed(
            _("Bạn không có quyền ghi chức vụ của cán bộ thuộc %(unit)s.") % {"unit": person.unit.name}
        )
    return person


@transaction.atomic
def add_post(
    actor,
    person: Person,
    *,
    title: str,
    unit: OrgUnit | None = None,
    valid_from=None,
    valid_to=None,
    position: int | None = None,
) -> Post:
    """A post of `person` (after their other posts unless `position` says where it is listed)."""
    person = _editable_person(actor, person)
    cleaned = clean_post(
        actor,
        person,
        {"title": title, "unit": unit, "valid_from": valid_from, "valid_to": valid_to, "position": position},
    )
    if cleaned["position"] is None:
        last = person.posts.aggregate(last=Max("position"))["last"] or 0
        cleaned["position"] = min(last + 1, POSITION_MAX)
    post = Post.objects.create(person=person, **cleaned)
    record_change(actor, "create", post, None, post_snapshot(post), unit=person.unit)
    return post


@transaction.atomic
def update_post(actor, post: Post, **fields) -> Post:
    """Changes the fields given (title, unit, valid_from, valid_to, position)."""
    unknown = set(fields) - set(POST_FIELDS)
    if unknown:
        raise ValidationError({name: [_("Trường không sửa được.")] for name in sorted(unknown)})
    post = Post.objects.select_for_update(of=("self",)).select_related("unit").get(pk=post.pk)
    person = _editable_person(actor, post.person)
    current = {name: getattr(post, name) for name in POST_FIELDS}
    cleaned = clean_post(actor, person, {**current, **fields})
    if cleaned["position"] is None:
        cleaned["position"] = post.position
    before = post_snapshot(post)
    for name, value in cleaned.items():
        setattr(post, name, value)
    after = post_snapshot(post)
    if after != before:
        post.save()
        record_change(actor, "update", post, before, after, unit=person.unit)
    return post


def end_post(actor, post: Post, *, valid_to) -> Post:
    """The person stops holding the post on `valid_to` (its last day)."""
    if valid_to in (None, ""):
        raise ValidationError({"valid_to": [_("Hãy nhập ngày thôi giữ chức vụ.")]})
    return update_post(actor, post, valid_to=valid_to)


@transaction.atomic
def delete_post(actor, post: Post) -> None:
    """Removes a post typed by mistake (a post that ended is ended, not deleted: the records of its time show it)."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    person = _editable_person(actor, post.person)
    before = post_snapshot(post)
    record_change(actor, "delete", post, before, None, unit=person.unit)
    post.delete()
