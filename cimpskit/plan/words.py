"""Words around a piece: alt text read from the laid-out scene, and ready-to-paste captions per network."""

from __future__ import annotations

from cimpskit.core.scene import LIST_FIELDS, LIST_SEPARATOR, Page, Scene, Text, Visual

PRA_TODOS_VEREM = "#PraTodosVerem"
"""The Brazilian convention that introduces an image's description in a post's caption."""


def sentence(text: str) -> str:
    """End a phrase with a full stop unless it already ends a sentence."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…", ":")) else text + "."


def join_lines(field: str, lines: list[str]) -> str:
    """Join the lines of one drawn block; a list's names are read one by one, with a comma between each two (the
    drawing drops the separator where a line breaks, a screen reader needs it). A block of a list field with no
    separator drawn is a phrase ('Os 7 municípios do consórcio', a heading) and reads as one."""
    if field not in LIST_FIELDS or not any(LIST_SEPARATOR in line for line in lines):
        return " ".join(lines)
    return ", ".join(name for line in lines for name in line.split(LIST_SEPARATOR))


def drawn_blocks(page: Page) -> list[str]:
    """Return the drawn text of a page block by block, in reading order: the margin's band first (PRÉVIA, RASCUNHO),
    then the blocks in the order the layout placed them (it places them top to bottom, column by column)."""
    groups: dict[tuple[bool, str], tuple[str, list[str]]] = {}
    for e in page.elements:
        if isinstance(e, Text):
            groups.setdefault((not e.overlay, e.group or f"{e.field}@{e.y}"), (e.field, []))[1].append(e.text)
    ordered = sorted(groups.items(), key=lambda item: item[0][0])  # stable: overlays first, then layout order
    return [join_lines(field, lines) for _, (field, lines) in ordered]


def alt_text(scene: Scene, page: int, visual_alt: str | None) -> str:
    """Return the alt text of one page: one sentence describing the illustration (when the page draws it), then
    every drawn text in reading order; nothing that is not drawn, never cut."""
    drawn = scene.pages[page]
    parts = [visual_alt.strip()] if visual_alt and any(isinstance(e, Visual) for e in drawn.elements) else []
    return " ".join(parts + [sentence(block) for block in drawn_blocks(drawn)])


def _hotline(job) -> str:
    """Return the hotline as one phrase, like 'Disque 100 — Ligação gratuita e anônima, 24 horas.'"""
    h = job.hotline
    return sentence(f"{h.name} — {h.note}" if h.note else h.name)


def _where(job) -> str:
    """Return the place a piece speaks to: 'em Jarinu', or 'na sua cidade' for the regional version."""
    return "na sua cidade" if job.regional else f"em {job.municipality_name}"


def _confirmed_contacts(job) -> list[str]:
    """Return caption lines for the contacts the municipality confirmed (never an unconfirmed one)."""
    lines = []
    for c in job.contacts:
        if not c.verified:
            continue
        value = c.phone or (f"WhatsApp {c.whatsapp}" if c.whatsapp else "") or c.address or ""
        lines.append(f"{c.label}: {value}" if value else c.label)
    return lines


def captions(job, alt: str) -> dict[str, str]:
    """Return ready-to-paste captions: Instagram (the link is in the profile: 'link na bio'), Facebook (with the
    link), both with the #PraTodosVerem description (the alt text); WhatsApp (short, bold title, the link)."""
    action = [sentence(job.call_to_action)] + ([_hotline(job)] if job.hotline else [])
    local = _confirmed_contacts(job)
    head = [job.headline] + ([sentence(job.key_line)] if job.key_line else [])
    feed = [*head, "", job.body, "", *action] + (["", *local] if local else [])
    tags = ["", " ".join(job.hashtags)] if job.hashtags else []
    described = ["", f"{PRA_TODOS_VEREM}: {alt}"]
    instagram = feed + ["", f"Saiba onde pedir ajuda {_where(job)}: link na bio."] + tags + described
    facebook = feed + ["", f"Saiba onde pedir ajuda {_where(job)}: {job.url}"] + tags + described
    whatsapp = [f"*{job.headline}*"] + ([sentence(job.key_line)] if job.key_line else []) + ["", *action]
    if local:
        whatsapp += ["", *local]
    whatsapp += ["", f"Saiba onde pedir ajuda {_where(job)}: {job.url}"]
    return {
        net: "\n".join(lines) + "\n"
        for net, lines in (("instagram", instagram), ("facebook", facebook), ("whatsapp", whatsapp))
    }
