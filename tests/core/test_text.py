import decimal

import pytest

from danvan.core.text import fold, nfc, parse_number, sort_key, vietnamese_sorted


def test_fold_removes_case_and_diacritics_including_d_stroke():
    assert fold("Huyện Cầu Kè") == "huyen cau ke"
    assert fold("Phường Thục Phán") == "phuong thuc phan"
    assert fold("Dân vận khéo") == "dan van kheo"


def test_fold_turns_control_characters_into_spaces_so_a_search_key_never_holds_a_nul():
    # PostgreSQL refuses a NUL in any text parameter: a search for "a\x00b" must not reach it as such.
    assert fold("Thục\x00Phán") == "thuc phan"
    assert fold("\x00") == ""
    assert fold("a\tb\x1fc") == "a b c"
    assert fold("ĐẮK LẮK") == "dak lak"


def test_nfc_normalises_decomposed_input_and_spaces():
    decomposed = "Ca\u0302\u0300u  Ke\u0300 "
    assert nfc(decomposed) == "Cầu Kè"


def test_vietnamese_order_follows_the_alphabet_not_code_points():
    names = [
        "Đông Hòa",
        "Dương Minh Châu",
        "Ea Súp",
        "Ân Thi",
        "An Phú",
        "Ă",
        "Ô Môn",
        "Ơ",
        "Ư",
        "Uông Bí",
        "Bạc Liêu",
    ]
    assert vietnamese_sorted(names) == [
        "An Phú",
        "Ă",
        "Ân Thi",
        "Bạc Liêu",
        "Dương Minh Châu",
        "Đông Hòa",
        "Ea Súp",
        "Ô Môn",
        "Ơ",
        "Uông Bí",
        "Ư",
    ]


def test_tones_break_ties_in_dictionary_order():
    assert vietnamese_sorted(["Cá", "Cạ", "Cả", "Ca", "Cà", "Cã"]) == ["Ca", "Cà", "Cả", "Cã", "Cá", "Cạ"]


def test_a_shorter_word_sorts_before_its_extensions_whatever_the_tone():
    assert sort_key("Cà") < sort_key("Ca Dao")


def test_sort_key_is_digits_only_so_every_database_collation_agrees():
    assert sort_key("Thành phố Hồ Chí Minh").isdigit()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", "12"),
        ("3,5", "3.5"),
        ("3.5", "3.5"),
        ("1.200", "1200"),
        ("1.234,5", "1234.5"),
        ("1.234.567", "1234567"),
        ("1,759.5", "1759.5"),
        (" 1 200 ", "1200"),
        ("-3", "-3"),
        ("0,125", "0.125"),
    ],
)
def test_parse_number_reads_vietnamese_numbers(text, expected):
    assert parse_number(text) == decimal.Decimal(expected)


@pytest.mark.parametrize(
    "text",
    [
        "1_000",
        "٣",
        "１２",
        "1e30",
        "1E3",
        "inf",
        "NaN",
        "Infinity",
        "0x10",
        "1,2,3",
        "1.2.3",
        "12.34.5",
        "mười",
        "",
        ",",
    ],
)
def test_parse_number_refuses_underscores_other_digits_exponents_and_words(text):
    assert parse_number(text) is None
