"""The genre's rules the reader follows, one story each: dates against the publication date, the organiser's level
before and after the districts ended (7/2025), the period a review covers, officials and their posts written every
way the sites write them, the "Dân vận khéo" counts."""

from danvan.ingest.reader import read_event


def _story(title: str, published: str, *paragraphs: str) -> dict:
    return read_event("\n".join([title, published, *paragraphs]))


def test_a_date_without_a_year_takes_the_publication_s_and_a_relative_one_counts_back_from_it():
    december = _story(
        "Ban Dân vận Huyện ủy Bảo Lâm tổng kết công tác dân vận năm 2024",
        "Thứ hai - 06/01/2025 08:00",
        "Ngày 28/12, Ban Dân vận Huyện ủy Bảo Lâm tổ chức hội nghị tổng kết công tác dân vận năm 2024, triển khai "
        "nhiệm vụ năm 2025.",
    )
    assert december["event_date"] == "2024-12-28"  # December's event, published in January
    assert december["period_reviewed"] == {"year": 2024, "half": "FULL"}
    yesterday = _story(
        "Hội Nông dân huyện tập huấn kỹ thuật cho hội viên",
        "15/10/2025 | 08:10",
        "Chiều qua, Hội Nông dân xã Minh Khai tổ chức lớp tập huấn kỹ thuật trồng cây ăn quả cho 60 hội viên.",
    )
    assert (yesterday["event_date"], yesterday["event_type"]) == ("2025-10-14", "tap_huan")
    assert yesterday["period_reviewed"] == {"year": None, "half": None}


def test_a_range_of_days_gives_its_first_and_a_document_s_date_is_not_the_event_s():
    story = _story(
        "Tập huấn công tác Mặt trận năm 2023",
        "16/06/2023 10:00",
        "Thực hiện Kế hoạch số 12-KH/MTTQ-BTT ngày 3/5/2023 của Ban Thường trực, trong 2 ngày 14 và 15/6, Ủy ban "
        "MTTQ Việt Nam tỉnh Hà Giang tổ chức tập huấn nghiệp vụ cho cán bộ Mặt trận cơ sở.",
    )
    assert story["event_date"] == "2023-06-14"
    assert (story["organizer"], story["organizer_level"]) == ("Ủy ban MTTQ Việt Nam tỉnh Hà Giang", "tinh")


def test_a_city_s_party_committee_is_a_district_before_july_2025_and_a_province_after():
    before = _story(
        "Thành ủy Bắc Kạn giao ban công tác dân vận quý III năm 2023",
        "Thứ năm, 12/10/2023 15:00",
        "Sáng 11/10, Thường trực Thành ủy Bắc Kạn tổ chức giao ban công tác dân vận quý III năm 2023.",
    )
    assert (before["organizer_level"], before["locality"]) == ("huyen", "thành phố Bắc Kạn")
    assert before["period_reviewed"] == {"year": 2023, "half": None}
    after = _story(
        "Thành ủy Huế giao ban công tác dân vận quý III năm 2025",
        "Thứ năm, 09/10/2025 15:00",
        "Sáng 8/10, Thường trực Thành ủy Huế tổ chức giao ban công tác dân vận quý III năm 2025.",
    )
    assert after["organizer_level"] == "tinh"
    commune = _story(
        "Đảng ủy xã Thông Nông sơ kết công tác dân vận 9 tháng đầu năm 2025",
        "10/10/2025 07:30",
        "Ngày 9/10, Đảng ủy xã Thông Nông tổ chức hội nghị sơ kết công tác dân vận 9 tháng đầu năm 2025.",
    )
    assert (commune["organizer_level"], commune["event_type"]) == ("xa", "so_ket")
    assert commune["period_reviewed"] == {"year": 2025, "half": None}


def test_officials_are_named_with_their_posts_however_the_story_writes_them():
    story = _story(
        "Ban Dân vận Tỉnh ủy Cao Bằng sơ kết công tác dân vận 6 tháng đầu năm 2024",
        "Thứ ba - 16/07/2024 10:12",
        "Sáng 15/7, Ban Dân vận Tỉnh ủy Cao Bằng tổ chức hội nghị sơ kết công tác dân vận 6 tháng đầu năm 2024. "
        "Dự hội nghị có các đồng chí: Nông Thị Hà - Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy; "
        "Lục Văn Thắng, Phó Chủ tịch UBND tỉnh; bà Hoàng Thị Thu Trang, Chủ tịch Hội LHPN tỉnh cùng dự.",
        "Phát biểu tại hội nghị, Phó Bí thư Thường trực Tỉnh ủy Triệu Đình Lê nhấn mạnh vai trò của Mặt trận. "
        "Chủ tịch UBND xã Xuân Trường Chử Văn Khoa báo cáo kinh nghiệm vận động hiến đất theo tư tưởng Hồ Chí Minh.",
        "Tin, ảnh: Thu Hà",
    )
    assert story["people"] == [
        {"name": "Nông Thị Hà", "title": "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy"},
        {"name": "Lục Văn Thắng", "title": "Phó Chủ tịch UBND tỉnh"},
        {"name": "Hoàng Thị Thu Trang", "title": "Chủ tịch Hội LHPN tỉnh"},
        {"name": "Triệu Đình Lê", "title": "Phó Bí thư Thường trực Tỉnh ủy"},
        {"name": "Chử Văn Khoa", "title": "Chủ tịch UBND xã Xuân Trường"},
    ]


def test_only_counts_of_models_in_a_sentence_about_dan_van_kheo_are_model_counts():
    story = _story(
        "Ban Dân vận Huyện ủy Trùng Khánh sơ kết 6 tháng đầu năm 2024",
        "12/07/2024",
        "Ngày 11/7, Ban Dân vận Huyện ủy Trùng Khánh tổ chức hội nghị sơ kết công tác dân vận 6 tháng đầu năm 2024. "
        "Phong trào thi đua “Dân vận khéo” tiếp tục lan tỏa. Toàn huyện có 1.759 mô hình, trong đó 215 mô hình "
        "cấp huyện, 1.544 mô hình cấp xã.",
        "Hội Nông dân huyện xây dựng 12 mô hình kinh tế tập thể; 100% hộ nghèo được hỗ trợ vốn.",
    )
    assert [(m["count"], m["scope"]) for m in story["model_counts"]] == [
        (1759, "Toàn huyện"),
        (215, "cấp huyện"),
        (1544, "cấp xã"),
    ]
    assert {"value": "100%", "what": "hộ nghèo được hỗ trợ vốn"} in story["other_figures"]


def test_lists_of_officials_lower_case_posts_and_abbreviated_places_are_read():
    story = _story(
        "UBND TP. Cao Bằng đối thoại với Nhân dân phường Hợp Giang",
        "12/03/2024 10:00",
        "Sáng 11/3, UBND TP. Cao Bằng tổ chức hội nghị đối thoại với Nhân dân phường Hợp Giang. Đồng chí Lưu Thanh "
        "Phương, phó chủ tịch UBND thành phố chủ trì; đồng chí Nông Văn An và Hoàng Thị Bình cùng dự. Bà Nguyễn "
        "Thị Cúc ở tổ 5 phản ánh việc thu gom rác.",
    )
    assert (story["organizer"], story["organizer_level"]) == ("UBND TP. Cao Bằng", "huyen")
    assert (story["event_type"], story["locality"]) == ("doi_thoai", "phường Hợp Giang")
    assert story["people"] == [
        {"name": "Lưu Thanh Phương", "title": "phó chủ tịch UBND thành phố"},
        {"name": "Nông Văn An", "title": ""},
        {"name": "Hoàng Thị Bình", "title": ""},
    ]  # the citizen who spoke is not an official


def test_the_date_of_the_plan_an_event_carries_out_is_not_the_event_s():
    story = _story(
        "Ban Dân vận Tỉnh ủy Cao Bằng tập huấn công tác dân vận năm 2023",
        "14/06/2023 08:00",
        "Thực hiện Kế hoạch của Ban Thường vụ Tỉnh ủy ngày 3/5/2023, sáng 12/6, Ban Dân vận Tỉnh ủy Cao Bằng tổ "
        "chức hội nghị tập huấn công tác dân vận cho cán bộ cơ sở.",
    )
    assert story["event_date"] == "2023-06-12"


def test_tasks_are_read_only_from_what_is_directed_for_the_coming_period():
    story = _story(
        "Đảng ủy xã Minh Tâm tổng kết công tác dân vận năm 2025",
        "08/01/2026 09:12",
        "Ngày 6/1/2026, Đảng ủy xã Minh Tâm tổ chức hội nghị tổng kết công tác dân vận năm 2025, triển khai "
        "phương hướng nhiệm vụ năm 2026. Dự hội nghị có bà Lê Thị Bình, Phó Trưởng Ban Dân vận Tỉnh ủy.",
        "Năm 2025, Ban Thường vụ Đảng ủy đã chỉ đạo các chi bộ tăng cường nắm tình hình Nhân dân; tổ chức 12 cuộc "
        "đối thoại. Hoạt động của Mặt trận đáp ứng yêu cầu nhiệm vụ chính trị; các kiến nghị được giải quyết.",
        "Đồng chí Nguyễn Văn An, Bí thư Đảng ủy xã nhấn mạnh, dân vận là nhiệm vụ của cả hệ thống chính trị; "
        "đề nghị Ủy ban MTTQ xã tiếp tục đẩy mạnh phong trào thi đua “Dân vận khéo”. Năm qua, xã đã vận động 200 "
        "hộ hiến đất.",
        "Phương hướng, nhiệm vụ năm 2026 gồm:",
        "- Tăng cường đối thoại với Nhân dân ở các thôn;",
        "- Nâng cao chất lượng các mô hình “Dân vận khéo”.",
        "Hội nghị đã khen thưởng 6 tập thể và 10 cá nhân.",
    )
    assert story["directed_tasks"] == [
        "đẩy mạnh phong trào thi đua “Dân vận khéo”",
        "tăng cường đối thoại với Nhân dân ở các thôn",
        "nâng cao chất lượng các mô hình “Dân vận khéo”",
    ]
