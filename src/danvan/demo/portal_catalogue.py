"""What the demo's public sites say: the province's Ban site (categories, topics, pages, documents, links), the
conferences of the year that the Ban's stories are written from, the stories its editors wrote themselves, and the
ward's site. The people named are the demo's invented officials (activity_catalogue.CAO_BANG_PEOPLE); the contacts
are made up for the demo."""

import datetime

D = datetime.date

SITE = {
    "slug": "btgdv-cao-bang",
    "name": "Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng",
    "tagline": "Trang thông tin điện tử về công tác tuyên giáo và dân vận của Đảng bộ tỉnh Cao Bằng",
    "email": "bantgdv@caobang.example.vn",
    "address": "Số 1 đường Hoàng Đình Giong, phường Thục Phán, tỉnh Cao Bằng",
    "phone": "0206 385 0000",
    "responsible": "Hoàng Thị Thu Hà, Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "licence": "Giấy phép số 01/GP-TTĐT (dữ liệu demo)",
}
# (slug, name, description, the unit whose editors write there — None: the site's)
CATEGORIES = [
    ("tin-hoat-dong", "Tin hoạt động", "Hoạt động của Ban và khối Dân vận tỉnh", None),
    ("dan-van-kheo", "Dân vận khéo", "Mô hình, điển hình “Dân vận khéo”", None),
    ("dan-chu-o-co-so", "Dân chủ ở cơ sở", "Thực hiện dân chủ ở cơ sở, đối thoại, tiếp công dân", None),
    ("dan-toc-ton-giao", "Dân tộc – Tôn giáo", "Công tác dân tộc, tôn giáo", None),
    (
        "mat-tran-doan-the",
        "Mặt trận và các đoàn thể",
        "Tin của Ủy ban MTTQ và các đoàn thể tỉnh",
        "cao_bang_front",
    ),
    ("van-ban-chi-dao", "Văn bản chỉ đạo", "Văn bản chỉ đạo, hướng dẫn về công tác dân vận", None),
]
TOPICS = [
    ("phong-trao-dan-van-kheo", "Phong trào thi đua “Dân vận khéo”"),
    ("dan-chu-o-co-so", "Thực hiện Luật Thực hiện dân chủ ở cơ sở"),
    ("giao-ban-khoi-dan-van", "Giao ban khối Dân vận"),
]
PAGES = [
    (
        "gioi-thieu",
        "Giới thiệu",
        "<p>Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng được thành lập ngày 01/3/2025 trên cơ sở hợp nhất Ban Tuyên "
        "giáo Tỉnh ủy và Ban Dân vận Tỉnh ủy, là cơ quan tham mưu, giúp việc của Tỉnh ủy về công tác tuyên giáo và "
        "công tác dân vận.</p><p>Trang thông tin đăng tải hoạt động của Ban, của khối Dân vận tỉnh và các xã, "
        "phường; mô hình, điển hình “Dân vận khéo”; văn bản chỉ đạo và lịch công tác.</p>",
    ),
    (
        "to-chuc-bo-may",
        "Tổ chức bộ máy",
        "<h2>Lãnh đạo Ban</h2><ul><li>Hoàng Thị Thu Hà — Trưởng Ban</li><li>Nông Văn Dũng — Phó Trưởng Ban</li>"
        "<li>Lục Thị Mai — Phó Trưởng Ban</li><li>Đàm Văn Hùng — Phó Trưởng Ban</li></ul><h2>Các phòng</h2>"
        "<ul><li>Văn phòng Ban</li><li>Phòng Dân vận</li><li>Phòng Tuyên truyền</li><li>Phòng Lý luận chính trị "
        "và Lịch sử Đảng</li></ul>",
    ),
    (
        "lien-he",
        "Liên hệ",
        "<p>Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng<br>Địa chỉ: Số 1 đường Hoàng Đình Giong, phường Thục Phán, "
        "tỉnh Cao Bằng<br>Điện thoại: 0206 385 0000<br>Thư điện tử: bantgdv@caobang.example.vn</p>",
    ),
]
# (number, kind, title, issuer, issued on, signer)
DOCUMENTS = [
    (
        "25-KH/BTGDVTU",
        "Kế hoạch",
        "Kế hoạch tổ chức phong trào thi đua “Dân vận khéo” năm 2026",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        D(2026, 1, 20),
        "Hoàng Thị Thu Hà",
    ),
    (
        "05-CTr/BTGDVTU",
        "Chương trình",
        "Chương trình kiểm tra, giám sát năm 2026 của Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        D(2026, 1, 15),
        "Hoàng Thị Thu Hà",
    ),
    (
        "12-HD/BTGDVTU",
        "Hướng dẫn",
        "Hướng dẫn đánh giá, công nhận mô hình, điển hình “Dân vận khéo” các cấp",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        D(2025, 9, 8),
        "Nông Văn Dũng",
    ),
    (
        "48-KH/BTGDVTU",
        "Kế hoạch",
        "Kế hoạch tổ chức hội thi “Dân vận khéo” cấp tỉnh",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        D(2026, 4, 2),
        "Lục Thị Mai",
    ),
    (
        "102-NQ/TU",
        "Nghị quyết",
        "Nghị quyết về tăng cường công tác dân vận trong tình hình mới",
        "Tỉnh ủy Cao Bằng",
        D(2025, 11, 12),
        "Bí thư Tỉnh ủy",
    ),
]
LINKS = [
    ("Ban Dân vận Trung ương", "https://danvan.vn"),
    ("Báo điện tử Đảng Cộng sản Việt Nam", "https://dangcongsan.vn"),
    ("Cổng thông tin điện tử tỉnh Cao Bằng", "https://caobang.gov.vn"),
    ("Báo Cao Bằng", "https://baocaobang.vn"),
]
# The pictures made at build time (no download): (alt text, caption, sky, near hills, far hills).
PICTURES = [
    (
        "Núi non và dòng sông ở Cao Bằng lúc bình minh",
        "Quê hương Cao Bằng",
        (250, 200, 150),
        (40, 110, 70),
        (90, 140, 120),
    ),
    (
        "Ruộng bậc thang xanh dưới chân núi",
        "Nông thôn mới ở Cao Bằng",
        (170, 210, 240),
        (60, 140, 60),
        (110, 160, 130),
    ),
    (
        "Dãy núi đá vôi dưới bầu trời trong",
        "Phong cảnh Cao Bằng",
        (190, 220, 250),
        (70, 100, 90),
        (120, 140, 150),
    ),
    ("Hoàng hôn trên dãy núi", "Hoàng hôn miền biên giới", (240, 160, 120), (80, 70, 90), (140, 110, 120)),
    ("Cánh đồng lúa chín vàng", "Mùa vàng trên đồng", (200, 230, 250), (200, 170, 60), (100, 150, 110)),
    ("Thác nước giữa núi rừng", "Núi rừng Cao Bằng", (180, 220, 230), (30, 100, 80), (80, 130, 120)),
]

# Conferences of the year recorded for the demo (beside the monthly giao ban of the activities' demo), each drafted
# into a story by "Viết tin". `ago`: days before the demo is loaded.
EXTRA_MEETINGS = [
    {
        "ago": 330,
        "type": "tap_huan",
        "title": "Hội nghị tập huấn nghiệp vụ công tác dân vận cho cán bộ xã, phường",
        "place": "Hội trường Tỉnh ủy Cao Bằng",
        "hour": 8,
        "minutes": "Các đại biểu được hướng dẫn kỹ năng nắm tình hình nhân dân, kỹ năng tuyên truyền, vận động "
        "đồng bào dân tộc thiểu số và cách xây dựng mô hình “Dân vận khéo”.\nHơn 200 cán bộ làm công tác dân vận "
        "của 56 xã, phường tham dự.",
        "conclusions": "Vận dụng kiến thức được tập huấn vào thực tiễn cơ sở; báo cáo kết quả về Ban trước ngày "
        "30 hằng tháng",
        "chairs": ["luc_thi_mai"],
        "members": ["dam_van_hung", "ma_van_khai"],
    },
    {
        "ago": 300,
        "type": "chuyen_de",
        "title": "Hội nghị chuyên đề về thực hiện dân chủ ở cơ sở",
        "place": "Phòng họp Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "hour": 14,
        "minutes": "Hội nghị thảo luận việc thực hiện Luật Thực hiện dân chủ ở cơ sở sau khi sắp xếp đơn vị "
        "hành chính cấp xã; 100% xã, phường đã kiện toàn Ban Chỉ đạo thực hiện dân chủ ở cơ sở.",
        "conclusions": "- Tăng cường đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân.\n"
        "- Công khai đầy đủ các nội dung theo quy định tại trụ sở và trên trang thông tin của xã, phường.\n"
        "- Kịp thời giải quyết kiến nghị chính đáng của nhân dân.",
        "chairs": ["hoang_thi_thu_ha"],
        "members": ["nong_van_dung", "be_thi_lan"],
    },
    {
        "ago": 255,
        "type": "tong_ket",
        "period": "last_year",
        "title": "Hội nghị tổng kết công tác dân vận năm",
        "place": "Hội trường Tỉnh ủy Cao Bằng",
        "hour": 8,
        "minutes": "Năm qua, khối Dân vận tỉnh đã tham mưu ban hành nhiều văn bản lãnh đạo, chỉ đạo; toàn tỉnh "
        "có 1.126 mô hình, điển hình “Dân vận khéo” được công nhận các cấp.\nCông tác dân vận chính quyền có "
        "chuyển biến rõ nét, thủ tục hành chính được cải cách, đối thoại với nhân dân được duy trì thường xuyên.",
        "conclusions": "Đồng chí Trưởng Ban kết luận: nâng cao chất lượng phong trào thi đua “Dân vận khéo”; "
        "nắm chắc tình hình nhân dân, nhất là ở vùng đồng bào dân tộc thiểu số, biên giới; đổi mới phương thức "
        "tuyên truyền trên môi trường số",
        "chairs": ["hoang_thi_thu_ha"],
        "members": ["nong_van_dung", "luc_thi_mai", "dam_van_hung", "be_thi_lan"],
        "guests": ["luong_van_thanh", "trieu_thi_hang"],
        "tasks": [
            ("thuc_phan", "Xây dựng ít nhất 02 mô hình “Dân vận khéo” cấp phường trong năm", 150),
            ("nung_tri_cao", "Tổ chức đối thoại định kỳ giữa Bí thư Đảng ủy phường với nhân dân", 120),
        ],
    },
    {
        "ago": 200,
        "type": "hoi_thao",
        "title": "Hội thảo “Phát huy vai trò người có uy tín trong đồng bào dân tộc thiểu số”",
        "place": "Hội trường Ủy ban MTTQ Việt Nam tỉnh",
        "hour": 8,
        "minutes": "Các tham luận khẳng định vai trò của già làng, trưởng bản, người có uy tín trong vận động "
        "đồng bào giữ gìn an ninh trật tự, phát triển kinh tế, xây dựng nông thôn mới.",
        "conclusions": "Tiếp tục quan tâm, bồi dưỡng, phát huy vai trò người có uy tín; kịp thời biểu dương, khen "
        "thưởng những tấm gương tiêu biểu",
        "chairs": ["nong_van_dung"],
        "members": ["be_thi_lan", "ma_van_khai"],
    },
    {
        "ago": 146,
        "type": "so_ket",
        "period": "first_half",
        "title": "Hội nghị sơ kết công tác dân vận 6 tháng đầu năm",
        "place": "Hội trường Tỉnh ủy Cao Bằng",
        "hour": 8,
        "minutes": "6 tháng đầu năm, khối Dân vận tỉnh đã tham mưu tổ chức tốt việc sắp xếp tổ chức bộ máy ở cơ sở; "
        "đăng ký mới 214 mô hình “Dân vận khéo”.\nCác xã, phường tổ chức 168 cuộc đối thoại với nhân dân; tình "
        "hình nhân dân cơ bản ổn định.",
        "conclusions": "- Chủ động nắm tình hình nhân dân sau sắp xếp đơn vị hành chính.\n- Hoàn thành việc đánh giá, "
        "công nhận mô hình “Dân vận khéo” năm nay.\n- Chuẩn bị tốt hội thi “Dân vận khéo” cấp tỉnh.",
        "chairs": ["hoang_thi_thu_ha"],
        "members": ["nong_van_dung", "luc_thi_mai", "dam_van_hung", "be_thi_lan"],
        "tasks": [("thuc_phan", "Báo cáo kết quả thực hiện mô hình “Dân vận khéo” 9 tháng", 80)],
    },
    {
        "ago": 95,
        "type": "doi_thoai",
        "title": "Đối thoại giữa Bí thư Tỉnh ủy với đoàn viên, thanh niên",
        "place": "Nhà Văn hóa tỉnh Cao Bằng",
        "hour": 14,
        "minutes": "Hơn 300 đoàn viên, thanh niên nêu 25 ý kiến về việc làm, khởi nghiệp, chuyển đổi số và giữ gìn "
        "bản sắc văn hóa dân tộc.",
        "conclusions": "Các sở, ngành giải quyết dứt điểm các kiến nghị thuộc thẩm quyền; công khai kết quả trên "
        "trang thông tin của tỉnh",
        "chairs": ["hoang_thi_thu_ha"],
        "members": ["luc_thi_mai"],
    },
    {
        "ago": 40,
        "type": "chuyen_de",
        "title": "Hội nghị biểu dương điển hình “Dân vận khéo” tiêu biểu",
        "place": "Hội trường Tỉnh ủy Cao Bằng",
        "hour": 8,
        "minutes": "Hội nghị biểu dương 30 tập thể và 25 cá nhân tiêu biểu trong phong trào thi đua “Dân vận khéo”.",
        "conclusions": "Nhân rộng các mô hình hiệu quả; gắn phong trào thi đua “Dân vận khéo” với nhiệm vụ chính trị "
        "của từng địa phương",
        "chairs": ["hoang_thi_thu_ha"],
        "members": ["nong_van_dung", "luc_thi_mai", "dam_van_hung"],
        "guests": ["luong_van_thanh"],
    },
]

# Stories the editors wrote themselves, one per commune named: (category, title, summary, paragraphs, tags).
# "{place}" is the commune's name ("Xã …", "Phường …"), "{short}" the same without its kind.
WRITTEN = [
    (
        "dan-van-kheo",
        "{place} nhân rộng mô hình “Dân vận khéo” trong xây dựng nông thôn mới",
        "Từ mô hình “Dân vận khéo” hiến đất làm đường, {place} đã vận động nhân dân đóng góp hàng nghìn ngày công "
        "xây dựng đường giao thông nông thôn.",
        [
            "Thời gian qua, cấp ủy, chính quyền {place} đã chú trọng xây dựng và nhân rộng các mô hình “Dân vận khéo” "
            "gắn với phong trào xây dựng nông thôn mới.",
            "Nhờ làm tốt công tác tuyên truyền, vận động, nhiều hộ dân đã tự nguyện hiến đất, góp công làm đường, "
            "kênh mương nội đồng. Cán bộ xã đi từng ngõ, gõ từng nhà, lắng nghe ý kiến của nhân dân.",
            "Mô hình đã trở thành điểm sáng của phong trào thi đua “Dân vận khéo” trên địa bàn tỉnh.",
        ],
        ["Dân vận khéo", "Nông thôn mới"],
    ),
    (
        "dan-chu-o-co-so",
        "{place} đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân",
        "Buổi đối thoại giúp cấp ủy, chính quyền {place} lắng nghe, giải đáp kịp thời kiến nghị của nhân dân.",
        [
            "Tại buổi đối thoại, người dân {short} đã nêu nhiều ý kiến về đất đai, giao thông, vệ sinh môi trường và "
            "chính sách hỗ trợ sau sắp xếp đơn vị hành chính.",
            "Bí thư Đảng ủy, Chủ tịch Ủy ban nhân dân đã trực tiếp trả lời, làm rõ các nội dung thuộc thẩm quyền; "
            "những nội dung vượt thẩm quyền được tổng hợp, đề nghị cấp trên xem xét.",
            "Việc đối thoại định kỳ là một nội dung quan trọng của thực hiện dân chủ ở cơ sở.",
        ],
        ["Dân chủ ở cơ sở", "Đối thoại"],
    ),
    (
        "dan-toc-ton-giao",
        "Phát huy vai trò người có uy tín trong đồng bào dân tộc thiểu số ở {place}",
        "Những người có uy tín ở {place} là cầu nối giữa cấp ủy, chính quyền với đồng bào các dân tộc.",
        [
            "Trên địa bàn {place} có nhiều người có uy tín là già làng, trưởng xóm, người sản xuất giỏi.",
            "Họ tích cực vận động đồng bào chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước, giữ "
            "gìn an ninh trật tự và bản sắc văn hóa dân tộc.",
        ],
        ["Dân tộc", "Người có uy tín"],
    ),
    (
        "tin-hoat-dong",
        "Khối Dân vận {place} triển khai nhiệm vụ trọng tâm",
        "Khối Dân vận {place} thống nhất các nhiệm vụ trọng tâm về nắm tình hình nhân dân và phong trào thi đua "
        "“Dân vận khéo”.",
        [
            "Tại hội nghị, các cơ quan khối Dân vận {place} báo cáo kết quả thực hiện nhiệm vụ và đề xuất giải pháp "
            "cho thời gian tới.",
            "Hội nghị thống nhất tăng cường nắm tình hình nhân dân, kịp thời phản ánh với cấp ủy những vấn đề nổi "
            "cộm, không để xảy ra điểm nóng.",
        ],
        ["Khối Dân vận"],
    ),
    (
        "mat-tran-doan-the",
        "Ủy ban MTTQ Việt Nam tỉnh trao nhà Đại đoàn kết tại {place}",
        "Những ngôi nhà Đại đoàn kết giúp các hộ nghèo ở {place} an cư, yên tâm phát triển kinh tế.",
        [
            "Nguồn kinh phí xây nhà được vận động từ Quỹ “Vì người nghèo” của tỉnh và sự góp công của bà con, "
            "dòng họ, làng xóm.",
            "Việc trao nhà thể hiện truyền thống “lá lành đùm lá rách” và sự quan tâm của Mặt trận các cấp.",
        ],
        ["Mặt trận", "Vì người nghèo"],
    ),
    (
        "dan-van-kheo",
        "Tổ dân phố tự quản về an ninh trật tự – mô hình “Dân vận khéo” ở {place}",
        "Mô hình tự quản về an ninh trật tự giúp {place} giữ vững bình yên khu dân cư.",
        [
            "Các tổ tự quản được thành lập ở từng khu dân cư, có nội quy, quy ước rõ ràng và được nhân dân đồng thuận.",
            "Sau một năm triển khai, các vụ việc mâu thuẫn trong nhân dân được hòa giải ngay tại cơ sở.",
        ],
        ["Dân vận khéo", "An ninh trật tự"],
    ),
    (
        "dan-chu-o-co-so",
        "{place} công khai các nội dung nhân dân được biết theo Luật Thực hiện dân chủ ở cơ sở",
        "{place} niêm yết công khai các nội dung theo quy định tại trụ sở và nhà văn hóa các tổ, xóm.",
        [
            "Các nội dung công khai gồm kế hoạch sử dụng đất, dự toán ngân sách, các khoản đóng góp của nhân dân và "
            "kết quả giải quyết kiến nghị của cử tri.",
            "Nhân dân có thể góp ý trực tiếp hoặc qua hộp thư góp ý đặt tại trụ sở Ủy ban nhân dân.",
        ],
        ["Dân chủ ở cơ sở", "Công khai"],
    ),
    (
        "tin-hoat-dong",
        "Cán bộ, đảng viên {place} học tập, quán triệt các văn bản mới về công tác dân vận",
        "Hội nghị giúp cán bộ, đảng viên {place} nắm vững những điểm mới trong công tác dân vận.",
        [
            "Báo cáo viên đã truyền đạt những nội dung cơ bản của các văn bản mới của Trung ương và của Tỉnh ủy về "
            "công tác dân vận trong tình hình mới.",
            "Sau hội nghị, các chi bộ xây dựng chương trình hành động cụ thể, phù hợp với thực tế địa phương.",
        ],
        ["Học tập nghị quyết"],
    ),
]
# The communes the written stories are about, in turn (the first ones of the province are read from the tree).
WRITTEN_COMMUNES = 6

# The ward's site (Phường Thục Phán) and its stories: (category, title, summary, paragraph, days ago).
WARD_SITE = {
    "slug": "phuong-thuc-phan",
    "name": "Đảng ủy phường Thục Phán",
    "tagline": "Trang thông tin của Đảng ủy, Ủy ban MTTQ Việt Nam và các đoàn thể phường Thục Phán",
    "email": "thucphan@caobang.example.vn",
    "address": "Trụ sở Đảng ủy phường Thục Phán, tỉnh Cao Bằng",
    "phone": "0206 385 1111",
    "responsible": "Lương Văn Thành, Phó Bí thư Đảng ủy phường",
}
WARD_CATEGORIES = [
    ("tin-hoat-dong", "Tin hoạt động", "", None),
    ("dan-van-kheo", "Dân vận khéo", "", None),
    ("dan-chu-o-co-so", "Dân chủ ở cơ sở", "", None),
]
WARD_STORIES = [
    (
        "dan-van-kheo",
        "Tổ dân phố 3 ra mắt mô hình “Tuyến phố xanh – sạch – đẹp”",
        "Mô hình “Dân vận khéo” do Chi hội Phụ nữ tổ dân phố 3 phường Thục Phán đảm nhận.",
        "Mỗi hộ gia đình nhận chăm sóc một đoạn đường, trồng hoa và giữ gìn vệ sinh chung.",
        120,
    ),
    (
        "dan-chu-o-co-so",
        "Phường Thục Phán lấy ý kiến nhân dân về dự án chỉnh trang đô thị",
        "Nhân dân các tổ dân phố góp ý vào phương án chỉnh trang tuyến phố trung tâm phường.",
        "Các ý kiến được tổng hợp, công khai và gửi Ủy ban nhân dân phường xem xét trước khi quyết định.",
        75,
    ),
    (
        "tin-hoat-dong",
        "Đảng ủy phường Thục Phán sơ kết công tác dân vận",
        "Khối Dân vận phường đánh giá kết quả công tác dân vận và bàn nhiệm vụ thời gian tới.",
        "Phường có 12 mô hình “Dân vận khéo” đang triển khai ở các tổ dân phố.",
        45,
    ),
    (
        "tin-hoat-dong",
        "Phường Thục Phán ra quân tổng vệ sinh môi trường",
        "Hàng trăm đoàn viên, hội viên và nhân dân tham gia dọn vệ sinh các tuyến phố.",
        "Hoạt động hưởng ứng phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư”.",
        12,
    ),
]
