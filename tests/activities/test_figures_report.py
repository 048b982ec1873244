"""The activities' figures in the reports: a half-year report fills "V. Hoạt động" itself — meetings held by type,
inspections concluded, tasks by the four statuses, hotspots reported and resolved — counted from the records of the
unit's subtree, and of the units it was formed from (a commune merged on 1/7/2025 counts its predecessors'); the
figures are the system's in the entry grid (changed only with a reason), like the "Dân vận khéo" ones."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.activities.models import Inspection, Meeting, SituationReport, Task
from danvan.activities.services.tasks import assign_task
from danvan.core.periods import Period
from danvan.demo.reporting import define_demo_form
from danvan.orgunits.lineage import lineage_paths
from danvan.orgunits.models import OrgUnit
from danvan.reporting import services
from danvan.reporting.models import Category, Indicator, Source, Value
from danvan.reporting.services.system import system_values
from tests.factories import other_province_commune, report_form

pytestmark = pytest.mark.django_db
PERIOD = "2026H1"
ACTIVITIES = [
    "hd_hoi_nghi",
    "hd_so_ket",
    "hd_giao_ban",
    "hd_tap_huan",
    "hd_doi_thoai",
    "hd_kiem_tra",
    "hd_nhiem_vu",
    "hd_diem_nong",
    "hd_diem_nong_giai_quyet",
]


def at(day: str, hour: int = 8) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour))
    )


def meeting(organizer: OrgUnit, type: str, day: str, status=Meeting.Status.HELD) -> Meeting:
    return Meeting.objects.create(
        organizer=organizer,
        organizer_path=organizer.path,
        province_code=organizer.province_code,
        type=type,
        title=f"Hội nghị {type} {day}",
        status=status,
        starts_at=at(day),
    )


def inspection(organizer: OrgUnit, kind: str, status: str, *, concluded=None, closed=None) -> Inspection:
    return Inspection.objects.create(
        organizer=organizer,
        organizer_path=organizer.path,
        province_code=organizer.province_code,
        kind=kind,
        status=status,
        title=f"Kiểm tra {kind}",
        starts_on=datetime.date(2025, 1, 5),
        conclusion_date=concluded and datetime.date.fromisoformat(concluded),
        closed_on=closed and datetime.date.fromisoformat(closed),
    )


def hotspot(unit: OrgUnit, reported: str, resolved: str | None = None) -> SituationReport:
    return SituationReport.objects.create(
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        topic=SituationReport.Topic.MASS_COMPLAINT,
        severity=SituationReport.Severity.HOTSPOT,
        reported_on=datetime.date.fromisoformat(reported),
        title="Tụ tập đông người khiếu kiện đất đai",
        text="Khoảng 40 hộ dân tụ tập tại trụ sở.",
        hotspot=SituationReport.HotspotState.RESOLVED if resolved else SituationReport.HotspotState.OPEN,
        resolved_at=resolved and at(resolved, 16),
    )


def task(
    actor, assigner, lead, deadline: str, *, done: str | None = None, cancelled=False, assigned="2025-05-05"
):
    made = assign_task(
        actor,
        assigner=assigner,
        lead_unit=lead,
        title=f"Nhiệm vụ hạn {deadline}",
        deadline=datetime.date.fromisoformat(deadline),
        source=Task.Source.DOCUMENT,
        assigned_on=datetime.date.fromisoformat(assigned),
    )
    if done:
        Task.objects.filter(pk=made.pk).update(
            state=Task.State.DONE, completed_on=datetime.date.fromisoformat(done), progress=100
        )
    elif cancelled:
        Task.objects.filter(pk=made.pk).update(
            state=Task.State.CANCELLED, cancelled_reason="Không còn phù hợp"
        )
    return made


@pytest.fixture
def predecessor(units):
    """The old commune Phường Thục Phán was formed from on 1/7/2025."""
    return OrgUnit.objects.get(path=lineage_paths(units["thuc_phan"])[1])


@pytest.fixture
def records(units, province_admin, predecessor):
    """Tỉnh Cao Bằng's 2026H1 as its communes recorded it, with what must not be counted beside it."""
    cao_bang, thuc_phan, nung_tri_cao = units["cao_bang"], units["thuc_phan"], units["nung_tri_cao"]
    elsewhere = other_province_commune(cao_bang)
    meeting(thuc_phan, "giao_ban", "2026-01-15")
    meeting(thuc_phan, "giao_ban", "2026-04-15")
    meeting(nung_tri_cao, "so_ket", "2026-06-30")
    meeting(cao_bang, "tap_huan", "2026-03-02")
    meeting(thuc_phan, "giao_ban", "2026-05-15", status=Meeting.Status.PLANNED)  # not held
    meeting(thuc_phan, "giao_ban", "2026-05-20", status=Meeting.Status.CANCELLED)
    meeting(thuc_phan, "tong_ket", "2026-07-01")  # the next period
    meeting(elsewhere, "giao_ban", "2026-02-10")  # another province
    inspection(cao_bang, "inspection", Inspection.Status.CONCLUDED, concluded="2026-03-20")
    inspection(nung_tri_cao, "supervision", Inspection.Status.CLOSED, closed="2026-06-01")
    inspection(cao_bang, "inspection", Inspection.Status.ONGOING)  # not concluded
    inspection(cao_bang, "inspection", Inspection.Status.CONCLUDED, concluded="2025-12-20")  # earlier
    hotspot(thuc_phan, "2026-02-01", resolved="2026-02-20")
    hotspot(nung_tri_cao, "2026-05-01")
    hotspot(thuc_phan, "2025-12-01", resolved="2026-01-10")  # reported before, resolved within
    hotspot(elsewhere, "2026-03-01")
    # As the period ended (30/6/2026): done on time, done late, in progress, overdue (twice: one done only after the
    # period); a cancelled one and one due later are counted in none; one is the merged commune's predecessor's.
    task(province_admin, cao_bang, thuc_phan, "2026-03-31", done="2026-03-20")
    task(province_admin, cao_bang, nung_tri_cao, "2026-04-30", done="2026-05-10")
    task(province_admin, cao_bang, thuc_phan, "2026-06-30")
    task(province_admin, cao_bang, thuc_phan, "2026-05-31")
    task(province_admin, cao_bang, nung_tri_cao, "2026-05-31", done="2026-08-01")
    task(province_admin, cao_bang, thuc_phan, "2026-05-31", cancelled=True)
    task(province_admin, cao_bang, thuc_phan, "2026-09-30")
    task(province_admin, cao_bang, predecessor, "2026-02-28", done="2026-02-27", assigned="2025-06-01")


def province_report(units, province_admin):
    define_demo_form(units["cao_bang"])
    form = report_form(
        units["cao_bang"],
        code="hoat-dong-tinh",
        indicators=Indicator.objects.filter(code__in=ACTIVITIES).order_by("code"),
        reporting_kinds=(OrgUnit.Kind.PROVINCE,),
    )
    return services.open_submission(province_admin, form, units["cao_bang"], PERIOD)


def stored(submission, code: str) -> dict[str, float]:
    return {
        value.category: value.number
        for value in Value.objects.filter(
            unit=submission.unit, period=submission.period, indicator__code=code
        ).exclude(number=0)
    }


def test_a_half_year_report_of_the_province_fills_its_activity_figures_itself(records, units, province_admin):
    submission = province_report(units, province_admin)

    assert stored(submission, "hd_hoi_nghi") == {"": 4}
    assert stored(submission, "hd_giao_ban") == {"": 2}
    assert stored(submission, "hd_so_ket") == {"": 1}
    assert stored(submission, "hd_tap_huan") == {"": 1}
    assert stored(submission, "hd_doi_thoai") == {}  # zero
    assert stored(submission, "hd_kiem_tra") == {"inspection": 1, "supervision": 1}
    assert stored(submission, "hd_nhiem_vu") == {
        "done_on_time": 2,  # one of them the predecessor's
        "done_late": 1,
        "in_progress": 1,
        "overdue": 2,
    }
    assert stored(submission, "hd_diem_nong") == {"": 2}
    assert stored(submission, "hd_diem_nong_giai_quyet") == {"": 2}
    assert set(
        Value.objects.filter(
            unit=units["cao_bang"], period=PERIOD, indicator__code__in=ACTIVITIES
        ).values_list("origin", flat=True)
    ) == {Value.Origin.SYSTEM}
    # Every status has its cell, zero where nothing happened.
    assert (
        Value.objects.filter(unit=units["cao_bang"], period=PERIOD, indicator__code="hd_nhiem_vu").count()
        == 4
    )


def test_a_commune_counts_its_own_records_and_those_of_the_commune_it_was_formed_from(
    records, units, predecessor
):
    define_demo_form(units["cao_bang"])
    tasks, meetings = Indicator.objects.get(code="hd_nhiem_vu"), Indicator.objects.get(code="hd_hoi_nghi")
    thuc_phan = units["thuc_phan"]
    assert system_values(tasks, thuc_phan, Period.parse(PERIOD)) == {
        "done_on_time": 2.0,  # its own and its predecessor's
        "done_late": 0.0,
        "in_progress": 1.0,
        "overdue": 1.0,
    }
    # A figure for a period before the merger: the predecessor's meeting is the new ward's.
    meeting(predecessor, "so_ket", "2025-06-20")
    so_ket, before = Indicator.objects.get(code="hd_so_ket"), Period.parse("2025H1")
    assert system_values(so_ket, thuc_phan, before) == system_values(meetings, thuc_phan, before) == {"": 1.0}
    assert system_values(meetings, units["nung_tri_cao"], before) == {"": 0.0}


def test_the_activity_figures_are_the_systems_in_the_entry_grid(records, units, commune_editor, client_for):
    form = define_demo_form(units["cao_bang"])
    ward = units["thuc_phan"]
    html = (
        client_for(commune_editor)
        .get(reverse("reporting:entry", args=[form.pk, ward.pk, PERIOD]))
        .content.decode()
    )
    assert "V. Hoạt động" in html
    giao_ban = Indicator.objects.get(code="hd_giao_ban")
    cell = html[html.index(f'id="cell-c{giao_ban.pk}"') :]
    cell = cell[: cell.index('<div id="cell-')] if '<div id="cell-' in cell else cell
    assert "data-bound" in cell and "hệ thống" in cell and 'value="2"' in cell

    draft = services.open_submission(commune_editor, form, ward, PERIOD)
    with pytest.raises(Exception, match="ghi lý do khi sửa số liệu này"):
        services.save_value(commune_editor, draft, giao_ban, "", "5")
    assert Value.objects.get(unit=ward, period=PERIOD, indicator=giao_ban, category="").number == 2


def test_an_activity_figure_breaks_down_only_by_its_own_category(units, province_admin):
    with pytest.raises(Exception, match="Số hội nghị phân tổ được theo loại hội nghị"):
        services.save_indicator(
            province_admin,
            code="hd_thu",
            name="Số nhiệm vụ theo cấp",
            value_type="integer",
            aggregation="sum",
            source=Source.ACTIVITIES_TASKS,
            owner=units["cao_bang"],
            categories=[Category.objects.get(code="cap_xa")],
        )


def test_the_categories_options_are_the_records_own_values(db):
    assert list(Category.objects.get(code="loai_hoi_nghi").options.values_list("code", flat=True)) == list(
        Meeting.Type.values
    )
    assert list(
        Category.objects.get(code="hinh_thuc_kiem_tra").options.values_list("code", flat=True)
    ) == list(Inspection.Kind.values)
    assert list(Category.objects.get(code="tinh_trang_nhiem_vu").options.values_list("code", flat=True)) == [
        "done_on_time",
        "done_late",
        "in_progress",
        "overdue",
    ]
