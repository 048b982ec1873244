"""The rules of how often leaders must receive citizens, as in force on each date (seeded by a data migration;
a change of the law is a new row with its own dates, the old one closed the day before)."""

import datetime

D = datetime.date

# (leader role, minimum days, per, valid from, valid to, legal basis)
RULES = (
    (
        "chu_tich_ubnd_xa",
        1,
        "week",
        D(2014, 7, 1),
        D(2026, 6, 30),
        "Luật Tiếp công dân 2013, Điều 15: Chủ tịch UBND cấp xã tiếp công dân ít nhất 1 ngày trong tuần",
    ),
    (
        "chu_tich_ubnd_xa",
        2,
        "month",
        D(2026, 7, 1),
        None,
        "Luật Tiếp công dân 2013, sửa đổi bởi Luật 136/2025/QH15: Chủ tịch UBND cấp xã ít nhất 2 ngày trong tháng",
    ),
    (
        "chu_tich_ubnd_tinh",
        1,
        "month",
        D(2014, 7, 1),
        None,
        "Luật Tiếp công dân 2013, Điều 12: Chủ tịch UBND cấp tỉnh tiếp công dân ít nhất 1 ngày trong tháng",
    ),
    (
        "bi_thu_tinh",
        1,
        "month",
        D(2019, 2, 18),
        None,
        "Quy định 11-QĐi/TW, sửa đổi bởi Kết luận 215-KL/TW: Bí thư cấp tỉnh ít nhất 1 ngày trong tháng",
    ),
    (
        "bi_thu_xa",
        2,
        "month",
        D(2019, 2, 18),
        None,
        "Quy định 11-QĐi/TW, sửa đổi bởi Kết luận 215-KL/TW: Bí thư cấp xã ít nhất 2 ngày trong tháng",
    ),
)


def seed_reception_rules(apps, schema_editor):
    rule_model = apps.get_model("citizens", "ReceptionRule")
    for role, days, per, start, end, basis in RULES:
        rule_model.objects.update_or_create(
            leader_role=role,
            valid_from=start,
            defaults={"min_days": days, "per": per, "valid_to": end, "legal_basis": basis},
        )
