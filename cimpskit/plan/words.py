"""Words around a piece: alt text per page and ready-to-paste captions per network."""

from __future__ import annotations

import re


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
