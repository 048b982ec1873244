"""Every write to units, groups and lineage: validated, atomic, logged (DESIGN §3)."""

import datetime
import uuid

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.scope import Role, has_role_on
from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.text import nfc

from .models import OrgUnit, UnitGroup
from .tree import open_during_q, subtree_q

EDITABLE_FIELDS = (
    "name",
    "kind",
    "division_type",
    "agency_type",
    "code",
    "parent",
    "valid_from",
    "valid_to",
    "address",
    "phone",
    "note",
)


def _fmt(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def can_manage_unit(user, kind: str, parent: OrgUnit | None, unit: OrgUnit | None = None) -> bool:
    """Hamlets and agencies: an editor of the parent (or of the unit). Administrative units: an admin above them."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    if kind in OrgUnit.ADMINISTRATIVE_KINDS:
        return parent is not None and has_role_on(user, Role.ADMIN, parent.path)
    if unit is not None and unit.pk and has_role_on(user, Role.EDITOR, unit.path):
        return True
    return parent is not None and has_role_on(user, Role.EDITOR, parent.path)


def validate_unit(unit: OrgUnit) -> None:
    """Raises ValidationError naming each field that is wrong, in Vietnamese."""
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if not unit.name:
        add("name", _("Tên đơn vị không được để trống."))
    elif len(unit.name) > 255:
        add("name", _("Tên đơn vị dài quá 255 ký tự."))
    if unit.kind not in OrgUnit.Kind.values:
        add("kind", _("Loại đơn vị không hợp lệ."))
    else:
        allowed_types = OrgUnit.DIVISION_TYPES_BY_KIND[unit.kind]
        if allowed_types and unit.division_type not in allowed_types:
            labels = ", ".join(str(OrgUnit.DivisionType(t).label) for t in allowed_types)
            add("division_type", _("Loại hình phải là một trong: %(labels)s.") % {"labels": labels})
        if not allowed_types and unit.division_type:
            add("division_type", _("Cơ quan, tổ chức không có loại hình đơn vị hành chính."))
        if unit.kind == OrgUnit.Kind.AGENCY and not unit.agency_type:
            add("agency_type", _("Hãy chọn loại cơ quan, tổ chức."))
        if unit.kind != OrgUnit.Kind.AGENCY and unit.agency_type:
            add("agency_type", _("Chỉ cơ quan, tổ chức mới có loại cơ quan."))
    if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
        add(
            "valid_to",
            _("Ngày kết thúc hiệu lực phải từ ngày bắt đầu hiệu lực (%(d)s) trở đi.")
            % {"d": _fmt(unit.valid_from)},
        )
    _validate_parent(unit, add)
    if unit.code:
        clash = (
            OrgUnit.objects.filter(code=unit.code)
            .filter(open_during_q(unit.valid_from, unit.valid_to))
            .exclude(pk=unit.pk)
            .first()
        )
        if clash:
            add(
                "code",
                _("Mã %(code)s đã được dùng cho %(name)s trong cùng thời gian hiệu lực.")
                % {
                    "code": unit.code,
                    "name": clash.name,
                },
            )
    if errors:
        raise ValidationError(errors)


def _validate_parent(unit: OrgUnit, add) -> None:
    if unit.kind not in OrgUnit.Kind.values:
        return
    allowed_parents = OrgUnit.PARENT_KINDS[unit.kind]
    parent = unit.parent
    if not allowed_parents:
        if parent is not None:
            add("parent", _("Tỉnh, thành phố không có đơn vị cấp trên."))
        return
    if parent is None:
        add("parent", _("Hãy chọn đơn vị cấp trên."))
        return
    if parent.kind not in allowed_parents:
        labels = ", ".join(str(OrgUnit.Kind(k).label).lower() for k in allowed_parents)
        add(
            "parent",
            _("Đơn vị cấp trên của %(kind)s phải là: %(labels)s.")
            % {
                "kind": str(OrgUnit.Kind(unit.kind).label).lower(),
                "labels": labels,
            },
        )
        return
    if unit.pk and parent.path.startswith(unit.path):
        add("parent", _("Không thể chọn chính đơn vị này hoặc đơn vị trực thuộc nó làm đơn vị cấp trên."))
        return
    start = unit.valid_from or timezone.localdate()
    if not parent.is_open_on(start):
        not_yet = parent.valid_from is not None and start < parent.valid_from
        add(
            "parent",
            (
                _("%(parent)s chưa có hiệu lực vào ngày %(day)s (hiệu lực %(span)s).")
                if not_yet
                else _("%(parent)s không còn hiệu lực vào ngày %(day)s (hiệu lực %(span)s).")
            )
            % {
                "parent": parent.name,
                "day": _fmt(start),
                "span": _span(parent),
            },
        )
    elif parent.valid_to and (unit.valid_to is None or unit.valid_to > parent.valid_to):
        add(
            "valid_to",
            _(
                "%(parent)s hết hiệu lực ngày %(day)s; đơn vị trực thuộc phải kết thúc hiệu lực chậm nhất ngày đó."
            )
            % {
                "parent": parent.name,
                "day": _fmt(parent.valid_to),
            },
        )


def _span(unit: OrgUnit) -> str:
    return f"{_fmt(unit.valid_from) or '…'} – {_fmt(unit.valid_to) or '…'}"


def _apply_path(unit: OrgUnit) -> None:
    parent_path = unit.parent.path if unit.parent_id else "/"
    unit.path = f"{parent_path}{unit.pk}/"
    unit.depth = unit.path.count("/") - 2
    root_id = int(unit.path.strip("/").split("/")[0])
    if root_id == unit.pk:
        unit.province_code = unit.code if unit.kind == OrgUnit.Kind.PROVINCE else ""
    else:
        unit.province_code = unit.parent.province_code


@transaction.atomic
def create_unit(actor, **fields) -> OrgUnit:
    unit = OrgUnit(**{k: v for k, v in fields.items() if k in EDITABLE_FIELDS})
    _clean_text(unit)
    if not can_manage_unit(actor, unit.kind, unit.parent):
        raise NotAllowed(
            _("Bạn không có quyền thêm đơn vị vào %(parent)s.")
            % {"parent": unit.parent or _("cấp trung ương")}
        )
    validate_unit(unit)
    unit.path = f"/new-{uuid.uuid4().hex}/"  # unique until the id is known
    unit.save()
    _apply_path(unit)
    unit.save(update_fields=["path", "depth", "province_code"])
    record_change(actor, "create", unit, None, snapshot(unit), unit=unit)
    return unit


@transaction.atomic
def update_unit(actor, unit: OrgUnit, **changes) -> OrgUnit:
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    old_parent = unit.parent
    if not can_manage_unit(actor, unit.kind, old_parent, unit):
        raise NotAllowed(_("Bạn không có quyền sửa %(unit)s.") % {"unit": unit.name})
    before = snapshot(unit)
    for field, value in changes.items():
        if field in EDITABLE_FIELDS:
            setattr(unit, field, value)
    _clean_text(unit)
    if unit.parent_id != getattr(old_parent, "pk", None) and not can_manage_unit(
        actor, unit.kind, unit.parent
    ):
        raise NotAllowed(_("Bạn không có quyền chuyển đơn vị sang %(parent)s.") % {"parent": unit.parent})
    validate_unit(unit)
    _check_children_within(unit)
    moved = unit.parent_id != getattr(old_parent, "pk", None)
    old_path = unit.path
    if moved:
        _apply_path(unit)
    unit.save()
    if moved:
        _move_descendants(old_path, unit)
    after = snapshot(unit)
    if after != before:
        record_change(actor, "update", unit, before, after, unit=unit)
    return unit


def _check_children_within(unit: OrgUnit) -> None:
    if not unit.pk or unit.valid_to is None:
        return
    open_after = unit.children.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=unit.valid_to))
    count = open_after.count()
    if count:
        names = ", ".join(open_after.order_by("sort_key").values_list("name", flat=True)[:5])
        raise ValidationError(
            {
                "valid_to": _(
                    "Còn %(count)s đơn vị trực thuộc còn hiệu lực sau ngày %(day)s (%(names)s…): "
                    "hãy kết thúc hiệu lực hoặc chuyển chúng sang đơn vị khác trước."
                )
                % {"count": count, "day": _fmt(unit.valid_to), "names": names}
            }
        )


def _move_descendants(old_path: str, unit: OrgUnit) -> None:
    descendants = list(OrgUnit.objects.filter(subtree_q(old_path)).exclude(pk=unit.pk))
    for child in descendants:
        child.path = unit.path + child.path[len(old_path) :]
        child.depth = child.path.count("/") - 2
        child.province_code = unit.province_code
    OrgUnit.objects.bulk_update(descendants, ["path", "depth", "province_code"], batch_size=500)


@transaction.atomic
def close_unit(actor, unit: OrgUnit, valid_to: datetime.date, note: str = "") -> OrgUnit:
    """Ends a unit's validity; it stays, with its data and history."""
    changes = {"valid_to": valid_to}
    if note:
        changes["note"] = (unit.note + "\n" if unit.note else "") + note
    return update_unit(actor, unit, **changes)


def _clean_text(unit: OrgUnit) -> None:
    for field in ("name", "code", "address", "phone"):
        setattr(unit, field, nfc(getattr(unit, field) or ""))
    unit.note = (unit.note or "").strip()
    if unit.kind == OrgUnit.Kind.AGENCY:
        unit.division_type = unit.division_type or ""


@transaction.atomic
def save_group(
    actor, group: UnitGroup | None, *, name: str, kind: str, owner: OrgUnit, members, note: str = ""
) -> UnitGroup:
    if not has_role_on(actor, Role.EDITOR, owner.path):
        raise NotAllowed(_("Bạn không có quyền quản lý khối của %(unit)s.") % {"unit": owner.name})
    members = list(members)
    outside = [m.name for m in members if not m.path.startswith(owner.path)]
    if outside:
        raise ValidationError(
            {
                "members": _("Đơn vị không thuộc %(owner)s: %(names)s.")
                % {
                    "owner": owner.name,
                    "names": ", ".join(outside),
                }
            }
        )
    name = nfc(name)
    if not name:
        raise ValidationError({"name": _("Tên khối không được để trống.")})
    if UnitGroup.objects.filter(owner=owner, name=name).exclude(pk=getattr(group, "pk", None)).exists():
        raise ValidationError(
            {"name": _("%(owner)s đã có khối tên “%(name)s”.") % {"owner": owner.name, "name": name}}
        )
    before = snapshot(group) if group else None
    group = group or UnitGroup()
    group.name, group.kind, group.owner, group.note = name, kind, owner, note
    group.save()
    group.members.set(members)
    record_change(actor, "update" if before else "create", group, before, snapshot(group), unit=owner)
    return group
