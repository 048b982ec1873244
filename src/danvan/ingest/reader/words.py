"""The vocabulary the rules share: Vietnamese capital letters, family names, the words posts begin with."""

import unicodedata

UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# One capitalised syllable ("Bằng", "Kè", "H'Hen", "K'Rông").
SYLLABLE = rf"[{UPPER}](?:'[{UPPER}])?\w*"

# Family names of the Kinh and of the peoples of the north and the south (Tày, Nùng, Mông, Dao, Thái, Khmer,
# Ê Đê, Gia Rai…), as they start a person's name.
FAMILY_NAMES = _words(
    """Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lưu Tô Chu Hà Đinh Mai Trịnh Đào Cao
    Lâm Nông Hứa Lương Triệu Đàm Ma Mã Lục Bế Sầm Vi Lò Quàng Thái Tạ Đoàn Vương Tăng Kiều Thạch Sơn Kim Danh Lăng
    La Hầu Giàng Vàng Sùng Thào Mùa Lầu Cầm Hoàng Tống Từ Quách Khổng Khúc Nghiêm Ninh Phùng Phí Quan Quản Tôn Thân
    Trương Ông Âu Bạch Bành Biện Cù Diệp Doãn Đào Đồng Đường Giang Giáp Hàn Hầu Hồng Khương Khúc Kha Lạc Lại
    Lã Liễu Lò Lộc Lục Lữ Mạc Mạnh Mẫn Nhan Nhữ Phương Sái Tiêu Tiết Trình Trà Triệu Ung Ưng
    Vĩnh Viên Xa Yên Y H Ksor Rơ Siu Nay Rmah Kpă Niê Mlô Byă Êban Hđơk Lường Lừ Hoàng Thiều Chẩu Hờ Ly Lầm
    Khà Pờ Tráng Chảo Bàn Đặng Dương Nguyên Châu Chế Đậu Đinh Cấn Hứa Mông Vy Nịnh Lèo Hồ Tòng Cà Quàng Chử Khuất
    Nhâm Ngân Bạc Bồ Cổ Đàng Đới Đôn Giả Hạ Hoa Khổng Lâu Linh Lò Lý Mạch Mẫn Nghiêm Ngọ Ông Phạm Sử Tào Thạch Tôn
    Trầm Ưng Uông Vòng Xa Yên Lang Lưu Lữ Mạ Pham Kha Hầu Thào Thò Chu Sa Ca Rah Ksor Siu Rcom Bdap Đinh Y"""
)
# The most frequent family names: in "… tỉnh Hà Giang Nguyễn Văn A" the name starts at Nguyễn, not at Giang.
COMMON_FAMILY_NAMES = _words("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý")
# Words that are a post, not a name, though capitalised ("Phó Bí thư", "Chủ tịch", "Trưởng Ban").
POST_WORDS = _words(
    """Phó Bí Chủ Trưởng Ủy Uỷ Giám Chánh Thường Tỉnh Huyện Xã Phường Ban Hội Đảng Mặt Thủ Cán Các Bà Ông
    Bộ Sở Phòng Đ/c UBND HĐND UBMTTQ MTTQ TUV HUV UV BTV UVBTV"""
)


def flat(text: str) -> str:
    """`text` lower case without diacritics, đ→d, character for character (the same length, so a match's
    position in it is the position in the NFC text)."""
    return "".join(_FLAT.get(ch) or _flat_char(ch) for ch in text)


_FLAT: dict[str, str] = {}


def _flat_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[:1].lower() or ch
    base = "d" if base in "đĐ" else base
    if len(base) != 1:
        base = ch
    _FLAT[ch] = base
    return base
