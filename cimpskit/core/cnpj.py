"""CNPJ check digits (Receita Federal): numeric CNPJs and the alphanumeric ones issued from July 2026."""

from __future__ import annotations

import re

FIRST = (5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
SECOND = (6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
SHAPE = re.compile(r"^[0-9A-Z]{12}[0-9]{2}$")


def _digit(chars: str, weights: tuple[int, ...]) -> int:
    """Return one check digit: each character's value (its code minus 48) by weight, modulo 11."""
    rest = sum((ord(c) - 48) * w for c, w in zip(chars, weights, strict=True)) % 11
    return 0 if rest < 2 else 11 - rest


def check_digits(base: str) -> str:
    """Return the two check digits of the first 12 characters of a CNPJ."""
    first = _digit(base, FIRST)
    return f"{first}{_digit(base + str(first), SECOND)}"


def valid(cnpj: str) -> bool:
    """Tell whether a CNPJ (punctuated or not) has the right check digits and is not one repeated character."""
    plain = re.sub(r"[./-]", "", cnpj)
    if not SHAPE.match(plain) or len(set(plain)) == 1:
        return False
    return plain[12:] == check_digits(plain[:12])
