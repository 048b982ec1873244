"""A petition's steps after its receipt: one `transition(actor, petition, action, *, on, **details)` for every step of
`PetitionStep.Action`, called by the pages and the API alike. Each step is dated and attributed (`PetitionStep`),
taken on the locked row, logged, and sets the legal clock running next (`clock_step`, `clock_from`, `due_on`, computed
by `citizens.clocks.petition_deadline`)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import UnitRole, User
from danvan.core.changelog import record_change
from danvan.core.errors import NotAllowed
from danvan.core.text import clean_text
from danvan.orgunits.models import OrgUnit

from ..clocks import deadline, petition_deadline
from ..models import Extension, Petition, PetitionStep, PetitionTransfer, Suspension
from .access import can_handle
from .petition_notices import announce_assignment, announce_transfer
from .petitions import (
    _next_number,
    by_name,
    initial_clock,
    party_reception_date,
    petition_snapshot,
    previous_number,
)

Action = PetitionStep.Action
Stage = Petition.Stage
Kind = Petition.Kind

COMPLAINTS = (Kind.KHIEU_NAI_1, Kind.KHIEU_NAI_2)
INFORMATION = (Kind.KIEN_NGHI, Kind.PHAN_ANH)
HANDLING = (Stage.ACCEPTED, Stage.ASSIGNED, Stage.VERIFIED)  # accepted, not yet resolved: the resolution runs
FINISHED = (Stage.REFUSED, Stage.RESOLVED, Stage.CLOSED, Stage.WITHDRAWN, Stage.MERGED)
ACCEPTANCE_CLOCK = {Kind.KHIEU_NAI_1: "khieu_nai_lan_1.thu_ly", Kind.KHIEU_NAI_2: "khieu_nai_lan_2.thu_ly"}
RESOLUTION_CLOCK = {
    Kind.KHIEU_NAI_1: "khieu_nai_lan_1.giai_quyet",
    Kind.KHIEU_NAI_2: "khieu_nai_lan_2.giai_quyet",
    Kind.TO_CAO: "to_cao.giai_quyet",
}
NOTICE_CLOCK = "to_cao.thong_bao_thu_ly"
TEXT_LIMIT = 10_000
REFERENCE_LIMIT = 100


def allowed_actions(petition: Petition) -> list[str]:
    """The steps a petition's stage allows now, in the order the pages offer them."""
    stage, kind = petition.stage, petition.kind
    if petition.suspended_since is not None:
        return [Action.RESUME, Action.WITHDRAW]
    if stage in FINISHED:
        return [Action.CLOSE, Action.REOPEN] if stage in (Stage.REFUSED, Stage.RESOLVED) else [Action.REOPEN]
    actions: list[str] = []
    if stage == Stage.RECEIVED:
        actions.append(Action.PROCESS)
    elif stage == Stage.PROCESSED:
        if petition.processing != Petition.Processing.WITHIN:
            return [Action.CLOSE, Action.REOPEN]
        actions += [Action.ACCEPT, Action.REFUSE]
    else:  # accepted, assigned, verified
        actions += [Action.ASSIGN]
        if stage in (Stage.ACCEPTED, Stage.ASSIGNED):
            actions.append(Action.VERIFY)
        actions += [Action.RESOLVE, Action.SUSPEND]
        if kind == Kind.TO_CAO:
            actions.append(Action.EXTEND)
    if kind in INFORMATION and not petition.answered_on:
        actions.append(Action.ANSWER)
    actions += [Action.TRANSFER, Action.WITHDRAW, Action.MERGE]
    return actions


def assignable_users(unit: OrgUnit):
    """Who a petition of `unit` may be assigned to for verification: the users holding a role on the unit."""
    return User.objects.filter(
        is_active=True, pk__in=UnitRole.objects.filter(unit=unit).values("user_id")
    ).order_by("full_name", "username")


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _text(details: dict, field: str, errors: dict, *, required: str = "", limit: int = TEXT_LIMIT) -> str:
    return clean_text(details.get(field), field, errors, required_message=required, limit=limit)


def _check_date(petition: Petition, on, action: str) -> datetime.date:
    if not isinstance(on, datetime.date) or isinstance(on, datetime.datetime):
        raise _error("on", _("Ngày thực hiện không hợp lệ."))
    if on > timezone.localdate():
        raise _error("on", _("Ngày thực hiện không được sau hôm nay."))
    last = petition.steps.aggregate(last=Max("on"))["last"]
    if last is not None and on < last:
        raise _error(
            "on",
            _("Ngày thực hiện không được trước bước trước đó (%(date)s).") % {"date": f"{last:%d/%m/%Y}"},
        )
    if action == Action.RESOLVE and petition.accepted_on and on < petition.accepted_on:
        raise _error("on", _("Ngày giải quyết không được trước ngày thụ lý."))
    return on


def _check_allowed(petition: Petition, action: str) -> None:
    if action == Action.RESOLVE and petition.stage in (Stage.RECEIVED, Stage.PROCESSED):
        raise _error("action", _("Đơn chưa được thụ lý: chưa thể giải quyết."))
    if action == Action.EXTEND and petition.kind != Kind.TO_CAO:
        raise _error("action", _("Chỉ đơn tố cáo mới được gia hạn giải quyết."))
    if action not in allowed_actions(petition):
        raise _error(
            "action",
            _("Đơn đang ở tình trạng “%(stage)s”: không thể “%(action)s”.")
            % {"stage": petition.get_stage_display(), "action": Action(action).label},
        )


def set_clock(petition: Petition, step: str = "", start: datetime.date | None = None) -> None:
    """The clock running next: `step` counted from `start`, its due date from the clock engine; none without a step
    (or while suspended: suspended days do not count, the due date is known again on resuming)."""
    petition.clock_step, petition.clock_from = (step, start) if step else ("", None)
    if not step or petition.suspended_since is not None:
        petition.due_on = None
        return
    running = petition_deadline(petition)
    petition.due_on = running.due if running is not None else None


def keep_due(petition: Petition) -> None:
    """The clock stops, but its due date stays: it says whether the petition was resolved on time or late
    (`selectors.figures.resolved_q`); the overdue lists count only open petitions."""
    due = petition.due_on
    set_clock(petition)
    petition.due_on = due


def _resolution_clock(petition: Petition) -> None:
    step = RESOLUTION_CLOCK.get(petition.kind)
    if step is not None:
        set_clock(petition, step, petition.accepted_on)
        return
    reception_day = party_reception_date(petition)
    if reception_day is not None and not petition.answered_on:
        set_clock(petition, "tiep_cong_dan_dang.tra_loi", reception_day)
    else:
        set_clock(petition)


def _acceptance_clock(petition: Petition) -> None:
    if petition.processing != Petition.Processing.WITHIN:
        set_clock(petition)
    elif petition.kind in ACCEPTANCE_CLOCK:
        set_clock(petition, ACCEPTANCE_CLOCK[petition.kind], petition.received_on)
    elif petition.kind == Kind.TO_CAO:
        set_clock(petition, "to_cao.xu_ly_ban_dau", petition.received_on)  # it runs until the acceptance
    else:
        _resolution_clock(petition)


# --- one function per step: each checks its details, changes the petition, returns the step's own fields --------


def _process(actor, petition, on, details, errors):
    processing = details.get("processing")
    if processing not in Petition.Processing.values:
        errors.setdefault("processing", []).append(_("Hãy chọn kết quả xử lý đơn."))
    body = _text(details, "to_body", errors, limit=300)
    if processing == Petition.Processing.FORWARDED and not body and "to_body" not in errors:
        errors.setdefault("to_body", []).append(_("Hãy ghi cơ quan có thẩm quyền nhận đơn chuyển."))
    note = _text(details, "note", errors)
    reference = _text(details, "reference", errors, limit=REFERENCE_LIMIT)
    if errors:
        return None
    petition.stage, petition.processing, petition.processed_on = Stage.PROCESSED, processing, on
    _acceptance_clock(petition)
    return {"note": note, "reference": reference, "details": {"processing": processing, "to_body": body}}


def _accept(actor, petition, on, details, errors):
    reference = _text(
        details,
        "reference",
        errors,
        required=_("Hãy ghi số quyết định, thông báo thụ lý."),
        limit=REFERENCE_LIMIT,
    )
    note = _text(details, "note", errors)
    if errors:
        return None
    for flag in ("complex_case", "very_complex", "remote_area"):
        if flag in details:
            setattr(petition, flag, bool(details[flag]))
    petition.complex_case = petition.complex_case or petition.very_complex
    petition.stage, petition.accepted_on, petition.acceptance_reference = Stage.ACCEPTED, on, reference
    _resolution_clock(petition)
    extra = {}
    if petition.kind == Kind.TO_CAO:
        # The denouncer is told of the acceptance within its own time limit, shown beside the resolution's clock.
        extra["notice_due"] = deadline(NOTICE_CLOCK, on).due.isoformat()
    return {"note": note, "reference": reference, "details": extra}


def _refuse(actor, petition, on, details, errors):
    reason = _text(details, "reason", errors, required=_("Hãy nêu lý do không thụ lý."))
    if errors:
        return None
    petition.stage, petition.refusal_reason = Stage.REFUSED, reason
    set_clock(petition)
    return {"note": reason}


def _assign(actor, petition, on, details, errors):
    assignee = details.get("assignee")
    if (
        assignee is None
        or not assignable_users(petition.unit).filter(pk=getattr(assignee, "pk", None)).exists()
    ):
        errors.setdefault("assignee", []).append(_("Hãy chọn một cán bộ của đơn vị giải quyết."))
    note = _text(details, "note", errors)
    if errors:
        return None
    petition.stage, petition.assignee = Stage.ASSIGNED, assignee
    announce_assignment(petition, assignee)
    return {"note": note, "details": {"assignee": by_name(assignee), "assignee_id": assignee.pk}}


def _verify(actor, petition, on, details, errors):
    note = _text(details, "note", errors, required=_("Hãy ghi kết quả xác minh."))
    reference = _text(details, "reference", errors, limit=REFERENCE_LIMIT)
    if errors:
        return None
    petition.stage = Stage.VERIFIED
    return {"note": note, "reference": reference}


def _resolve(actor, petition, on, details, errors):
    reference = _text(
        details,
        "reference",
        errors,
        required=_("Hãy ghi số quyết định, văn bản giải quyết."),
        limit=REFERENCE_LIMIT,
    )
    outcome = details.get("outcome")
    if outcome not in Petition.Outcome.values:
        errors.setdefault("outcome", []).append(_("Hãy chọn kết quả giải quyết."))
    answer = _text(details, "answer", errors, required=_("Hãy nhập nội dung trả lời."))
    if errors:
        return None
    petition.stage, petition.resolved_on = Stage.RESOLVED, on
    petition.decision_reference, petition.outcome, petition.answer = reference, outcome, answer
    if petition.answered_on is None:
        petition.answered_on = on
    keep_due(petition)
    return {"reference": reference, "details": {"outcome": outcome}}


def _answer(actor, petition, on, details, errors):
    answer = _text(details, "answer", errors, required=_("Hãy nhập nội dung trả lời."))
    if errors:
        return None
    petition.answer, petition.answered_on = answer, on
    if petition.clock_step == "tiep_cong_dan_dang.tra_loi":
        set_clock(petition)
    return {}


def _close(actor, petition, on, details, errors):
    note = _text(details, "note", errors)
    if errors:
        return None
    petition.stage, petition.closed_on = Stage.CLOSED, on
    keep_due(petition)
    return {"note": note}


def _transfer(actor, petition, on, details, errors):
    to_unit = details.get("to_unit")
    if not isinstance(to_unit, OrgUnit) or to_unit.pk == petition.unit_id:
        errors.setdefault("to_unit", []).append(_("Hãy chọn đơn vị khác nhận đơn."))
    elif to_unit.valid_to is not None and to_unit.valid_to < on:
        errors.setdefault("to_unit", []).append(_("Đơn vị này đã thôi hoạt động."))
    reason = _text(details, "reason", errors, required=_("Hãy nêu lý do chuyển đơn."))
    if errors:
        return None
    old_unit, old_number = petition.unit, previous_number(petition)
    PetitionTransfer.objects.create(
        petition=petition, from_unit=old_unit, to_unit=to_unit, on=on, reason=reason, by=actor
    )
    petition.unit, petition.unit_path = to_unit, to_unit.path
    petition.province_code = to_unit.path.strip("/").split("/")[0]
    petition.year, petition.number = on.year, _next_number(to_unit, on.year)
    petition.search_key = petition.search_key.replace(old_number, previous_number(petition), 1)
    # The new unit processes it afresh: its processing clock runs from the day it received it.
    petition.stage, petition.processing, petition.processed_on = Stage.RECEIVED, "", None
    petition.accepted_on, petition.acceptance_reference, petition.assignee = None, "", None
    step, _start, _due = initial_clock(petition)
    set_clock(petition, step, on)
    announce_transfer(petition, old_unit)
    return {
        "note": reason,
        "details": {
            "from_unit": old_unit.name,
            "to_unit": to_unit.name,
            "old_number": old_number,
            "new_number": previous_number(petition),
        },
    }


def _suspend(actor, petition, on, details, errors):
    reason = _text(details, "reason", errors, required=_("Hãy nêu lý do tạm đình chỉ."))
    reference = _text(details, "reference", errors, limit=REFERENCE_LIMIT)
    if errors:
        return None
    Suspension.objects.create(petition=petition, start=on, reason=reason, reference=reference)
    petition.suspended_since = on
    set_clock(petition, petition.clock_step, petition.clock_from)
    return {"note": reason, "reference": reference}


def _resume(actor, petition, on, details, errors):
    note = _text(details, "note", errors)
    if errors:
        return None
    petition.suspensions.filter(end__isnull=True).update(end=on)
    petition.suspended_since = None
    set_clock(petition, petition.clock_step, petition.clock_from)
    return {"note": note}


def _extend(actor, petition, on, details, errors):
    reference = _text(
        details, "reference", errors, required=_("Hãy ghi số quyết định gia hạn."), limit=REFERENCE_LIMIT
    )
    reason = _text(details, "reason", errors)
    if errors:
        return None
    count = petition.extensions.count() + 1
    allowed = 2 if petition.very_complex else 1 if petition.complex_case else 0
    if count > allowed:
        raise _error(
            "action",
            _("Vụ việc không phức tạp không được gia hạn.")
            if allowed == 0
            else _("Đã gia hạn đủ %(count)d lần theo luật: không thể gia hạn thêm.") % {"count": allowed},
        )
    # The clock engine counts the extensions from the rule in force (and refuses what the law refuses).
    Extension.objects.create(petition=petition, decided_on=on, reference=reference, reason=reason)
    set_clock(petition, petition.clock_step, petition.clock_from)
    return {"note": reason, "reference": reference, "details": {"extension": count}}


def _withdraw(actor, petition, on, details, errors):
    whole = bool(details.get("whole", True))
    withdrawn = _text(details, "withdrawn", errors, limit=TEXT_LIMIT)
    if not whole and not withdrawn and "withdrawn" not in errors:
        errors.setdefault("withdrawn", []).append(_("Hãy ghi nội dung được rút."))
    note = _text(details, "note", errors)
    if errors:
        return None
    if whole:
        petition.stage, petition.closed_on, petition.suspended_since = Stage.WITHDRAWN, on, None
        petition.suspensions.filter(end__isnull=True).update(end=on)
        set_clock(petition)
    return {"note": note, "details": {"whole": whole, "withdrawn": withdrawn}}


def _merge(actor, petition, on, details, errors):
    into = details.get("into")
    if not isinstance(into, Petition) or into.pk == petition.pk or into.unit_id != petition.unit_id:
        errors.setdefault("into", []).append(_("Hãy chọn đơn khác trong sổ đơn của cùng đơn vị."))
    elif into.stage == Stage.MERGED:
        errors.setdefault("into", []).append(_("Đơn này đã được gộp vào đơn khác."))
    note = _text(details, "note", errors)
    if errors:
        return None
    petition.stage, petition.merged_into, petition.closed_on = Stage.MERGED, into, on
    set_clock(petition)
    return {"note": note, "details": {"into": previous_number(into), "into_id": into.pk}}


def _reopen(actor, petition, on, details, errors):
    reason = _text(details, "reason", errors, required=_("Hãy nêu lý do mở lại."))
    if errors:
        return None
    petition.closed_on, petition.merged_into = None, None
    if petition.accepted_on is not None:
        petition.stage, petition.resolved_on = Stage.ACCEPTED, None
        _resolution_clock(petition)
    elif petition.processed_on is not None:
        petition.stage, petition.refusal_reason = Stage.PROCESSED, ""
        _acceptance_clock(petition)
    else:
        petition.stage = Stage.RECEIVED
        step, start, _due = initial_clock(petition)
        set_clock(petition, step, start)
    return {"note": reason}


STEPS = {
    Action.PROCESS: _process,
    Action.ACCEPT: _accept,
    Action.REFUSE: _refuse,
    Action.ASSIGN: _assign,
    Action.VERIFY: _verify,
    Action.RESOLVE: _resolve,
    Action.ANSWER: _answer,
    Action.CLOSE: _close,
    Action.TRANSFER: _transfer,
    Action.SUSPEND: _suspend,
    Action.RESUME: _resume,
    Action.EXTEND: _extend,
    Action.WITHDRAW: _withdraw,
    Action.MERGE: _merge,
    Action.REOPEN: _reopen,
}


@transaction.atomic
def transition(actor, petition: Petition, action: str, *, on: datetime.date, **details) -> PetitionStep:
    """Takes one step of a petition's handling, dated `on`, by `actor` (an editor of the handling unit): checks the
    stage allows it and its details, changes the locked row, records the step, sets the next clock, logs the change.
    Refusals are ValidationErrors naming the field (`action`, `on`, or the detail's own)."""
    if action not in STEPS:
        raise _error("action", _("Bước xử lý không hợp lệ."))
    locked = (
        Petition.objects.select_for_update(of=("self",))
        .select_related("unit", "reception")
        .get(pk=petition.pk)
    )
    if not can_handle(actor, locked.unit):
        raise NotAllowed(_("Bạn không có quyền xử lý đơn của %(unit)s.") % {"unit": locked.unit.name})
    _check_allowed(locked, action)
    on = _check_date(locked, on, action)
    before = petition_snapshot(locked)
    errors: dict[str, list[str]] = {}
    fields = STEPS[action](actor, locked, on, details, errors)
    if errors:
        raise ValidationError(errors)
    locked.save()
    step = PetitionStep.objects.create(
        petition=locked,
        action=action,
        on=on,
        note=fields.get("note", ""),
        reference=fields.get("reference", ""),
        details=fields.get("details", {}),
        by=actor,
        by_name=by_name(actor),
    )
    record_change(actor, "update", locked, before, petition_snapshot(locked), unit=locked.unit)
    petition.refresh_from_db()
    return step
