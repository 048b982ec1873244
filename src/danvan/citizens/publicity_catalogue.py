"""The catalogue of what a commune must publicise (Luật Thực hiện dân chủ ở cơ sở 2022, article 11; the budget's
periods and deadlines after Thông tư 343/2016/TT-BTC on the publicity of budgets), seeded by a data migration and
editable afterwards by a superuser in the admin site. A decision's item is due within the days after the decision
(art. 13), a periodic one within the days after its period's start or end."""

# code, title, basis, frequency, days, counted from
CATALOGUE = (
    (
        "ke-hoach-kt-xh",
        "Kế hoạch phát triển kinh tế - xã hội, phương án chuyển dịch cơ cấu kinh tế hằng năm của xã",
        "Luật THDC ở cơ sở 2022, Điều 11",
        "year",
        30,
        "period_start",
    ),
    (
        "du-toan-ngan-sach",
        "Dự toán ngân sách xã được Hội đồng nhân dân xã quyết định",
        "Luật THDC ở cơ sở 2022, Điều 11; Thông tư 343/2016/TT-BTC",
        "year",
        30,
        "period_start",
    ),
    (
        "thuc-hien-ngan-sach-quy",
        "Tình hình thực hiện dự toán ngân sách xã hằng quý",
        "Luật THDC ở cơ sở 2022, Điều 11; Thông tư 343/2016/TT-BTC",
        "quarter",
        15,
        "period_end",
    ),
    (
        "thuc-hien-ngan-sach-6-thang",
        "Tình hình thực hiện dự toán ngân sách xã 6 tháng",
        "Luật THDC ở cơ sở 2022, Điều 11; Thông tư 343/2016/TT-BTC",
        "half_year",
        15,
        "period_end",
    ),
    (
        "thuc-hien-ngan-sach-nam",
        "Tình hình thực hiện dự toán ngân sách xã cả năm",
        "Luật THDC ở cơ sở 2022, Điều 11; Thông tư 343/2016/TT-BTC",
        "year",
        15,
        "period_end",
    ),
    (
        "quyet-toan-ngan-sach",
        "Quyết toán ngân sách xã được Hội đồng nhân dân xã phê chuẩn",
        "Luật THDC ở cơ sở 2022, Điều 11; Thông tư 343/2016/TT-BTC",
        "decision",
        30,
        "decision",
    ),
    (
        "quy-dong-gop",
        "Tình hình thu, chi các quỹ, khoản đóng góp của Nhân dân, khoản huy động, tài trợ",
        "Luật THDC ở cơ sở 2022, Điều 11",
        "half_year",
        15,
        "period_end",
    ),
    (
        "du-an-dau-tu",
        "Chủ trương, chương trình, dự án, công trình đầu tư trên địa bàn xã; tiến độ, kinh phí, kết quả nghiệm thu",
        "Luật THDC ở cơ sở 2022, Điều 11",
        "decision",
        2,
        "decision",
    ),
    (
        "quy-hoach-su-dung-dat",
        "Quy hoạch, kế hoạch sử dụng đất chi tiết và phương án điều chỉnh; giao đất, cho thuê đất",
        "Luật THDC ở cơ sở 2022, Điều 11",
        "decision",
        2,
        "decision",
    ),
    (
        "thu-hoi-dat",
        "Thu hồi đất; phương án bồi thường, hỗ trợ, tái định cư trên địa bàn xã",
        "Luật THDC ở cơ sở 2022, Điều 11",
        "decision",
        2,
        "decision",
    ),
    (
        "chinh-sach-an-sinh",
        "Đối tượng, mức thu phí, lệ phí; chính sách an sinh xã hội và danh sách đối tượng thụ hưởng",
        "Luật THDC ở cơ sở 2022, Điều 11",
        "decision",
        2,
        "decision",
    ),
    (
        "thu-tuc-hanh-chinh",
        "Thủ tục hành chính và việc giải quyết công việc liên quan đến người dân, tổ chức",
        "Luật THDC ở cơ sở 2022, Điều 11",
        "decision",
        2,
        "decision",
    ),
    (
        "ket-qua-thanh-tra",
        "Kết quả thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo; vụ việc tiêu cực, tham nhũng của cán bộ xã",
        "Luật THDC ở cơ sở 2022, Điều 11",
        "decision",
        2,
        "decision",
    ),
    (
        "ket-qua-lay-y-kien",
        "Kết quả lấy ý kiến Nhân dân về những nội dung Nhân dân bàn, quyết định, tham gia ý kiến",
        "Luật THDC ở cơ sở 2022, Điều 11",
        "decision",
        2,
        "decision",
    ),
)


def seed_publicity_items(apps, schema_editor):
    """Adds the catalogue's items that are missing (by code), leaving edited ones as they are."""
    item_model = apps.get_model("citizens", "PublicityItem")
    for position, (code, title, basis, frequency, days, counted_from) in enumerate(CATALOGUE, start=1):
        item_model.objects.get_or_create(
            code=code,
            defaults={
                "title": title,
                "basis": basis,
                "frequency": frequency,
                "deadline_days": days,
                "counted_from": counted_from,
                "position": position,
            },
        )
