"""The content of the citizens' demo (issue #12, Deliver 10): petitions of Tỉnh Cao Bằng's communes and wards, the
province's denunciations, receptions, a dialogue, a consultation, publicity records and public feedback. Plain data:
`demo.citizens` records it through the citizens' services.

Every date is a number of days before the day the demo is loaded (`ago`), or after a petition's receipt (a step's
`after`), so that whatever the day, some petitions are overdue, some due soon, some long closed. The people, the
places and the events are invented for the demo; the laws and the time limits are the real ones.

Units are keys: `cao_bang` (the province, whose People's Committee handles the denunciations against communes'
officials and the second complaints), `thuc_phan`, `nung_tri_cao` (the demo's wards), `trung_khanh`, `bao_lac`
(remote communes, looked up by name).
"""

COMMUNES_BY_NAME = {"trung_khanh": "Xã Trùng Khánh", "bao_lac": "Xã Bảo Lạc"}

# The denouncer of the sealed denunciation: this name must appear nowhere but in the keeper's reveal.
SEALED_DENOUNCER = {
    "name": "Nông Thị Huyền Trang",
    "address": "Xóm Nà Pò, xã Trùng Khánh, tỉnh Cao Bằng",
    "phone": "0912 486 357",
    "id_number": "004186003517",
}

PROCESS_WITHIN = ("process", 2, {"processing": "within", "note": "Đơn đủ điều kiện xử lý, thuộc thẩm quyền."})


def accept(after, reference, **flags):
    return ("accept", after, {"reference": reference, **flags})


def resolve(after, reference, outcome, answer):
    return ("resolve", after, {"reference": reference, "outcome": outcome, "answer": answer})


# key: unit, kind, channel, field, subject, content, senders, received `ago` days, flags, steps [(action, after, …)].
# A step's `after` counts days from the receipt; `assignee` is a demo user's name.
PETITIONS = [
    {
        "key": "dat_tdp3_gcn",
        "unit": "thuc_phan",
        "kind": "kien_nghi",
        "channel": "truc_tiep",
        "field": "dat_dai",
        "subject": "Đề nghị cấp Giấy chứng nhận quyền sử dụng đất cho thửa đất ở Tổ dân phố 3",
        "content": (
            "Gia đình tôi sử dụng ổn định thửa đất số 112, tờ bản đồ số 9 từ năm 1994, không tranh chấp, đã nộp hồ "
            "sơ đề nghị cấp Giấy chứng nhận từ tháng 3/2025 nhưng chưa được giải quyết. Đề nghị phường xem xét."
        ),
        "senders": [
            {"name": "Hoàng Văn Pảo", "address": "Tổ dân phố 3, phường Thục Phán", "phone": "0915 220 431"}
        ],
        "ago": 420,
        "steps": [
            PROCESS_WITHIN,
            accept(6, "12/TB-UBND"),
            ("verify", 20, {"note": "Hồ sơ đủ điều kiện; đã chuyển Văn phòng đăng ký đất đai."}),
            resolve(
                28,
                "215/UBND-ĐC",
                "answered",
                "UBND phường đã chuyển hồ sơ đến Chi nhánh Văn phòng đăng ký đất đai; dự kiến trả Giấy chứng nhận "
                "trong tháng tới.",
            ),
            ("close", 45, {"note": "Công dân đã nhận Giấy chứng nhận."}),
        ],
    },
    {
        "key": "kn1_boi_thuong_duong",
        "unit": "trung_khanh",
        "kind": "khieu_nai_1",
        "channel": "buu_chinh",
        "field": "dat_dai",
        "subject": "Khiếu nại quyết định bồi thường khi thu hồi đất làm đường lên thác Bản Giốc",
        "content": (
            "Tôi khiếu nại Quyết định bồi thường, hỗ trợ của UBND xã: diện tích đất trồng cây lâu năm bị thu hồi "
            "của gia đình tôi là 1.250 m² nhưng quyết định chỉ tính 980 m²; cây trồng trên đất chưa được kiểm đếm."
        ),
        "senders": [
            {"name": "Đàm Văn Lềnh", "address": "Xóm Pò Peo, xã Trùng Khánh", "phone": "0986 114 502"}
        ],
        "ago": 380,
        "flags": {"remote_area": True},
        "steps": [
            PROCESS_WITHIN,
            accept(7, "45/QĐ-UBND"),
            ("verify", 30, {"note": "Đo đạc lại: diện tích bị thu hồi 1.012 m²."}),
            resolve(
                40,
                "88/QĐ-UBND",
                "partly",
                "Khiếu nại đúng một phần: điều chỉnh diện tích bồi thường lên 1.012 m²; cây trồng được kiểm đếm bổ "
                "sung.",
            ),
        ],
    },
    {
        "key": "kn2_boi_thuong_duong",
        "unit": "trung_khanh",
        "kind": "khieu_nai_2",
        "channel": "buu_chinh",
        "field": "dat_dai",
        "subject": "Khiếu nại lần hai quyết định giải quyết khiếu nại về bồi thường đất làm đường lên thác Bản Giốc",
        "content": (
            "Không đồng ý với quyết định giải quyết khiếu nại lần đầu của Chủ tịch UBND xã Trùng Khánh: diện tích "
            "đo lại vẫn thiếu so với sổ mục kê; đề nghị Chủ tịch UBND tỉnh giải quyết lần hai."
        ),
        "senders": [
            {"name": "Đàm Văn Lềnh", "address": "Xóm Pò Peo, xã Trùng Khánh", "phone": "0986 114 502"}
        ],
        "previous": "kn1_boi_thuong_duong",
        "ago": 75,
        "flags": {"remote_area": True},
        # Sent to the commune with its first complaint's file, which forwards it to the province: the register
        # links a second complaint to a first one of its own register, and the transfer keeps the link.
        "steps": [
            (
                "transfer",
                1,
                {"to_unit": "cao_bang", "reason": "Khiếu nại lần hai thuộc thẩm quyền Chủ tịch UBND tỉnh."},
            ),
            PROCESS_WITHIN,
            accept(8, "1520/TB-UBND", complex_case=True),
        ],
    },
    {
        "key": "tap_the_tdp5",
        "unit": "thuc_phan",
        "kind": "khieu_nai_1",
        "channel": "qua_mttq",
        "field": "dat_dai",
        "subject": "Đơn tập thể khiếu nại phương án bồi thường, hỗ trợ dự án chỉnh trang khu dân cư Tổ dân phố 5",
        "content": (
            "Chúng tôi là 17 hộ dân Tổ dân phố 5 khiếu nại phương án bồi thường, hỗ trợ của dự án chỉnh trang khu dân "
            "cư: đơn giá bồi thường đất ở thấp hơn giá thị trường, chưa có phương án tái định cư tại chỗ. Cử ông "
            "Lục Văn Sáng làm người đại diện."
        ),
        "senders": [
            {
                "name": "Lục Văn Sáng",
                "address": "Số 14, Tổ dân phố 5, phường Thục Phán",
                "phone": "0904 317 228",
                "is_representative": True,
            },
            {"name": "Nông Thị Hiền", "address": "Số 18, Tổ dân phố 5, phường Thục Phán"},
            {"name": "Triệu Văn Páo", "address": "Số 22, Tổ dân phố 5, phường Thục Phán"},
            {"name": "Lương Thị Mến", "address": "Số 27, Tổ dân phố 5, phường Thục Phán"},
        ],
        "group": 17,
        "ago": 24,
        "flags": {},
        "steps": [
            PROCESS_WITHIN,
            accept(4, "301/QĐ-UBND", complex_case=True),
            ("assign", 5, {"assignee": "thucphan", "note": "Giao công chức địa chính – xây dựng xác minh."}),
        ],
    },
    {
        "key": "to_cao_cap_dat",
        "unit": "cao_bang",
        "kind": "to_cao",
        "channel": "buu_chinh",
        "field": "tham_nhung",
        "subject": "Tố cáo cán bộ địa chính xã Trùng Khánh nhận tiền để hợp thức hóa đất lấn chiếm",
        "content": (
            "Tố cáo công chức địa chính xã Trùng Khánh nhận tiền của một số hộ để lập hồ sơ hợp thức hóa đất lấn "
            "chiếm hành lang đường tỉnh 206 trong năm 2025. Người tố cáo đề nghị được giữ bí mật danh tính."
        ),
        "sealed": [SEALED_DENOUNCER],
        "ago": 70,
        "flags": {"needs_verification": True},
        "steps": [
            ("process", 8, {"processing": "within", "note": "Đủ điều kiện thụ lý tố cáo."}),
            accept(9, "1487/QĐ-UBND", complex_case=True),
            ("assign", 10, {"assignee": "tiepdan", "note": "Giao Thanh tra tỉnh xác minh nội dung tố cáo."}),
            (
                "extend",
                40,
                {"reference": "1702/QĐ-UBND", "reason": "Vụ việc phức tạp, phải xác minh nhiều hồ sơ."},
            ),
        ],
    },
    {
        "key": "to_cao_nac_danh",
        "unit": "bao_lac",
        "kind": "to_cao",
        "channel": "hop_thu",
        "field": "can_bo",
        "subject": "Thư không ký tên tố cáo trưởng xóm thu tiền hỗ trợ làm nhà của hộ nghèo",
        "content": (
            "Thư không ký tên bỏ hộp thư góp ý: phản ánh trưởng xóm Cốc Pàng thu 2.000.000 đồng mỗi hộ được hỗ trợ "
            "làm nhà ở theo chương trình xóa nhà tạm."
        ),
        "ago": 16,
        "flags": {"remote_area": True},
        "steps": [PROCESS_WITHIN],
    },
    {
        "key": "moi_truong_tram_tron",
        "unit": "nung_tri_cao",
        "kind": "phan_anh",
        "channel": "truc_tuyen",
        "field": "moi_truong",
        "subject": "Phản ánh trạm trộn bê tông gây bụi, tiếng ồn ban đêm cạnh khu dân cư",
        "content": (
            "Trạm trộn bê tông cạnh Tổ dân phố 2 hoạt động đến 23 giờ, xe chở vật liệu làm rơi vãi đất đá, bụi bám "
            "vào nhà dân. Đề nghị phường kiểm tra, yêu cầu chủ cơ sở khắc phục."
        ),
        "senders": [
            {"name": "Bế Thị Nhung", "address": "Tổ dân phố 2, phường Nùng Trí Cao", "phone": "0977 203 645"}
        ],
        "ago": 20,
        "steps": [],
    },
    {
        "key": "chinh_sach_nguoi_co_cong",
        "unit": "nung_tri_cao",
        "kind": "kien_nghi",
        "channel": "qua_mttq",
        "field": "chinh_sach",
        "subject": "Kiến nghị xem xét chế độ trợ cấp cho người tham gia kháng chiến bị nhiễm chất độc hóa học",
        "content": (
            "Bố tôi tham gia kháng chiến tại chiến trường B từ 1968 đến 1972, hiện bị bệnh hiểm nghèo; hồ sơ đề "
            "nghị hưởng chế độ đã nộp từ năm 2024 chưa có kết quả."
        ),
        "senders": [{"name": "Hà Văn Thịnh", "address": "Tổ dân phố 6, phường Nùng Trí Cao"}],
        "ago": 11,
        "steps": [],
    },
    {
        "key": "xay_dung_lan_chiem",
        "unit": "thuc_phan",
        "kind": "phan_anh",
        "channel": "truc_tiep",
        "field": "xay_dung",
        "subject": "Phản ánh hộ kinh doanh xây dựng lấn chiếm vỉa hè phố Vườn Cam",
        "content": (
            "Một hộ kinh doanh trên phố Vườn Cam xây mái che kiên cố lấn ra vỉa hè khoảng 2 m, người đi bộ phải "
            "xuống lòng đường."
        ),
        "senders": [{"name": "Lý Thị Duyên", "address": "Tổ dân phố 1, phường Thục Phán"}],
        "ago": 150,
        "steps": [
            PROCESS_WITHIN,
            accept(5, "180/TB-UBND"),
            ("verify", 9, {"note": "Đã lập biên bản vi phạm hành chính; hộ kinh doanh cam kết tháo dỡ."}),
            resolve(15, "198/UBND", "right", "Phản ánh đúng; công trình vi phạm đã được tháo dỡ ngày 12."),
            ("close", 20, {}),
        ],
    },
    {
        "key": "xay_dung_lan_chiem_trung",
        "unit": "thuc_phan",
        "kind": "phan_anh",
        "channel": "truc_tuyen",
        "field": "xay_dung",
        "subject": "Phản ánh hộ kinh doanh lấn chiếm vỉa hè phố Vườn Cam (gửi lại)",
        "content": "Gửi lại phản ánh việc xây mái che kiên cố lấn chiếm vỉa hè phố Vườn Cam.",
        "senders": [{"name": "Lý Thị Duyên", "address": "Tổ dân phố 1, phường Thục Phán"}],
        "ago": 148,
        "steps": [("merge", 1, {"into": "xay_dung_lan_chiem", "note": "Trùng nội dung đơn đã nhận."})],
    },
    {
        "key": "kn1_qua_thoi_hieu",
        "unit": "nung_tri_cao",
        "kind": "khieu_nai_1",
        "channel": "buu_chinh",
        "field": "dat_dai",
        "subject": "Khiếu nại việc thu hồi đất nông nghiệp năm 2019",
        "content": "Khiếu nại quyết định thu hồi 300 m² đất trồng lúa của gia đình để làm kênh mương năm 2019.",
        "senders": [{"name": "Chu Văn Cường", "address": "Tổ dân phố 7, phường Nùng Trí Cao"}],
        "ago": 200,
        "steps": [
            PROCESS_WITHIN,
            ("refuse", 8, {"reason": "Đã hết thời hiệu khiếu nại (90 ngày kể từ ngày nhận quyết định)."}),
        ],
    },
    {
        "key": "kn1_rut_don",
        "unit": "thuc_phan",
        "kind": "khieu_nai_1",
        "channel": "truc_tiep",
        "field": "chinh_sach",
        "subject": "Khiếu nại việc không được xét hộ cận nghèo năm 2026",
        "content": "Gia đình tôi đủ điều kiện hộ cận nghèo nhưng không có tên trong danh sách bình xét năm 2026.",
        "senders": [{"name": "Ma Thị Tuyết", "address": "Tổ dân phố 8, phường Thục Phán"}],
        "ago": 90,
        "steps": [
            PROCESS_WITHIN,
            accept(6, "220/QĐ-UBND"),
            (
                "withdraw",
                15,
                {"whole": True, "note": "Công dân rút đơn sau khi được giải thích, bình xét bổ sung."},
            ),
        ],
    },
    {
        "key": "kn1_tam_dinh_chi",
        "unit": "bao_lac",
        "kind": "khieu_nai_1",
        "channel": "buu_chinh",
        "field": "dat_dai",
        "subject": "Khiếu nại việc cấp Giấy chứng nhận quyền sử dụng đất chồng lấn ranh giới",
        "content": "Giấy chứng nhận cấp cho hộ liền kề chồng lấn 120 m² đất rừng sản xuất của gia đình tôi.",
        "senders": [{"name": "Sầm Văn Mạnh", "address": "Xóm Khuổi Khon, xã Bảo Lạc"}],
        "ago": 60,
        "flags": {"remote_area": True},
        "steps": [
            PROCESS_WITHIN,
            accept(7, "35/QĐ-UBND"),
            (
                "suspend",
                20,
                {"reason": "Chờ kết quả đo đạc của cơ quan chuyên môn cấp tỉnh.", "reference": "41/QĐ-UBND"},
            ),
        ],
    },
    {
        "key": "chuyen_cong_an",
        "unit": "nung_tri_cao",
        "kind": "phan_anh",
        "channel": "buu_chinh",
        "field": "tu_phap",
        "subject": "Phản ánh việc cho vay lãi nặng tại chợ phường",
        "content": "Một số người cho tiểu thương vay lãi 5%/ngày, đe dọa người chậm trả.",
        "senders": [{"name": "Hoàng Thị Thoa", "address": "Tổ dân phố 4, phường Nùng Trí Cao"}],
        "ago": 45,
        "steps": [
            (
                "process",
                3,
                {"processing": "forwarded", "to_body": "Công an tỉnh Cao Bằng", "reference": "77/UBND"},
            ),
            ("close", 5, {}),
        ],
    },
    {
        "key": "chuyen_phuong_ban",
        "unit": "thuc_phan",
        "kind": "phan_anh",
        "channel": "truc_tuyen",
        "field": "moi_truong",
        "subject": "Phản ánh điểm tập kết rác tự phát ở ranh giới hai phường",
        "content": "Điểm tập kết rác tự phát ở cuối đường Pác Bó thuộc địa bàn phường Nùng Trí Cao, bốc mùi.",
        "senders": [{"name": "Đinh Văn Khoa", "address": "Tổ dân phố 6, phường Thục Phán"}],
        "ago": 13,
        "steps": [
            ("transfer", 2, {"to_unit": "nung_tri_cao", "reason": "Địa điểm thuộc phường Nùng Trí Cao."})
        ],
    },
    {
        "key": "kn1_qua_han",
        "unit": "trung_khanh",
        "kind": "khieu_nai_1",
        "channel": "truc_tiep",
        "field": "chinh_sach",
        "subject": "Khiếu nại việc cắt trợ cấp xã hội hằng tháng của người cao tuổi",
        "content": "Mẹ tôi 82 tuổi bị cắt trợ cấp xã hội hằng tháng từ tháng trước mà không được thông báo lý do.",
        "senders": [{"name": "Nông Văn Pháng", "address": "Xóm Đà Bè, xã Trùng Khánh"}],
        "ago": 70,
        "flags": {"remote_area": True},
        "steps": [
            PROCESS_WITHIN,
            accept(5, "52/QĐ-UBND"),
            ("verify", 20, {"note": "Đã đối chiếu hồ sơ chi trả."}),
        ],
    },
    {
        "key": "kien_nghi_duong_xom",
        "unit": "bao_lac",
        "kind": "kien_nghi",
        "channel": "qua_mttq",
        "field": "xay_dung",
        "subject": "Kiến nghị sửa chữa đường vào xóm Nà Tẳng bị sạt lở sau mưa lũ",
        "content": "Đường vào xóm bị sạt lở 3 điểm sau đợt mưa lũ, xe máy không đi được, học sinh phải đi bộ 6 km.",
        "senders": [{"name": "Lò Văn Sính", "address": "Xóm Nà Tẳng, xã Bảo Lạc"}],
        "ago": 300,
        "flags": {"remote_area": True},
        "steps": [
            PROCESS_WITHIN,
            accept(3, "09/TB-UBND"),
            resolve(
                25, "61/UBND", "answered", "Đã bố trí kinh phí khắc phục sạt lở; thi công xong trong 30 ngày."
            ),
            ("close", 60, {}),
        ],
    },
]

# Public feedback sent through the public page: tracking code, service level (working days), answer.
FEEDBACK = [
    {
        "key": "gop_y_den_duong",
        "unit": "thuc_phan",
        "kind": "phan_anh",
        "field": "xay_dung",
        "subject": "Đèn chiếu sáng phố Kim Đồng hỏng nhiều ngày",
        "content": "Ba cột đèn chiếu sáng đoạn đầu phố Kim Đồng không sáng từ đầu tuần, buổi tối rất tối.",
        "sender": {"name": "Vi Thị Hạnh", "phone": "0947 512 880"},
        "ago": 12,
        "answer_public": True,
        "answer": (
            "UBND phường đã yêu cầu đơn vị quản lý chiếu sáng thay bóng; ba cột đèn đã sáng lại. Cảm ơn bạn đã phản "
            "ánh."
        ),
        "answered_after": 4,
    },
    {
        "key": "gop_y_ho_so_dat",
        "unit": "thuc_phan",
        "kind": "kien_nghi",
        "field": "hanh_chinh",
        "subject": "Đề nghị niêm yết rõ thời gian trả kết quả hồ sơ đất đai",
        "content": "Bộ phận một cửa chưa niêm yết thời gian trả kết quả hồ sơ đăng ký biến động đất đai.",
        "sender": {"name": "Trần Đức Minh", "email": "ducminh.cb@example.vn"},
        "ago": 6,
        "answer_public": False,
    },
    {
        "key": "gop_y_nuoc_sach",
        "unit": "nung_tri_cao",
        "kind": "phan_anh",
        "field": "moi_truong",
        "subject": "Nước máy đục sau mưa ở Tổ dân phố 3",
        "content": "Sau mỗi trận mưa, nước máy đục trong 2–3 ngày.",
        "sender": {"name": "Phan Thị Lụa"},
        "ago": 18,
        "answer_public": True,
    },
    {
        "key": "gop_y_cho_dau_xe",
        "unit": "nung_tri_cao",
        "kind": "kien_nghi",
        "field": "xay_dung",
        "subject": "Đề nghị bố trí chỗ đỗ xe máy trước cổng chợ phường",
        "content": "Xe máy đỗ tràn ra lòng đường trước cổng chợ vào buổi sáng, gây ùn tắc.",
        "sender": {"name": "Lưu Văn Bình", "phone": "0915 330 712"},
        "ago": 0,
        "answer_public": True,
    },
]
SERVICE_DAYS = 10
