"""The clocks' seed data: the time limits of the laws on citizen reception, complaints and denunciations, in two
versions (the laws before, and from 1/7/2026 as amended by Luật 136/2025/QH15, which kept these limits), and the
working calendar's default for a year (the `holidays` library's Vietnamese days off, the lunar ones computed for
UTC+7, and the weekend days its swaps made working).

`seed_deadline_rules` and `seed_calendar` are called by the app's data migration; `default_year` by the engine for a
year nobody set."""

import re
from datetime import date, timedelta

import holidays

AMENDED = date(2026, 7, 1)
AMENDMENT = (
    "Luật số 136/2025/QH15 sửa đổi, bổ sung Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo (từ 01/7/2026)"
)

# (step, name, counted from, day type, limits, basis before, first day in force)
# limits: days, complex, remote, remote and complex, verify, days per extension, extensions when complex / very.
RULES = [
    (
        "xu_ly_don",
        "Xử lý đơn",
        "ngày nhận được đơn",
        "working_days",
        (10, None, None, None, None, None, 0, 0),
        "Thông tư số 05/2021/TT-TTCP quy định quy trình xử lý đơn khiếu nại, đơn tố cáo, đơn kiến nghị, phản ánh",
        date(2021, 10, 1),
    ),
    (
        "khieu_nai_lan_1.thu_ly",
        "Thụ lý khiếu nại lần đầu",
        "ngày nhận được đơn",
        "days",
        (10, None, None, None, None, None, 0, 0),
        "Luật Khiếu nại 2011, Điều 27",
        date(2012, 7, 1),
    ),
    (
        "khieu_nai_lan_1.giai_quyet",
        "Giải quyết khiếu nại lần đầu",
        "ngày thụ lý",
        "days",
        (30, 45, 45, 60, None, None, 0, 0),
        "Luật Khiếu nại 2011, Điều 28",
        date(2012, 7, 1),
    ),
    (
        "khieu_nai_lan_2.thu_ly",
        "Thụ lý khiếu nại lần hai",
        "ngày nhận được đơn",
        "days",
        (10, None, None, None, None, None, 0, 0),
        "Luật Khiếu nại 2011, Điều 36",
        date(2012, 7, 1),
    ),
    (
        "khieu_nai_lan_2.giai_quyet",
        "Giải quyết khiếu nại lần hai",
        "ngày thụ lý",
        "days",
        (45, 60, 60, 70, None, None, 0, 0),
        "Luật Khiếu nại 2011, Điều 37",
        date(2012, 7, 1),
    ),
    (
        "to_cao.xu_ly_ban_dau",
        "Xử lý ban đầu thông tin tố cáo",
        "ngày nhận được tố cáo",
        "working_days",
        (7, None, None, None, 10, None, 0, 0),
        "Luật Tố cáo 2018, Điều 24",
        date(2019, 1, 1),
    ),
    (
        "to_cao.thong_bao_thu_ly",
        "Thông báo thụ lý tố cáo",
        "ngày ra quyết định thụ lý",
        "working_days",
        (5, None, None, None, None, None, 0, 0),
        "Luật Tố cáo 2018, Điều 29",
        date(2019, 1, 1),
    ),
    (
        "to_cao.giai_quyet",
        "Giải quyết tố cáo",
        "ngày thụ lý",
        "days",
        (30, None, None, None, None, 30, 1, 2),
        "Luật Tố cáo 2018, Điều 30",
        date(2019, 1, 1),
    ),
    (
        "tiep_cong_dan_dang.tra_loi",
        "Trả lời sau tiếp công dân (cấp ủy)",
        "ngày tiếp công dân",
        "working_days",
        (10, None, None, None, None, None, 0, 0),
        "Quy định số 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị",
        date(2019, 2, 18),
    ),
]
LIMIT_FIELDS = (
    "days",
    "complex_days",
    "remote_days",
    "remote_complex_days",
    "verify_days",
    "extension_days",
    "max_extensions_complex",
    "max_extensions_very_complex",
)
STEP_NAMES = {step: name for step, name, *_ in RULES}


def rule_rows() -> list[dict]:
    """Both versions of every step, as DeadlineRule fields."""
    rows = []
    for step, name, counted_from, day_type, limits, basis, first in RULES:
        common = {"step": step, "name": name, "counted_from": counted_from, "day_type": day_type}
        common.update(dict(zip(LIMIT_FIELDS, limits, strict=True)))
        rows.append(
            {**common, "legal_basis": basis, "valid_from": first, "valid_to": AMENDED - timedelta(days=1)}
        )
        amended = basis if step == "tiep_cong_dan_dang.tra_loi" else f"{basis}; {AMENDMENT}"
        rows.append({**common, "legal_basis": amended[:300], "valid_from": AMENDED, "valid_to": None})
    return rows


def seed_deadline_rules(apps, schema_editor) -> None:
    """The data migration's step: both versions of every step (kept as they are when already there)."""
    rule = apps.get_model("citizens", "DeadlineRule")
    for row in rule_rows():
        rule.objects.get_or_create(step=row["step"], valid_from=row["valid_from"], defaults=row)


SWAP = re.compile(r"thay cho ngày (\d{2})/(\d{2})/(\d{4})")


def default_year(year: int) -> tuple[dict[date, str], dict[date, str]]:
    """({weekday off: name}, {weekend day worked: name}) of `year` from `holidays.VN` (Vietnamese names): the lunar
    days (Tết, Giỗ Tổ) computed for UTC+7, the days off in lieu, and the Saturdays a swap made working ("Ngày nghỉ
    (thay cho ngày 26/04/2025)"). Days off falling on a weekend change nothing and are left out."""
    found = holidays.VN(years=year, language="vi")
    off: dict[date, str] = {}
    working: dict[date, str] = {}
    for day, name in sorted(found.items()):
        if day.weekday() < 5:
            off[day] = name
        swapped = SWAP.search(name)
        if swapped:
            worked = date(int(swapped[3]), int(swapped[2]), int(swapped[1]))
            if worked.year == year and worked.weekday() >= 5:
                working[worked] = f"Làm bù cho ngày {day:%d/%m/%Y}"
    return off, working


SEEDED_YEARS = (2025, 2026, 2027)


def seed_calendar(apps, schema_editor) -> None:
    """The data migration's step: the official days off and swaps of 2025–2027 stored, so they stay as decided
    whatever a later version of the library computes, and a superuser can correct them."""
    year_model = apps.get_model("citizens", "CalendarYear")
    day_model = apps.get_model("citizens", "CalendarDay")
    for year in SEEDED_YEARS:
        if year_model.objects.filter(year=year).exists():
            continue
        year_model.objects.create(year=year)
        off, working = default_year(year)
        day_model.objects.bulk_create(
            [day_model(date=day, kind="off", name=name[:200]) for day, name in off.items()]
            + [day_model(date=day, kind="working", name=name[:200]) for day, name in working.items()]
        )
