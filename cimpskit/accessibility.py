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


def _sentence(text: str) -> str:
    """End a phrase with a full stop unless it already ends a sentence."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _hotline(job) -> str:
    """Return the hotline as one phrase, like 'Disque 100 — Ligação gratuita e anônima, 24 horas.'"""
    h = job.hotline
    return _sentence(f"{h.name} — {h.note}" if h.note else h.name)


def _where(job) -> str:
    """Return the place a piece speaks to: 'em Jarinu', or 'na sua cidade' for the regional version."""
    return "na sua cidade" if job.regional else f"em {job.municipality_name}"


def alt_text(job, page: int = 0) -> str:
    """Return the Portuguese alt text of one page: what the image shows first, then what it says (≤ 250 chars)."""
    if page:
        what = "o CRAS, o CREAS e o Conselho Tutelar" if job.regional else ", ".join(c.label for c in job.contacts)
        text = f"Verso do folheto: {job.where.lower()} {_where(job)}" + (f": {what}." if what else ".")
        if job.hotline:
            text += f" {_hotline(job)}"
        return _clip(text, 250)
    parts = [job.visual_alt] if job.visual_alt else []
    parts += [_sentence(job.headline), _sentence(job.call_to_action)]
    if job.hotline:
        parts.append(_hotline(job))
    text = " ".join(parts)
    for sentence in re.split(r"(?<=[.!?])\s+", job.body):
        if len(f"{text} {sentence}") > 240 - len(job.municipality_name):
            break
        text = f"{text} {sentence}"
    signed = "CIMPS" if job.regional else f"{job.municipality_name} e CIMPS"
    return _clip(f"{text} Assinatura: {signed}.", 250)


def _confirmed_contacts(job) -> list[str]:
    """Return caption lines for the contacts the municipality confirmed (never an unconfirmed one)."""
    lines = []
    for c in job.contacts:
        if not c.verified:
            continue
        value = c.phone or (f"WhatsApp {c.whatsapp}" if c.whatsapp else "") or c.address or ""
        lines.append(f"{c.label}: {value}" if value else c.label)
    return lines


def captions(job) -> dict[str, str]:
    """Return ready-to-paste captions: Instagram and Facebook (text, hashtags), WhatsApp (short, with the link)."""
    action = [_sentence(job.call_to_action)] + ([_hotline(job)] if job.hotline else [])
    local = _confirmed_contacts(job)
    feed = [job.headline, "", job.body, "", *action]
    if local:
        feed += ["", *local]
    feed += ["", f"Saiba onde pedir ajuda {_where(job)}: {job.short_url}"]
    if job.hashtags:
        feed += ["", " ".join(job.hashtags)]
    whatsapp = [f"*{job.headline}*", "", *action]
    if local:
        whatsapp += ["", *local]
    whatsapp += ["", f"Saiba onde pedir ajuda {_where(job)}: {job.url}"]
    return {"instagram": "\n".join(feed) + "\n", "whatsapp": "\n".join(whatsapp) + "\n"}
