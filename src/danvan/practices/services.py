"""Every write to the "Dân vận khéo" register: checked, atomic, logged, and the yearly fact rows kept in step."""

import datetime
import decimal

from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.scope import Role, can_view_path, has_role_on
from danvan.core.changelog import record_change, snapshot
from danvan.core.errors import NotAllowed, ValidationError
from danvan.core.text import fold, nfc, parse_number
from danvan.core.uploads import check_upload
from danvan.orgunits.models import OrgUnit

from .models import (
    Attachment,
    Campaign,
    Commendation,
    Field,
    Level,
    Practice,
    PracticeEvent,
    PracticeResult,
    PracticeYear,
    PracticeYearField,
    Status,
)

EDITABLE = (
    "kind",
    "name",
    "owner",
    "registration_year",
    "person_name",
    "person_position",
    "summary",
    "method",
    "participants",
    "start_date",
    "end_date",
    "contact_name",
    "contact_phone",
    "contact_email",
)
FIRST_YEAR = 2000
# A result's value fits PracticeResult.value (14 digits, 2 after the point).
RESULT_VALUE_LIMIT = decimal.Decimal(10) ** 12
# Which steps may follow which: the lifecycle of a practice.
TRANSITIONS = {
    "implement": ({Status.REGISTERED}, Status.IMPLEMENTING),
    "recognise": ({Status.REGISTERED, Status.IMPLEMENTING}, Status.RECOGNISED),
    "not_recognise": ({Status.REGISTERED, Status.IMPLEMENTING}, Status.NOT_RECOGNISED),
    "stop": ({Status.REGISTERED, Status.IMPLEMENTING, Status.RECOGNISED, Status.REPLICATED}, Status.STOPPED),
    "replicate": ({Status.RECOGNISED, Status.REPLICATED}, Status.REPLICATED),
}
ACTION_LABELS = {
    "register": gettext_lazy("Đăng ký"),
    "implement": gettext_lazy("Bắt đầu thực hiện"),
    "recognise": gettext_lazy("Công nhận"),
    "not_recognise": gettext_lazy("Không công nhận"),
    "stop": gettext_lazy("Dừng thực hiện"),
    "replicate": gettext_lazy("Nhân rộng"),
    "reconfirm": gettext_lazy("Xác nhận tiếp tục"),
}


STANDARD_FIELDS = [
    ("kinh-te", "Kinh tế", 1),
    ("van-hoa-xa-hoi", "Văn hóa – xã hội", 2),
    ("quoc-phong-an-ninh", "Quốc phòng – an ninh", 3),
    ("xay-dung-he-thong-chinh-tri", "Xây dựng hệ thống chính trị", 4),
]


def ensure_standard_fields() -> None:
    """The four standard fields (a migration creates them; this restores them after a test database is flushed)."""
    for code, name, position in STANDARD_FIELDS:
        Field.objects.get_or_create(owner=None, code=code, defaults={"name": name, "position": position})


def level_of(owner: OrgUnit) -> str:
    """The level a unit's practices count at: its own for administrative units and hamlets, its parent's for agencies."""
    by_kind = {
        OrgUnit.Kind.PROVINCE: Level.PROVINCE,
        OrgUnit.Kind.DISTRICT: Level.DISTRICT,
        OrgUnit.Kind.COMMUNE: Level.COMMUNE,
        OrgUnit.Kind.HAMLET: Level.HAMLET,
    }
    if owner.kind in by_kind:
        return by_kind[owner.kind]
    for ancestor in reversed(owner.ancestors()):
        if ancestor.kind in by_kind:
            return by_kind[ancestor.kind]
    return Level.PROVINCE


def can_edit(user, practice_or_owner) -> bool:
    path = practice_or_owner.owner_path if isinstance(practice_or_owner, Practice) else practice_or_owner.path
    return has_role_on(user, Role.EDITOR, path)


def can_assess(user, practice: Practice) -> bool:
    """Recognising is for the approvers above the owner: the Ban of the level above, not the owner itself."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    parent_path = practice.owner_path.rsplit("/", 2)[0] + "/"
    return parent_path != "/" and has_role_on(user, Role.APPROVER, parent_path)


def _is_above(recognising: OrgUnit, owner_path: str) -> bool:
    """Whether a unit (or an agency, through the unit it belongs to) stands strictly above the owner."""
    authority = (
        recognising.parent if recognising.kind == OrgUnit.Kind.AGENCY and recognising.parent else recognising
    )
    return owner_path.startswith(authority.path) and owner_path != authority.path


def validate_practice(practice: Practice, fields: list[Field], results: list[dict]) -> None:
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if not practice.name:
        add("name", _("Tên mô hình, điển hình không được để trống."))
    if practice.kind not in Practice.Kind.values:
        add("kind", _("Loại không hợp lệ: mô hình tập thể hoặc điển hình cá nhân."))
    if practice.kind == Practice.Kind.EXEMPLAR and not practice.person_name:
        add("person_name", _("Điển hình cá nhân cần họ và tên người được nêu gương."))
    this_year = timezone.localdate().year
    if not practice.registration_year or not FIRST_YEAR <= practice.registration_year <= this_year + 1:
        add(
            "registration_year",
            _("Năm đăng ký phải từ %(a)s đến %(b)s.") % {"a": FIRST_YEAR, "b": this_year + 1},
        )
    if practice.contact_email:
        try:
            validate_email(practice.contact_email)
        except ValidationError:
            add("contact_email", _("Thư điện tử liên hệ không hợp lệ."))
    if practice.start_date and practice.end_date and practice.end_date < practice.start_date:
        add("end_date", _("Ngày kết thúc phải sau ngày bắt đầu."))
    if not fields:
        add("fields", _("Chọn ít nhất một lĩnh vực."))
    owner = practice.owner
    if owner is not None and "registration_year" not in errors:  # within datetime.date's years
        year_start = datetime.date(practice.registration_year, 1, 1)
        year_end = datetime.date(practice.registration_year, 12, 31)
        if (owner.valid_from and owner.valid_from > year_end) or (
            owner.valid_to and owner.valid_to < year_start
        ):
            add(
                "owner",
                _("%(unit)s không hoạt động trong năm %(year)s.")
                % {"unit": owner.name, "year": practice.registration_year},
            )
    for field in fields:
        if field.owner_id and owner is not None and not owner.path.startswith(field.owner.path):
            add(
                "fields",
                _("Lĩnh vực “%(f)s” chỉ dùng trong %(u)s.") % {"f": field.name, "u": field.owner.name},
            )
    for index, row in enumerate(results, start=1):
        if not nfc(row.get("indicator", "")):
            add("results", _("Kết quả dòng %(n)s: thiếu tên chỉ tiêu.") % {"n": index})
        value = parse_number(row.get("value", ""))
        if value is None:
            add(
                "results",
                _("Kết quả dòng %(n)s: giá trị “%(v)s” không phải là số.")
                % {"n": index, "v": row.get("value")},
            )
        elif abs(value) >= RESULT_VALUE_LIMIT:
            add("results", _("Kết quả dòng %(n)s: giá trị quá lớn.") % {"n": index})
    if errors:
        raise ValidationError(errors)


def _clean(practice: Practice) -> None:
    for name in ("name", "person_name", "person_position", "contact_name", "contact_phone", "contact_email"):
        setattr(practice, name, nfc(getattr(practice, name) or ""))
    for name in ("summary", "method", "participants"):
        setattr(practice, name, (getattr(practice, name) or "").strip())
    fill_derived(practice)


def fill_derived(practice: Practice, *, level: str | None = None) -> None:
    """What a practice copies from its owner and its words: path, province, level and search key (`level` when the
    caller already knows the owner's, as the demo's bulk load does)."""
    practice.owner_path = practice.owner.path
    practice.province_code = practice.owner.province_code
    practice.level = level or level_of(practice.owner)
    practice.search_key = fold(f"{practice.name} {practice.person_name} {practice.owner.name}")[:600]


def apply_step(practice: Practice, action: str, date: datetime.date, note: str = "") -> None:
    """What a lifecycle step changes on the practice, unchecked and unsaved: its status, and the reason and end date
    of a refusal or a stop. transition(), replicate() and the demo's bulk load all go through it."""
    practice.status = TRANSITIONS[action][1]
    if action in ("not_recognise", "stop"):
        practice.status_reason = nfc(note)
        if action == "stop":
            practice.end_date = practice.end_date or date


def apply_recognition(
    practice: Practice,
    *,
    recognised_by: OrgUnit,
    decision: str,
    date: datetime.date,
    level: str | None = None,
) -> None:
    """The recognition's decision, date, unit and level, unchecked and unsaved."""
    practice.recognition_decision = decision
    practice.recognition_date = date
    practice.recognised_by = recognised_by
    practice.recognition_level = level or level_of(recognised_by)


def practice_snapshot(practice: Practice, *, fields=None, results=None) -> dict:
    """What the change log stores of a practice: its own values, its fields and its results in words (the given
    fields and results, or the stored ones)."""
    if fields is None:
        data = snapshot(practice)
    else:
        data = snapshot(practice, exclude=("fields",))
        data["fields"] = sorted(field.pk for field in fields)
    data["results"] = [str(r) for r in (practice.results.all() if results is None else results)]
    return data


def _save_results(practice: Practice, results: list[dict]) -> None:
    practice.results.all().delete()
    PracticeResult.objects.bulk_create(
        PracticeResult(
            practice=practice,
            indicator=nfc(row["indicator"]),
            unit_of_measure=nfc(row.get("unit_of_measure", "")),
            value=parse_number(row["value"]),
            position=index,
        )
        for index, row in enumerate(results)
    )


def _sync_facts(practice: Practice, years: list[int] | None = None) -> None:
    """Copies owner, level, kind, status and fields onto the practice's yearly fact rows."""
    fields = list(practice.fields.all())
    rows = practice.years.all() if years is None else practice.years.filter(year__in=years)
    rows.update(
        owner=practice.owner,
        owner_path=practice.owner_path,
        province_code=practice.province_code,
        level=practice.level,
        kind=practice.kind,
    )
    latest = practice.years.order_by("-year").first()
    if latest is not None:
        PracticeYear.objects.filter(pk=latest.pk).update(status=practice.status)
    PracticeYearField.objects.filter(practice_year__practice=practice).delete()
    PracticeYearField.objects.bulk_create(
        PracticeYearField.of(row, field) for row in practice.years.all() for field in fields
    )


def _user_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _event(actor, practice: Practice, action: str, date: datetime.date, note: str = "") -> None:
    PracticeEvent.objects.create(
        practice=practice,
        action=action,
        status=practice.status,
        date=date,
        note=note,
        actor=_user_or_none(actor),
    )


def _log(actor, action: str, practice: Practice, before: dict | None) -> None:
    after = practice_snapshot(practice)
    if before != after:
        record_change(actor, action, practice, before, after, unit=practice.owner)


@transaction.atomic
def register_practice(actor, *, owner: OrgUnit, fields, results=(), **data) -> Practice:
    """Registers a model or exemplar for its owner unit and year; it is counted in that year from now on."""
    if not can_edit(actor, owner):
        raise NotAllowed(_("Bạn không có quyền đăng ký mô hình cho %(unit)s.") % {"unit": owner.name})
    practice = Practice(owner=owner, **{k: v for k, v in data.items() if k in EDITABLE and k != "owner"})
    fields, results = list(fields), [dict(r) for r in results]
    _clean(practice)
    validate_practice(practice, fields, results)
    practice.status = Status.REGISTERED
    practice.save()
    practice.fields.set(fields)
    _save_results(practice, results)
    PracticeYear.of(practice, practice.registration_year, confirmed_by=_user_or_none(actor)).save()
    _sync_facts(practice)
    _event(actor, practice, "register", practice.start_date or timezone.localdate())
    _log(actor, "create", practice, None)
    return practice


@transaction.atomic
def update_practice(actor, practice: Practice, *, fields=None, results=None, **changes) -> Practice:
    practice = Practice.objects.select_for_update().select_related("owner").get(pk=practice.pk)
    if not can_edit(actor, practice):
        raise NotAllowed(_("Bạn không có quyền sửa mô hình “%(name)s”.") % {"name": practice.name})
    before = practice_snapshot(practice)
    for name, value in changes.items():
        if name in EDITABLE:
            setattr(practice, name, value)
    if "owner" in changes and not can_edit(actor, practice.owner):
        raise NotAllowed(
            _("Bạn không có quyền chuyển mô hình sang %(unit)s.") % {"unit": practice.owner.name}
        )
    fields = list(practice.fields.all()) if fields is None else list(fields)
    results_rows = [dict(r) for r in results] if results is not None else None
    _clean(practice)
    validate_practice(practice, fields, results_rows or [])
    practice.save()
    practice.fields.set(fields)
    if results_rows is not None:
        _save_results(practice, results_rows)
    if "registration_year" in changes:
        practice.years.filter(year__lt=practice.registration_year).delete()
        if not practice.years.filter(year=practice.registration_year).exists():
            PracticeYear.of(practice, practice.registration_year, confirmed_by=_user_or_none(actor)).save()
    _sync_facts(practice)
    _log(actor, "update", practice, before)
    return practice


@transaction.atomic
def transition(
    actor, practice: Practice, action: str, *, date: datetime.date | None = None, note: str = "", **details
):
    """implement / recognise / not_recognise / stop: moves the practice along its lifecycle, with date and who."""
    practice = Practice.objects.select_for_update().select_related("owner").get(pk=practice.pk)
    if action not in TRANSITIONS or action == "replicate":
        raise ValidationError({"action": _("Bước không hợp lệ.")})
    allowed_from = TRANSITIONS[action][0]
    if action in ("recognise", "not_recognise"):
        if not can_assess(actor, practice):
            raise NotAllowed(
                _("Chỉ người phê duyệt của đơn vị cấp trên mới công nhận hoặc không công nhận mô hình.")
            )
    elif not can_edit(actor, practice):
        raise NotAllowed(_("Bạn không có quyền cập nhật mô hình “%(name)s”.") % {"name": practice.name})
    if practice.status not in allowed_from:
        raise ValidationError(
            {
                "action": _("Không thể “%(a)s” khi mô hình đang ở tình trạng “%(s)s”.")
                % {"a": ACTION_LABELS[action], "s": practice.get_status_display()}
            }
        )
    date = date or timezone.localdate()
    before = practice_snapshot(practice)
    errors = {}
    last = practice.events.order_by("-date", "-id").first()
    if last and date < last.date:
        errors["date"] = [
            _("Ngày không được trước bước “%(a)s” (%(d)s).")
            % {"a": ACTION_LABELS.get(last.action, last.action), "d": last.date.strftime("%d/%m/%Y")}
        ]
    if action in ("not_recognise", "stop") and not nfc(note):
        errors["note"] = [_("Hãy ghi lý do.")]
    if action == "recognise":
        decision = nfc(details.get("decision", ""))
        recognised_by = details.get("recognised_by")
        if not decision:
            errors["decision"] = [_("Hãy nhập số quyết định công nhận.")]
        if recognised_by is None:
            errors["recognised_by"] = [_("Hãy chọn đơn vị công nhận.")]
        elif not _is_above(recognised_by, practice.owner_path):
            errors["recognised_by"] = [
                _("Đơn vị công nhận phải là cấp trên của đơn vị thực hiện (hoặc Ban của cấp trên).")
            ]
        if date > timezone.localdate():
            errors["date"] = [_("Ngày công nhận không được sau hôm nay.")]
    if errors:
        raise ValidationError(errors)
    if action == "recognise":
        apply_recognition(practice, recognised_by=recognised_by, decision=decision, date=date)
    apply_step(practice, action, date, note)
    practice.save()
    _sync_facts(practice)
    _event(actor, practice, action, date, note)
    _log(actor, "update", practice, before)
    return practice


@transaction.atomic
def replicate(
    actor, original: Practice, *, owner: OrgUnit, registration_year: int, name: str = ""
) -> Practice:
    """Spreads a recognised model to another unit: a new practice linked to the original, which becomes replicated."""
    original = Practice.objects.select_for_update().select_related("owner").get(pk=original.pk)
    allowed_from = TRANSITIONS["replicate"][0]
    if original.status not in allowed_from:
        raise ValidationError({"action": _("Chỉ mô hình đã được công nhận mới được nhân rộng.")})
    if owner.pk == original.owner_id:
        raise ValidationError({"owner": _("Hãy chọn một đơn vị khác đơn vị đang thực hiện mô hình.")})
    if not can_view_path(actor, original.owner_path):
        raise NotAllowed()
    replica = register_practice(
        actor,
        owner=owner,
        fields=list(original.fields.all()),
        kind=original.kind,
        name=nfc(name) or original.name,
        registration_year=registration_year,
        summary=original.summary,
        method=original.method,
        person_name=original.person_name,
        person_position=original.person_position,
    )
    replica.replicated_from = original
    replica.save(update_fields=["replicated_from"])
    before = practice_snapshot(original)
    apply_step(original, "replicate", timezone.localdate())
    original.save(update_fields=["status", "updated_at"])
    _sync_facts(original)
    _event(
        actor, original, "replicate", timezone.localdate(), _("Nhân rộng tại %(unit)s") % {"unit": owner.name}
    )
    _log(actor, "update", original, before)
    return replica


@transaction.atomic
def reconfirm(actor, practice: Practice, year: int) -> PracticeYear:
    """Carries a continuing practice into a new year without re-typing it."""
    if not can_edit(actor, practice):
        raise NotAllowed(_("Bạn không có quyền cập nhật mô hình “%(name)s”.") % {"name": practice.name})
    if practice.status in (Status.STOPPED, Status.NOT_RECOGNISED):
        raise ValidationError(
            {"year": _("Mô hình đã dừng hoặc không được công nhận, không thể xác nhận tiếp tục.")}
        )
    last = practice.years.order_by("-year").first()
    if last and year <= last.year:
        raise ValidationError({"year": _("Mô hình đã được tính trong năm %(y)s.") % {"y": last.year}})
    if year > timezone.localdate().year + 1:
        raise ValidationError({"year": _("Năm %(y)s chưa tới.") % {"y": year}})
    row = PracticeYear.of(practice, year, confirmed_by=_user_or_none(actor))
    row.save()
    _sync_facts(practice)
    _event(actor, practice, "reconfirm", timezone.localdate(), str(year))
    record_change(actor, "create", row, None, snapshot(row), unit=practice.owner)
    return row


@transaction.atomic
def add_commendation(actor, practice: Practice, **data) -> Commendation:
    if not (can_edit(actor, practice) or can_assess(actor, practice)):
        raise NotAllowed()
    commendation = Commendation(practice=practice, **data)
    errors = {}
    if commendation.stage not in Commendation.Stage.values:
        errors["stage"] = [_("Giai đoạn không hợp lệ.")]
    if commendation.form not in Commendation.Form.values:
        errors["form"] = [_("Hình thức khen thưởng không hợp lệ.")]
    commendation.awarding_body = nfc(commendation.awarding_body)
    if not commendation.awarding_body:
        errors["awarding_body"] = [_("Hãy nhập cơ quan khen thưởng.")]
    if commendation.stage == Commendation.Stage.AWARDED and not commendation.decision:
        errors["decision"] = [_("Khen thưởng đã quyết định cần số quyết định.")]
    if not commendation.date:
        errors["date"] = [_("Hãy nhập ngày.")]
    if errors:
        raise ValidationError(errors)
    commendation.save()
    record_change(actor, "create", commendation, None, snapshot(commendation), unit=practice.owner)
    return commendation


@transaction.atomic
def add_attachment(actor, practice: Practice, uploaded) -> Attachment:
    """Stores an image, PDF or DOCX under DANVAN_DATA_DIR after checking its type by content, not only its name."""
    if not can_edit(actor, practice):
        raise NotAllowed()
    upload = check_upload(uploaded)
    attachment = Attachment(
        practice=practice,
        original_name=upload.name,
        content_type=upload.content_type,
        size=upload.size,
        uploaded_by=_user_or_none(actor),
    )
    attachment.file.save(f"{practice.pk}{upload.extension}", uploaded, save=False)
    attachment.save()
    record_change(actor, "create", attachment, None, snapshot(attachment), unit=practice.owner)
    return attachment


@transaction.atomic
def remove_attachment(actor, attachment: Attachment) -> None:
    if not can_edit(actor, attachment.practice):
        raise NotAllowed()
    record_change(actor, "delete", attachment, snapshot(attachment), None, unit=attachment.practice.owner)
    storage, path = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(path))


@transaction.atomic
def save_field(
    actor, field: Field | None, *, name: str, owner: OrgUnit, code: str = "", position: int = 100
) -> Field:
    """A local field (e.g. "Xây dựng nông thôn mới") for a unit's subtree."""
    if not has_role_on(actor, Role.ADMIN, owner.path):
        raise NotAllowed(_("Chỉ quản trị đơn vị mới thêm lĩnh vực riêng."))
    name = nfc(name)
    if not name:
        raise ValidationError({"name": _("Tên lĩnh vực không được để trống.")})
    code = slugify(fold(code or name))[:40]
    if Field.objects.filter(owner=owner, code=code).exclude(pk=getattr(field, "pk", None)).exists():
        raise ValidationError({"name": _("%(u)s đã có lĩnh vực này.") % {"u": owner.name}})
    before = snapshot(field) if field else None
    field = field or Field()
    field.name, field.code, field.owner, field.position = name, code, owner, position
    field.save()
    record_change(actor, "update" if before else "create", field, before, snapshot(field), unit=owner)
    return field


@transaction.atomic
def open_campaign(
    actor,
    *,
    unit: OrgUnit,
    year: int,
    title: str,
    deadline=None,
    expected_kinds=(),
    expected_groups=(),
    note="",
):
    """Opens a year's registration for a unit's subtree, naming which units are expected to register."""
    if not has_role_on(actor, Role.APPROVER, unit.path):
        raise NotAllowed(_("Chỉ người phê duyệt của %(u)s mới mở đợt đăng ký.") % {"u": unit.name})
    errors = {}
    if Campaign.objects.filter(unit=unit, year=year).exists():
        errors["year"] = [_("%(u)s đã mở đợt đăng ký năm %(y)s.") % {"u": unit.name, "y": year}]
    kinds = [k for k in expected_kinds if k in OrgUnit.Kind.values]
    groups = list(expected_groups)
    if not kinds and not groups:
        errors["expected_kinds"] = [_("Chọn loại đơn vị hoặc khối phải đăng ký.")]
    if any(group.owner_id != unit.pk for group in groups):
        errors["expected_groups"] = [_("Chỉ chọn khối do %(u)s lập.") % {"u": unit.name}]
    if errors:
        raise ValidationError(errors)
    campaign = Campaign.objects.create(
        unit=unit,
        year=year,
        title=nfc(title) or _("Đăng ký mô hình “Dân vận khéo” năm %(y)s") % {"y": year},
        deadline=deadline,
        expected_kinds=kinds,
        note=note,
    )
    campaign.expected_groups.set(groups)
    record_change(actor, "create", campaign, None, snapshot(campaign), unit=unit)
    return campaign
