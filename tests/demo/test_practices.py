"""The demo register gives the seeds' figures exactly, fast, once, and as the services would have written it."""

import time
from collections import Counter

import pytest
from django.db import transaction

from danvan.core.text import fold
from danvan.demo.practices import load_demo_practices
from danvan.orgunits.models import OrgUnit
from danvan.practices import selectors, services
from danvan.practices.models import (
    Campaign,
    Field,
    Practice,
    PracticeEvent,
    PracticeYear,
    PracticeYearField,
    Status,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_practices_loaded(django_db_setup, django_db_blocker):
    """The demo register, loaded once for the tests that read it (in a transaction rolled back after the module;
    they run after the test that times the load, tests/conftest.py)."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_practices()
        yield
        transaction.set_rollback(True)


def rows_by(result, key):
    return {row[key]: row["count"] for row in result["rows"]}


def test_demo_gives_the_seeds_figures_exactly_quickly_and_once(units):
    started = time.perf_counter()
    summary = load_demo_practices()
    elapsed = time.perf_counter() - started
    assert summary["loaded"] and summary["practices"] > 900
    assert elapsed < 15, f"load_demo_practices took {elapsed:.1f} s"

    # Thành phố Cao Bằng, 2021: 14 models at ward level and 200 at tổ, xóm level…
    tp = units["tp_cao_bang"]
    levels = rows_by(selectors.stats(tp, 2021, ["level"]), "level")
    assert (levels["commune"], levels["hamlet"]) == (14, 200)
    # …and every expected unit registered: 16 agencies and 6 party cells, every ward, commune, tổ and xóm.
    campaign = Campaign.objects.get(unit=tp, year=2021)
    completion = selectors.campaign_completion(campaign)
    assert completion["percent"] == 100.0 and completion["missing"] == []
    done = OrgUnit.objects.filter(pk__in=[unit["pk"] for unit in completion["done"]])
    agencies = done.filter(kind=OrgUnit.Kind.AGENCY)
    assert agencies.filter(agency_type=OrgUnit.AgencyType.PARTY_CELL).count() == 6
    assert agencies.exclude(agency_type=OrgUnit.AgencyType.PARTY_CELL).count() == 16
    assert done.filter(kind=OrgUnit.Kind.COMMUNE).count() == 11
    assert done.filter(kind=OrgUnit.Kind.HAMLET).count() == completion["expected"] - 22 - 11 > 0

    # Huyện Cầu Kè, 2022: 331 models over the four fields.
    cau_ke = selectors.stats(units["cau_ke"], 2022, ["field"])
    assert cau_ke["total"] == 331
    assert selectors.stats(units["cau_ke"], 2022, [])["total"] == 331
    assert set(rows_by(cau_ke, "field")) == {
        "kinh-te",
        "van-hoa-xa-hoi",
        "quoc-phong-an-ninh",
        "xay-dung-he-thong-chinh-tri",
    }

    # Thị xã Duy Tiên, 2019: 21 in the khối phòng, ban, ngành, đoàn thể, 39 in the khối phường, xã.
    duy_tien = selectors.stats(units["duy_tien"], 2019, ["group"])
    assert duy_tien["total"] == 60
    assert rows_by(duy_tien, "group") == {
        "Khối phòng, ban, ngành, đoàn thể": 21,
        "Khối xã, phường, thị trấn": 39,
    }
    assert Practice.objects.filter(
        owner__name="Phường Hòa Mạc",
        name="Chính quyền thân thiện vì nhân dân phục vụ",
        status=Status.RECOGNISED,
    ).exists()

    # A second run adds nothing.
    counts = (Practice.objects.count(), PracticeYear.objects.count(), OrgUnit.objects.count())
    assert load_demo_practices() == {"loaded": False, "practices": 0}
    assert (Practice.objects.count(), PracticeYear.objects.count(), OrgUnit.objects.count()) == counts


def test_demo_cao_bang_has_every_state_fields_recognitions_replicas_and_carried_models(
    demo_practices_loaded, units
):
    cao_bang = units["cao_bang"]
    for year in (2025, 2026):
        stats = selectors.stats(cao_bang, year, ["status"])
        assert 150 <= stats["total"] <= 400
        assert set(rows_by(stats, "status")) == set(Status.values), year
        assert set(rows_by(selectors.stats(cao_bang, year, ["kind"]), "kind")) == {"model", "exemplar"}
        assert {"commune", "hamlet", "province"} <= set(
            rows_by(selectors.stats(cao_bang, year, ["level"]), "level")
        )
    fields = rows_by(selectors.stats(cao_bang, 2026, ["field"]), "field")
    assert fields["xay-dung-nong-thon-moi"] > 0 and len(fields) == 5
    assert Field.objects.get(code="xay-dung-nong-thon-moi").owner == cao_bang

    current = Practice.objects.filter(province_code=cao_bang.province_code, registration_year__gte=2025)
    recognised = current.filter(recognised_by=units["ban_tgdv_cao_bang"])
    assert recognised.count() > 10
    assert all("-QĐ/BTGDVTU" in p.recognition_decision for p in recognised)
    assert current.filter(replicated_from__isnull=False).count() >= 5
    assert (
        PracticeYear.objects.filter(practice__in=current, year=2026, practice__registration_year=2025).count()
        > 50
    )
    exemplars = current.filter(kind=Practice.Kind.EXEMPLAR)
    assert exemplars.count() > 10 and not exemplars.filter(person_name="").exists()
    assert current.filter(owner__kind=OrgUnit.Kind.HAMLET, owner__parent=units["thuc_phan"]).exists()
    assert current.filter(results__isnull=False).distinct().count() > 200
    # The showcase has something to show at once, and searches the demo's names without accents.
    showcase = selectors.recognised_for_showcase()
    assert showcase.filter(search_key__contains="duong hoa").exists()


def test_demo_data_is_what_the_services_would_have_written(demo_practices_loaded, units):
    practices = list(
        Practice.objects.filter(registration_year__in=[2019, 2021, 2022, 2025, 2026])
        .select_related("owner", "recognised_by")
        .prefetch_related("fields", "years__field_rows", "events")
    )
    assert practices
    levels = {}
    following = {}
    for action, (sources, target) in services.TRANSITIONS.items():
        for source in sources:
            following.setdefault(source, set()).add((action, target))
    for practice in practices:
        owner = practice.owner
        if owner.pk not in levels:
            levels[owner.pk] = services.level_of(owner)
        assert (practice.owner_path, practice.province_code, practice.level) == (
            owner.path,
            owner.province_code,
            levels[owner.pk],
        )
        assert practice.search_key == fold(f"{practice.name} {practice.person_name} {owner.name}")[:600]
        years = sorted(practice.years.all(), key=lambda row: row.year)
        assert years[0].year == practice.registration_year and years[-1].status == practice.status
        fields = {f.pk for f in practice.fields.all()}
        assert fields
        for row in years:
            assert (row.owner_id, row.owner_path, row.level, row.kind) == (
                owner.pk,
                practice.owner_path,
                practice.level,
                practice.kind,
            )
            assert {r.field_id for r in row.field_rows.all()} == fields
            assert {r.status for r in row.field_rows.all()} == {row.status}
        # The timeline follows the lifecycle, in date order, and ends in the practice's status.
        events = sorted(practice.events.all(), key=lambda e: (e.date, e.id))
        assert events[0].action == "register" and events[0].status == Status.REGISTERED
        status = Status.REGISTERED
        for event in events[1:]:
            if event.action == "reconfirm":
                assert event.status == status
                continue
            assert (event.action, event.status) in following[status], (practice.name, event.action, status)
            status = event.status
        assert status == practice.status
        if practice.status in (Status.RECOGNISED, Status.REPLICATED):
            by = practice.recognised_by
            assert practice.recognition_decision and practice.recognition_date
            assert practice.recognition_level == services.level_of(by)
            assert practice.owner_path.startswith(by.parent.path) and by.path != practice.owner_path
        assert owner.valid_from is None or owner.valid_from.year <= practice.registration_year
        assert owner.valid_to is None or owner.valid_to.year >= practice.registration_year
    assert Counter(e.action for e in PracticeEvent.objects.all())["replicate"] > 0
    assert PracticeYearField.objects.count() > len(practices)
