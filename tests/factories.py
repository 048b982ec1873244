"""Small builders for test data; the national units themselves come from the real import (conftest)."""

import datetime

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.accounts.models import UnitRole, User
from danvan.accounts.scope import Role
from danvan.activities import services as activity_services
from danvan.activities.models import Person, Post
from danvan.core.periods import PeriodType
from danvan.core.text import fold, sort_key
from danvan.orgunits.models import OrgUnit
from danvan.practices import services as practice_services
from danvan.practices.models import Attachment, Campaign, Field, Practice
from danvan.reporting.models import (
    Form,
    Indicator,
    ReportDocument,
    Section,
    SectionIndicator,
    Submission,
    ValidationRule,
    ValueType,
)
from tests.clock import today

DEMO_PASSWORD = "danvan-demo"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

_counter = iter(range(1, 10**6))


def unit(parent: OrgUnit | None, name: str, kind: str, **fields) -> OrgUnit:
    """Saves a unit directly (no service, no log): for arranging a test, not for testing writes."""
    obj = OrgUnit(name=name, kind=kind, parent=parent, path=f"/tmp-{next(_counter)}/", **fields)
    obj.save()
    obj.path = f"{parent.path if parent else '/'}{obj.pk}/"
    obj.depth = parent.depth + 1 if parent else 0
    obj.province_code = parent.province_code if parent else obj.code
    obj.save(update_fields=["path", "depth", "province_code"])
    return obj


def hamlet(commune: OrgUnit, name: str, **fields) -> OrgUnit:
    fields.setdefault("division_type", OrgUnit.DivisionType.TO_DAN_PHO)
    fields.setdefault("valid_from", datetime.date(2025, 7, 1))
    return unit(commune, name, OrgUnit.Kind.HAMLET, **fields)


def agency(parent: OrgUnit, name: str, agency_type=OrgUnit.AgencyType.MASS_ORGANISATION, **fields) -> OrgUnit:
    return unit(parent, name, OrgUnit.Kind.AGENCY, agency_type=agency_type, **fields)


# --- people ----------------------------------------------------------------------------------------------------------


def user(username: str, unit: OrgUnit | None = None, role: str = Role.VIEWER, **fields) -> User:
    """A user (password DEMO_PASSWORD) holding `role` on `unit`, when given."""
    made = User.objects.create_user(username=username, password=DEMO_PASSWORD, **fields)
    if unit is not None:
        UnitRole.objects.create(user=made, unit=unit, role=role)
    return made


def other_province_commune(province: OrgUnit) -> OrgUnit:
    """A current commune of a province other than `province` (the first by external id: the same in every run)."""
    return (
        OrgUnit.objects.filter(kind=OrgUnit.Kind.COMMUNE, valid_to__isnull=True)
        .exclude(province_code=province.province_code)
        .order_by("external_id")
        .first()
    )


# --- practices -------------------------------------------------------------------------------------------------------


def practice(actor, owner: OrgUnit, name: str = "Tuyến đường hoa tự quản", **data) -> Practice:
    """A model registered through the service (field "kinh-te", this year's register unless told)."""
    data.setdefault("registration_year", 2026)
    data.setdefault("kind", Practice.Kind.MODEL)
    data.setdefault("start_date", datetime.date(2026, 1, 15))
    fields = data.pop("fields", None) or list(Field.objects.filter(owner__isnull=True, code="kinh-te"))
    return practice_services.register_practice(actor, owner=owner, fields=fields, name=name, **data)


def recognised_practice(
    actor, approver, owner: OrgUnit, recognised_by: OrgUnit, name: str = "Hiến đất làm đường", **data
) -> Practice:
    """A model implemented by `actor` and recognised by `approver` for `recognised_by` (a unit above the owner):
    it is in the public showcase."""
    made = practice(actor, owner, name, **data)
    practice_services.transition(actor, made, "implement", date=datetime.date(2026, 2, 1))
    practice_services.transition(
        approver,
        made,
        "recognise",
        date=datetime.date(2026, 6, 1),
        decision="QĐ 1",
        recognised_by=recognised_by,
    )
    made.refresh_from_db()
    return made


def attachment(actor, of: Practice, name: str = "ảnh.png") -> Attachment:
    """A small PNG attached through the service (stored under MEDIA_ROOT)."""
    return practice_services.add_attachment(
        actor, of, SimpleUploadedFile(name, PNG, content_type="image/png")
    )


def campaign(actor, unit: OrgUnit, year: int = 2026, kinds=(OrgUnit.Kind.HAMLET,)) -> Campaign:
    return practice_services.open_campaign(
        actor, unit=unit, year=year, title=f"Đăng ký năm {year}", expected_kinds=list(kinds)
    )


# --- reporting -------------------------------------------------------------------------------------------------------
# Saved directly, as the demo form is: for arranging a test, not for testing the definitions' rules.


def indicator(owner: OrgUnit | None, code: str, **fields) -> Indicator:
    fields.setdefault("name", f"Chỉ tiêu {code}")
    fields.setdefault("value_type", ValueType.INTEGER)
    return Indicator.objects.create(owner=owner, code=code, **fields)


def report_form(
    owner: OrgUnit,
    code: str = "bao-cao-thu",
    indicators=(),
    reporting_kinds=(OrgUnit.Kind.COMMUNE,),
    period_type=PeriodType.HALF_YEAR,
    **fields,
) -> Form:
    """A form with one section holding `indicators` (codes to create for `owner`, or Indicator objects)."""
    fields.setdefault("name", "Báo cáo thử")
    made = Form.objects.create(
        owner=owner, code=code, period_type=period_type, reporting_kinds=list(reporting_kinds), **fields
    )
    section = Section.objects.create(form=made, title="I. Số liệu", position=1)
    for position, item in enumerate(indicators, start=1):
        item = indicator(owner, item) if isinstance(item, str) else item
        SectionIndicator.objects.create(section=section, indicator=item, position=position)
    return made


def rule(
    form: Form, left: str, operator: str, right: str, message: str = "Kiểm tra số liệu"
) -> ValidationRule:
    return ValidationRule.objects.create(
        form=form, left=left, operator=operator, right=right, importance="blocking", message=message
    )


def approved_reports(unit: OrgUnit, period: str, indicator_codes) -> list[Submission]:
    """The unit's reports for the period of every form holding these indicators, approved (created if need be): what
    a total counts by default."""
    form_ids = set(
        SectionIndicator.objects.filter(indicator__code__in=list(indicator_codes)).values_list(
            "section__form_id", flat=True
        )
    )
    return [
        Submission.objects.update_or_create(
            form_id=form_id,
            unit=unit,
            period=period,
            defaults={"unit_path": unit.path, "status": Submission.Status.APPROVED},
        )[0]
        for form_id in sorted(form_ids)
    ]


def submission(form: Form, unit: OrgUnit, period: str = "2026H1", **fields) -> Submission:
    """A unit's report (a draft unless told), without its values."""
    return Submission.objects.create(form=form, unit=unit, unit_path=unit.path, period=period, **fields)


def report_document(
    form: Form, unit: OrgUnit, period: str = "2026H1", docx: bytes = b"PK docx"
) -> ReportDocument:
    """A report document with a generated Word file stored under MEDIA_ROOT."""
    document = ReportDocument.objects.create(
        form=form,
        unit=unit,
        unit_path=unit.path,
        period=period,
        issuing_body=f"Đảng ủy {unit.name}",
        place=unit.name,
        issued_on=datetime.date(2026, 7, 5),
        summary="Sơ kết công tác dân vận",
        state=ReportDocument.State.DONE,
    )
    document.docx.save("bao-cao.docx", ContentFile(docx))
    return document


# --- activities ------------------------------------------------------------------------------------------------------


def person(unit: OrgUnit, name: str = "Vũ Văn Minh", *titles: str, valid_from=None, valid_to=None, **fields):
    """A person of `unit` holding each of `titles` (in that order) from `valid_from` to `valid_to`."""
    found = Person.objects.create(
        name=name, unit=unit, unit_path=unit.path, search_key=fold(name), sort_key=sort_key(name), **fields
    )
    for position, title in enumerate(titles, start=1):
        post(found, title, unit=unit, valid_from=valid_from, valid_to=valid_to, position=position)
    return found


def post(person: Person, title: str, unit: OrgUnit | None = None, valid_from=None, valid_to=None, position=1):
    return Post.objects.create(
        person=person, title=title, unit=unit, valid_from=valid_from, valid_to=valid_to, position=position
    )


def meeting(actor, organizer: OrgUnit, title: str = "Giao ban công tác Dân vận tháng 7", **fields):
    """A meeting recorded through the service (a giao ban on 22/7/2021 at 8:00 unless told)."""
    fields.setdefault("type", "giao_ban")
    # 8:00 in Việt Nam (UTC+7)
    fields.setdefault("starts_at", datetime.datetime(2021, 7, 22, 1, 0, tzinfo=datetime.UTC))
    return activity_services.create_meeting(actor, organizer=organizer, title=title, **fields)


def task(
    actor,
    assigner: OrgUnit,
    lead_unit: OrgUnit,
    title: str = "Nắm tình hình dư luận xã hội",
    deadline: datetime.date = datetime.date(2026, 9, 30),
    assigned_on: datetime.date = datetime.date(2026, 6, 1),
    **fields,
):
    """A task `assigner` gives `lead_unit` (source: a document unless told)."""
    fields.setdefault("source", "document")
    return activity_services.assign_task(
        actor,
        assigner=assigner,
        lead_unit=lead_unit,
        title=title,
        deadline=deadline,
        assigned_on=assigned_on,
        **fields,
    )


def inspection(
    actor, organizer: OrgUnit, inspected, leader: Person, title: str = "Kiểm tra công tác dân vận", **fields
):
    """An inspection by `organizer` of the `inspected` units, `leader` heading the team (other members by `members`)."""
    fields.setdefault("starts_on", datetime.date(2026, 3, 10))
    members = [(leader, "leader"), *fields.pop("members", [])]
    return activity_services.create_inspection(
        actor, organizer=organizer, title=title, inspected_units=list(inspected), members=members, **fields
    )


def situation(actor, unit: OrgUnit, title: str = "Tình hình nhân dân ổn định", **fields):
    """A situation report of `unit` (people's situation, stable, reported today unless told)."""
    fields.setdefault("topic", "people")
    fields.setdefault("severity", 1)
    fields.setdefault("text", "Nhân dân phấn khởi, tin tưởng.")
    fields.setdefault("reported_on", today())
    return activity_services.report_situation(actor, unit=unit, title=title, **fields)
