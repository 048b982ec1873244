"""The content of the citizens' demo, second part: the leaders who must receive citizens, their receptions, a dialogue,
two consultations and the wards' publicity (issue #12, Deliver 10). Plain data, recorded by `demo.citizens_meetings`;
days count back from the day the demo is loaded."""

# People of the receptions and the dialogue: key → (name, gender, unit, title). Their posts start on 1/7/2025.
LEADERS = {
    "chu_tich_thuc_phan": ("Lương Văn Quyết", "male", "thuc_phan", "Chủ tịch UBND phường Thục Phán"),
    "bi_thu_thuc_phan": ("Hoàng Thị Ngân", "female", "thuc_phan", "Bí thư Đảng ủy phường Thục Phán"),
    "chu_tich_nung_tri_cao": ("Nông Văn Tiến", "male", "nung_tri_cao", "Chủ tịch UBND phường Nùng Trí Cao"),
    "chu_tich_tinh": ("Triệu Đức Thắng", "male", "cao_bang", "Chủ tịch UBND tỉnh Cao Bằng"),
}
# Who must receive citizens (the compliance table's rows): leader key → leader role.
DUTIES = {
    "chu_tich_thuc_phan": "chu_tich_ubnd_xa",
    "bi_thu_thuc_phan": "bi_thu_xa",
    "chu_tich_nung_tri_cao": "chu_tich_ubnd_xa",
    "chu_tich_tinh": "chu_tich_ubnd_tinh",
}
# The chair of Phường Thục Phán received fewer days than the rule asks in these months (counted back from the month
# before the demo's): one reception instead of one a week, or one instead of two a month after 1/7/2026.
SHORT_MONTHS_BACK = (2, 5)
RECEPTION_CITIZENS = [
    {
        "name": "Hoàng Văn Pảo",
        "address": "Tổ dân phố 3",
        "matter": "Hỏi tiến độ cấp Giấy chứng nhận quyền sử dụng đất.",
        "answer": "Hồ sơ đã chuyển Văn phòng đăng ký đất đai; phường theo dõi, thông báo kết quả.",
    },
    {
        "name": "Ma Văn Đức",
        "address": "Tổ dân phố 6",
        "matter": "Đề nghị nạo vét rãnh thoát nước đường Hoàng Đình Giong.",
        "answer": "Phường bố trí nạo vét trong tháng.",
    },
]
RECEPTION_COMMITMENT = "Nạo vét rãnh thoát nước đường Hoàng Đình Giong đoạn qua Tổ dân phố 6"

DIALOGUE = {
    "unit": "thuc_phan",
    "title": "Đối thoại giữa Bí thư Đảng ủy, Chủ tịch UBND phường với Nhân dân về chỉnh trang đô thị và thu gom rác thải",
    "ago": 40,
    "place": "Hội trường UBND phường Thục Phán",
    "plan": "Kế hoạch số 45/KH-UBND tổ chức đối thoại trực tiếp với Nhân dân năm 2026.",
    "invitation": "Giấy mời đại diện các hộ gia đình, trưởng các tổ dân phố, Ủy ban MTTQ và các đoàn thể phường.",
    "citizens": "Đại diện hộ gia đình 8 tổ dân phố; trưởng các tổ dân phố; Ủy ban MTTQ và các đoàn thể phường.",
    "citizens_count": 86,
    "leaders": ["bi_thu_thuc_phan", "chu_tich_thuc_phan"],
    "questions": [
        (
            "Ông Lục Văn Sáng, Tổ dân phố 5",
            "Khi nào có phương án tái định cư tại chỗ cho các hộ bị ảnh hưởng dự án chỉnh trang khu dân cư?",
            "Phường đang đề nghị tỉnh bố trí quỹ đất tái định cư ngay trong khu; sẽ công khai phương án để Nhân dân "
            "góp ý trước khi phê duyệt.",
            "chu_tich_thuc_phan",
        ),
        (
            "Bà Nông Thị Lâm, Tổ dân phố 2",
            "Xe thu gom rác không đến đúng giờ, rác tồn đọng ở đầu ngõ.",
            "Phường làm việc với công ty môi trường, công khai lịch thu gom ở từng tổ dân phố.",
            "chu_tich_thuc_phan",
        ),
        (
            "Ông Đinh Văn Khoa, Tổ dân phố 6",
            "Đề nghị lắp đèn chiếu sáng ngõ 12 đường Pác Bó.",
            "Đưa vào kế hoạch chiếu sáng năm 2027; trước mắt vận động Nhân dân cùng làm.",
            "bi_thu_thuc_phan",
        ),
    ],
    # (text, days after the dialogue)
    "commitments": [
        ("Công khai lịch thu gom rác tại 8 tổ dân phố", 30),
        ("Lấy ý kiến Nhân dân về phương án tái định cư tại chỗ Tổ dân phố 5", 90),
    ],
}
DIALOGUE_PLANNED = {
    "unit": "nung_tri_cao",
    "title": "Đối thoại với Nhân dân về an ninh trật tự, an toàn giao thông khu vực chợ phường",
    "after": 20,
    "place": "Nhà văn hóa Tổ dân phố 4, phường Nùng Trí Cao",
    "plan": "Kế hoạch đối thoại quý IV của UBND phường Nùng Trí Cao.",
    "leaders": ["chu_tich_nung_tri_cao"],
}

CONSULTATION = {
    "unit": "thuc_phan",
    "kind": "decide",
    "title": "Chủ trương và mức đóng góp làm đường bê tông ngõ 9, Tổ dân phố 5",
    "text": (
        "Dự thảo: làm mới 320 m đường bê tông ngõ 9, rộng 3 m; tổng kinh phí 640.000.000 đồng, ngân sách phường hỗ "
        "trợ 60%, Nhân dân đóng góp 40% (mức đóng góp 1.500.000 đồng/hộ; hộ nghèo, gia đình chính sách được miễn)."
    ),
    "open_days": 20,
    "comments": [
        ("citizen", "Ông Lục Văn Sáng", "Đồng ý; đề nghị làm rãnh thoát nước hai bên đường.", 3),
        ("citizen", "Bà Ma Thị Tuyết", "Đề nghị cho hộ cận nghèo đóng góp 50%.", 6),
        ("organisation", "Chi hội Cựu chiến binh Tổ dân phố 5", "Nhất trí, hội viên tham gia ngày công.", 9),
    ],
    # hamlet number → (households, agree, disagree, abstain)
    "ballots": {5: (62, 54, 5, 3), 4: (48, 40, 4, 4)},
    "summary": (
        "110 hộ tham gia biểu quyết: 94 hộ đồng ý (85,5%), 9 hộ không đồng ý, 7 hộ không ý kiến. Chủ trương được "
        "thông qua; hộ cận nghèo đóng góp 50% mức chung; bổ sung rãnh thoát nước hai bên đường."
    ),
}
CONSULTATION_OPEN = {
    "unit": "nung_tri_cao",
    "kind": "comment",
    "title": "Dự thảo quy ước tổ dân phố về giữ gìn vệ sinh môi trường",
    "text": "Dự thảo quy ước gồm 12 điều về phân loại rác tại nguồn, giờ đổ rác, giữ vệ sinh nơi công cộng.",
    "open_days": 25,
    "comments": [("citizen", "Bà Bế Thị Nhung", "Đề nghị quy định rõ giờ hoạt động của cơ sở sản xuất.", 2)],
}

# Publicity: (unit, item code, period or None, decision `ago`, [(channel, days after the due start)], note).
# A negative or small delay is on time; `None` channels: recorded, not yet publicised; missing items are not here.
PUBLICATIONS = [
    ("thuc_phan", "du-toan-ngan-sach", "year", None, [("niem_yet", 5), ("trang_tin", 5), ("loa", 6)]),
    ("thuc_phan", "thuc-hien-ngan-sach-6-thang", "half_year", None, [("niem_yet", 40), ("trang_tin", 41)]),
    ("thuc_phan", "ke-hoach-kt-xh", "year", None, [("niem_yet", 10), ("hoi_nghi_thon", 12)]),
    ("nung_tri_cao", "du-toan-ngan-sach", "year", None, [("niem_yet", 2), ("loa", 3)]),
    ("nung_tri_cao", "ke-hoach-kt-xh", "year", None, []),
]
