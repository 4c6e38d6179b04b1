"""Checks of identifiers people type: unified social credit code (GB 32100-2015), phones."""

from __future__ import annotations

import re

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_VALUE = {ch: n for n, ch in enumerate(USCC_ALPHABET)}


def normalize_uscc(text: str) -> str:
    """Upper-case, strip spaces and fold full-width characters."""
    folded = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in text)
    return re.sub(r"\s+", "", folded).upper()


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """None when valid, else a reason code: length / alphabet / check."""
    if len(code) != 18:
        return "length"
    if any(c not in _USCC_VALUE for c in code):
        return "alphabet"
    if uscc_check_char(code[:17]) != code[17]:
        return "check"
    return None


def is_valid_uscc(code: str) -> bool:
    return uscc_problem(code) is None


MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def normalize_phone(text: str) -> str:
    """Mainland mobiles lose +86 / 0086 / 86 prefixes, spaces and dashes; others are trimmed."""
    digits = re.sub(r"[\s\-()（）]", "", text.strip())
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
            break
    else:
        if len(digits) == 13 and digits.startswith("86"):
            digits = digits[2:]
    return digits


def is_mainland_mobile(phone: str) -> bool:
    return bool(MOBILE_RE.match(phone))


def looks_like_mainland_mobile(phone: str) -> bool:
    """11 digits starting with 1: meant as a mobile, so it must pass the mobile check."""
    return len(phone) == 11 and phone.isdigit() and phone.startswith("1")


EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
