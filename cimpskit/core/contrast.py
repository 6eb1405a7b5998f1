"""WCAG contrast math and the thresholds the kit enforces."""

from __future__ import annotations

from functools import lru_cache

NORMAL_TEXT_MIN = 4.5
LARGE_TEXT_MIN = 3.0


def hex_to_rgb(value: str) -> tuple[int, int, int]:
    """Convert '#RRGGBB' to an (r, g, b) tuple of 0-255 ints."""
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _channel(c: int) -> float:
    """Linearise one sRGB channel as WCAG 2 defines it."""
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


@lru_cache(maxsize=256)
def luminance(hex_colour: str) -> float:
    """Return the WCAG relative luminance of a hex colour."""
    r, g, b = (_channel(c) for c in hex_to_rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, bg: str) -> float:
    """Return the WCAG contrast ratio between two hex colours."""
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def is_large(size_pt: float, bold: bool) -> bool:
    """Tell whether text is 'large' in WCAG terms (18 pt, or 14 pt bold)."""
    return size_pt >= 18 or (bold and size_pt >= 14)


def required_ratio(large: bool) -> float:
    """Return the minimum contrast for normal or large text."""
    return LARGE_TEXT_MIN if large else NORMAL_TEXT_MIN


def ratio_text(value: float) -> str:
    """Format a contrast ratio the Brazilian way, like '2,5:1'."""
    return f"{value:.2f}".replace(".", ",") + ":1"
