"""Demo "Dân vận khéo" register: the seeds' figures under the seeds' old units, and today's Tỉnh Cao Bằng.

The three old units yield exactly what their reports say:
- Thành phố Cao Bằng, 2021: 16 cơ quan, đơn vị and 6 chi, đảng bộ of the city registered; every ward, commune,
  tổ dân phố and xóm registered (a campaign at 100%), with 14 ward-level and 200 hamlet-level models;
- Huyện Cầu Kè, 2022: 331 models over the four fields;
- Thị xã Duy Tiên, 2019: 60 models, 21 in the khối phòng, ban, ngành, đoàn thể and 39 in the khối phường, xã.
Today's Tỉnh Cao Bằng gets a few hundred models and exemplars for 2025 and 2026 over its 56 communes, the hamlets of
Phường Thục Phán and Phường Nùng Trí Cao and the province's agencies, in every state of the lifecycle.

Everything is written in bulk (a few seconds), but exactly as the services would write it: owner path, province
and level (services.level_of), search key, status, the yearly fact rows and their fields, the timeline of events,
results, and a change-log entry per practice. A fixed random seed makes every run the same; a second run finds the
Thành phố Cao Bằng 2021 campaign and adds nothing.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from danvan.core.changelog import snapshot
from danvan.core.models import ChangeLog
from danvan.core.text import fold, nfc
from danvan.orgunits.models import OrgUnit, UnitGroup
from danvan.practices import services
from danvan.practices.models import (
    Campaign,
    Field,
    Practice,
    PracticeEvent,
    PracticeResult,
    PracticeYear,
    PracticeYearField,
    Status,
)

from .units import BEFORE_REFORM, _demo_id, demo_units

SEED = 2021_07_22
A = OrgUnit.AgencyType
KT, VH, AN, CT, NTM = "kinh-te", "van-hoa-xa-hoi", "quoc-phong-an-ninh", "xay-dung-he-thong-chinh-tri", "ntm"
RURAL_FIELD = ("xay-dung-nong-thon-moi", "Xây dựng nông thôn mới")
CAMPAIGN_TITLE = "Đăng ký mô hình “Dân vận khéo” năm 2021"

# ------------------------------------------------------------------------------------------ what models say

# name: (fields, summary, method, participants, [(indicator, unit of measure, low, high, decimals)])
MODELS = {
    "Tuyến đường hoa": (
        [VH, NTM],
        "Nhân dân góp công, góp đất trồng hoa hai bên đường liên xóm, tạo cảnh quan xanh – sạch – đẹp.",
        "Chi hội Phụ nữ vận động từng hộ nhận chăm sóc một đoạn đường; mỗi tháng tổng vệ sinh một lần.",
        "Chi hội Phụ nữ, Đoàn Thanh niên, các hộ dân",
        [("Đường trồng hoa", "km", 0.5, 4.5, 1), ("Hộ tham gia", "hộ", 20, 120, 0)],
    ),
    "Camera an ninh": (
        [AN],
        "Lắp camera giám sát tại các tuyến đường, ngõ xóm do nhân dân đóng góp, kết nối với công an.",
        "Họp dân bàn bạc, công khai khoản đóng góp; tổ tự quản theo dõi và trích xuất hình ảnh khi cần.",
        "Công an, tổ tự quản an ninh trật tự, các hộ dân",
        [("Camera lắp đặt", "cái", 4, 30, 0), ("Vụ việc phát hiện nhờ camera", "vụ", 1, 12, 0)],
    ),
    "Hũ gạo tình thương": (
        [VH],
        "Mỗi hội viên góp một nắm gạo mỗi ngày để giúp hộ nghèo, học sinh có hoàn cảnh khó khăn.",
        "Chi hội trưởng thu gạo hằng tháng, công khai sổ thu chi tại buổi sinh hoạt chi hội.",
        "Chi hội Phụ nữ, Hội Người cao tuổi",
        [("Gạo quyên góp", "kg", 200, 2000, 0), ("Hộ khó khăn được giúp", "hộ", 5, 40, 0)],
    ),
    "Hiến đất làm đường": (
        [KT, NTM],
        "Vận động các hộ hiến đất, góp ngày công mở rộng, bê tông hóa đường liên xóm.",
        "Đảng viên, trưởng xóm gương mẫu hiến đất trước; họp từng nhóm hộ dọc tuyến, công khai thiết kế.",
        "Chi bộ, ban công tác mặt trận, các hộ dọc tuyến",
        [("Đất được hiến", "m²", 150, 3500, 0), ("Đường được mở rộng", "km", 0.5, 4.0, 1)],
    ),
    "Phân loại rác tại nguồn": (
        [VH],
        "Các hộ phân loại rác hữu cơ, tái chế và rác còn lại; rác hữu cơ ủ phân bón vườn.",
        "Tổ dân phố phát thùng, hướng dẫn tận hộ; Đoàn Thanh niên kiểm tra, nhắc nhở hằng tuần.",
        "Đoàn Thanh niên, Chi hội Phụ nữ, các hộ dân",
        [("Hộ phân loại rác", "hộ", 30, 300, 0), ("Rác tái chế thu gom", "kg", 100, 1500, 0)],
    ),
    "Chính quyền thân thiện vì nhân dân phục vụ": (
        [CT],
        "Cán bộ, công chức tiếp dân niềm nở, giải quyết thủ tục đúng hẹn, công khai số điện thoại đường dây nóng.",
        "Niêm yết quy trình; hòm thư góp ý; mỗi quý lấy phiếu đánh giá mức độ hài lòng của người dân.",
        "Ủy ban nhân dân, bộ phận một cửa",
        [("Hồ sơ giải quyết đúng hạn", "%", 95, 100, 1), ("Người dân hài lòng", "%", 90, 99, 1)],
    ),
    "Dân vận khéo trong cải cách hành chính": (
        [CT],
        "Hướng dẫn người dân nộp hồ sơ trực tuyến, giảm đi lại; cán bộ một cửa hỗ trợ tận nơi người cao tuổi.",
        "Tổ công nghệ số cộng đồng hướng dẫn tại nhà văn hóa mỗi tối thứ Năm.",
        "Bộ phận một cửa, Đoàn Thanh niên, tổ công nghệ số cộng đồng",
        [("Hồ sơ nộp trực tuyến", "hồ sơ", 200, 3000, 0), ("Người dân được hướng dẫn", "người", 100, 900, 0)],
    ),
    "Tổ tự quản an ninh trật tự": (
        [AN],
        "Tổ tự quản tuần tra ban đêm, hòa giải mâu thuẫn nhỏ, nắm tình hình người từ nơi khác đến.",
        "Chia ca tuần tra theo tuần; họp tổ mỗi tháng; trao đổi thông tin qua nhóm Zalo với công an.",
        "Công an, dân quân, cựu chiến binh, các hộ dân",
        [("Tổ viên", "người", 8, 40, 0), ("Vụ việc hòa giải thành", "vụ", 2, 20, 0)],
    ),
    "Chi hội nuôi bò sinh sản": (
        [KT],
        "Hội viên góp vốn xoay vòng mua bò giống, giúp nhau kỹ thuật chăn nuôi, trồng cỏ.",
        "Bò cái sinh bê đầu tiên chuyển cho hộ kế tiếp; cán bộ thú y hướng dẫn tiêm phòng.",
        "Chi hội Nông dân, Chi hội Phụ nữ",
        [("Bò giống được hỗ trợ", "con", 5, 40, 0), ("Hộ thoát nghèo", "hộ", 2, 15, 0)],
    ),
    "Bê tông hóa đường xóm": (
        [KT, NTM],
        "Nhà nước hỗ trợ xi măng, nhân dân góp cát sỏi, ngày công làm đường vào xóm.",
        "Ban phát triển đường xóm do dân bầu; công khai vật tư, ngày công tại nhà văn hóa.",
        "Chi bộ, trưởng xóm, các hộ dân",
        [("Đường bê tông làm mới", "km", 0.3, 3.0, 1), ("Ngày công đóng góp", "ngày công", 100, 1500, 0)],
    ),
    "Thắp sáng đường quê": (
        [VH, NTM],
        "Lắp đèn chiếu sáng đường ngõ bằng nguồn vận động xã hội hóa và đoàn viên góp công.",
        "Đoàn Thanh niên khảo sát, lắp đặt; hộ dân dọc tuyến trả tiền điện theo tháng.",
        "Đoàn Thanh niên, các hộ dân",
        [("Bóng đèn lắp đặt", "bóng", 20, 150, 0), ("Đường được chiếu sáng", "km", 0.5, 5.0, 1)],
    ),
    "Tổ hòa giải ở cơ sở": (
        [AN, CT],
        "Tổ hòa giải giải quyết mâu thuẫn trong gia đình, tranh chấp đất đai nhỏ ngay tại cộng đồng.",
        "Người có uy tín tham gia tổ; hòa giải tại nhà văn hóa, ghi sổ theo dõi.",
        "Trưởng xóm, người có uy tín, Chi hội Phụ nữ",
        [("Vụ việc hòa giải thành", "vụ", 3, 25, 0)],
    ),
    "Nhà văn hóa xóm do dân góp công": (
        [VH, NTM],
        "Nhân dân góp tiền, góp công sửa chữa, xây mới nhà văn hóa làm nơi sinh hoạt cộng đồng.",
        "Họp dân thống nhất mức đóng góp theo hộ; ban giám sát cộng đồng theo dõi thi công.",
        "Chi bộ, ban công tác mặt trận, các hộ dân",
        [("Kinh phí nhân dân đóng góp", "triệu đồng", 20, 300, 0)],
    ),
    "Tổ hợp tác trồng rau an toàn": (
        [KT],
        "Các hộ liên kết trồng rau theo quy trình an toàn, bán cho bếp ăn trường học và chợ phường.",
        "Cán bộ khuyến nông tập huấn; tổ trưởng ký hợp đồng tiêu thụ cho cả tổ.",
        "Chi hội Nông dân, các hộ trồng rau",
        [("Diện tích rau an toàn", "ha", 1, 12, 1), ("Thu nhập bình quân tăng", "%", 10, 35, 0)],
    ),
    "Ngõ xóm sáng – xanh – sạch – đẹp": (
        [VH],
        "Mỗi hộ tự quản đoạn đường trước nhà: thắp sáng, trồng cây, giữ vệ sinh.",
        "Chấm điểm hằng quý, biểu dương hộ làm tốt tại buổi họp tổ.",
        "Các hộ dân, Chi hội Phụ nữ",
        [("Hộ tham gia", "hộ", 20, 150, 0)],
    ),
    "Gia đình văn hóa – tổ dân phố văn minh": (
        [VH],
        "Vận động các hộ đăng ký, thực hiện tiêu chí gia đình văn hóa, nếp sống văn minh đô thị.",
        "Bình xét công khai cuối năm; không để hộ nào vi phạm trật tự đô thị.",
        "Ban công tác mặt trận, các hộ dân",
        [("Hộ đạt gia đình văn hóa", "%", 85, 99, 1)],
    ),
    "Vận động tiêm vắc-xin phòng Covid-19 đủ liều": (
        [VH, AN],
        "Tuyên truyền tận hộ, đưa đón người cao tuổi, người khuyết tật đi tiêm.",
        "Lập danh sách từng hộ, phân công đảng viên phụ trách nhóm hộ.",
        "Y tế, Đoàn Thanh niên, Chi hội Phụ nữ",
        [("Người được vận động tiêm", "người", 80, 900, 0)],
    ),
    "Tuyến phố văn minh đô thị": (
        [VH, CT],
        "Các hộ kinh doanh cam kết không lấn chiếm vỉa hè, giữ vệ sinh, trồng cây xanh trước cửa.",
        "Ký cam kết; tổ dân phố phối hợp phường kiểm tra định kỳ, nhắc nhở kịp thời.",
        "Tổ dân phố, các hộ kinh doanh",
        [("Hộ ký cam kết", "hộ", 30, 200, 0)],
    ),
    "Trồng cây ăn quả trên đất dốc": (
        [KT, NTM],
        "Chuyển đất nương kém hiệu quả sang trồng cây ăn quả, chống xói mòn.",
        "Hội Nông dân liên kết cung ứng giống, hướng dẫn kỹ thuật ghép, chăm sóc.",
        "Chi hội Nông dân, các hộ",
        [("Diện tích chuyển đổi", "ha", 2, 25, 1), ("Hộ tham gia", "hộ", 10, 60, 0)],
    ),
    "Dân vận khéo trong giải phóng mặt bằng": (
        [KT, CT],
        "Đối thoại với từng hộ, công khai phương án bồi thường, hỗ trợ tái định cư.",
        "Tổ vận động gồm cán bộ mặt trận, đoàn thể và người có uy tín đến từng nhà.",
        "Ủy ban nhân dân, Mặt trận Tổ quốc, các đoàn thể",
        [("Hộ bàn giao mặt bằng đúng hạn", "hộ", 10, 120, 0), ("Diện tích bàn giao", "ha", 1, 30, 1)],
    ),
    "Dân vận khéo trong xây dựng nông thôn mới": (
        [KT, NTM],
        "Vận động nhân dân chung sức thực hiện các tiêu chí nông thôn mới nâng cao.",
        "Mỗi chi hội nhận một tiêu chí; họp dân công khai tiến độ, kết quả.",
        "Chi bộ, Mặt trận Tổ quốc, các đoàn thể",
        [("Tiêu chí hoàn thành", "tiêu chí", 10, 19, 0)],
    ),
    "Tổ hùn vốn xoay vòng": (
        [KT],
        "Hội viên góp vốn hằng tháng, lần lượt cho thành viên vay không lãi để sản xuất.",
        "Sổ góp vốn công khai; ưu tiên hộ cận nghèo, hộ có việc gấp.",
        "Chi hội Phụ nữ, Chi hội Nông dân",
        [("Vốn xoay vòng", "triệu đồng", 20, 300, 0), ("Lượt hộ được vay", "lượt", 5, 60, 0)],
    ),
    "Cột cờ Tổ quốc ở khu dân cư": (
        [AN, VH],
        "Dựng cột cờ tại nhà văn hóa và cổng xóm, khơi dậy tình yêu Tổ quốc.",
        "Cựu chiến binh khảo sát vị trí, vận động xã hội hóa kinh phí; đoàn viên thay cờ định kỳ.",
        "Hội Cựu chiến binh, Đoàn Thanh niên",
        [("Cột cờ được dựng", "cột", 1, 12, 0)],
    ),
    "Mái ấm tình thương": (
        [VH],
        "Vận động nguồn lực xây, sửa nhà cho hộ nghèo, gia đình chính sách.",
        "Mặt trận chủ trì; các đoàn thể góp ngày công, vật liệu.",
        "Mặt trận Tổ quốc, các đoàn thể",
        [("Nhà được xây, sửa", "căn", 1, 12, 0)],
    ),
}
URBAN_HAMLET_MODELS = [
    "Tuyến đường hoa",
    "Camera an ninh",
    "Hũ gạo tình thương",
    "Phân loại rác tại nguồn",
    "Tổ tự quản an ninh trật tự",
    "Ngõ xóm sáng – xanh – sạch – đẹp",
    "Gia đình văn hóa – tổ dân phố văn minh",
    "Tuyến phố văn minh đô thị",
    "Tổ hòa giải ở cơ sở",
    "Thắp sáng đường quê",
    "Cột cờ Tổ quốc ở khu dân cư",
]
RURAL_HAMLET_MODELS = [
    "Chi hội nuôi bò sinh sản",
    "Hiến đất làm đường",
    "Bê tông hóa đường xóm",
    "Nhà văn hóa xóm do dân góp công",
    "Trồng cây ăn quả trên đất dốc",
    "Tổ hợp tác trồng rau an toàn",
    "Tuyến đường hoa",
    "Hũ gạo tình thương",
    "Tổ tự quản an ninh trật tự",
    "Thắp sáng đường quê",
    "Cột cờ Tổ quốc ở khu dân cư",
    "Tổ hùn vốn xoay vòng",
]
COMMUNE_MODELS = [
    "Chính quyền thân thiện vì nhân dân phục vụ",
    "Dân vận khéo trong cải cách hành chính",
    "Dân vận khéo trong giải phóng mặt bằng",
    "Dân vận khéo trong xây dựng nông thôn mới",
    "Phân loại rác tại nguồn",
    "Camera an ninh",
    "Mái ấm tình thương",
    "Tổ hùn vốn xoay vòng",
    "Hiến đất làm đường",
    "Tuyến đường hoa",
]
# Models an agency runs, by a word of its name.
AGENCY_MODELS = {
    "Chi bộ": ["Đảng viên giữ mối liên hệ với nơi cư trú", "Chi bộ nắm tình hình nhân dân"],
    "Đảng bộ": ["Đảng viên giữ mối liên hệ với nơi cư trú", "Chi bộ nắm tình hình nhân dân"],
    "Đảng ủy": ["Đảng viên giữ mối liên hệ với nơi cư trú", "Chi bộ nắm tình hình nhân dân"],
    "Ban Dân vận": ["Dân vận khéo trong tham mưu công tác dân vận", "Khối dân vận nắm tình hình nhân dân"],
    "Ban Tuyên giáo và Dân vận": ["Dân vận khéo trong tham mưu công tác dân vận", "Báo cáo viên gần dân"],
    "MTTQ": ["Mặt trận lắng nghe ý kiến nhân dân", "Mái ấm tình thương"],
    "Phụ nữ": ["Tiết kiệm vì phụ nữ nghèo", "Phụ nữ giúp nhau phát triển kinh tế"],
    "Nông dân": ["Chi hội nông dân nghề nghiệp", "Nông dân sản xuất, kinh doanh giỏi giúp nhau"],
    "Cựu chiến binh": ["Cựu chiến binh giúp nhau làm kinh tế", "Cột cờ Tổ quốc ở khu dân cư"],
    "Thanh niên": ["Thắp sáng đường quê", "Tuổi trẻ chung tay chuyển đổi số"],
    "Văn phòng": ["Một cửa điện tử thân thiện", "Dân vận khéo trong cải cách hành chính"],
    "Nội vụ": ["Cán bộ gần dân, hiểu dân, giúp dân"],
    "Lao động": ["Chăm lo gia đình chính sách, người có công"],
    "Văn hóa": ["Tuyên truyền lưu động đến thôn, xóm"],
    "Tài chính": ["Công khai ngân sách để dân biết, dân kiểm tra"],
    "Tài nguyên": ["Dân vận khéo trong giải quyết tranh chấp đất đai"],
    "Quản lý đô thị": ["Tuyến phố văn minh đô thị"],
    "Giáo dục": ["Nhà trường thân thiện với cha mẹ học sinh"],
    "Công an": ["Công an vì nhân dân phục vụ", "Camera an ninh"],
    "Quân sự": ["Dân quân tự vệ giúp dân lúc khó khăn"],
}
AGENCY_MODEL_FIELDS = {
    "Đảng viên giữ mối liên hệ với nơi cư trú": [CT],
    "Chi bộ nắm tình hình nhân dân": [CT],
    "Mặt trận lắng nghe ý kiến nhân dân": [CT, VH],
    "Một cửa điện tử thân thiện": [CT],
    "Tiết kiệm vì phụ nữ nghèo": [KT],
    "Phụ nữ giúp nhau phát triển kinh tế": [KT],
    "Chi hội nông dân nghề nghiệp": [KT],
    "Nông dân sản xuất, kinh doanh giỏi giúp nhau": [KT],
    "Cựu chiến binh giúp nhau làm kinh tế": [KT],
    "Công an vì nhân dân phục vụ": [AN],
    "Dân quân tự vệ giúp dân lúc khó khăn": [AN],
    "Tuổi trẻ chung tay chuyển đổi số": [VH, CT],
    "Chăm lo gia đình chính sách, người có công": [VH],
    "Tuyên truyền lưu động đến thôn, xóm": [VH],
    "Nhà trường thân thiện với cha mẹ học sinh": [VH],
}
# 2021, 2022 and 2019 had their own concerns: the 2021 elections and Covid-19, Cầu Kè's coconuts and Khmer pagodas.
EXTRA_BY_PLACE = {
    "tp_cao_bang": ["Vận động nhân dân tham gia bầu cử", "Vận động tiêm vắc-xin phòng Covid-19 đủ liều"],
    "cau_ke": [
        "Vận động tiêm vắc-xin phòng Covid-19 đủ liều",
        "Sư sãi, chức sắc tham gia tuyên truyền pháp luật",
        "Liên kết trồng dừa sáp",
        "Vườn cây ăn trái kiểu mẫu",
        "Vận động lao động đi làm việc có thời hạn ở nước ngoài",
        "Phụ nữ Khmer giúp nhau giảm nghèo",
    ],
    "duy_tien": [
        "Dân vận khéo trong xây dựng nông thôn mới kiểu mẫu",
        "Dân vận khéo trong giải phóng mặt bằng",
    ],
}
EXTRA_FIELDS = {
    "Vận động nhân dân tham gia bầu cử": [CT],
    "Sư sãi, chức sắc tham gia tuyên truyền pháp luật": [VH, AN],
    "Liên kết trồng dừa sáp": [KT],
    "Vườn cây ăn trái kiểu mẫu": [KT],
    "Vận động lao động đi làm việc có thời hạn ở nước ngoài": [KT],
    "Phụ nữ Khmer giúp nhau giảm nghèo": [KT, VH],
    "Dân vận khéo trong xây dựng nông thôn mới kiểu mẫu": [KT, VH],
}
EXEMPLARS = [
    ("Gương mẫu hiến đất làm đường", [KT], "Trưởng xóm", [("Đất được hiến", "m²", 100, 800, 0)]),
    (
        "Người có uy tín vận động đồng bào bỏ hủ tục",
        [VH],
        "Người có uy tín",
        [("Hộ được vận động", "hộ", 10, 60, 0)],
    ),
    (
        "Cựu chiến binh làm kinh tế giỏi, giúp hội viên thoát nghèo",
        [KT],
        "Hội viên Cựu chiến binh",
        [("Lao động có việc làm", "người", 3, 25, 0)],
    ),
    (
        "Nữ công an gần dân, hiểu dân",
        [AN],
        "Công an phường",
        [("Buổi tuyên truyền pháp luật", "buổi", 5, 40, 0)],
    ),
    (
        "Thanh niên khởi nghiệp từ cây hồi, cây quế",
        [KT],
        "Bí thư chi đoàn",
        [("Diện tích trồng mới", "ha", 1, 8, 1)],
    ),
    (
        "Chi hội trưởng phụ nữ tận tụy với hội viên",
        [VH],
        "Chi hội trưởng Phụ nữ",
        [("Hội viên mới kết nạp", "người", 5, 30, 0)],
    ),
    (
        "Bí thư chi bộ đi đầu xây dựng nông thôn mới",
        [CT, NTM],
        "Bí thư chi bộ",
        [("Tiêu chí nông thôn mới hoàn thành", "tiêu chí", 10, 19, 0)],
    ),
    (
        "Nông dân sản xuất giỏi nhân giống lúa nếp Pì Pất",
        [KT],
        "Nông dân",
        [("Hộ được chuyển giao giống", "hộ", 10, 80, 0)],
    ),
    (
        "Già làng giữ gìn làn điệu then, đàn tính",
        [VH],
        "Nghệ nhân dân gian",
        [("Học viên được truyền dạy", "người", 5, 40, 0)],
    ),
    (
        "Cán bộ một cửa tận tình với người dân",
        [CT],
        "Công chức bộ phận một cửa",
        [("Hồ sơ hướng dẫn trực tuyến", "hồ sơ", 100, 900, 0)],
    ),
]
# Whose names fit the deed: a woman police officer, a women's union leader, a village elder.
GENDER_OF_EXEMPLAR = {
    "Nữ công an gần dân, hiểu dân": "female",
    "Chi hội trưởng phụ nữ tận tụy với hội viên": "female",
    "Già làng giữ gìn làn điệu then, đàn tính": "male",
}
FAMILY = [
    "Nông",
    "Hoàng",
    "Lương",
    "Bế",
    "Đàm",
    "Lục",
    "Triệu",
    "Hà",
    "Lý",
    "Mã",
    "Ngọc",
    "Sầm",
    "La",
    "Đinh",
    "Vi",
]
MALE = [
    "Văn Dũng",
    "Văn Thành",
    "Văn Sơn",
    "Văn Hùng",
    "Văn Quang",
    "Văn Tuấn",
    "Văn Tâm",
    "Đức Long",
    "Văn Páo",
]
FEMALE = [
    "Thị Mai",
    "Thị Hạnh",
    "Thị Nga",
    "Thị Lan",
    "Thị Huệ",
    "Thị Thu",
    "Thị Phượng",
    "Thị Hoa",
    "Thị Liên",
]
XOM_NAMES = [
    "Nà Cáp",
    "Nà Lắc",
    "Khau Cút",
    "Pác Cáp",
    "Bó Củng",
    "Nà Rụa",
    "Đông Sằng",
    "Mỹ Lộc",
    "Nà Toàn",
    "Khuổi Khon",
    "Lũng Hoàng",
    "Nà Chướng",
    "Bản Ngần",
    "Thua Phya",
    "Cốc Phường",
    "Pò Tập",
    "Nà Pò",
    "Bản Giới",
    "Tổng Chúp",
    "Khuổi Tấu",
]
AP_NAMES = [
    "Ấp Chợ",
    "Ấp An Bình",
    "Ấp An Hòa",
    "Ấp Sóc Ruộng",
    "Ấp Trà Mẹt",
    "Ấp Ô Tưng",
    "Ấp Mỹ Văn",
    "Ấp Đại Mong",
    "Ấp Hội An",
    "Ấp Rạch Nghệ",
    "Ấp Trà Ót",
    "Ấp Bưng Lớn",
    "Ấp Chông Nô",
    "Ấp Giồng Lớn",
    "Ấp Kinh Xáng",
]
# Thành phố Cao Bằng before 2025: hamlets per ward or commune (162 in all).
TP_HAMLETS = {
    "Phường Sông Hiến": 18,
    "Phường Sông Bằng": 20,
    "Phường Hợp Giang": 16,
    "Phường Tân Giang": 14,
    "Phường Ngọc Xuân": 15,
    "Phường Đề Thám": 17,
    "Phường Hoà Chung": 12,
    "Phường Duyệt Trung": 13,
    "Xã Vĩnh Quang": 14,
    "Xã Hưng Đạo": 12,
    "Xã Chu Trinh": 11,
}
TP_OFFICES = [
    ("Phòng Tài chính – Kế hoạch", A.GOVERNMENT),
    ("Phòng Tài nguyên và Môi trường", A.GOVERNMENT),
    ("Phòng Quản lý đô thị", A.GOVERNMENT),
    ("Phòng Giáo dục và Đào tạo", A.GOVERNMENT),
    ("Công an", A.ARMED_FORCES),
    ("Ban Chỉ huy Quân sự", A.ARMED_FORCES),
]
TP_PARTY_CELLS = [
    "Chi bộ Văn phòng Thành ủy",
    "Đảng bộ Cơ quan Chính quyền thành phố",
    "Đảng bộ Công an thành phố",
    "Đảng bộ Quân sự thành phố",
    "Chi bộ Trung tâm Y tế thành phố",
    "Chi bộ Phòng Giáo dục và Đào tạo thành phố",
]


# ------------------------------------------------------------------------------------------------ the plan


@dataclass
class _Plan:
    practice: Practice
    fields: list[Field]
    results: list[tuple[str, str, str]] = field(default_factory=list)
    events: list[tuple[str, datetime.date, str, str]] = field(
        default_factory=list
    )  # action, date, status, note
    reconfirm: list[tuple[int, datetime.date]] = field(default_factory=list)
    original: "_Plan | None" = None


class _Builder:
    def __init__(self, fields: dict[str, Field], today: datetime.date):
        self.rng = random.Random(SEED)
        self.fields = fields
        self.today = today
        self.plans: list[_Plan] = []
        self._levels: dict[int, str] = {}
        self._names: dict[tuple[int, int], set[str]] = {}

    # -- helpers

    def day(self, low: datetime.date, high: datetime.date) -> datetime.date:
        high = min(high, self.today)
        if high <= low:
            return min(low, self.today)
        return low + datetime.timedelta(days=self.rng.randint(0, (high - low).days))

    def level(self, owner: OrgUnit) -> str:
        if owner.pk not in self._levels:
            self._levels[owner.pk] = services.level_of(owner)
        return self._levels[owner.pk]

    def person(self, gender: str = "") -> str:
        given = self.rng.choice({"male": MALE, "female": FEMALE}.get(gender, MALE + FEMALE))
        return f"{self.rng.choice(FAMILY)} {given}"

    def phone(self) -> str:
        return f"09{self.rng.randint(12, 98)} {self.rng.randint(100, 999)} {self.rng.randint(100, 999)}"

    def results(self, spec) -> list[tuple[str, str, str]]:
        rows = []
        for indicator, unit, low, high, decimals in spec:
            value = round(self.rng.uniform(low, high), decimals) if decimals else self.rng.randint(low, high)
            rows.append((indicator, unit, f"{value:.{decimals}f}" if decimals else str(value)))
        return rows

    def pick_name(self, owner: OrgUnit, year: int, pool: list[str]) -> str:
        """A name from the pool that the owner has not used that year (the pool is shuffled for each owner)."""
        used = self._names.setdefault((owner.pk, year), set())
        choices = [name for name in pool if name not in used]
        if not choices:
            choices = [f"{name} ({len(used) + 1})" for name in pool]
        name = self.rng.choice(choices)
        used.add(name)
        return name

    # -- practices

    def model(self, owner: OrgUnit, year: int, pool: list[str], start: datetime.date, **kwargs) -> _Plan:
        name = self.pick_name(owner, year, pool)
        base = name.split(" (")[0]
        fields, summary, method, participants, spec = MODELS.get(
            base,
            (
                AGENCY_MODEL_FIELDS.get(base) or EXTRA_FIELDS.get(base) or [CT],
                "",
                "",
                "",
                [("Người tham gia", "người", 20, 300, 0)],
            ),
        )
        if not summary:
            summary = f"{owner.name} thực hiện mô hình “{base}”, hướng về cơ sở, sát với đời sống nhân dân."
            method = "Xây dựng kế hoạch, phân công cán bộ phụ trách; sơ kết, rút kinh nghiệm sau mỗi 6 tháng."
            participants = "Cán bộ, đảng viên, đoàn viên, hội viên"
        return self.add(
            owner,
            year,
            name,
            fields,
            start,
            summary=summary,
            method=method,
            participants=participants,
            results=self.results(spec),
            **kwargs,
        )

    def exemplar(self, owner: OrgUnit, year: int, start: datetime.date, **kwargs) -> _Plan:
        name, fields, position, spec = self.rng.choice(EXEMPLARS)
        gender = GENDER_OF_EXEMPLAR.get(name, "")
        used = self._names.setdefault((owner.pk, year), set())
        if name in used:
            name = f"{name} ({len(used) + 1})"
        used.add(name)
        person = self.person(gender)
        return self.add(
            owner,
            year,
            name,
            fields,
            start,
            kind=Practice.Kind.EXEMPLAR,
            person_name=person,
            person_position=position,
            summary=f"{person}, {position.lower()}, là tấm gương tiêu biểu được nhân dân tin yêu.",
            results=self.results(spec),
            **kwargs,
        )

    def add(
        self,
        owner: OrgUnit,
        year: int,
        name: str,
        field_codes: list[str],
        start: datetime.date,
        *,
        kind=Practice.Kind.MODEL,
        results=(),
        contact=True,
        **data,
    ) -> _Plan:
        fields = [self.fields[code] for code in field_codes if code in self.fields]
        practice = Practice(
            kind=kind,
            name=nfc(name),
            owner=owner,
            registration_year=year,
            status=Status.REGISTERED,
            start_date=start,
            **data,
        )
        if contact and kind == Practice.Kind.MODEL:
            practice.contact_name = self.person()
            practice.contact_phone = self.phone()
        practice.owner_path = owner.path
        practice.province_code = owner.province_code
        practice.level = self.level(owner)
        practice.search_key = fold(f"{practice.name} {practice.person_name} {owner.name}")[:600]
        plan = _Plan(practice=practice, fields=fields, results=list(results))
        plan.events.append(("register", start, Status.REGISTERED, ""))
        self.plans.append(plan)
        return plan

    # -- the lifecycle

    def step(self, plan: _Plan, action: str, date: datetime.date, note: str = "") -> None:
        target = {
            "implement": Status.IMPLEMENTING,
            "recognise": Status.RECOGNISED,
            "not_recognise": Status.NOT_RECOGNISED,
            "stop": Status.STOPPED,
            "replicate": Status.REPLICATED,
        }[action]
        date = max(date, plan.events[-1][1])
        plan.practice.status = target
        if action in ("not_recognise", "stop"):
            plan.practice.status_reason = note
        if action == "stop":
            plan.practice.end_date = plan.practice.end_date or date
        plan.events.append((action, date, target, note))

    def recognise(self, plan: _Plan, by: OrgUnit, decision: str, date: datetime.date) -> None:
        if plan.practice.status == Status.REGISTERED:
            self.step(
                plan, "implement", plan.events[-1][1] + datetime.timedelta(days=self.rng.randint(10, 40))
            )
        date = max(date, plan.events[-1][1])
        self.step(plan, "recognise", date)
        plan.practice.recognition_decision = decision
        plan.practice.recognition_date = date
        plan.practice.recognised_by = by
        plan.practice.recognition_level = self.level(by)

    def replicate(self, original: _Plan, owner: OrgUnit, year: int, date: datetime.date) -> _Plan:
        source = original.practice
        self.step(original, "replicate", date, f"Nhân rộng tại {owner.name}")
        self._names.setdefault((owner.pk, year), set()).add(source.name)
        replica = self.add(
            owner,
            year,
            source.name,
            [f.code for f in original.fields],
            date,
            kind=source.kind,
            contact=False,
            summary=source.summary,
            method=source.method,
        )
        replica.practice.start_date = None  # the service copies name, summary and method, not the dates
        replica.original = original
        return replica

    def lifecycle(
        self, plan: _Plan, end: datetime.date, shares: dict[str, float], recogniser=None, decision=None
    ):
        """Moves a plan to a final state drawn from `shares` (registered, implementing, recognised, stopped,
        not_recognised), with dates between its start and `end`."""
        start = plan.events[-1][1]
        roll, state = self.rng.random(), "registered"
        for name, share in shares.items():
            if roll < share:
                state = name
                break
            roll -= share
        if state == "recognised" and recogniser is None:
            state = "implementing"
        if state == "registered":
            return
        implement_on = self.day(start + datetime.timedelta(days=7), start + datetime.timedelta(days=45))
        if state == "not_recognised":
            self.step(plan, "implement", implement_on)
            self.step(
                plan, "not_recognise", self.day(implement_on, end), "Chưa có kết quả cụ thể, đo đếm được."
            )
            return
        self.step(plan, "implement", implement_on)
        if state == "recognised":
            self.recognise(
                plan, recogniser, decision(), self.day(implement_on + datetime.timedelta(days=60), end)
            )
        elif state == "stopped":
            self.step(
                plan,
                "stop",
                self.day(implement_on + datetime.timedelta(days=30), end),
                self.rng.choice(
                    ["Đơn vị thực hiện đã sáp nhập.", "Không còn kinh phí duy trì.", "Đã hoàn thành."]
                ),
            )

    # -- saving

    def save(self) -> int:
        originals = [plan for plan in self.plans if plan.original is None]
        replicas = [plan for plan in self.plans if plan.original is not None]
        Practice.objects.bulk_create([plan.practice for plan in originals], batch_size=500)
        for plan in replicas:
            plan.practice.replicated_from = plan.original.practice
        Practice.objects.bulk_create([plan.practice for plan in replicas], batch_size=500)
        Through = Practice.fields.through
        Through.objects.bulk_create(
            [Through(practice=plan.practice, field=f) for plan in self.plans for f in plan.fields],
            batch_size=2000,
        )
        PracticeResult.objects.bulk_create(
            [
                PracticeResult(
                    practice=plan.practice,
                    indicator=indicator,
                    unit_of_measure=unit,
                    value=value,
                    position=index,
                )
                for plan in self.plans
                for index, (indicator, unit, value) in enumerate(plan.results)
            ],
            batch_size=2000,
        )
        PracticeEvent.objects.bulk_create(
            [event for plan in self.plans for event in self._events(plan)], batch_size=2000
        )
        years = []
        for plan in self.plans:
            p = plan.practice
            counted = [(p.registration_year, None), *plan.reconfirm]
            for index, (year, _day) in enumerate(counted):
                later = counted[index + 1][1] if index + 1 < len(counted) else None
                status = p.status if later is None else self._status_on(plan, later)
                years.append(PracticeYear.of(p, year, status=status))
        PracticeYear.objects.bulk_create(years, batch_size=1000)
        fields_of = {plan.practice.pk: plan.fields for plan in self.plans}
        PracticeYearField.objects.bulk_create(
            [PracticeYearField.of(row, f) for row in years for f in fields_of[row.practice_id]],
            batch_size=1000,
        )
        self._log()
        return len(self.plans)

    def _events(self, plan: _Plan) -> list[PracticeEvent]:
        """The timeline, reconfirmations included, in date order (a reconfirmation keeps the status of its day)."""
        steps = [*plan.events, *(("reconfirm", day, "", str(year)) for year, day in plan.reconfirm)]
        return [
            PracticeEvent(
                practice=plan.practice,
                action=action,
                status=status or self._status_on(plan, date),
                date=date,
                note=note,
            )
            for action, date, status, note in sorted(steps, key=lambda step: step[1])
        ]

    def _status_on(self, plan: _Plan, day: datetime.date) -> str:
        """The practice's status at the end of `day` (before a reconfirmation that day)."""
        status = Status.REGISTERED
        for _action, date, after, _note in plan.events:
            if date <= day:
                status = after
        return status

    def _log(self) -> None:
        content_type = ContentType.objects.get_for_model(Practice)
        entries = []
        for plan in self.plans:
            after = snapshot(plan.practice, exclude=("fields",))
            after["fields"] = sorted(f.pk for f in plan.fields)
            after["results"] = [f"{i}: {v} {u}".strip() for i, u, v in plan.results]
            entries.append(
                ChangeLog(
                    user_name="hệ thống",
                    request_id="demo",
                    action=ChangeLog.Action.CREATE,
                    content_type=content_type,
                    object_id=str(plan.practice.pk),
                    object_repr=plan.practice.name[:255],
                    unit=plan.practice.owner,
                    unit_path=plan.practice.owner_path,
                    before=None,
                    after=after,
                )
            )
        ChangeLog.objects.bulk_create(entries, batch_size=1000)


# ------------------------------------------------------------------------------------------------ the units


def _bulk_units(specs: list[dict]) -> list[OrgUnit]:
    """Creates the demo units of `specs` (name, parent, kind, …) that do not exist yet, as demo.units._unit
    would (a demo external id, path, depth, province, a change-log entry), in a few queries; returns all of them."""
    for spec in specs:
        spec.setdefault("external_id", _demo_id(spec["parent"], spec["name"]))
    existing = OrgUnit.objects.in_bulk([spec["external_id"] for spec in specs], field_name="external_id")
    new = []
    for spec in specs:
        if spec["external_id"] in existing:
            continue
        unit = OrgUnit(path=f"/demo/{spec['external_id']}/", **spec)
        unit.refresh_keys()
        new.append(unit)
    if new:
        OrgUnit.objects.bulk_create(new, batch_size=500)
        for unit in new:
            unit.path = f"{unit.parent.path}{unit.pk}/"
            unit.depth = unit.parent.depth + 1
            unit.province_code = unit.parent.province_code
        OrgUnit.objects.bulk_update(new, ["path", "depth", "province_code"], batch_size=500)
        content_type = ContentType.objects.get_for_model(OrgUnit)
        ChangeLog.objects.bulk_create(
            [
                ChangeLog(
                    user_name="hệ thống",
                    request_id="demo",
                    action=ChangeLog.Action.CREATE,
                    content_type=content_type,
                    object_id=str(unit.pk),
                    object_repr=unit.name[:255],
                    unit=unit,
                    unit_path=unit.path,
                    after=snapshot(unit),
                )
                for unit in new
            ]
        )
        existing.update({unit.external_id: unit for unit in new})
    return [existing[spec["external_id"]] for spec in specs]


def _old_units(units) -> dict:
    """The hamlets and agencies the seed figures need under the old districts (closed on 30/06/2025)."""
    tp, cau_ke = units["tp_cao_bang"], units["cau_ke"]
    rng = random.Random(SEED + 1)
    tp_communes = {c.name: c for c in tp.children.filter(kind=OrgUnit.Kind.COMMUNE)}
    specs = []
    for commune_name, count in TP_HAMLETS.items():
        commune = tp_communes[commune_name]
        urban = commune.division_type == OrgUnit.DivisionType.PHUONG
        names = (
            [f"Tổ dân phố {n}" for n in range(1, count + 1)]
            if urban
            else [f"Xóm {name}" for name in rng.sample(XOM_NAMES, count)]
        )
        for name in names:
            specs.append(
                {
                    "name": name,
                    "parent": commune,
                    "kind": OrgUnit.Kind.HAMLET,
                    "division_type": OrgUnit.DivisionType.TO_DAN_PHO if urban else OrgUnit.DivisionType.XOM,
                    "valid_to": BEFORE_REFORM,
                }
            )
    hamlet_count = len(specs)
    for name, agency_type in TP_OFFICES:
        specs.append(
            {
                "name": f"{name} thành phố Cao Bằng",
                "parent": tp,
                "kind": OrgUnit.Kind.AGENCY,
                "agency_type": agency_type,
                "valid_to": BEFORE_REFORM,
            }
        )
    for name in TP_PARTY_CELLS:
        specs.append(
            {
                "name": name,
                "parent": tp,
                "kind": OrgUnit.Kind.AGENCY,
                "agency_type": A.PARTY_CELL,
                "valid_to": BEFORE_REFORM,
            }
        )
    cau_ke_communes = list(cau_ke.children.filter(kind=OrgUnit.Kind.COMMUNE).order_by("sort_key"))
    ap_start = len(specs)
    for commune in cau_ke_communes:
        for name in rng.sample(AP_NAMES, rng.randint(6, 8)):
            specs.append(
                {
                    "name": name,
                    "parent": commune,
                    "kind": OrgUnit.Kind.HAMLET,
                    "division_type": OrgUnit.DivisionType.AP,
                    "valid_to": BEFORE_REFORM,
                }
            )
    created = _bulk_units(specs)
    offices = created[hamlet_count : hamlet_count + len(TP_OFFICES)]
    party_cells = created[hamlet_count + len(TP_OFFICES) : ap_start]
    return {"tp_hamlets": created[:hamlet_count], "tp_offices": offices, "tp_party_cells": party_cells}


def _groups(units, old) -> None:
    """Run every time: the units demo resets the members of its khối on each run."""
    tp = units["tp_cao_bang"]
    agencies = UnitGroup.objects.filter(owner=tp, kind=UnitGroup.Kind.AGENCIES).first()
    if agencies is not None:
        agencies.members.add(*old["tp_offices"])
    party, _created = UnitGroup.objects.get_or_create(
        owner=tp, name="Khối chi bộ, đảng bộ trực thuộc", defaults={"kind": UnitGroup.Kind.PARTY_CELLS}
    )
    party.members.add(*old["tp_party_cells"])


def _fields(cao_bang: OrgUnit) -> dict[str, Field]:
    fields = {f.code: f for f in Field.objects.filter(owner__isnull=True)}
    rural, _created = Field.objects.get_or_create(
        owner=cao_bang, code=RURAL_FIELD[0], defaults={"name": RURAL_FIELD[1], "position": 10}
    )
    fields[NTM] = rural
    return fields


# ----------------------------------------------------------------------------------------------- the load


def load_demo_practices() -> dict:
    """Loads the demo register once (a second call adds nothing) and returns what it holds."""
    with transaction.atomic():
        units = demo_units()
        old = _old_units(units)
        _groups(units, old)
        fields = _fields(units["cao_bang"])
        tp = units["tp_cao_bang"]
        if Campaign.objects.filter(unit=tp, year=2021).exists():
            return {"loaded": False, "practices": 0}
        builder = _Builder(fields, timezone.localdate())
        # Old units do not use the province's local field "Xây dựng nông thôn mới" (it began in 2025 here).
        old_fields = {code: f for code, f in fields.items() if code != NTM}
        builder.fields = old_fields
        _thanh_pho_cao_bang_2021(builder, units, old)
        _cau_ke_2022(builder, units)
        _duy_tien_2019(builder, units)
        builder.fields = fields
        _cao_bang_2025_2026(builder, units)
        count = builder.save()
        campaign = Campaign.objects.create(
            unit=tp,
            year=2021,
            title=CAMPAIGN_TITLE,
            deadline=datetime.date(2021, 5, 31),
            expected_kinds=[OrgUnit.Kind.AGENCY, OrgUnit.Kind.COMMUNE, OrgUnit.Kind.HAMLET],
            note="Thành ủy phát động: mỗi cơ quan, chi bộ, đảng bộ, xã, phường, tổ, xóm đăng ký ít nhất một mô hình.",
        )
        ChangeLog.objects.create(
            user_name="hệ thống",
            request_id="demo",
            action=ChangeLog.Action.CREATE,
            content_type=ContentType.objects.get_for_model(Campaign),
            object_id=str(campaign.pk),
            object_repr=campaign.title,
            unit=tp,
            unit_path=tp.path,
            after=snapshot(campaign),
        )
    return {"loaded": True, "practices": count}


def _agency_pool(agency: OrgUnit) -> list[str]:
    for word, names in AGENCY_MODELS.items():
        if word in agency.name or (word == "MTTQ" and "Mặt trận" in agency.name):
            return names
    return ["Dân vận khéo trong thực hiện nhiệm vụ chuyên môn"]


def _counter(prefix: str, start: int = 1):
    numbers = iter(range(start, 10_000))
    return lambda: f"{next(numbers)}-{prefix}"


def _thanh_pho_cao_bang_2021(b: _Builder, units, old) -> None:
    """16 agencies and 6 party cells, 14 ward/commune and 200 hamlet models: every unit registered."""
    tp = units["tp_cao_bang"]
    ban = units["tp_cao_bang_ban"]
    province_ban = OrgUnit.objects.get(
        external_id=_demo_id(units["cao_bang"], "Ban Dân vận Tỉnh ủy Cao Bằng")
    )
    jan, may, dec = datetime.date(2021, 1, 15), datetime.date(2021, 5, 31), datetime.date(2021, 12, 31)
    city_decisions = _counter("QĐ/BDVTU", 12)
    province_decisions = _counter("QĐ/BDVTU", 301)
    agencies = list(tp.children.filter(kind=OrgUnit.Kind.AGENCY).order_by("sort_key"))
    party_cells = [agency for agency in agencies if agency.agency_type == A.PARTY_CELL]
    if (len(agencies) - len(party_cells), len(party_cells)) != (16, 6):
        raise RuntimeError(
            f"{tp.name}: cần 16 cơ quan và 6 chi, đảng bộ, đang có {len(agencies)} đơn vị trực thuộc."
        )
    shares = {"implementing": 0.6, "recognised": 0.3}
    for agency in agencies:
        plan = b.model(
            agency, 2021, _agency_pool(agency) + EXTRA_BY_PLACE["tp_cao_bang"][:1], b.day(jan, may)
        )
        b.lifecycle(plan, dec, shares, province_ban, province_decisions)
    communes = list(tp.children.filter(kind=OrgUnit.Kind.COMMUNE).order_by("sort_key"))
    doubles = set(b.rng.sample(range(len(communes)), 3))  # 11 + 3 = 14
    for index, commune in enumerate(communes):
        pool = COMMUNE_MODELS + EXTRA_BY_PLACE["tp_cao_bang"]
        for _ in range(2 if index in doubles else 1):
            plan = b.model(commune, 2021, pool, b.day(jan, may))
            b.lifecycle(plan, dec, shares, ban, city_decisions)
    hamlets = old["tp_hamlets"]
    seconds = set(b.rng.sample(range(len(hamlets)), 200 - len(hamlets)))  # 162 + 38 = 200
    for index, hamlet in enumerate(hamlets):
        urban = hamlet.division_type == OrgUnit.DivisionType.TO_DAN_PHO
        pool = URBAN_HAMLET_MODELS if urban else RURAL_HAMLET_MODELS
        for _ in range(2 if index in seconds else 1):
            plan = b.model(hamlet, 2021, pool, b.day(jan, may))
            b.lifecycle(plan, dec, {"implementing": 0.75, "recognised": 0.15}, ban, city_decisions)


def _cau_ke_2022(b: _Builder, units) -> None:
    """331 models over the four fields: 31 of the district's agencies, 88 of the communes, 212 of the ấp."""
    cau_ke = units["cau_ke"]
    ban = units["cau_ke_ban"]
    jan, jun, dec = datetime.date(2022, 1, 10), datetime.date(2022, 6, 10), datetime.date(2022, 12, 31)
    decisions = _counter("QĐ/BDVHU", 5)
    extra = EXTRA_BY_PLACE["cau_ke"]
    agencies = list(cau_ke.children.filter(kind=OrgUnit.Kind.AGENCY).order_by("sort_key"))
    per_agency = [3] * len(agencies)
    for index in range(31 - 3 * len(agencies)):
        per_agency[index] += 1
    for agency, count in zip(agencies, per_agency, strict=True):
        for _ in range(count):
            plan = b.model(agency, 2022, _agency_pool(agency) + extra, b.day(jan, jun))
            b.lifecycle(plan, dec, {"implementing": 0.7})
    communes = list(cau_ke.children.filter(kind=OrgUnit.Kind.COMMUNE).order_by("sort_key"))
    per_commune = [8] * len(communes)
    for index in range(88 - 8 * len(communes)):
        per_commune[index] += 1
    for commune, count in zip(communes, per_commune, strict=True):
        for _ in range(count):
            plan = b.model(commune, 2022, COMMUNE_MODELS + extra, b.day(jan, jun))
            b.lifecycle(plan, dec, {"implementing": 0.55, "recognised": 0.25}, ban, decisions)
    aps = list(
        OrgUnit.objects.filter(parent__in=communes, kind=OrgUnit.Kind.HAMLET)
        .exclude(valid_to__lt=datetime.date(2022, 1, 1))
        .order_by("parent__sort_key", "sort_key")
    )
    remaining = 212
    for index, ap in enumerate(aps):
        count = remaining // (len(aps) - index)
        remaining -= count
        for _ in range(count):
            plan = b.model(ap, 2022, RURAL_HAMLET_MODELS + extra[:4], b.day(jan, jun))
            b.lifecycle(plan, dec, {"implementing": 0.6, "recognised": 0.15}, ban, decisions)


def _duy_tien_2019(b: _Builder, units) -> None:
    """60 models: 21 in the khối phòng, ban, ngành, đoàn thể, 39 in the khối phường, xã."""
    duy_tien = units["duy_tien"]
    ban = units["duy_tien_ban"]
    feb, jun, dec = datetime.date(2019, 2, 15), datetime.date(2019, 6, 30), datetime.date(2019, 12, 20)
    decisions = _counter("QĐ/BDVTU", 21)
    group = UnitGroup.objects.get(owner=duy_tien, kind=UnitGroup.Kind.AGENCIES)
    agencies = list(group.members.order_by("sort_key"))
    per_agency = [2] * len(agencies)
    for index in range(21 - 2 * len(agencies)):
        per_agency[index] += 1
    for agency, count in zip(agencies, per_agency, strict=True):
        for _ in range(count):
            plan = b.model(agency, 2019, _agency_pool(agency) + EXTRA_BY_PLACE["duy_tien"], b.day(feb, jun))
            b.lifecycle(plan, dec, {"implementing": 0.8})
    communes = list(
        UnitGroup.objects.get(owner=duy_tien, kind=UnitGroup.Kind.COMMUNES).members.order_by("sort_key")
    )
    per_commune = [2] * len(communes)
    for index in range(39 - 2 * len(communes)):
        per_commune[index] += 1
    for commune, count in zip(communes, per_commune, strict=True):
        for number in range(count):
            if commune.name == "Phường Hòa Mạc" and number == 0:
                # The seed: the Ban chose Hòa Mạc for its model "chính quyền thân thiện vì nhân dân phục vụ".
                plan = b.model(commune, 2019, ["Chính quyền thân thiện vì nhân dân phục vụ"], feb)
                b.recognise(plan, ban, decisions(), datetime.date(2019, 11, 25))
                continue
            plan = b.model(commune, 2019, COMMUNE_MODELS + EXTRA_BY_PLACE["duy_tien"], b.day(feb, jun))
            b.lifecycle(plan, dec, {"implementing": 0.6, "recognised": 0.25}, ban, decisions)


def _cao_bang_2025_2026(b: _Builder, units) -> None:
    """Today's province: models and exemplars of 2025 (some carried into 2026, some recognised and replicated)
    and of 2026, over its 56 communes, two wards' hamlets and agencies, and the province's agencies."""
    cao_bang, ban = units["cao_bang"], units["ban_tgdv_cao_bang"]
    decisions = _counter("QĐ/BTGDVTU", 118)
    ward_decisions = _counter("QĐ/ĐU", 7)
    today = b.today
    reform = datetime.date(2025, 7, 1)
    start_2026 = datetime.date(2026, 1, 5)
    province_agencies = list(
        cao_bang.children.filter(kind=OrgUnit.Kind.AGENCY, valid_to__isnull=True).order_by("sort_key")
    )
    communes = list(
        cao_bang.children.filter(kind=OrgUnit.Kind.COMMUNE, valid_to__isnull=True).order_by("sort_key")
    )
    wards = [units["thuc_phan"], units["nung_tri_cao"]]
    ward_units = {
        ward.pk: list(ward.children.filter(valid_to__isnull=True).order_by("kind", "sort_key"))
        for ward in wards
    }
    party_committees = {
        ward.pk: next(u for u in ward_units[ward.pk] if u.agency_type == A.PARTY_COMMITTEE) for ward in wards
    }
    mixed = {"implementing": 0.45, "recognised": 0.3, "stopped": 0.08, "not_recognised": 0.07}
    plans_2025: list[_Plan] = []

    def new_2025(owner, pool, recogniser, numbering, exemplar=False):
        start = b.day(max(reform, owner.valid_from or reform), datetime.date(2025, 11, 30))
        plan = b.exemplar(owner, 2025, start) if exemplar else b.model(owner, 2025, pool, start)
        plans_2025.append(plan)
        b.lifecycle(plan, today, mixed, recogniser, numbering)
        return plan

    for agency in province_agencies:
        start = b.day(datetime.date(2025, 3, 15), datetime.date(2025, 10, 31))
        plan = b.model(agency, 2025, _agency_pool(agency), start)
        plans_2025.append(plan)
        b.lifecycle(plan, today, {"implementing": 0.8, "stopped": 0.1})
    for commune in communes:
        urban = commune.division_type == OrgUnit.DivisionType.PHUONG
        pool = COMMUNE_MODELS + (URBAN_HAMLET_MODELS[:4] if urban else RURAL_HAMLET_MODELS[:5])
        for _ in range(b.rng.randint(2, 3)):
            new_2025(commune, pool, ban, decisions)
        if b.rng.random() < 0.45:
            new_2025(commune, pool, ban, decisions, exemplar=True)
    for ward in wards:
        for unit in ward_units[ward.pk]:
            if unit.kind == OrgUnit.Kind.HAMLET:
                new_2025(unit, URBAN_HAMLET_MODELS, party_committees[ward.pk], ward_decisions)
            elif b.rng.random() < 0.5:
                new_2025(unit, _agency_pool(unit), ban, decisions)

    # Carried into 2026: most of those still going at the start of the year.
    for plan in plans_2025:
        if b._status_on(plan, start_2026) in (Status.STOPPED, Status.NOT_RECOGNISED):
            continue
        day = b.day(start_2026, datetime.date(2026, 3, 31))
        if b.rng.random() < 0.7 and b._status_on(plan, day) not in (Status.STOPPED, Status.NOT_RECOGNISED):
            plan.reconfirm.append((2026, day))
    # Replicated in 2026: recognised models spread to other communes.
    recognised = [
        plan
        for plan in plans_2025
        if plan.practice.status == Status.RECOGNISED
        and plan.practice.kind == Practice.Kind.MODEL
        and plan.practice.owner.kind in (OrgUnit.Kind.COMMUNE, OrgUnit.Kind.HAMLET)
    ]
    for plan in b.rng.sample(recognised, min(12, len(recognised))):
        date = b.day(max(plan.practice.recognition_date + datetime.timedelta(days=14), start_2026), today)
        targets = [
            c for c in communes if c.pk != plan.practice.owner_id and c.pk != plan.practice.owner.parent_id
        ]
        for target in b.rng.sample(targets, b.rng.randint(1, 2)):
            if plan.practice.name in b._names.get((target.pk, 2026), set()):
                continue
            replica = b.replicate(plan, target, 2026, date)
            if b.rng.random() < 0.6:
                b.step(replica, "implement", b.day(date + datetime.timedelta(days=10), today))

    # New in 2026.
    fresh = {"implementing": 0.55, "recognised": 0.1}
    for agency in province_agencies[:4]:
        plan = b.model(agency, 2026, _agency_pool(agency), b.day(start_2026, datetime.date(2026, 6, 30)))
        b.lifecycle(plan, today, {"implementing": 0.7})
    for commune in communes:
        urban = commune.division_type == OrgUnit.DivisionType.PHUONG
        pool = COMMUNE_MODELS + (URBAN_HAMLET_MODELS if urban else RURAL_HAMLET_MODELS)
        for _ in range(b.rng.randint(1, 3)):
            plan = b.model(commune, 2026, pool, b.day(start_2026, datetime.date(2026, 9, 30)))
            b.lifecycle(plan, today, fresh, ban, decisions)
        if b.rng.random() < 0.3:
            plan = b.exemplar(commune, 2026, b.day(start_2026, datetime.date(2026, 9, 30)))
            b.lifecycle(plan, today, fresh, ban, decisions)
    for ward in wards:
        for unit in ward_units[ward.pk]:
            if unit.kind == OrgUnit.Kind.HAMLET and b.rng.random() < 0.5:
                plan = b.model(unit, 2026, URBAN_HAMLET_MODELS, b.day(start_2026, datetime.date(2026, 9, 30)))
                b.lifecycle(plan, today, fresh, party_committees[ward.pk], ward_decisions)
