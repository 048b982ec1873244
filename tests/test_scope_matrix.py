"""The scope matrix (DESIGN §4.1): every URL pattern of the site, pages and API operations, with what an anonymous
visitor, an editor of a commune of another province and an admin of the owning commune get.

The URL's ids name objects owned by Phường Thục Phán (Tỉnh Cao Bằng) or one of its hamlets, built once for the
module. `test_every_url_pattern_has_a_row` fails when a pattern has no row, or a row names no pattern.

Adding a row: one line in ROWS, keyed by the pattern's qualified name (`app:name`, as `reverse` takes it), then the
method, then what each of the three actors gets: LOGIN (302 to the login page), 401 for the API, 403, 404, 200, 302
(any other redirect), 405… The keywords fill the URL's parameters with objects of build_world() (`pk="practice"`), and
`query` / `data` add a query string and a body (JSON for the API), where "@name" stands for that object's id.
A write (POST, PATCH) gets its own line after the GET; the owner acts last, so a write of theirs changes nothing the
others see (each test is rolled back).
"""

import json
import re

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from danvan.accounts.scope import Role
from danvan.accounts.services import issue_api_token
from danvan.api.api import api
from danvan.core.models import ChangeLog
from danvan.demo.units import demo_units
from danvan.notifications.models import Notification
from danvan.orgunits.models import OrgUnit, UnitGroup
from danvan.reporting.models import Category, ReportDocument, Submission, Value

from . import factories
from .scope_rows import (
    activities_calendar,
    activities_home,
    activities_meetings,
    activities_oversight,
    activities_people,
    activities_situations,
    activities_tasks,
    citizens_clocks,
    citizens_feedback,
    citizens_figures,
    citizens_identity,
    citizens_petitions,
    citizens_publicity,
    citizens_receptions,
    ingest,
    portal_editing,
    portal_public,
    portal_records,
)
from .scope_rows.common import LOGIN, PRIVATE, Row, row

ACTORS = ("anon", "other", "owner")
# The apps whose rows live in a module of their own (tests/scope_rows), one per topic.
TOPICS = (
    activities_home,
    activities_people,
    activities_meetings,
    activities_tasks,
    activities_oversight,
    activities_situations,
    activities_calendar,
    citizens_petitions,
    citizens_clocks,
    citizens_identity,
    citizens_publicity,
    citizens_figures,
    citizens_receptions,
    citizens_feedback,
    ingest,
    portal_editing,
    portal_public,
    portal_records,
)

# Patterns that belong to no unit, declared once: the Django admin (its own login, superusers and staff only).
NOT_UNIT_OWNED = {
    "quan-tri-he-thong/": "Django admin: staff only, behind its own login (admin:index is in ROWS as a sample)",
}


# The URL parameters of the reports' pages.
ENTRY = {"form_id": "form", "unit_id": "hamlet", "period": "period"}
CELL = {**ENTRY, "indicator_id": "indicator"}
# A list asked for the owning unit: the other commune's editor gets a 404 or a list of their own units' objects.
IN_UNIT = "unit=@commune&parent=@commune"
# Bodies of the writes ("@name": that object's id).
VALUES = [{"unit": "@hamlet", "period": "2026H1", "indicator": "mt_hoi_nghi", "value": 3}]
NEW_ROLE = {"user": "@member", "unit": "@hamlet", "role": "editor"}
NEW_PRACTICE = {"owner": "@commune", "name": "Mô hình API", "fields": ["kinh-te"], "registration_year": 2026}
REPLICA = {"owner": "@hamlet", "registration_year": 2026}
# The completeness page's unit and period (Nhắc nhở, the list of units that have not reported).
FOLLOWED = {"unit": "@commune", "period": "2026H1"}
FOLLOWED_QUERY = "unit=@commune&period=2026H1"

# fmt: off
ROWS = [
    # --- core: dashboard, change log, unit switcher, health ---
    row("home:dashboard",                 "GET",   LOGIN, 200, 200, query=IN_UNIT),
    row("home:changelog",                 "GET",   LOGIN, 200, 200, query=IN_UNIT),
    row("home:switch_unit",               "POST",  LOGIN, 302, 302, data={"unit": "@commune"}),
    # The user guide is public: nothing in it belongs to a unit.
    row("home:guide",                     "GET",   200,   200, 200),
    row("home:guide_page",                "GET",   200,   200, 200, slug="guide_page"),
    row("home:guide_image",               "GET",   200,   200, 200, filename="guide_image"),
    row("core:healthz",                   "GET",   200, 200, 200),
    # --- orgunits ---
    row("orgunits:tree",                  "GET",   LOGIN, 200, 200, query=IN_UNIT),
    row("orgunits:unit_list",                  "GET",   LOGIN, 200, 200, query=IN_UNIT),
    row("orgunits:export_units",          "GET",   LOGIN, 200, 200, query=IN_UNIT),
    row("orgunits:search",                "GET",   LOGIN, 200, 200, query="q=ma tran"),
    row("orgunits:create",                "GET",   LOGIN, 200, 200, query="unit=@commune"),
    row("orgunits:create",                "POST",  LOGIN, 200, 200, query="unit=@commune"),
    row("orgunits:import_units",                "GET",   LOGIN, 404, 200, query="unit=@commune"),
    row("orgunits:import_units",                "POST",  LOGIN, 404, 200, query="unit=@commune"),
    row("orgunits:import_template",       "GET",   LOGIN, 200, 200),
    row("orgunits:detail",                "GET",   LOGIN, 404, 200, pk="hamlet"),
    row("orgunits:tree_children",         "GET",   LOGIN, 404, 200, pk="commune"),
    row("orgunits:edit",                  "GET",   LOGIN, 404, 200, pk="hamlet"),
    row("orgunits:edit",                  "POST",  LOGIN, 404, 200, pk="hamlet"),
    row("orgunits:close",                 "GET",   LOGIN, 404, 200, pk="hamlet"),
    row("orgunits:close",                 "POST",  LOGIN, 404, 200, pk="hamlet"),
    row("orgunits:group_create",          "GET",   LOGIN, 404, 200, owner_pk="commune"),
    row("orgunits:group_create",          "POST",  LOGIN, 404, 200, owner_pk="commune"),
    row("orgunits:group_edit",            "GET",   LOGIN, 404, 200, pk="group"),
    row("orgunits:group_edit",            "POST",  LOGIN, 404, 200, pk="group"),
    # --- accounts ---
    row("accounts:login",                 "GET",   200, 302, 302),
    row("accounts:logout",                "GET",   405, 405, 405),
    row("accounts:logout",                "POST",  LOGIN, LOGIN, LOGIN),
    row("accounts:password_change",       "GET",   LOGIN, 200, 200),
    row("accounts:password_change",       "POST",  LOGIN, 200, 200),
    row("accounts:profile",               "GET",   LOGIN, 200, 200),
    row("accounts:tokens",                "GET",   LOGIN, 200, 200),
    row("accounts:tokens",                "POST",  LOGIN, 200, 200),
    row("accounts:token_revoke",          "POST",  LOGIN, 404, 302, pk="owner_token"),
    row("accounts:user_list",             "GET",   LOGIN, 200, 200, query=IN_UNIT),
    row("accounts:user_create",           "GET",   LOGIN, 404, 200, query="unit=@hamlet"),
    row("accounts:user_create",           "POST",  LOGIN, 404, 200, query="unit=@hamlet"),
    row("accounts:user_detail",           "GET",   LOGIN, 404, 200, pk="member"),
    row("accounts:user_detail",           "POST",  LOGIN, 404, 200, pk="member"),
    row("accounts:user_token_revoke",     "POST",  LOGIN, 404, 302, pk="member", token_pk="member_token"),
    row("accounts:role_assign",           "POST",  LOGIN, 404, 200, data=NEW_ROLE),
    row("accounts:role_remove",           "POST",  LOGIN, 404, 302, pk="member_role"),
    row("accounts:password_reset",        "GET",   200, 200, 200),
    row("accounts:password_reset",        "POST",  302, 302, 302, data={"email": "khong-co@example.vn"}),
    row("accounts:password_reset_done",   "GET",   200, 200, 200),
    row("accounts:password_reset_confirm", "GET",  200, 200, 200, uidb64="reset_uid", token="reset_token"),
    row("accounts:password_reset_complete", "GET", 200, 200, 200),
    # --- notifications: each user's own ---
    row("notifications:inbox",            "GET",   LOGIN, 200, 200),
    row("notifications:mark_read",        "POST",  LOGIN, 404, 302, pk="notification"),
    row("notifications:mark_all_read",    "POST",  LOGIN, 302, 302),
    row("notifications:preferences",      "GET",   LOGIN, 200, 200),
    row("notifications:preferences",      "POST",  LOGIN, 302, 302, data={"report_returned": "on"}),
    # --- practices ---
    row("practices:practice_list",                 "GET",   LOGIN, 200, 200, query=IN_UNIT),
    row("practices:create",               "GET",   LOGIN, 200, 200),
    row("practices:create",               "POST",  LOGIN, 200, 200),
    row("practices:field_choices",        "GET",   LOGIN, 200, 200, query="owner=@commune"),
    row("practices:detail",               "GET",   LOGIN, 404, 200, pk="practice"),
    row("practices:edit",                 "GET",   LOGIN, 404, 200, pk="practice"),
    row("practices:edit",                 "POST",  LOGIN, 404, 200, pk="practice"),
    row("practices:transition",           "POST",  LOGIN, 404, 200, pk="practice", data={"action": "implement"}),
    row("practices:replicate",            "POST",  LOGIN, 404, 200, pk="public_practice"),
    row("practices:reconfirm",            "POST",  LOGIN, 404, 200, pk="practice", data={"year": "2027"}),
    row("practices:commendation_add",     "POST",  LOGIN, 404, 200, pk="practice"),
    row("practices:attachment_add",       "POST",  LOGIN, 404, 200, pk="practice"),
    row("practices:attachment",           "GET",   LOGIN, 404, 200, pk="attachment"),
    row("practices:attachment_delete",    "POST",  LOGIN, 404, 302, pk="attachment"),
    row("practices:campaigns",            "GET",   LOGIN, 200, 200, query=IN_UNIT),
    row("practices:campaign_create",      "GET",   LOGIN, 404, 200, query="unit=@commune"),
    row("practices:campaign_create",      "POST",  LOGIN, 404, 200, query="unit=@commune"),
    row("practices:campaign_detail",      "GET",   LOGIN, 404, 200, pk="campaign"),
    row("practices:fields",               "GET",   LOGIN, 200, 200),
    row("practices:stats",                "GET",   LOGIN, 404, 200, query="unit=@commune"),
    row("practices:stats_export",         "GET",   LOGIN, 404, 200, query="unit=@commune"),
    row("practices:import_practices",               "GET",   LOGIN, 404, 200, query="unit=@commune"),
    row("practices:import_practices",               "POST",  LOGIN, 404, 200, query="unit=@commune"),
    row("practices:import_template",      "GET",   LOGIN, 200, 200),
    row("practices:export_practices",               "GET",   LOGIN, 200, 200, query="unit=@commune"),
    row("practices:showcase",             "GET",   200, 200, 200),
    row("practices:showcase_detail",      "GET",   200, 200, 200, pk="public_practice"),
    row("practices:showcase_photo",       "GET",   404, 404, 404, pk="attachment"),  # not a showcased model's
    # --- reporting: entry, workflow, completeness ---
    row("reporting:home",                 "GET",   LOGIN, 200, 200, query=IN_UNIT),
    row("reporting:completeness",         "GET",   LOGIN, 404, 200, form_id="form"),
    row("reporting:completeness_approve", "POST",  LOGIN, 404, 302, form_id="form", data={"period": "2026H1", "all": "1"}),
    row("reporting:completeness_nudge",   "POST",  LOGIN, 404, 302, form_id="form", data=FOLLOWED),
    row("reporting:completeness_missing_export", "GET", LOGIN, 404, 200, form_id="form", query=FOLLOWED_QUERY),
    row("reporting:entry",                "GET",   LOGIN, 404, 200, **ENTRY),
    row("reporting:entry_cell",                 "POST",  LOGIN, 404, 200, **CELL, data={"value": "3"}),
    row("reporting:entry_cell_history",         "GET",   LOGIN, 404, 200, **CELL),
    row("reporting:entry_cell_comment",         "POST",  LOGIN, 404, 302, **CELL, data={"text": "Theo sổ"}),
    row("reporting:entry_refresh",        "POST",   LOGIN, 404, 302, **ENTRY),
    row("reporting:entry_narrative",            "POST",  LOGIN, 404, 302, **ENTRY),
    row("reporting:entry_transition",           "POST",  LOGIN, 404, 302, **ENTRY, data={"action": "submit"}),
    row("reporting:entry_print",          "GET",   LOGIN, 404, 200, **ENTRY),
    row("reporting:offline_download",     "GET",   LOGIN, 404, 200, **ENTRY),
    row("reporting:offline_upload",       "GET",   LOGIN, 404, 200, **ENTRY),
    row("reporting:offline_upload",       "POST",  LOGIN, 404, 200, **ENTRY),
    # --- reporting: definitions ---
    row("reporting:indicator_list",           "GET",   LOGIN, 200, 200, query=IN_UNIT),
    row("reporting:indicator_create",     "GET",   LOGIN, 403, 200),
    row("reporting:indicator_create",     "POST",  LOGIN, 403, 200),
    row("reporting:indicator_detail",     "GET",   LOGIN, 404, 200, pk="indicator"),
    row("reporting:indicator_edit",       "GET",   LOGIN, 404, 200, pk="indicator"),
    row("reporting:indicator_edit",       "POST",  LOGIN, 404, 200, pk="indicator"),
    row("reporting:category_list",           "GET",   LOGIN, 200, 200),
    row("reporting:category_create",      "GET",   LOGIN, 403, 403),
    row("reporting:category_create",      "POST",  LOGIN, 403, 403),
    row("reporting:category_edit",        "GET",   LOGIN, 403, 403, pk="category"),
    row("reporting:category_edit",        "POST",  LOGIN, 403, 403, pk="category"),
    row("reporting:form_list",                "GET",   LOGIN, 200, 200, query=IN_UNIT),
    row("reporting:form_create",          "GET",   LOGIN, 403, 200),
    row("reporting:form_create",          "POST",  LOGIN, 403, 200),
    row("reporting:form_detail",          "GET",   LOGIN, 404, 200, pk="form"),
    row("reporting:form_edit",            "GET",   LOGIN, 404, 200, pk="form"),
    row("reporting:form_edit",            "POST",  LOGIN, 404, 200, pk="form"),
    row("reporting:section_create",       "GET",   LOGIN, 404, 200, pk="form"),
    row("reporting:section_create",       "POST",  LOGIN, 404, 200, pk="form"),
    row("reporting:section_edit",         "GET",   LOGIN, 404, 200, pk="form", section_id="section"),
    row("reporting:section_edit",         "POST",  LOGIN, 404, 200, pk="form", section_id="section"),
    row("reporting:section_delete",       "POST",  LOGIN, 404, 302, pk="form", section_id="section"),
    row("reporting:section_move",         "POST",  LOGIN, 404, 302, pk="form", section_id="section"),
    row("reporting:rule_create",          "GET",   LOGIN, 404, 200, pk="form"),
    row("reporting:rule_create",          "POST",  LOGIN, 404, 200, pk="form"),
    row("reporting:rule_edit",            "GET",   LOGIN, 404, 200, pk="form", rule_id="rule"),
    row("reporting:rule_edit",            "POST",  LOGIN, 404, 200, pk="form", rule_id="rule"),
    row("reporting:rule_delete",          "POST",  LOGIN, 404, 302, pk="form", rule_id="rule"),
    # --- reporting: analytics, documents ---
    row("reporting:analytics",            "GET",   LOGIN, 404, 200, query="form=@form&unit=@commune&period=2026H1"),
    row("reporting:analytics_export",     "GET",   LOGIN, 404, 200, query="form=@form&unit=@commune&period=2026H1"),
    row("reporting:document_page",             "GET",   LOGIN, 404, 200, **ENTRY),
    row("reporting:document_page",             "POST",  LOGIN, 404, 200, **ENTRY),
    row("reporting:document_progress",    "GET",   LOGIN, 404, 200, **ENTRY),
    row("reporting:document_download",    "GET",   LOGIN, 404, 200, **ENTRY),
    # --- language ---
    row("set_language",                   "POST",  302, 302, 302, data={"language": "vi"}),
    row("javascript-catalog",             "GET",   200, 200, 200),
    row("admin:index",                    "GET",   302, 302, 302),
    # --- API: documents, token, units ---
    row("api:api-root",                   "GET",   404, 404, 404),
    row("api:openapi-json",               "GET",   200, 200, 200),
    row("api:openapi-view",               "GET",   200, 200, 200),
    row("api:issue_token",                "POST",  401, 401, 401, data={"username": "matrix_owner", "password": "sai"}),
    row("api:list_units",                 "GET",   401, 200, 200, query=IN_UNIT),
    row("api:get_unit",                   "GET",   401, 404, 200, unit_id="hamlet"),
    row("api:unit_children",              "GET",   401, 404, 200, unit_id="commune"),
    row("api:unit_lineage",               "GET",   401, 404, 200, unit_id="hamlet"),
    row("api:me",                         "GET",   401, 200, 200),
    # --- API: practices ---
    row("api:list_practices",             "GET",   401, 404, 200, query=IN_UNIT),
    row("api:create_practice",            "POST",  401, 404, 201, data=NEW_PRACTICE),
    row("api:practice_stats",             "GET",   401, 404, 200, query="unit=@commune&year=2026"),
    row("api:get_practice",               "GET",   401, 404, 200, practice_id="practice"),
    row("api:update_practice",            "PATCH", 401, 404, 200, practice_id="practice", data={"summary": "Sửa qua API"}),
    row("api:transition_practice",        "POST",  401, 404, 200, practice_id="practice", data={"action": "implement"}),
    row("api:replicate_practice",         "POST",  401, 404, 201, practice_id="public_practice", data=REPLICA),
    row("api:reconfirm_practice",         "POST",  401, 404, 200, practice_id="practice", data={"year": 2027}),
    # --- API: reporting ---
    row("api:list_forms",                 "GET",   401, 200, 200, query=IN_UNIT),
    row("api:get_form",                   "GET",   401, 404, 200, form_id="form"),
    row("api:list_indicators",            "GET",   401, 200, 200, query=IN_UNIT),
    row("api:list_values",                "GET",   401, 404, 200, query="unit=@hamlet&period=2026H1"),
    row("api:write_values",               "POST",  401, 422, 200, data=VALUES),
    row("api:list_submissions",           "GET",   401, 404, 200, query=IN_UNIT),
    row("api:get_submission",             "GET",   401, 404, 200, submission_id="submission"),
    row("api:submit_submission",          "POST",  401, 404, 200, submission_id="submission", data={}),
    row("api:approve_submission",         "POST",  401, 404, 200, submission_id="submitted", data={}),
    row("api:return_submission",          "POST",  401, 404, 200, submission_id="submitted", data={"comment": "Bổ sung"}),
    row("api:reopen_submission",          "POST",  401, 404, 200, submission_id="approved", data={"comment": "Sửa lại"}),
    row("api:analytics",                  "GET",   401, 404, 200, query="form=@form&unit=@commune&period=2026H1"),
]
# fmt: on
ROWS += [topic_row for topic in TOPICS for topic_row in topic.ROWS]

# Rows whose expectation is a known defect: the test fails until it is fixed (then remove the entry).
KNOWN_DEFECTS: dict[tuple[str, str], str] = {}


# --- the world: objects owned by Phường Thục Phán, built once for the module ---------------------------------------


def build_world() -> dict:
    units = demo_units()
    province, commune = units["cao_bang"], units["thuc_phan"]
    hamlet = factories.hamlet(commune, f"Tổ dân phố {PRIVATE}")
    owner = factories.user("matrix_owner", commune, Role.ADMIN, full_name=f"Quản trị {PRIVATE}")
    other = factories.user("matrix_other", factories.other_province_commune(province), Role.EDITOR)
    approver = factories.user("matrix_approver", province, Role.APPROVER)
    member = factories.user("matrix_member", hamlet, Role.VIEWER, full_name=f"Tổ viên {PRIVATE}")
    group = UnitGroup.objects.create(name=f"Khối {PRIVATE}", kind=UnitGroup.Kind.OTHER, owner=commune)
    group.members.add(hamlet)
    practice = factories.practice(owner, commune, f"Mô hình {PRIVATE}")
    form = factories.report_form(
        commune,
        "ma-tran",
        [
            factories.indicator(commune, code, name=f"{PRIVATE} {code}")
            for code in ("mt_hoi_nghi", "mt_nguoi_du")
        ],
        reporting_kinds=[OrgUnit.Kind.HAMLET],
        name=f"Báo cáo {PRIVATE}",
    )
    second = factories.hamlet(commune, f"Tổ dân phố Hai {PRIVATE}")
    third = factories.hamlet(commune, f"Tổ dân phố Ba {PRIVATE}")
    return {
        "guide_page": "can-bo-xa",
        "guide_image": "dang-nhap.png",
        "period": "2026H1",
        "commune": commune,
        "hamlet": hamlet,
        "owner": owner,
        "other": other,
        "member": member,
        "member_role": member.unit_roles.get(),
        "owner_token": issue_api_token(owner, "Máy tính")[0],
        "member_token": issue_api_token(member, "Điện thoại")[0],
        "group": group,
        "practice": practice,
        "public_practice": factories.recognised_practice(owner, approver, commune, province),
        "attachment": factories.attachment(owner, practice),
        "campaign": factories.campaign(owner, commune),
        "form": form,
        "indicator": form.sections.get().items.get(position=1).indicator,
        "section": form.sections.get(),
        "rule": factories.rule(form, "mt_nguoi_du", ">=", "mt_hoi_nghi"),
        "submission": factories.submission(form, hamlet),
        "submitted": factories.submission(form, second, status="submitted"),
        "approved": factories.submission(form, third, status="approved"),
        "document": factories.report_document(form, hamlet),
        "category": Category.objects.create(code="mt-gioi-tinh", name="Giới tính"),
        "notification": Notification.objects.create(recipient=owner, kind="nudge", title=f"Nhắc {PRIVATE}"),
        "reset_uid": "MQ",
        "reset_token": "het-han",
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once in a transaction rolled back after the module; each test runs in a savepoint inside it."""
    media = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        world = build_world()
        for topic in TOPICS:
            world.update(topic.build(world))
        world["sessions"] = {}
        for actor in ("other", "owner"):
            client = Client()
            client.force_login(world[actor])
            world["sessions"][actor] = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield world
        transaction.set_rollback(True)


# --- the URLconf -----------------------------------------------------------------------------------------------------


def url_patterns(resolver=None, prefix="", namespace=""):
    """(qualified name or route, route) of every pattern, as `reverse` names them."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name or route, route


def unit_owned_patterns() -> dict[str, str]:
    return {
        key: route
        for key, route in url_patterns()
        if not any(route.startswith(prefix) for prefix in NOT_UNIT_OWNED)
    }


def api_methods() -> dict[str, set[str]]:
    """The HTTP methods of each API operation, by its URL name."""
    return {
        f"api:{getattr(operation, 'url_name', None) or operation.view_func.__name__}": set(operation.methods)
        for _prefix, router in api._routers
        for path_view in router.path_operations.values()
        for operation in path_view.operations
    }


def _row_template(name: str, route: str) -> str:
    """A line to paste into ROWS for a pattern that has none (the statuses are guesses to check)."""
    params = "".join(f', {param}="?"' for param in re.findall(r"<(?:\w+:)?(\w+)>", route))
    if name in api_methods():
        method = sorted(api_methods()[name])[0]
        return f'    row("{name}", "{method}", 401, 404, 200{params}),  # /{route}'
    return f'    row("{name}", "GET", LOGIN, 404, 200{params}),  # /{route}'


def test_every_url_pattern_has_a_row():
    patterns = unit_owned_patterns()
    named = {r.name for r in ROWS}
    missing = sorted(set(patterns) - named)
    gone = sorted(named - {key for key, _route in url_patterns()})
    problems = []
    if missing:
        problems.append(
            "URL patterns without a row in ROWS of tests/test_scope_matrix.py: add a line for each (and one more "
            "for each write method), the parameters naming objects of build_world():\n"
            + "\n".join(_row_template(name, patterns[name]) for name in missing)
        )
    if gone:
        problems.append(f"Rows naming a pattern that no longer exists (renamed or removed?): {gone}")
    assert not problems, "\n".join(problems)
    methods = api_methods()
    assert len(methods) > 20, "the API's operations were not found: has ninja changed its routers?"
    wrong = [(r.name, r.method) for r in ROWS if r.name in methods and r.method not in methods[r.name]]
    assert not wrong, f"API rows whose method is not the operation's: {wrong}"
    assert len({(r.name, r.method) for r in ROWS}) == len(ROWS), "a (name, method) appears twice in ROWS"


# --- the matrix ------------------------------------------------------------------------------------------------------


def _fill(value, world):
    if isinstance(value, str) and value.startswith("@"):
        return world[value[1:]].pk
    if isinstance(value, dict):
        return {key: _fill(item, world) for key, item in value.items()}
    if isinstance(value, list):
        return [_fill(item, world) for item in value]
    return value


def _url(r: Row, world) -> str:
    kwargs = {key: getattr(world[item], "pk", world[item]) for key, item in r.params.items()}
    url = reverse(r.name, kwargs=kwargs)
    if r.query:
        url += "?" + "&".join(
            f"{key}={_fill(value, world)}"
            for key, value in (part.split("=", 1) for part in r.query.split("&"))
        )
    return url


def _outcome(response) -> object:
    login = reverse("accounts:login")
    if response.status_code == 302 and response["Location"].startswith(login):
        return LOGIN
    return response.status_code


def _request(client: Client, r: Row, world):
    url, data = _url(r, world), _fill(r.data, world)
    if r.name.startswith("api:") and r.method != "GET":
        body = json.dumps(data if data is not None else {})
        return client.generic(r.method, url, body, content_type="application/json")
    if r.method == "GET":
        return client.get(url)
    return client.generic(r.method, url) if data is None else client.post(url, data)


def _client(world, actor: str) -> Client:
    """A client of the actor, signed in with the module's session (saved with the world, so still there)."""
    client = Client(enforce_csrf_checks=False)
    if actor in world["sessions"]:
        client.cookies[settings.SESSION_COOKIE_NAME] = world["sessions"][actor]
    return client


def _leak(response) -> bool:
    """Whether a page or answer shown to someone outside the unit names one of its private objects."""
    if response.streaming:
        return False
    return PRIVATE in response.content.decode(errors="replace")


def _case(r: Row):
    marks = ()
    if (r.name, r.method) in KNOWN_DEFECTS:
        marks = pytest.mark.xfail(strict=True, reason=KNOWN_DEFECTS[(r.name, r.method)])
    return pytest.param(r, id=f"{r.name} {r.method}", marks=marks)


@pytest.mark.django_db
@pytest.mark.parametrize("r", [_case(r) for r in ROWS])
def test_scope_matrix(world, r):
    logged = ChangeLog.objects.count()
    responses = {actor: _request(_client(world, actor), r, world) for actor in ACTORS}
    got = tuple(_outcome(response) for response in responses.values())
    details = [
        f"  {actor}: {response.status_code} {response.get('Location', '')} "
        f"{b'' if response.streaming else response.content[:300]!r}"
        for (actor, response), expected in zip(responses.items(), r.expected, strict=True)
        if _outcome(response) != expected
    ]
    assert got == r.expected, (
        f"{r.name} {r.method}: (anon, other, owner) got {got}, the row says {r.expected}\n"
        + "\n".join(details)
    )
    leaks = [actor for actor in ("anon", "other") if _leak(responses[actor])]
    assert not leaks, f"{r.name} {r.method}: {leaks} see the owning unit's private objects ({PRIVATE!r})"
    if r.method == "GET":
        assert ChangeLog.objects.count() == logged, f"{r.name}: a GET wrote the change log (DESIGN §4.7)"


def _row_counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (ChangeLog, Submission, Value, ReportDocument))


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["reporting:entry", "reporting:document_page"])
def test_first_opening_of_a_report_page_writes_nothing(world, name):
    hamlet = factories.hamlet(world["commune"], f"Tổ dân phố Mới {PRIVATE}")
    url = reverse(name, kwargs={"form_id": world["form"].pk, "unit_id": hamlet.pk, "period": world["period"]})
    before = _row_counts()
    assert _client(world, "owner").get(url).status_code == 200
    assert _row_counts() == before
