"""The seeds' events as they happened, for the demo's activities (issue #11, Deliver 9): who organised and chaired
them, who attended in which post then, the period reviewed, what the leader directed — each direction a task for the
units the article names. Only what the articles say, and where a thing had to be inferred the record says so
(`source_note`). Dates without an hour in the article are set to the part of the day it names ("Sáng", "Chiều").

People are keyed by a short name; their posts name the demo unit they were held at (a key of
`demo.units.demo_units()` or of the units `demo.activities` adds) and end, at the latest, the day that unit closed
(30/06/2025 for the district level), so a post never outlives its unit and the title shown on a past date stays
the one held then. The articles give no start date of a post (`valid_from` empty: unknown) and no end date: a
post is kept until its unit closed, so that today no seed person holds one. Gender is recorded only where the article
says it ("bà"); an "Đ/c" says nothing. The articles give no deadline for what they direct: the tasks' deadlines are the
end of the period the meeting launched (the demo's choice, said in each `source_note`), and their progress reports
are illustrative.
"""

import datetime

BEFORE_REFORM = datetime.date(2025, 6, 30)
# Ban Dân vận and Ban Tuyên giáo of each Tỉnh ủy merged on 1/3/2025 (Kết luận số 121-KL/TW).
BAN_MERGER_EVE = datetime.date(2025, 2, 28)

# key: (name, gender, keeping unit, [(title, unit key or None, valid_from, valid_to), …], note)
TP_CB = "Tin “Ban Dân vận Thành ủy triển khai nhiệm vụ công tác Dân vận 6 tháng cuối năm 2021”, 22/07/2021."
TRA_VINH = "Tin “Ban Dân vận Tỉnh ủy Trà Vinh kiểm tra công tác Dân vận 6 tháng đầu năm 2022 ở huyện Cầu Kè”, 14/06/2022."
DUY_TIEN = "Tin “Ban Dân vận thị ủy Duy Tiên tổng kết công tác dân vận, tôn giáo, thực hiện qui chế dân chủ năm 2019”."
QUANG_YEN = (
    "Tin “Thường trực Thị ủy giao ban khối Dân vận…”, 22/06/2022. Suy luận: bài không nêu tên thị xã; chỉ Thị xã Quảng "
    "Yên (Quảng Ninh) là thị xã có xã Hoàng Tân khi đó."
)

SEED_PEOPLE = {
    "vu_van_minh": (
        "Vũ Văn Minh",
        "",
        "tp_cao_bang",
        [
            ("UV BTV Thành ủy", "tp_cao_bang", None, BEFORE_REFORM),
            ("Trưởng Ban Dân vận", "tp_cao_bang_ban", None, BEFORE_REFORM),
            ("Chủ tịch UBMTTQ thành phố", "tp_cao_bang_front", None, BEFORE_REFORM),
        ],
        TP_CB,
    ),
    "nguyen_thi_hue_chi": (
        "Nguyễn Thị Huệ Chi",
        "",
        "tp_cao_bang",
        [
            ("UVBTV Thành ủy", "tp_cao_bang", None, BEFORE_REFORM),
            ("Phó Chủ tịch UBND thành phố", "tp_cao_bang", None, BEFORE_REFORM),
        ],
        TP_CB,
    ),
    "to_vu_ninh": (
        "Tô Vũ Ninh",
        "",
        "tp_cao_bang",
        [
            ("Phó Bí thư Thường trực Thành ủy", "tp_cao_bang", None, BEFORE_REFORM),
            ("Chủ tịch HĐND thành phố", "tp_cao_bang", None, BEFORE_REFORM),
        ],
        TP_CB,
    ),
    "tran_thi_bich_phuong": (
        "Trần Thị Bích Phượng",
        "female",
        "tra_vinh",
        [
            ("TUV", "tra_vinh", None, BEFORE_REFORM),
            # The Ban Dân vận Tỉnh ủy Trà Vinh ended when it merged with the Ban Tuyên giáo (1/3/2025).
            ("Phó Trưởng Ban Dân vận Tỉnh ủy Trà Vinh", "tra_vinh_ban", None, BAN_MERGER_EVE),
        ],
        TRA_VINH,
    ),
    "chu_hong_cu": (
        "Chu Hồng Cử",
        "",
        "duy_tien",
        [
            ("HUV", "duy_tien", None, BEFORE_REFORM),
            ("Phó Trưởng Ban Dân vận thị xã", "duy_tien_ban", None, BEFORE_REFORM),
        ],
        DUY_TIEN,
    ),
    "tran_dinh_tien": (
        "Trần Đình Tiến",
        "",
        "duy_tien",
        [
            ("Ủy viên BTV Thị ủy", "duy_tien", None, BEFORE_REFORM),
            ("Trưởng Ban Dân vận thị xã", "duy_tien_ban", None, BEFORE_REFORM),
        ],
        DUY_TIEN,
    ),
    "pham_ngoc_long": (
        "Phạm Ngọc Long",
        "",
        "ha_nam",
        [("Phó Trưởng Ban Dân vận Tỉnh ủy", "ha_nam", None, BEFORE_REFORM)],
        DUY_TIEN + " Suy luận: bài ghi “Tỉnh ủy”, là Tỉnh ủy Hà Nam (Duy Tiên thuộc tỉnh Hà Nam).",
    ),
    "pham_le_hung": (
        "Phạm Lê Hưng",
        "",
        "quang_yen",
        [("Phó Bí thư Thường trực Thị ủy", "quang_yen", None, BEFORE_REFORM)],
        QUANG_YEN,
    ),
    "luu_thanh_phuong": (
        "Lưu Thanh Phương",
        "",
        "quang_yen",
        [("Phó Chủ tịch HĐND thị xã", "quang_yen", None, BEFORE_REFORM)],
        QUANG_YEN,
    ),
    "nguyen_van_bac": (
        "Nguyễn Văn Bắc",
        "",
        "quang_yen",
        [("Phó Chủ tịch UBND thị xã", "quang_yen", None, BEFORE_REFORM)],
        QUANG_YEN,
    ),
}

# Each meeting: organiser and host (unit keys), type, title, start, period reviewed, chairs, members, guests, minutes
# and conclusions (the article's words), and the tasks: (lead, supporting, title, deadline, completed on). A task is
# assigned by the organiser, so it goes to the organiser or a unit under it (the services' rule).
D = datetime.date
SEED_MEETINGS = [
    {
        "key": "tp_cao_bang_2021h1",
        "organizer": "tp_cao_bang_ban",
        "host": "tp_cao_bang",
        "type": "so_ket",
        "title": "Sơ kết công tác Dân vận 6 tháng đầu năm, triển khai nhiệm vụ trọng tâm 6 tháng cuối năm 2021",
        "starts_at": datetime.datetime(2021, 7, 22, 8, 0),
        "period": "2021H1",
        "chairs": ["to_vu_ninh"],
        "members": ["vu_van_minh", "nguyen_thi_hue_chi"],
        "guests": [],
        "minutes": (
            "6 tháng đầu năm 2021, Ban Dân vận Thành ủy và khối dân vận các phường, xã đã làm tốt công tác tham mưu "
            "giúp cấp ủy lãnh đạo, chỉ đạo triển khai có hiệu quả công tác dân vận, nhất là tuyên truyền Nghị quyết "
            "đại hội Đảng các cấp, cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021 - "
            "2026, phòng chống dịch Covid-19 gắn với phát triển kinh tế - xã hội.\n\n"
            "Phong trào thi đua “Dân vận khéo” ngày càng phát huy hiệu quả: tính đến tháng 5/2021, 16 cơ quan, đơn vị "
            "và 6 chi, đảng bộ của thành phố đăng ký thực hiện các mô hình “Dân vận khéo”; 100% xã, phường và tổ, "
            "xóm đăng ký thực hiện với 14 mô hình cấp phường và 200 mô hình cấp tổ, xóm.\n\n"
            "Đồng chí Vũ Văn Minh phát biểu về công tác dân vận trong tình hình mới; đồng chí Tô Vũ Ninh phát biểu "
            "chỉ đạo. Hội nghị thảo luận, phân tích kết quả đạt được và những mặt còn tồn tại, hạn chế cần khắc phục "
            "trong 6 tháng cuối năm."
        ),
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
                "tp_cao_bang_ban",
                [],
                "Đẩy mạnh tuyên truyền, vận động nhân dân thực hiện tốt các chủ trương, đường lối, chính sách của "
                "Đảng, pháp luật của Nhà nước, địa phương",
                D(2021, 12, 31),
                D(2021, 12, 20),
            ),
            (
                "tp_cao_bang_ban",
                [],
                "Thường xuyên nắm tình hình tư tưởng, ý kiến, kiến nghị, tâm tư nguyện vọng của cán bộ, đảng viên "
                "và các tầng lớp nhân dân",
                D(2021, 12, 31),
                D(2021, 12, 28),
            ),
            (
                "tp_cao_bang_ban",
                [],
                "Nâng cao hiệu quả hoạt động và xây dựng các mô hình “Dân vận khéo” trên địa bàn",
                D(2021, 12, 31),
                D(2022, 1, 14),
            ),
        ],
        "source_note": TP_CB
        + " Giờ họp: bài chỉ nêu buổi sáng. Suy luận: đơn vị chủ trì là Thành ủy, vì người "
        "chủ trì là Phó Bí thư Thường trực Thành ủy. Hạn các nhiệm vụ: bài không nêu, demo lấy hết 6 tháng cuối "
        "năm; tiến độ là minh họa.",
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
        "minutes": (
            "Đồng chí Chu Hồng Cử báo cáo kết quả hoạt động năm 2019, phương hướng năm 2020. Năm 2019, Ban Dân vận "
            "Thị ủy chủ động tham mưu cấp ủy đảng, chính quyền thực hiện tốt công tác dân vận, tôn giáo và quy chế "
            "dân chủ; phong trào thi đua dân vận khéo có 60 mô hình, trong đó khối phòng, ban, ngành, đoàn thể 21 mô "
            "hình, khối phường, xã 39 mô hình; xây dựng điểm mô hình “chính quyền thân thiện vì nhân dân phục vụ” "
            "tại phường Hòa Mạc và xã Mộc Bắc. Tình hình tôn giáo, tín ngưỡng ổn định.\n\n"
            "Các đại biểu tham luận về lãnh đạo công tác dân vận chính quyền gắn với xây dựng nông thôn mới kiểu "
            "mẫu, mô hình chính quyền thân thiện và mô hình dân vận khéo trong phát triển kinh tế. Đồng chí Phạm "
            "Ngọc Long phát biểu chỉ đạo; đồng chí Trần Đình Tiến phát biểu kết luận hội nghị."
        ),
        "conclusions": (
            "Đồng chí Phạm Ngọc Long, Phó Trưởng Ban Dân vận Tỉnh ủy đề nghị Ban Dân vận Thị ủy tiếp tục làm tốt "
            "công tác tuyên truyền năm dân vận chính quyền 2020; đẩy mạnh thực hiện Quyết định số 290, Nghị quyết "
            "số 25 về triển khai thực hiện các văn bản mới liên quan đến công tác dân vận; đổi mới nâng cao chất "
            "lượng công tác thi đua dân vận khéo; tăng cường kiểm tra, giám sát việc thực hiện phong trào thi đua "
            "dân vận khéo, trọng tâm là thực hiện mô hình “chính quyền thân thiện vì nhân dân phục vụ”."
        ),
        "tasks": [
            (
                "duy_tien_ban",
                [],
                "Tuyên truyền năm dân vận chính quyền 2020",
                D(2020, 12, 31),
                D(2020, 12, 15),
            ),
            (
                "duy_tien_ban",
                [],
                "Đẩy mạnh thực hiện Quyết định số 290, Nghị quyết số 25 về các văn bản mới liên quan đến công tác "
                "dân vận",
                D(2020, 12, 31),
                D(2020, 12, 24),
            ),
            (
                "duy_tien_ban",
                [],
                "Kiểm tra, giám sát phong trào thi đua dân vận khéo, trọng tâm là mô hình “chính quyền thân thiện vì "
                "nhân dân phục vụ”",
                D(2020, 12, 31),
                D(2021, 1, 20),
            ),
        ],
        "source_note": DUY_TIEN
        + " 16/01/2020, buổi sáng. Suy luận: người chủ trì là đồng chí Trần Đình Tiến, "
        "người phát biểu kết luận. Hạn các nhiệm vụ: bài không nêu, demo lấy hết năm 2020; tiến độ là minh họa.",
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
        "guests": [],
        "minutes": (
            "Trong 6 tháng đầu năm 2022, hệ thống dân vận, MTTQ, các đoàn thể thị xã đã chủ động tham mưu cho cấp ủy "
            "các cấp lãnh đạo thực hiện hiệu quả công tác dân vận; tuyên truyền, tham gia phòng chống dịch Covid-19; "
            "chăm lo Tết cho người nghèo; nắm và phản ánh tình hình nhân dân trong bầu cử trưởng thôn, khu phố nhiệm "
            "kỳ 2022-2025 và công tác giải phóng mặt bằng.\n\n"
            "Đánh giá kết quả thực hiện Quy chế dân chủ ở cơ sở: cấp ủy, chính quyền, MTTQ và các tổ chức chính trị - "
            "xã hội, Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở từ thị xã đến cơ sở đã làm tốt vai trò lãnh đạo, "
            "chỉ đạo; phát huy hiệu quả đối thoại trực tiếp với nhân dân, tiếp công dân.\n\n"
            "Lãnh đạo các phòng chuyên môn, tổ chức đoàn thể, cơ quan đơn vị trao đổi, thảo luận, bổ sung vào báo "
            "cáo và thống nhất phương hướng, nhiệm vụ 6 tháng cuối năm 2022."
        ),
        "conclusions": (
            "Ban Dân vận Thị ủy, MTTQ và các đoàn thể cần tiếp tục tập trung làm tốt công tác tuyên truyền, vận "
            "động các tầng lớp nhân dân; chủ động, kịp thời nắm tình hình tư tưởng của cán bộ cũng như nắm bắt "
            "tình hình nhân dân; phát huy vai trò của tổ chức đoàn thể chung tay với địa phương trong thực hiện "
            "chương trình xây dựng Nông thôn mới, hỗ trợ đối với xã Hoàng Tân. Hội Cựu chiến binh thị xã chuẩn bị "
            "để tổ chức thành công đại hội nhiệm kỳ 2022-2027. Tiếp tục nâng cao trách nhiệm của cấp ủy, chính "
            "quyền, nhất là người đứng đầu cơ quan trong thực hiện quy chế dân chủ; phát huy vai trò của MTTQ và "
            "các đoàn thể tham gia giám sát và phản biện xã hội."
        ),
        "tasks": [
            (
                "quang_yen_ban",
                ["quang_yen_front"],
                "Tuyên truyền, vận động các tầng lớp nhân dân; nắm tình hình tư tưởng cán bộ và tình hình nhân dân",
                D(2022, 12, 31),
                D(2022, 12, 23),
            ),
            (
                "quang_yen_front",
                ["hoang_tan"],
                "Các đoàn thể chung tay hỗ trợ xã Hoàng Tân xây dựng nông thôn mới",
                D(2022, 12, 31),
                D(2023, 2, 10),
            ),
            (
                "quang_yen_veterans",
                [],
                "Chuẩn bị tổ chức thành công đại hội Hội Cựu chiến binh thị xã nhiệm kỳ 2022-2027",
                D(2022, 9, 30),
                D(2022, 8, 26),
            ),
        ],
        "source_note": QUANG_YEN
        + " Chiều 22/6 (giờ họp không nêu). Hạn các nhiệm vụ: bài không nêu, demo đặt; "
        "tiến độ là minh họa.",
    },
]

# The Cầu Kè inspection of 14/6/2022 by the Ban Dân vận Tỉnh ủy Trà Vinh. An inspection's organiser must hold the
# inspected unit in its subtree (Huyện ủy Cầu Kè is under Tỉnh Trà Vinh, not under the Ban): the record names the
# province, and the team is the Ban's.
SEED_INSPECTION = {
    "organizer": "tra_vinh",
    "kind": "inspection",
    "title": "Ban Dân vận Tỉnh ủy Trà Vinh kiểm tra công tác Dân vận 6 tháng đầu năm 2022 ở Ban Dân vận Huyện ủy "
    "Cầu Kè",
    "starts_on": D(2022, 6, 14),
    "period_from": D(2022, 1, 1),
    "period_to": D(2022, 6, 30),
    "content": "Công tác Dân vận 6 tháng đầu năm 2022 của Ban Dân vận Huyện ủy Cầu Kè.",
    "leader": "tran_thi_bich_phuong",
    "inspected": ["cau_ke_ban"],
    "findings": (
        "Ban Dân vận Huyện ủy Cầu Kè đã chủ động tham mưu cấp ủy, chính quyền địa phương chỉ đạo, tuyên truyền và "
        "triển khai thực hiện các chủ trương của Đảng; hoạt động của Dân vận, Mặt trận và các đoàn thể có sự phối "
        "hợp đồng bộ; chủ động nắm bắt tình hình nhân dân, tình hình dân tộc, tôn giáo; chú trọng ứng dụng chuyển "
        "đổi số trong cải cách hành chính; tiếp tục đẩy mạnh phong trào thi đua “Dân vận khéo”: toàn huyện có 331 "
        "mô hình dân vận khéo trên các lĩnh vực."
    ),
    "conclusion": (
        "Kết quả từ công tác dân vận đã góp phần phát triển kinh tế - xã hội, ổn định an ninh, chính trị, trật tự "
        "an toàn xã hội trên địa bàn. Bà Trần Thị Bích Phượng, TUV, Phó Trưởng Ban Dân vận Tỉnh ủy Trà Vinh đề nghị "
        "trong thời gian tới Ban Dân vận Huyện ủy Cầu Kè thực hiện các kiến nghị dưới đây."
    ),
    # (recommendation, deadline, completed on)
    "recommendations": [
        (
            "Lãnh đạo tổ chức có hiệu quả công tác dân vận của cơ quan hành chính nhà nước và chính quyền các cấp; "
            "đẩy mạnh cải cách hành chính, chuyển đổi số",
            D(2022, 12, 31),
            D(2022, 12, 16),
        ),
        (
            "Nắm dư luận xã hội, tình hình dân tộc, tôn giáo để tham mưu, xử lý kịp thời",
            D(2022, 12, 31),
            D(2022, 12, 20),
        ),
        (
            "Tăng cường tiếp xúc, đối thoại, giải quyết đơn thư khiếu nại, tố cáo",
            D(2022, 12, 31),
            D(2023, 1, 12),
        ),
        (
            "Đẩy mạnh thi đua phong trào “Dân vận khéo” thiết thực, hiệu quả, tạo sức lan tỏa trong đời sống xã hội",
            D(2022, 12, 31),
            D(2022, 12, 22),
        ),
        (
            "Tuyên truyền, vận động nhân dân tiêm vắc-xin phòng Covid-19 đủ liều, đi lao động có thời hạn ở nước "
            "ngoài, tích cực xây dựng nông thôn mới, nông thôn mới nâng cao, kiểu mẫu",
            D(2022, 12, 31),
            D(2022, 12, 27),
        ),
        (
            "Tăng cường kiểm tra, giám sát; củng cố, kiện toàn đội ngũ cán bộ làm công tác dân vận",
            D(2022, 12, 31),
            D(2022, 12, 29),
        ),
    ],
    "source_note": TRA_VINH
    + " Đơn vị kiểm tra ghi là Tỉnh Trà Vinh vì Ban Dân vận Huyện ủy Cầu Kè trực thuộc "
    "tỉnh; đoàn là của Ban Dân vận Tỉnh ủy. Hạn các kiến nghị: bài không nêu, demo lấy hết năm 2022; tiến độ là "
    "minh họa.",
}

# Tỉnh Cao Bằng's 2026 (activities_cao_bang.py): people invented for the demo, with posts from the day their unit
# began (the Ban Tuyên giáo và Dân vận on 1/3/2025, the new communes on 1/7/2025); one post changes in 2026.
REFORM_DATE = BEFORE_REFORM + datetime.timedelta(days=1)
BAN_FROM = D(2025, 3, 1)
INVENTED = "Nhân vật hư cấu của dữ liệu demo."

CAO_BANG_PEOPLE = {
    "hoang_thi_thu_ha": (
        "Hoàng Thị Thu Hà",
        "female",
        "ban_tgdv_cao_bang",
        [("Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy", "ban_tgdv_cao_bang", BAN_FROM, None)],
        INVENTED,
    ),
    "nong_van_dung": (
        "Nông Văn Dũng",
        "male",
        "ban_tgdv_cao_bang",
        [("Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy", "ban_tgdv_cao_bang", BAN_FROM, None)],
        INVENTED,
    ),
    "luc_thi_mai": (
        "Lục Thị Mai",
        "female",
        "ban_tgdv_cao_bang",
        [("Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy", "ban_tgdv_cao_bang", BAN_FROM, None)],
        INVENTED,
    ),
    "dam_van_hung": (
        "Đàm Văn Hùng",
        "male",
        "ban_tgdv_cao_bang",
        [
            ("Trưởng phòng Dân vận", "ban_tgdv_cao_bang", BAN_FROM, D(2026, 6, 30)),
            ("Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy", "ban_tgdv_cao_bang", D(2026, 7, 1), None),
        ],
        INVENTED,
    ),
    "ma_van_khai": (
        "Ma Văn Khải",
        "male",
        "ban_tgdv_cao_bang",
        [("Chuyên viên Phòng Dân vận", "ban_tgdv_cao_bang", BAN_FROM, None)],
        INVENTED,
    ),
    "be_thi_lan": (
        "Bế Thị Lan",
        "female",
        "cao_bang_front",
        [("Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", "cao_bang_front", BAN_FROM, None)],
        INVENTED,
    ),
    "luong_van_thanh": (
        "Lương Văn Thành",
        "male",
        "thuc_phan",
        [("Phó Bí thư Đảng ủy phường Thục Phán", "thuc_phan", REFORM_DATE, None)],
        INVENTED,
    ),
    "trieu_thi_hang": (
        "Triệu Thị Hằng",
        "female",
        "nung_tri_cao",
        [("Chủ tịch Ủy ban MTTQ Việt Nam phường Nùng Trí Cao", "nung_tri_cao", REFORM_DATE, None)],
        INVENTED,
    ),
}

# What each month's giao ban dwelt on (the conclusions name it).
MONTH_TOPICS = {
    1: "chăm lo Tết Nguyên đán Bính Ngọ 2026 cho hộ nghèo, gia đình chính sách",
    2: "tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XVI và đại biểu HĐND các cấp nhiệm kỳ 2026 - 2031",
    3: "vận động cử tri tham gia bầu cử, nắm tình hình nhân dân trước ngày bầu cử",
    4: "sơ kết công tác dân vận quý I, phong trào thi đua “Dân vận khéo” ở các xã, phường mới",
    5: "nắm tình hình tôn giáo dịp Đại lễ Phật đản, tình hình khiếu nại về đất đai",
    6: "sơ kết 6 tháng đầu năm, thực hiện Quy chế dân chủ ở cơ sở",
    7: "một năm chính quyền địa phương hai cấp, công tác dân vận của chính quyền xã",
    8: "vận động nhân dân hiến đất làm đường, xây dựng nông thôn mới",
    9: "phòng, chống thiên tai mùa mưa bão, chăm lo năm học mới",
    10: "đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân",
    11: "tổng kết phong trào thi đua “Dân vận khéo” năm 2026, chuẩn bị tổng kết năm",
}
