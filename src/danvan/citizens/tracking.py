"""Tracking codes of public feedback: `GY-7K3M-Q9TD-2WXA`, 12 symbols of a 32-letter alphabet without the look-alikes
0/O and 1/I (60 random bits from `secrets`), easy to read aloud and type; read back whatever the case, dashes and
spaces."""

import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 symbols: 5 bits each
SYMBOLS = 12  # 60 bits
PREFIX = "GY"


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(SYMBOLS))
    return f"{PREFIX}-{body[0:4]}-{body[4:8]}-{body[8:12]}"


def normalise(text) -> str | None:
    """The stored form of a code as someone typed it, or None when it cannot be one (wrong length or symbols)."""
    if not isinstance(text, str) or len(text) > 64:
        return None
    plain = "".join(ch for ch in text.upper() if ch not in "- \t.")
    if plain.startswith(PREFIX) and len(plain) == SYMBOLS + len(PREFIX):
        plain = plain[len(PREFIX) :]
    if len(plain) != SYMBOLS or any(ch not in ALPHABET for ch in plain):
        return None
    return f"{PREFIX}-{plain[0:4]}-{plain[4:8]}-{plain[8:12]}"
