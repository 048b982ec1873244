"""The seeds' events as they happened, for the demo's activities (issue #11, Deliver 9): who organised and chaired
them, who attended in which post then, the period reviewed, what the leader directed — each direction a task for the
units the article names. Only what the articles say, and where a thing had to be inferred the record says so
(`source_note`). Dates without an hour in the article are set to the part of the day it names ("Sáng", "Chiều").

People are keyed by a short name; their posts name the demo unit they were held at (a key of
`demo.units.demo_units()` or of the units `demo.activities` adds) and end, at the latest, the day that unit closed
(30/06/2025 for the district level), so a post never outlives its unit and the title shown on a past date stays
the one held then.
"""

import datetime

BEFORE_REFORM = datetime.date(2025, 6, 30)

# key: (name, gender, keeping unit, [(title, unit key or None, valid_from, valid_to), …])
SEED_PEOPLE = {
    "vu_van_minh": (
        "Vũ Văn Minh",
        "male",
        "tp_cao_bang",
        [
            ("UV BTV Thành ủy", "tp_cao_bang", None, BEFORE_REFORM),
            ("Trưởng Ban Dân vận", "tp_cao_bang_ban", None, BEFORE_REFORM),
            ("Chủ tịch UBMTTQ thành phố", "tp_cao_bang_front", None, BEFORE_REFORM),
        ],
    ),
    "nguyen_thi_hue_chi": (
        "Nguyễn Thị Huệ Chi",
        "female",
        "tp_cao_bang",
        [
            ("UVBTV Thành ủy", "tp_cao_bang", None, BEFORE_REFORM),
            ("Phó Chủ tịch UBND thành phố", "tp_cao_bang", None, BEFORE_REFORM),
        ],
    ),
    "to_vu_ninh": (
        "Tô Vũ Ninh",
        "male",
        "tp_cao_bang",
        [
            ("Phó Bí thư Thường trực Thành ủy", "tp_cao_bang", None, BEFORE_REFORM),
            ("Chủ tịch HĐND thành phố", "tp_cao_bang", None, BEFORE_REFORM),
        ],
    ),
    "tran_thi_bich_phuong": (
        "Trần Thị Bích Phượng",
        "female",
        "tra_vinh",
        [
            ("TUV", "tra_vinh", None, BEFORE_REFORM),
            ("Phó Trưởng Ban Dân vận Tỉnh ủy Trà Vinh", "tra_vinh_ban", None, BEFORE_REFORM),
        ],
    ),
    "chu_hong_cu": (
        "Chu Hồng Cử",
        "male",
        "duy_tien",
        [
            ("HUV", "duy_tien", None, BEFORE_REFORM),
            ("Phó Trưởng Ban Dân vận thị xã", "duy_tien_ban", None, BEFORE_REFORM),
        ],
    ),
    "tran_dinh_tien": (
        "Trần Đình Tiến",
        "male",
        "duy_tien",
        [
            ("Ủy viên BTV Thị ủy", "duy_tien", None, BEFORE_REFORM),
            ("Trưởng Ban Dân vận thị xã", "duy_tien_ban", None, BEFORE_REFORM),
        ],
    ),
    "pham_ngoc_long": (
        "Phạm Ngọc Long",
        "male",
        "duy_tien",
        [("Phó Trưởng Ban Dân vận Tỉnh ủy Hà Nam", None, None, BEFORE_REFORM)],
    ),
    "pham_le_hung": (
        "Phạm Lê Hưng",
        "male",
        "quang_yen",
        [("Phó Bí thư Thường trực Thị ủy", "quang_yen", None, BEFORE_REFORM)],
    ),
    "luu_thanh_phuong": (
        "Lưu Thanh Phương",
        None,
        "quang_yen",
        [("Phó Chủ tịch HĐND thị xã", "quang_yen", None, BEFORE_REFORM)],
    ),
    "nguyen_van_bac": (
        "Nguyễn Văn Bắc",
        "male",
        "quang_yen",
        [("Phó Chủ tịch UBND thị xã", "quang_yen", None, BEFORE_REFORM)],
    ),
}

# Each meeting: organiser and host (unit keys), type, title, start, period reviewed, chairs, members, guests,
# conclusions (the article's words), and the tasks: (assigner, lead, supporting, title, deadline).
SEED_MEETINGS = [
    {
        "key": "tp_cao_bang_2021h1",
        "organizer": "tp_cao_bang_ban",
        "host": None,
        "type": "so_ket",
        "title": "Sơ kết công tác Dân vận 6 tháng đầu năm, triển khai nhiệm vụ trọng tâm 6 tháng cuối năm 2021",
        "starts_at": datetime.datetime(2021, 7, 22, 8, 0),
        "period": "2021H1",
        "chairs": ["to_vu_ninh"],
        "members": ["vu_van_minh", "nguyen_thi_hue_chi"],
        "conclusions": (
            "Ban Dân vận Thành ủy và khối Dân vận các phường, xã cần tiếp tục đẩy mạnh tuyên truyền, vận động nhân "
            "dân thực hiện tốt các chủ trương, đường lối, chính sách của Đảng, pháp luật của Nhà nước, địa phương; "
            "chú trọng việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; thường xuyên nắm tình "
            "hình tư tưởng, các ý kiến, kiến nghị và tâm tư nguyện vọng của cán bộ, đảng viên và các tầng lớp nhân "
            "dân; thực hiện tốt các chính sách an sinh xã hội; tiếp tục nâng cao hiệu quả hoạt động và xây dựng các "
            "mô hình “Dân vận khéo” trên địa bàn."
        ),
        "tasks": [
            (
                "tp_cao_bang",
                "tp_cao_bang_ban",
                ["tp_cao_bang_front"],
                "Đẩy mạnh tuyên truyền, vận động nhân dân thực hiện tốt các chủ trương, đường lối, chính sách của "
                "Đảng, pháp luật của Nhà nước, địa phương",
                datetime.date(2021, 12, 31),
            ),
            (
                "tp_cao_bang",
                "tp_cao_bang_ban",
                [],
                "Thường xuyên nắm tình hình tư tưởng, ý kiến, kiến nghị, tâm tư nguyện vọng của cán bộ, đảng viên "
                "và các tầng lớp nhân dân",
                datetime.date(2021, 12, 31),
            ),
            (
                "tp_cao_bang",
                "tp_cao_bang_ban",
                ["tp_cao_bang_front"],
                "Nâng cao hiệu quả hoạt động và xây dựng các mô hình “Dân vận khéo” trên địa bàn",
                datetime.date(2021, 12, 31),
            ),
        ],
        "source_note": "Tin “Ban Dân vận Thành ủy triển khai nhiệm vụ công tác Dân vận 6 tháng cuối năm 2021”, "
        "22/07/2021. Giờ họp không nêu trong bài (buổi sáng).",
    },
    {
        "key": "duy_tien_2019",
        "organizer": "duy_tien_ban",
        "host": None,
        "type": "tong_ket",
        "title": "Tổng kết công tác dân vận, tôn giáo, thực hiện quy chế dân chủ ở cơ sở năm 2019, triển khai "
        "nhiệm vụ năm 2020",
        "starts_at": datetime.datetime(2020, 1, 16, 8, 0),
        "period": "2019",
        "chairs": ["tran_dinh_tien"],
        "members": ["chu_hong_cu"],
        "guests": ["pham_ngoc_long"],
        "conclusions": (
            "Đồng chí Phạm Ngọc Long, Phó Trưởng Ban Dân vận Tỉnh ủy đề nghị Ban Dân vận Thị ủy tiếp tục làm tốt "
            "công tác tuyên truyền năm dân vận chính quyền 2020; đẩy mạnh thực hiện Quyết định số 290, Nghị quyết "
            "số 25 về triển khai thực hiện các văn bản mới liên quan đến công tác dân vận; đổi mới nâng cao chất "
            "lượng công tác thi đua dân vận khéo; tăng cường kiểm tra, giám sát việc thực hiện phong trào thi đua "
            "dân vận khéo, trọng tâm là thực hiện mô hình “chính quyền thân thiện vì nhân dân phục vụ”."
        ),
        "tasks": [
            (
                "duy_tien",
                "duy_tien_ban",
                [],
                "Tuyên truyền năm dân vận chính quyền 2020",
                datetime.date(2020, 12, 31),
            ),
            (
                "duy_tien",
                "duy_tien_ban",
                [],
                "Đẩy mạnh thực hiện Quyết định số 290, Nghị quyết số 25 về các văn bản mới liên quan đến công tác "
                "dân vận",
                datetime.date(2020, 12, 31),
            ),
            (
                "duy_tien",
                "duy_tien_ban",
                [],
                "Kiểm tra, giám sát phong trào thi đua dân vận khéo, trọng tâm là mô hình “chính quyền thân thiện vì "
                "nhân dân phục vụ”",
                datetime.date(2020, 12, 31),
            ),
        ],
        "source_note": "Tin “Ban Dân vận thị ủy Duy Tiên tổng kết công tác dân vận, tôn giáo, thực hiện qui chế "
        "dân chủ năm 2019”, 16/01/2020. Giờ họp không nêu trong bài (buổi sáng).",
    },
    {
        "key": "quang_yen_2022h1",
        "organizer": "quang_yen",
        "host": None,
        "type": "giao_ban",
        "title": "Giao ban khối Dân vận 6 tháng đầu năm 2022; đánh giá kết quả thực hiện Quy chế dân chủ ở cơ sở",
        "starts_at": datetime.datetime(2022, 6, 22, 14, 0),
        "period": "2022H1",
        "chairs": ["pham_le_hung"],
        "members": ["luu_thanh_phuong", "nguyen_van_bac"],
        "conclusions": (
            "Ban Dân vận Thị ủy, MTTQ và các đoàn thể cần tiếp tục tập trung làm tốt công tác tuyên truyền, vận "
            "động các tầng lớp nhân dân; chủ động, kịp thời nắm tình hình tư tưởng của cán bộ cũng như nắm bắt "
            "tình hình nhân dân; phát huy vai trò của tổ chức đoàn thể chung tay với địa phương trong thực hiện "
            "chương trình xây dựng Nông thôn mới, hỗ trợ đối với xã Hoàng Tân. Hội Cựu chiến binh thị xã chuẩn bị "
            "để tổ chức thành công đại hội nhiệm kỳ 2022-2027. Tiếp tục nâng cao trách nhiệm của cấp ủy, chính "
            "quyền, nhất là người đứng đầu cơ quan trong thực hiện quy chế dân chủ."
        ),
        "tasks": [
            (
                "quang_yen",
                "quang_yen_ban",
                ["quang_yen_front"],
                "Tuyên truyền, vận động các tầng lớp nhân dân; nắm tình hình tư tưởng cán bộ và tình hình nhân dân",
                datetime.date(2022, 12, 31),
            ),
            (
                "quang_yen",
                "quang_yen_front",
                ["hoang_tan"],
                "Các đoàn thể chung tay hỗ trợ xã Hoàng Tân xây dựng nông thôn mới",
                datetime.date(2022, 12, 31),
            ),
            (
                "quang_yen",
                "quang_yen_veterans",
                [],
                "Chuẩn bị tổ chức thành công đại hội Hội Cựu chiến binh thị xã nhiệm kỳ 2022-2027",
                datetime.date(2022, 9, 30),
            ),
        ],
        "source_note": "Tin “Thường trực Thị ủy giao ban khối Dân vận…”, 22/06/2022. Suy luận: bài không nêu tên "
        "thị xã; chỉ Thị xã Quảng Yên (Quảng Ninh) là thị xã có xã Hoàng Tân khi đó. Giờ họp: buổi chiều.",
    },
]

# The Cầu Kè inspection of 14/6/2022 by the Ban Dân vận Tỉnh ủy Trà Vinh.
SEED_INSPECTION = {
    "organizer": "tra_vinh_ban",
    "kind": "inspection",
    "title": "Kiểm tra công tác Dân vận 6 tháng đầu năm 2022 ở Ban Dân vận Huyện ủy Cầu Kè",
    "starts_on": datetime.date(2022, 6, 14),
    "period_from": datetime.date(2022, 1, 1),
    "period_to": datetime.date(2022, 6, 30),
    "leader": "tran_thi_bich_phuong",
    "inspected": ["cau_ke_ban"],
    "findings": (
        "Ban Dân vận Huyện ủy Cầu Kè đã chủ động tham mưu cấp ủy, chính quyền địa phương chỉ đạo, tuyên truyền và "
        "triển khai thực hiện các chủ trương của Đảng; chủ động nắm bắt tình hình nhân dân, tình hình dân tộc, tôn "
        "giáo; tiếp tục đẩy mạnh phong trào thi đua “Dân vận khéo”: toàn huyện có 331 mô hình dân vận khéo trên các "
        "lĩnh vực."
    ),
    "recommendations": [
        (
            "Lãnh đạo tổ chức có hiệu quả công tác dân vận của cơ quan hành chính nhà nước và chính quyền các cấp; "
            "đẩy mạnh cải cách hành chính, chuyển đổi số",
            datetime.date(2022, 12, 31),
        ),
        (
            "Nắm dư luận xã hội, tình hình dân tộc, tôn giáo để tham mưu, xử lý kịp thời",
            datetime.date(2022, 12, 31),
        ),
        ("Tăng cường tiếp xúc, đối thoại, giải quyết đơn thư khiếu nại, tố cáo", datetime.date(2022, 12, 31)),
        ("Đẩy mạnh phong trào thi đua “Dân vận khéo” thiết thực, hiệu quả", datetime.date(2022, 12, 31)),
        ("Củng cố, kiện toàn đội ngũ cán bộ làm công tác dân vận", datetime.date(2022, 12, 31)),
    ],
    "source_note": "Tin “Ban Dân vận Tỉnh ủy Trà Vinh kiểm tra công tác Dân vận 6 tháng đầu năm 2022 ở huyện Cầu "
    "Kè”, 14/06/2022.",
}
