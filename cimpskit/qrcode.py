"""QR codes: the module matrix of a URL (quiet zone included), encoded once per URL and process."""

from __future__ import annotations

from functools import lru_cache

import segno


@lru_cache(maxsize=256)
def modules(url: str) -> tuple[tuple[bool, ...], ...]:
    """Return the QR modules for url (error correction M), with the standard four-module quiet zone."""
    code = segno.make(url, error="m", micro=False)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix_iter(scale=1, border=4))
