"""WCAG contrast math and the thresholds the kit enforces."""

from __future__ import annotations

import re

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


def scene_problems(scene, min_text: float, medium: str) -> list[tuple[str, str]]:
    """Check every drawn text: contrast against its actual background and minimum size."""
    out = []
    pt_mm = 25.4 / 72
    for t in scene.texts():
        ratio = contrast(t.paint.hex, t.background.hex)
        need = required_ratio(is_large(t.size_pt, t.weight == "bold"))
        if ratio < need:
            limit = str(need).replace(".", ",").rstrip("0").rstrip(",")
            msg = (
                f"contraste {ratio_text(ratio)} entre '{t.paint.name}' e '{t.background.name}' "
                f"abaixo do mínimo {limit}:1"
            )
            out.append((t.field, msg))
        size = t.size / pt_mm if medium == "print" else t.size
        if size + 1e-6 < min_text:
            unit = "pt" if medium == "print" else "px"
            out.append((t.field, f"texto de {size:.1f} {unit} abaixo do mínimo de {min_text:g} {unit}"))
    return out


def _clip(text: str, limit: int) -> str:
    """Shorten text to limit characters at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def alt_text(job) -> str:
    """Return the Portuguese alt text of an asset, at most 250 characters."""
    where = job.municipality_name
    head = f"{job.format.label} da campanha {job.campaign_title} ({where}). "
    core = f"{job.headline}. {job.call_to_action}."
    text = head + core
    for sentence in re.split(r"(?<=[.!?])\s+", job.body):
        if len(f"{text} {sentence}") > 250:
            break
        text = f"{text} {sentence}"
    return _clip(text, 250)


def caption(job) -> str:
    """Return a ready-to-paste social caption with hashtags and the local contact."""
    parts = [job.headline, "", job.body, "", job.call_to_action]
    if job.hotline:
        parts.append(job.hotline)
    if job.contacts:
        parts.append("")
        parts += [f"{c.label}: {c.value}" for c in job.contacts]
    if job.hashtags:
        parts += ["", " ".join(job.hashtags)]
    return "\n".join(parts) + "\n"
