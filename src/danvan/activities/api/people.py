"""API of the activities: people and their posts, under /api/v1/people (the same scope, filter and services as the
pages). Phone and e-mail are given only for the people whose contacts the caller may read (the users of the unit
keeping them and its approvers above); for everyone else they are null."""

import datetime

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from ninja import Field as SchemaField
from ninja import Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from danvan.core.errors import ValidationError
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.selectors import get_unit_for

from ..filters.people import Q_MAX, PersonFilter
from ..models import Person, Post
from ..selectors import people as selectors
from ..services import people as people_services

router = Router(tags=["Cán bộ và chức vụ"])


class PeopleUnitOut(Schema):
    id: int
    name: str


class PeoplePostOut(Schema):
    title: str
    unit: PeopleUnitOut | None = SchemaField(None, description="Đơn vị nơi giữ chức vụ, nếu có.")
    valid_from: datetime.date | None
    valid_to: datetime.date | None = SchemaField(
        None,
        description="Ngày cuối giữ chức vụ: ngày ghi thôi giữ, hoặc ngày đơn vị kết thúc hoạt động nếu sớm hơn "
        "(chức vụ ở huyện kết thúc cùng huyện, 30/06/2025). Trống: đang giữ.",
    )

    @staticmethod
    def resolve_unit(obj):
        return obj.unit if obj.unit_id else None

    @staticmethod
    def resolve_valid_to(obj):
        return selectors.effective_end(obj)


class PeoplePersonOut(Schema):
    id: int
    name: str
    gender: str = SchemaField(..., description="`male`, `female` hoặc chuỗi rỗng.")
    birth_year: int | None
    unit: PeopleUnitOut = SchemaField(..., description="Đơn vị quản lý.")
    titles_today: str = SchemaField(..., description="Các chức vụ đang giữ hôm nay, theo thứ tự.")
    phone: str | None = SchemaField(None, description="Chỉ khi người gọi được xem liên hệ; ngoài ra null.")
    email: str | None = SchemaField(None, description="Như `phone`.")
    posts: list[PeoplePostOut]

    @staticmethod
    def resolve_posts(obj):
        return list(obj.posts.all())

    @staticmethod
    def resolve_titles_today(obj):
        return selectors.title_from(list(obj.posts.all()), timezone.localdate())

    @staticmethod
    def resolve_phone(obj, context):
        return obj.phone if _may_see(context["request"], obj) else None

    @staticmethod
    def resolve_email(obj, context):
        return obj.email if _may_see(context["request"], obj) else None


class PeopleQuery(Schema):
    q: str | None = SchemaField(
        None, max_length=Q_MAX, description="Tìm theo họ tên, không dấu cũng được: `vu van minh`."
    )
    unit: int | None = SchemaField(
        None, description="Đơn vị quản lý: cả cấp dưới và các đơn vị trước sắp xếp."
    )


class PeoplePostIn(Schema):
    title: str = SchemaField(..., max_length=200)
    unit: int | None = SchemaField(None, description="Id đơn vị nơi giữ chức vụ.")
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


class PeoplePersonIn(Schema):
    unit: int = SchemaField(
        ..., description="Id đơn vị quản lý (người gọi phải là người nhập liệu của đơn vị)."
    )
    name: str = SchemaField(..., max_length=150)
    gender: str = SchemaField("", description="`male`, `female` hoặc bỏ trống.")
    birth_year: int | None = SchemaField(None, ge=1000, le=9999)
    phone: str = SchemaField("", max_length=32)
    email: str = SchemaField("", max_length=254)
    note: str = SchemaField("", max_length=2000)
    posts: list[PeoplePostIn] = SchemaField([], max_length=50, description="Các chức vụ, theo thứ tự.")


def _may_see(request, person: Person) -> bool:
    checker = getattr(request, "_people_contact_checker", None)
    if checker is None:
        checker = selectors.contact_checker(request.user)
        request._people_contact_checker = checker
    return checker(person)


def _with_posts(queryset):
    return queryset.select_related("unit").prefetch_related(
        Prefetch(
            "posts", queryset=Post.objects.select_related("unit").order_by("position", "valid_from", "id")
        )
    )


@router.get(
    "",
    response=list[PeoplePersonOut],
    summary="Danh sách cán bộ trong phạm vi người dùng, với các chức vụ",
    description="Bộ lọc như trang danh sách: `q` (họ tên, không dấu cũng được), `unit`. Đơn vị ngoài phạm vi: 404. "
    "Phân trang: `limit`, `offset`.",
)
@paginate(LimitOffsetPagination)
def list_people(request, filters: Query[PeopleQuery]):
    if filters.unit is not None:
        get_unit_for(request.user, filters.unit)
    filterset = PersonFilter(
        {"q": filters.q or "", "unit": filters.unit or ""},
        queryset=_with_posts(selectors.people_visible_to(request.user)),
    )
    if not filterset.is_valid():
        raise ValidationError({field: list(errors) for field, errors in filterset.errors.items()})
    return filterset.qs.order_by("sort_key", "id")


@router.get("/{int:person_id}", response=PeoplePersonOut, summary="Một cán bộ, với các chức vụ")
def get_person(request, person_id: int):
    selectors.get_person_for(request.user, person_id)
    return _with_posts(Person.objects.all()).get(pk=person_id)


def _post_unit(pk: int | None, index: int) -> OrgUnit | None:
    if pk is None:
        return None
    unit = OrgUnit.objects.filter(pk=pk).first()
    if unit is None:
        raise ValidationError({f"posts[{index}].unit": [f"Đơn vị {pk} không tồn tại."]})
    return unit


@router.post("", response={201: PeoplePersonOut}, summary="Ghi một cán bộ và các chức vụ")
def create_person_record(request, payload: PeoplePersonIn):
    unit = get_unit_for(request.user, payload.unit)
    with transaction.atomic():
        person = people_services.create_person(
            request.user, unit=unit, **payload.model_dump(exclude={"unit", "posts"})
        )
        for index, post in enumerate(payload.posts):
            try:
                people_services.add_post(
                    request.user,
                    person,
                    title=post.title,
                    unit=_post_unit(post.unit, index),
                    valid_from=post.valid_from,
                    valid_to=post.valid_to,
                )
            except ValidationError as error:
                raise ValidationError(
                    {f"posts[{index}].{field}": messages for field, messages in error.message_dict.items()}
                ) from None
    return Status(201, _with_posts(Person.objects.all()).get(pk=person.pk))
