"""QR codes: the version a URL needs (without encoding it) and its module matrix, encoded once per URL."""

from __future__ import annotations

from functools import lru_cache

import segno

QUIET = 4
"""Modules of quiet zone on every side, as the standard asks."""
BYTE_CAPACITY_M = (14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666)
"""Bytes a QR code of versions 1 to 20 holds in byte mode with error correction M (ISO/IEC 18004, table 7)."""
MAX_BYTES = BYTE_CAPACITY_M[-1]
"""The longest address the kit prints as a QR code (version 20: larger codes are too dense for a flyer)."""


def version(url: str) -> int:
    """Return the QR version a URL needs in byte mode with error correction M (URLs are bytes, not digits)."""
    size = len(url.encode("utf-8"))
    for v, capacity in enumerate(BYTE_CAPACITY_M, start=1):
        if size <= capacity:
            return v
    raise ValueError(f"endereço longo demais para um código QR legível ({size} bytes)")


def side(url: str) -> int:
    """Return the modules across the code, quiet zone included, without encoding it."""
    return 17 + 4 * version(url) + 2 * QUIET


@lru_cache(maxsize=256)
def modules(url: str) -> tuple[tuple[bool, ...], ...]:
    """Return the QR modules for url (byte mode, error correction M, `version(url)`), quiet zone included."""
    code = segno.make(url, error="m", micro=False, version=version(url), mode="byte", boost_error=False)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix_iter(scale=1, border=QUIET))
