"""Demo reporting: the form "Báo cáo sơ kết công tác dân vận 6 tháng" issued by Tỉnh Cao Bằng, with the figures the
seeds report, filled by the province's communes for 2026H1 and by its old communes (before the 2025 reform) for
2024H2 and 2025H1, so the province's 2024 → 2026 comparison and the report document's comparison with the same
period a year earlier show at once. The "Dân vận khéo" counts break down by the levels within a commune (category
"cap_xa"): since 1/7/2025 there are no districts, and a commune has no province-level models; the old communes'
figures were at those two levels too. Section "V. Hoạt động" is counted from the activities' records (meetings held,
in all and by type, inspections concluded, tasks by the four statuses, hotspots), and section "VI. Tiếp công dân, giải
quyết đơn thư" from the citizens' records (petitions received by kind and by field, accepted, resolved on time and
late, receptions and dialogues held), never typed.

2026H1: each commune's "Dân vận khéo" figures come from the practice register (as the grid fills them); the other
figures and the texts are generated from a fixed seed per commune. Most communes have submitted (a few late) and
most of those are approved; some are still drafting, and Phường Thục Phán has not started: the demo user
`thucphan` fills it. 2024H2 and 2025H1: every old commune's report was submitted and approved (history imported).
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from danvan.core.periods import Period, PeriodType
from danvan.core.text import vn_number
from danvan.orgunits.models import REFORM_DATE, OrgUnit
from danvan.reporting import services
from danvan.reporting.models import (
    NARRATIVE_KEYS,
    Aggregation,
    Category,
    Form,
    Importance,
    Indicator,
    Section,
    SectionIndicator,
    Source,
    Submission,
    SubmissionEvent,
    ValidationRule,
    Value,
    ValueType,
)

FORM_CODE = "so-ket-dan-van-6-thang"
FORM_NAME = "Báo cáo sơ kết công tác dân vận 6 tháng"
# The old communes' reports (before the 2025 reform): 2024H2 for the 2024 → 2026 comparison, 2025H1 for the same
# period a year before 2026H1 (the report document's comparison).
CURRENT, EARLIER, YEAR_EARLIER = "2026H1", "2024H2", "2025H1"
INT, DEC, PCT, YES_NO = ValueType.INTEGER, ValueType.DECIMAL, ValueType.PERCENTAGE, ValueType.BOOLEAN

# code: (name, value type, measure, categories, source, expression, aggregation, generated range)
INDICATORS = {
    "dvk_mh_dang_ky": (
        "Số mô hình, điển hình “Dân vận khéo” đăng ký",
        INT,
        "mô hình",
        ["cap_xa"],
        Source.PRACTICES_REGISTERED,
        "",
        "sum",
        None,
    ),
    "dvk_mh_cong_nhan": (
        "Số mô hình, điển hình “Dân vận khéo” được công nhận",
        INT,
        "mô hình",
        ["cap_xa"],
        Source.PRACTICES_RECOGNISED,
        "",
        "sum",
        None,
    ),
    "dvk_ty_le_cong_nhan": (
        "Tỷ lệ mô hình, điển hình được công nhận",
        PCT,
        "%",
        [],
        "",
        "dvk_mh_cong_nhan / dvk_mh_dang_ky * 100",
        "sum",
        None,
    ),
    "dvk_mh_linh_vuc": (
        "Mô hình, điển hình đăng ký theo lĩnh vực",
        INT,
        "mô hình",
        ["linh_vuc"],
        Source.PRACTICES_REGISTERED,
        "",
        "sum",
        None,
    ),
    "dvk_don_vi_dang_ky": (
        "Số cơ quan, đơn vị, thôn, tổ dân phố đăng ký mô hình",
        INT,
        "đơn vị",
        [],
        Source.PRACTICES_UNITS,
        "",
        "sum",
        None,
    ),
    "dcs_doi_thoai": (
        "Số cuộc đối thoại của người đứng đầu cấp ủy, chính quyền với Nhân dân",
        INT,
        "cuộc",
        [],
        "",
        "",
        "sum",
        (1, 6),
    ),
    "dcs_nguoi_du_doi_thoai": ("Số lượt người dân dự đối thoại", INT, "lượt", [], "", "", "sum", (60, 600)),
    "dcs_tiep_cong_dan": ("Số buổi tiếp công dân định kỳ", INT, "buổi", [], "", "", "sum", (6, 26)),
    "dcs_luot_tiep": ("Số lượt công dân được tiếp", INT, "lượt", [], "", "", "sum", (10, 90)),
    "dcs_don_tiep_nhan": (
        "Số đơn thư kiến nghị, phản ánh, khiếu nại, tố cáo tiếp nhận",
        INT,
        "đơn",
        [],
        "",
        "",
        "sum",
        (2, 40),
    ),
    "dcs_don_giai_quyet": ("Số đơn thư đã giải quyết", INT, "đơn", [], "", "", "sum", None),
    "dcs_ty_le_giai_quyet": (
        "Tỷ lệ đơn thư đã giải quyết",
        PCT,
        "%",
        [],
        "",
        "dcs_don_giai_quyet / dcs_don_tiep_nhan * 100",
        "sum",
        None,
    ),
    "dcs_so_ket": ("Đã sơ kết thực hiện dân chủ ở cơ sở", YES_NO, "", [], "", "", "sum", None),
    "asxh_nha_dai_doan_ket": (
        "Số nhà Đại đoàn kết, nhà tình nghĩa xây mới",
        INT,
        "căn",
        [],
        "",
        "",
        "sum",
        (0, 8),
    ),
    "asxh_qua_tet": (
        "Số suất quà Tết trao tặng hộ nghèo, gia đình chính sách",
        INT,
        "suất",
        [],
        "",
        "",
        "sum",
        (80, 900),
    ),
    "asxh_gia_tri_qua": ("Giá trị quà Tết", DEC, "triệu đồng", [], "", "", "sum", None),
    "dlxh_vu_viec": ("Số vụ việc phức tạp, điểm nóng phát sinh", INT, "vụ", [], "", "", "sum", (0, 3)),
    "dttg_gap_mat": (
        "Số cuộc gặp mặt chức sắc tôn giáo, người có uy tín trong đồng bào dân tộc thiểu số",
        INT,
        "cuộc",
        [],
        "",
        "",
        "sum",
        (1, 5),
    ),
    "dlxh_hai_long": (
        "Tỷ lệ người dân hài lòng với sự phục vụ của chính quyền",
        PCT,
        "%",
        [],
        "",
        "",
        "average",
        (78, 98),
    ),
    # Counted from the activities' records of the unit's subtree (activities.selectors.figures), never typed.
    "hd_hoi_nghi": (
        "Số hội nghị, cuộc họp đã tổ chức",
        INT,
        "cuộc",
        [],
        Source.ACTIVITIES_MEETINGS,
        "",
        "sum",
        None,
    ),
    "hd_so_ket": ("Trong đó: hội nghị sơ kết", INT, "cuộc", [], Source.MEETINGS_SO_KET, "", "sum", None),
    "hd_tong_ket": ("Hội nghị tổng kết", INT, "cuộc", [], Source.MEETINGS_TONG_KET, "", "sum", None),
    "hd_giao_ban": ("Giao ban", INT, "cuộc", [], Source.MEETINGS_GIAO_BAN, "", "sum", None),
    "hd_chuyen_de": ("Hội nghị chuyên đề", INT, "cuộc", [], Source.MEETINGS_CHUYEN_DE, "", "sum", None),
    "hd_tap_huan": ("Tập huấn", INT, "lớp", [], Source.MEETINGS_TAP_HUAN, "", "sum", None),
    "hd_doi_thoai": ("Đối thoại", INT, "cuộc", [], Source.MEETINGS_DOI_THOAI, "", "sum", None),
    "hd_kiem_tra": (
        "Số cuộc kiểm tra, giám sát đã kết luận",
        INT,
        "cuộc",
        ["hinh_thuc_kiem_tra"],
        Source.ACTIVITIES_INSPECTIONS,
        "",
        "sum",
        None,
    ),
    "hd_nhiem_vu": (
        "Số nhiệm vụ đến hạn trong kỳ, theo tình trạng thực hiện",
        INT,
        "nhiệm vụ",
        ["tinh_trang_nhiem_vu"],
        Source.ACTIVITIES_TASKS,
        "",
        "sum",
        None,
    ),
    "hd_diem_nong": (
        "Số vụ việc nguy cơ điểm nóng phát sinh",
        INT,
        "vụ",
        [],
        Source.ACTIVITIES_HOTSPOTS,
        "",
        "sum",
        None,
    ),
    "hd_diem_nong_giai_quyet": (
        "Số vụ việc nguy cơ điểm nóng đã giải quyết",
        INT,
        "vụ",
        [],
        Source.ACTIVITIES_HOTSPOTS_RESOLVED,
        "",
        "sum",
        None,
    ),
    # Counted from the citizens' records of the unit's subtree (citizens.selectors.figures), never typed.
    "tcd_don_loai": (
        "Số đơn thư tiếp nhận trong kỳ, theo loại đơn",
        INT,
        "đơn",
        ["loai_don"],
        Source.CITIZENS_RECEIVED,
        "",
        "sum",
        None,
    ),
    "tcd_don_linh_vuc": (
        "Số đơn thư tiếp nhận trong kỳ, theo lĩnh vực",
        INT,
        "đơn",
        ["linh_vuc_don"],
        Source.CITIZENS_RECEIVED,
        "",
        "sum",
        None,
    ),
    "tcd_don_thu_ly": ("Số đơn đã thụ lý", INT, "đơn", [], Source.CITIZENS_ACCEPTED, "", "sum", None),
    "tcd_don_dung_han": (
        "Số đơn đã giải quyết đúng hạn",
        INT,
        "đơn",
        [],
        Source.CITIZENS_ON_TIME,
        "",
        "sum",
        None,
    ),
    "tcd_don_qua_han": (
        "Số đơn đã giải quyết quá hạn",
        INT,
        "đơn",
        [],
        Source.CITIZENS_LATE,
        "",
        "sum",
        None,
    ),
    "tcd_tiep_cong_dan": (
        "Số buổi tiếp công dân đã tổ chức",
        INT,
        "buổi",
        [],
        Source.CITIZENS_RECEPTIONS,
        "",
        "sum",
        None,
    ),
    "tcd_doi_thoai": (
        "Số cuộc đối thoại trực tiếp với Nhân dân đã tổ chức",
        INT,
        "cuộc",
        [],
        Source.CITIZENS_DIALOGUES,
        "",
        "sum",
        None,
    ),
}
SECTIONS = [
    (
        "I. Phong trào thi đua “Dân vận khéo”",
        [
            "dvk_mh_dang_ky",
            "dvk_mh_cong_nhan",
            "dvk_ty_le_cong_nhan",
            "dvk_mh_linh_vuc",
            "dvk_don_vi_dang_ky",
        ],
    ),
    (
        "II. Thực hiện dân chủ ở cơ sở",
        [
            "dcs_doi_thoai",
            "dcs_nguoi_du_doi_thoai",
            "dcs_tiep_cong_dan",
            "dcs_luot_tiep",
            "dcs_don_tiep_nhan",
            "dcs_don_giai_quyet",
            "dcs_ty_le_giai_quyet",
            "dcs_so_ket",
        ],
    ),
    ("III. Công tác an sinh xã hội", ["asxh_nha_dai_doan_ket", "asxh_qua_tet", "asxh_gia_tri_qua"]),
    ("IV. Dư luận xã hội, dân tộc, tôn giáo", ["dlxh_vu_viec", "dttg_gap_mat", "dlxh_hai_long"]),
    (
        "V. Hoạt động",
        [
            "hd_hoi_nghi",
            "hd_so_ket",
            "hd_tong_ket",
            "hd_giao_ban",
            "hd_chuyen_de",
            "hd_tap_huan",
            "hd_doi_thoai",
            "hd_kiem_tra",
            "hd_nhiem_vu",
            "hd_diem_nong",
            "hd_diem_nong_giai_quyet",
        ],
    ),
    (
        "VI. Tiếp công dân, giải quyết đơn thư",
        [
            "tcd_don_loai",
            "tcd_don_linh_vuc",
            "tcd_don_thu_ly",
            "tcd_don_dung_han",
            "tcd_don_qua_han",
            "tcd_tiep_cong_dan",
            "tcd_doi_thoai",
        ],
    ),
]
# The report document's outline section a form section's figures are written into, where its title does not name
# one ("II. Thực hiện dân chủ ở cơ sở" is found by its title).
SECTION_NARRATIVE = {"III. Công tác an sinh xã hội": "2.3"}
RULES = [
    (
        "dvk_mh_cong_nhan",
        "<=",
        "dvk_mh_dang_ky",
        Importance.BLOCKING,
        "Số mô hình được công nhận không được lớn hơn số mô hình đăng ký",
    ),
    (
        "dcs_don_giai_quyet",
        "<=",
        "dcs_don_tiep_nhan",
        Importance.BLOCKING,
        "Số đơn thư đã giải quyết không được lớn hơn số đơn thư tiếp nhận",
    ),
    (
        "dcs_nguoi_du_doi_thoai",
        ">=",
        "dcs_doi_thoai",
        Importance.WARNING,
        "Mỗi cuộc đối thoại phải có người dân tham dự",
    ),
    (
        "dcs_luot_tiep",
        ">=",
        "dcs_tiep_cong_dan",
        Importance.WARNING,
        "Số lượt công dân được tiếp ít hơn số buổi tiếp",
    ),
]
# What a commune cannot leave out: the figures of democracy at the grassroots and the texts on them and on the coming
# period (a submit is refused while one is empty).
REQUIRED = {"dcs_doi_thoai", "dcs_tiep_cong_dan", "dcs_luot_tiep", "dcs_don_tiep_nhan", "dcs_don_giai_quyet"}
REQUIRED_NARRATIVE = ["2.2", "2.6", "4"]
NARRATIVES = {
    "1.1": "Tình hình tư tưởng của cán bộ, đảng viên và Nhân dân {unit} cơ bản ổn định; Nhân dân tin tưởng vào sự "
    "lãnh đạo của Đảng, phấn khởi trước kết quả phát triển kinh tế – xã hội của địa phương.",
    "1.2": "Dư luận quan tâm đến việc sắp xếp tổ chức bộ máy, giá cả vật tư nông nghiệp và việc làm của thanh niên; "
    "{incidents} vụ việc phức tạp được nắm bắt, giải quyết ngay tại cơ sở.",
    "2.1": "Đảng ủy {unit} ban hành kế hoạch thực hiện công tác dân vận năm; duy trì giao ban công tác dân vận hằng quý.",
    "2.2": "Chính quyền tổ chức {receptions} buổi tiếp công dân, tiếp {visitors} lượt công dân; tiếp nhận {received} "
    "đơn thư, đã giải quyết {resolved} đơn.",
    "2.3": "Mặt trận Tổ quốc và các đoàn thể vận động trao {gifts} suất quà Tết, xây mới {houses} nhà Đại đoàn kết.",
    "2.4": "Tổ chức {meetings} cuộc gặp mặt chức sắc tôn giáo, người có uy tín; tình hình dân tộc, tôn giáo ổn định.",
    "2.5": "Phong trào thi đua “Dân vận khéo” tiếp tục được triển khai sâu rộng, gắn với các phong trào thi đua "
    "yêu nước.",
    "2.6": "Tổ chức {dialogues} cuộc đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân, có {attendees} "
    "lượt người dân tham dự.",
    "3.1": "Cấp ủy, chính quyền quan tâm lãnh đạo công tác dân vận; phối hợp giữa các tổ chức trong hệ thống chính "
    "trị chặt chẽ hơn.",
    "3.2": "Một số mô hình “Dân vận khéo” chậm được nhân rộng; việc nắm tình hình dư luận ở thôn, tổ dân phố có nơi "
    "chưa kịp thời.",
    "3.3": "Một số cán bộ kiêm nhiệm nhiều việc; kinh phí cho hoạt động ở cơ sở còn hạn chế.",
    "4": "Tiếp tục đẩy mạnh phong trào thi đua “Dân vận khéo”; thực hiện tốt Luật Thực hiện dân chủ ở cơ sở; nắm chắc "
    "tình hình Nhân dân, giải quyết kịp thời kiến nghị chính đáng của người dân.",
    "5": "Đề nghị cấp trên quan tâm bồi dưỡng nghiệp vụ công tác dân vận cho cán bộ cơ sở.",
}


def define_demo_form(owner: OrgUnit) -> Form:
    """The form, its indicators, sections and rules (idempotent: an existing form is returned as it is)."""
    form = Form.objects.filter(code=FORM_CODE).first()
    if form is not None:
        return form
    services.ensure_standard_categories()
    categories = {category.code: category for category in Category.objects.all()}
    indicators = {}
    for code, (
        name,
        value_type,
        measure,
        cats,
        source,
        expression,
        aggregation,
        _range,
    ) in INDICATORS.items():
        indicator, created = Indicator.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "value_type": value_type,
                "measure": measure,
                "source": source,
                "expression": expression,
                "aggregation": Aggregation(aggregation),
            },
        )
        if created:
            indicator.categories.set([categories[c] for c in cats])
        indicators[code] = indicator
    form = Form.objects.create(
        code=FORM_CODE,
        name=FORM_NAME,
        owner=owner,
        period_type=PeriodType.HALF_YEAR,
        reporting_kinds=[OrgUnit.Kind.COMMUNE],
        deadline_days=10,
        document_title="Sơ kết công tác dân vận {ky}, phương hướng, nhiệm vụ {ky_toi}",
        required_narrative=REQUIRED_NARRATIVE,
    )
    for position, (title, codes) in enumerate(SECTIONS, start=1):
        section = Section.objects.create(
            form=form, title=title, position=position, narrative_key=SECTION_NARRATIVE.get(title, "")
        )
        SectionIndicator.objects.bulk_create(
            SectionIndicator(
                section=section, indicator=indicators[code], position=n, required=code in REQUIRED
            )
            for n, code in enumerate(codes, start=1)
        )
    for left, operator, right, importance, message in RULES:
        ValidationRule.objects.create(
            form=form, left=left, operator=operator, right=right, importance=importance, message=message
        )
    return form


def _manual_figures(unit: OrgUnit, period: str, scale: float = 1.0) -> dict[str, float]:
    """Figures of one unit; `scale` shrinks the counts of the smaller old communes (about three made one new)."""
    rng = random.Random(f"{unit.external_id or unit.pk}-{period}")
    figures = {}
    for code, (_n, value_type, *_rest, generated) in INDICATORS.items():
        if generated:
            low, high = generated
            if value_type == ValueType.INTEGER:
                low, high = round(low * scale), max(round(low * scale), round(high * scale))
            figures[code] = float(rng.randint(low, high))
    figures["dcs_don_giai_quyet"] = float(
        rng.randint(int(figures["dcs_don_tiep_nhan"] * 0.7), int(figures["dcs_don_tiep_nhan"]))
    )
    figures["asxh_gia_tri_qua"] = round(figures["asxh_qua_tet"] * rng.choice([0.3, 0.4, 0.5]), 1)
    figures["dcs_so_ket"] = 1.0 if rng.random() < 0.8 else 0.0
    return figures


def _narrative(unit: OrgUnit, figures: dict[str, float]) -> dict[str, str]:
    whole = {code: vn_number(value) for code, value in figures.items()}
    words = {
        "unit": unit.name,
        "incidents": whole["dlxh_vu_viec"],
        "receptions": whole["dcs_tiep_cong_dan"],
        "visitors": whole["dcs_luot_tiep"],
        "received": whole["dcs_don_tiep_nhan"],
        "resolved": whole["dcs_don_giai_quyet"],
        "gifts": whole["asxh_qua_tet"],
        "houses": whole["asxh_nha_dai_doan_ket"],
        "meetings": whole["dttg_gap_mat"],
        "dialogues": whole["dcs_doi_thoai"],
        "attendees": whole["dcs_nguoi_du_doi_thoai"],
    }
    return {key: text.format(**words) for key, text in NARRATIVES.items() if key in NARRATIVE_KEYS}


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _file(
    form: Form,
    indicators: dict[str, Indicator],
    unit: OrgUnit,
    period: Period,
    *,
    state: str,
    rng: random.Random,
    historical: bool,
) -> None:
    figures = _manual_figures(unit, period.code, scale=0.4 if historical else 1.0)
    submission = Submission.objects.create(
        form=form, unit=unit, unit_path=unit.path, period=period.code, narrative=_narrative(unit, figures)
    )
    writes = []
    origin = Value.Origin.IMPORTED if historical else Value.Origin.ENTERED
    for code, number in figures.items():
        writes.append(services.CellWrite(indicators[code], unit, period.code, "", number, "", origin, ""))
    if historical:
        # Before the reform the register was on paper: the old units' "Dân vận khéo" counts were imported.
        rng_dvk = random.Random(f"dvk-{unit.external_id}-{period.code}")
        registered = {"commune": rng_dvk.randint(0, 2), "hamlet": rng_dvk.randint(0, 2)}
        for level, count in registered.items():
            recognised = rng_dvk.randint(0, count)
            writes.append(
                services.CellWrite(
                    indicators["dvk_mh_dang_ky"], unit, period.code, level, float(count), "", origin, ""
                )
            )
            writes.append(
                services.CellWrite(
                    indicators["dvk_mh_cong_nhan"],
                    unit,
                    period.code,
                    level,
                    float(recognised),
                    "",
                    origin,
                    "",
                )
            )
        writes.append(
            services.CellWrite(
                indicators["dvk_don_vi_dang_ky"],
                unit,
                period.code,
                "",
                float(min(1, registered["commune"]) + registered["hamlet"]),
                "",
                origin,
                "",
            )
        )
    services.apply_writes(None, writes)
    if not historical:
        services.fill_from_system(None, submission)
    if state == "draft":
        return
    deadline = period.deadline(form.deadline_days)
    submitted_on = (
        deadline + datetime.timedelta(days=rng.randint(1, 12))
        if state == "late"
        else deadline - datetime.timedelta(days=rng.randint(0, 8))
    )
    submission.status = Submission.Status.SUBMITTED
    submission.submitted_at = _at(submitted_on, 9)
    events = [SubmissionEvent(submission=submission, action=SubmissionEvent.Action.SUBMIT)]
    if state in ("approved", "late"):
        submission.status = Submission.Status.APPROVED
        submission.approved_at = _at(submitted_on + datetime.timedelta(days=3), 15)
        events.append(SubmissionEvent(submission=submission, action=SubmissionEvent.Action.APPROVE))
    submission.save()
    created = SubmissionEvent.objects.bulk_create(events)
    for event, at in zip(created, [submission.submitted_at, submission.approved_at], strict=False):
        SubmissionEvent.objects.filter(pk=event.pk).update(at=at)


@transaction.atomic
def load_demo_reporting() -> dict:
    """Loads the demo form and reports once; a second run finds the form and adds nothing."""
    if Form.objects.filter(code=FORM_CODE).exists():
        return {"loaded": False}
    cao_bang = OrgUnit.objects.get(external_id="vn:province:04")
    form = define_demo_form(cao_bang)
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=INDICATORS)}
    rng = random.Random(2026)
    current = Period.parse(CURRENT)
    communes = list(
        OrgUnit.objects.filter(parent=cao_bang, kind=OrgUnit.Kind.COMMUNE, valid_to__isnull=True).order_by(
            "sort_key"
        )
    )
    for number, unit in enumerate(communes):
        if unit.name == "Phường Thục Phán":
            continue  # the demo user fills it
        state = ["approved"] * 6 + ["submitted"] * 2 + ["late", "draft"]
        _file(form, indicators, unit, current, state=state[number % len(state)], rng=rng, historical=False)
    old_communes = list(
        OrgUnit.objects.filter(
            path__startswith=cao_bang.path,
            kind=OrgUnit.Kind.COMMUNE,
            valid_to=REFORM_DATE - datetime.timedelta(days=1),
        ).order_by("sort_key")
    )
    for code in (EARLIER, YEAR_EARLIER):
        for unit in old_communes:
            _file(form, indicators, unit, Period.parse(code), state="approved", rng=rng, historical=True)
    old = len(old_communes)
    return {"loaded": True, "communes": len(communes) - 1, "old_communes": old}
