"""The brand typeface, read from the installed font package, and text measurement."""

from __future__ import annotations

import hashlib
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

REFERENCE_SIZE = 1000
WEIGHTS = ("regular", "bold")


@cache
def font_path(weight: str) -> Path:
    """Return the TTF file of the brand typeface for a weight."""
    import fontpkg_atkinson_hyperlegible as pkg

    name = {"regular": "Regular", "bold": "Bold"}[weight]
    return pkg.ROOT / "files" / f"AtkinsonHyperlegible-{name}.ttf"


@cache
def _reference(weight: str) -> ImageFont.FreeTypeFont:
    """Load the font at the reference size, with basic layout to match PDF advances."""
    return ImageFont.truetype(str(font_path(weight)), REFERENCE_SIZE, layout_engine=ImageFont.Layout.BASIC)


@cache
def pil_font(weight: str, size: float) -> ImageFont.FreeTypeFont:
    """Return a Pillow font of the given weight and pixel size."""
    return ImageFont.truetype(str(font_path(weight)), size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=65536)
def _reference_width(text: str, weight: str) -> float:
    """Return the advance width of text at the reference size (widths scale linearly)."""
    return _reference(weight).getlength(text)


def width(text: str, weight: str, size: float) -> float:
    """Return the advance width of text at size, in the same unit as size."""
    return _reference_width(text, weight) * size / REFERENCE_SIZE


def ascent(weight: str, size: float) -> float:
    """Return the font ascent at size, in the same unit as size."""
    return _reference(weight).getmetrics()[0] * size / REFERENCE_SIZE


def descent(weight: str, size: float) -> float:
    """Return the font descent at size, in the same unit as size."""
    return _reference(weight).getmetrics()[1] * size / REFERENCE_SIZE


@cache
def digest() -> str:
    """Return a digest of the font files' bytes, for cache keys."""
    h = hashlib.sha256()
    for weight in WEIGHTS:
        h.update(font_path(weight).read_bytes())
    return h.hexdigest()
