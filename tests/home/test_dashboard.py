import datetime

import pytest
from django.utils import timezone

from danvan.accounts.scope import Role
from danvan.orgunits.models import OrgUnit
from danvan.reporting.models import Submission
from danvan.reporting.selectors import todo_for
from tests import factories

pytestmark = pytest.mark.django_db


def test_dashboard_shows_the_current_units_dan_van_kheo_figures(units, province_admin, client_for, fields):
    from django.utils import timezone

    from danvan.practices import services

    year = timezone.localdate().year
    services.register_practice(
        province_admin,
        owner=units["thuc_phan"],
        fields=[fields["kinh-te"]],
        name="Hũ gạo tình thương",
        registration_year=year,
    )
    page = client_for(province_admin).get("/")
    assert page.context["practices"]["total"] == 1
    assert "Dân vận khéo" in page.content.decode()


# --- Việc cần làm and the cards (issue #10, Deliver 5) ----------------------------------------------------------------

TODAY = datetime.date(2026, 12, 2)  # 2026H1's deadline (10/07/2026) is past, 2026H2 runs until 31/12/2026


@pytest.fixture
def frozen_today(monkeypatch):
    """The dashboard's today is 02/12/2026, whatever the machine's clock says."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def test_a_ward_sees_its_overdue_current_and_next_reports_once_the_last_one_is_approved(
    units, commune_editor, client_for, frozen_today
):
    form = factories.report_form(units["cao_bang"], name="Báo cáo sơ kết 6 tháng", deadline_days=10)
    factories.submission(form, units["thuc_phan"], "2026H1", status=Submission.Status.APPROVED)
    page = client_for(commune_editor).get("/")
    html = page.content.decode()
    todo = page.context["todo"]
    [item] = todo.forms
    assert [(r.period.code, r.when) for r in item.reports] == [
        ("2025H2", "overdue"),
        ("2026H2", "current"),
        ("2027H1", "next"),
    ]
    assert todo.overdue_count == 1
    # Each line: its place, its period, its deadline dd/mm/yyyy; the overdue one says "Quá hạn".
    overdue = _item(html, "2025H2")
    assert "Quá hạn" in overdue and "6 tháng cuối năm 2025" in overdue and "hạn nộp 10/01/2026" in overdue
    current = _item(html, "2026H2")
    assert "Kỳ này" in current and "hạn nộp 10/01/2027" in current and "Quá hạn" not in current
    assert "Kỳ tới" in _item(html, "2027H1")
    # 2025H1 ended before the ward was formed (01/07/2025): nothing is due for it.
    assert 'data-todo-period="2025H1"' not in html


def test_a_report_sent_after_its_deadline_is_no_longer_overdue(
    units, commune_editor, client_for, frozen_today
):
    form = factories.report_form(units["cao_bang"], deadline_days=10)
    factories.submission(form, units["thuc_phan"], "2025H2", status=Submission.Status.SUBMITTED)
    returned = factories.submission(form, units["thuc_phan"], "2026H1", status=Submission.Status.RETURNED)
    page = client_for(commune_editor).get("/")
    [item] = page.context["todo"].forms
    assert [(r.period.code, r.when) for r in item.reports] == [
        ("2026H1", "overdue"),
        ("2026H2", "current"),
        ("2027H1", "next"),
    ]
    assert item.reports[0].submission == returned
    assert "Bị trả lại" in _item(page.content.decode(), "2026H1")


def test_an_approver_sees_the_reports_waiting_for_approval_with_counts_and_links(
    units, client_for, frozen_today
):
    approver = factories.user("pheduyet", units["cao_bang"], Role.APPROVER)
    form = factories.report_form(units["cao_bang"], name="Báo cáo sơ kết 6 tháng")
    for unit in (units["thuc_phan"], units["nung_tri_cao"]):
        factories.submission(form, unit, "2026H2", status=Submission.Status.SUBMITTED)
    factories.submission(form, units["thuc_phan"], "2026H1", status=Submission.Status.SUBMITTED)
    factories.submission(form, units["nung_tri_cao"], "2026H1", status=Submission.Status.APPROVED)
    page = client_for(approver).get("/")
    html = page.content.decode()
    assert [(w.period.code, w.count) for w in page.context["todo"].waiting] == [("2026H2", 2), ("2026H1", 1)]
    assert "2 báo cáo chờ duyệt – Báo cáo sơ kết 6 tháng, 6 tháng cuối năm 2026" in html
    link = (
        f"/bao-cao/bieu-mau/{form.pk}/tien-do/?period=2026H2&amp;show=waiting&amp;unit={units['cao_bang'].pk}"
    )
    assert link in html
    # The ward's editor approves nothing: no such line on their dashboard.
    editor = factories.user("phuong", units["thuc_phan"], Role.EDITOR)
    assert not client_for(editor).get("/").context["todo"].waiting


def test_the_todo_list_costs_a_fixed_number_of_queries(units, django_assert_max_num_queries):
    approver = factories.user("pheduyet", units["thuc_phan"], Role.APPROVER)
    forms = [factories.report_form(units["cao_bang"], code=f"bao-cao-{n}") for n in range(5)]
    for form in forms:
        factories.submission(form, units["thuc_phan"], "2026H1", status=Submission.Status.APPROVED)
    # The forms, their khối, the unit's reports, the user's roles, the reports waiting: whatever the number of forms.
    with django_assert_max_num_queries(5):
        todo = todo_for(approver, units["thuc_phan"], TODAY)
    assert len(todo.forms) == 5


def test_a_wards_dashboard_counts_only_the_levels_below_it(units, commune_editor, province_admin, client_for):
    ward = client_for(commune_editor).get("/")
    kinds = [kind for kind, _label, _count in ward.context["cards"]]
    assert kinds == [OrgUnit.Kind.HAMLET, OrgUnit.Kind.AGENCY]
    assert "Tỉnh, thành phố" not in ward.content.decode()
    province = client_for(province_admin).get("/")
    kinds = [kind for kind, _label, _count in province.context["cards"]]
    assert kinds == [OrgUnit.Kind.COMMUNE, OrgUnit.Kind.HAMLET, OrgUnit.Kind.AGENCY]
    communes = dict((kind, count) for kind, _label, count in province.context["cards"])[OrgUnit.Kind.COMMUNE]
    assert (
        communes
        == OrgUnit.objects.filter(
            parent=units["cao_bang"], kind=OrgUnit.Kind.COMMUNE, valid_to__isnull=True
        ).count()
    )


def _item(html: str, period: str) -> str:
    """The to-do line of a period."""
    start = html.index(f'data-todo-period="{period}"')
    return html[start : html.index("</li>", start)]
