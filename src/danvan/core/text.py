"""Vietnamese text: NFC storage, accent-insensitive search keys and Vietnamese alphabetical order (DESIGN §4.3)."""

import decimal
import re
import unicodedata

from django.utils.translation import gettext as _

_SPACES = re.compile(r"\s+")
TEXT_MAX = 10_000  # a reason, a progress report, a description

# The Vietnamese alphabet in dictionary order; f, j, w, z appear in loan words and sort where Latin puts them.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_BASE_OF = {"ă": "ă", "â": "â", "đ": "đ", "ê": "ê", "ô": "ô", "ơ": "ơ", "ư": "ư"}
# Tones in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a distinct letter (ă â ê ô ơ ư), not a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_LETTER_CODE = {letter: index + 12 for index, letter in enumerate(_ALPHABET)}


def nfc(value: str) -> str:
    """Normalise to NFC and collapse runs of white space: how every name is stored."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value or "")).strip()


def nfc_lines(value: str) -> str:
    """NFC text that keeps its lines (paragraphs of a report): spaces within each line collapsed, blank lines
    dropped."""
    text = unicodedata.normalize("NFC", str(value or ""))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def vn_number(value: float, decimals: int = 0) -> str:
    """A figure written the Vietnamese way: 1.759; 86,3 (rounded half up to at most `decimals` decimals, trailing
    zeros dropped)."""
    exact = decimal.Decimal(repr(float(value))).quantize(
        decimal.Decimal(1).scaleb(-decimals), decimal.ROUND_HALF_UP
    )
    whole, _dot, fraction = f"{abs(exact):,.{decimals}f}".partition(".")
    fraction = fraction.rstrip("0")
    return ("-" if exact < 0 else "") + whole.replace(",", ".") + ("," + fraction if fraction else "")


# The ways a figure is written, digits 0–9 only (re.ASCII: "٣" is not a digit here), no exponent, no "_":
# 1.759 and 1.234,5 (Vietnamese grouping), 1,759.5 (English grouping), 12, 3,5 and 3.5.
_GROUPED = re.compile(r"[-+]?\d{1,3}(?:\.\d{3})+(?:,\d+)?", re.ASCII)
_GROUPED_ENGLISH = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+\.\d+", re.ASCII)
_PLAIN = re.compile(r"[-+]?\d+(?:[.,]\d+)?", re.ASCII)


def parse_number(text: str) -> decimal.Decimal | None:
    """The one reader of figures typed by people (forms, the API, imports): "1.759" → 1759, "3,5" and "3.5" → 3.5,
    "1.234,5" → 1234.5, "1 200" → 1200 (a dot followed by groups of three digits groups thousands). None for
    anything else: "1_000", "٣", "1e30", "inf", "1,2,3"."""
    text = str(text).strip().replace(" ", "").replace("\u00a0", "")
    if _GROUPED.fullmatch(text):
        text = text.replace(".", "").replace(",", ".")
    elif _GROUPED_ENGLISH.fullmatch(text):
        text = text.replace(",", "")
    elif _PLAIN.fullmatch(text):
        text = text.replace(",", ".")
    else:
        return None
    return decimal.Decimal(text)


def fold(value: str) -> str:
    """Lower case without diacritics, đ→d: "Huyện Cầu Kè" → "huyen cau ke". Control characters become spaces, so a
    search key never holds a NUL (which PostgreSQL refuses)."""
    decomposed = unicodedata.normalize("NFD", (value or "").lower())
    stripped = "".join(
        " " if category == "Cc" else ch for ch in decomposed if (category := unicodedata.category(ch)) != "Mn"
    )
    return _SPACES.sub(" ", stripped.replace("đ", "d")).strip()


def _letters_and_tone(value: str):
    """Yields (letter, tone) for each character: the letter keeps ă â ê ô ơ ư đ, the tone is 0–5."""
    for ch in unicodedata.normalize("NFC", value.lower()):
        parts = unicodedata.normalize("NFD", ch)
        base = parts[0]
        tone = 0
        letter_marks = ""
        for mark in parts[1:]:
            if mark in _TONE_MARKS:
                tone = _TONE_MARKS[mark]
            elif mark in _LETTER_MARKS:
                letter_marks += mark
        letter = unicodedata.normalize("NFC", base + letter_marks)
        yield _BASE_OF.get(letter, letter), tone


def sort_key(value: str) -> str:
    """A key whose plain byte order is Vietnamese dictionary order.

    Only digits are used, so SQLite's BINARY and PostgreSQL's locale collations order it alike. Each character
    becomes two digits (space and punctuation 01, digits 02–11, letters 12–44 in Vietnamese order); "00" ends the
    letters, and the tones follow as a tie-breaker, so "Ca" < "Cà" < "Cả" < "Cá" < "Cb".
    """
    letters: list[str] = []
    tones: list[str] = []
    for letter, tone in _letters_and_tone(nfc(value)):
        if letter in _LETTER_CODE:
            code = _LETTER_CODE[letter]
        elif letter.isdigit():
            code = 2 + int(letter) if letter in "0123456789" else 1
        elif letter.isalpha():
            code = 45
        else:
            code = 1
        letters.append(f"{code:02d}")
        tones.append(str(tone))
    return "".join(letters) + "00" + "".join(tones)


def vietnamese_sorted(items, key=lambda item: item):
    """Sorts Python objects in Vietnamese order (for the few lists sorted outside the database)."""
    return sorted(items, key=lambda item: sort_key(key(item)))


def clean_text(value, field: str, errors: dict, *, required_message: str = "", limit: int = TEXT_MAX) -> str:
    """A text as stored (NFC, stripped); its problems (empty when required, NUL bytes, too long) in `errors`."""
    text = nfc(str(value or "")).strip()
    if "\x00" in text:
        errors.setdefault(field, []).append(_("Nội dung có ký tự không hợp lệ (NUL)."))
    elif required_message and not text:
        errors.setdefault(field, []).append(required_message)
    elif len(text) > limit:
        errors.setdefault(field, []).append(_("Dài quá %(max)d ký tự.") % {"max": limit})
    return text
