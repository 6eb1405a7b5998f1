"""Compose the pages of a piece on its grid: colour field, hero band, white panel with contacts and signatures."""

from __future__ import annotations

from cimpskit.core.scene import Overflow, Rect, Standard, Visual
from cimpskit.layout import lockups
from cimpskit.layout.frame import HEADLINE_MAX_LINES, Frame, stack, stack_height
from cimpskit.layout.text import Block

VISUAL_MIN = 0.12
"""The key visual's box is at least this share of the page height (portrait)."""
VISUAL_TARGET = 0.28
"""The standard first looks for the largest type scale that leaves the visual this share of the height."""
VISUAL_SHARES = (VISUAL_TARGET, 0.2, VISUAL_MIN)
"""Shares of the height tried for the key visual, largest first."""
VISUAL_MAX = 0.40
"""Beyond this share of the height, spare room goes around the headline instead of into the visual."""
LANDSCAPE_SPLIT = (0.36, 0.41)
"""Landscape: the visual takes the left 36 % of the width; the text column starts at 41 %."""
SIDE_TEXT = 0.6
"""Side arrangement: the headline takes this share of the width, the key visual the rest."""
HERO_PAD = 1.0
"""Padding above and below the hero's text in its band, in spacing units."""


def _text_overflows(f: Frame, blocks: list[Block], page: str) -> list[Overflow]:
    """Report words wider than their column and headlines longer than three lines."""
    out = [Overflow(b.field, b.too_wide, f.fmt.unit, page) for b in blocks if b.too_wide > 0]
    for b in blocks:
        if b.field == "texts.headline" and len(b.lines) > HEADLINE_MAX_LINES:
            out.append(Overflow(b.field, (len(b.lines) - HEADLINE_MAX_LINES) * b.pitch, f.fmt.unit, page))
    return out


def _deficit(f: Frame, blocks: list[Block], amount: float, page: str) -> list[Overflow]:
    """Blame missing room on the body, else on a headline already too long, else on the call to action."""
    by_field = {b.field: b for b in blocks if b.lines}
    if "texts.body" in by_field:
        return [Overflow("texts.body", amount, f.fmt.unit, page)]
    headline = by_field.get("texts.headline")
    if headline is not None and len(headline.lines) > HEADLINE_MAX_LINES:
        return []
    cta = by_field.get("texts.call_to_action")
    if cta is not None and len(cta.lines) > 2:
        return [Overflow("texts.call_to_action", amount, f.fmt.unit, page)]
    return [Overflow("texts.headline", amount, f.fmt.unit, page)]


def panel(f: Frame, std: Standard) -> tuple[float, float, float, float]:
    """Return the tops of the white panel, the contacts, the QR row and the signature (fixed per format)."""
    u = f.unit
    sig_y = f.bottom - std.signature
    qr_y = sig_y - u - std.lockup if std.lockup else sig_y
    contacts_y = qr_y - u - std.zone if std.zone else qr_y
    return contacts_y - u, contacts_y, qr_y, sig_y


def _panel_elements(f: Frame, std: Standard, top: float, contacts: bool) -> list:
    """Draw the white panel down to the edge (under a story's reply bar too): contacts, QR row, signatures."""
    job = f.job
    _, contacts_y, qr_y, sig_y = panel(f, std)
    fg, bg = job.paint("footer_text"), job.paint("footer")
    out: list = [f.band(top, f.h + f.bleed, bg)]
    if contacts and std.zone:
        rows = lockups.contact_rows(f, std.label_column)
        y = contacts_y + (std.zone - lockups.rows_height(f, rows)) / 2
        out += lockups.place_rows(f, rows, f.left, y, std.label_column, fg, bg)
    if std.lockup:
        out += lockups.qr_row(f, qr_y, std.lockup, fg, bg)
    out += lockups.signature(f, std.name_column, sig_y, std.signature, fg, bg)
    return out


def _hero(f: Frame, width: float, note: bool = True) -> tuple[list[Block], float]:
    """Return the hero blocks and the band's height with its padding."""
    if "hero" not in f.fmt.blocks:
        return [], 0.0
    blocks = lockups.hero_blocks(f, width, note)
    return blocks, stack_height(blocks, lockups.hero_gap(f)) + 2 * HERO_PAD * f.unit


def front(f: Frame, std: Standard) -> tuple[list, list[Overflow]]:
    """Compose the front page at the standard's scale; return elements and overflows of the campaign's texts."""
    return _landscape(f, std) if f.fmt.landscape else _portrait(f, std)


def headline_lines(f: Frame, std: Standard) -> tuple[str, ...]:
    """Return the headline's lines as the front page sets them on this standard."""
    column = f.inner
    if f.fmt.landscape:
        column = f.right - (f.left + f.inner * LANDSCAPE_SPLIT[1])
    elif "visual" in f.fmt.blocks and f.job.visual is not None and std.arrangement == "side":
        column = f.inner * SIDE_TEXT
    return f.block(f.job.headline, "headline", "texts.headline", column, balance=True).lines


def _portrait(f: Frame, std: Standard) -> tuple[list, list[Overflow]]:
    """Portrait: kicker, key visual, headline and body on the colour field; hero band; white panel."""
    job, u, blocks = f.job, f.unit, f.fmt.blocks
    fg, bg = job.paint("text"), job.paint("background")
    panel_top = panel(f, std)[0]
    hero, hero_h = _hero(f, f.inner)
    hero_top = panel_top - hero_h
    visual = "visual" in blocks and job.visual is not None
    side = visual and std.arrangement == "side"
    column = f.inner * SIDE_TEXT if side else f.inner
    kicker = f.block(job.kicker.upper(), "kicker", job.kicker_field, f.inner) if "kicker" in blocks else None
    headline = f.block(job.headline, "headline", "texts.headline", column, balance=True)
    body = f.block(job.body, "body", "texts.body", f.inner, on=(fg, bg)) if "body" in blocks else None
    texts = [b for b in (kicker, headline, body) if b is not None]
    overflows = _text_overflows(f, texts + hero, "frente")
    height = f.bottom - f.top
    vmin = std.visual_share * height if visual else 0.0
    row = max(headline.height, vmin if side else 0.0)
    fixed = (kicker.height + u if kicker else 0) + row + (u + body.height if body else 0)
    spare = (hero_top - u) - f.top - fixed - (vmin + u if visual and not side else 0)
    if spare < 0:
        overflows += _deficit(f, texts + hero, -spare, "frente")
        spare = 0.0
    out: list = [f.page_fill(bg)]
    y = f.top
    if kicker:
        out += f.place(kicker, f.left, y, fg, bg)
        y += kicker.height + u
    if side:
        width = f.inner * (1 - SIDE_TEXT) - u
        natural = min(width / job.visual_aspect, VISUAL_MAX * height)
        grow = max(0.0, min(spare, natural - row))
        row, spare = row + grow, spare - grow
        y += spare / 2
        out.append(Visual(f.right - width, y, width, row, job.visual, job.visual_aspect))
        out += f.place(headline, f.left, y + (row - headline.height) / 2, fg, bg)
        y += row + u
        if body:
            out += f.place(body, f.left, y, fg, bg)
    else:
        visual_h = min(vmin + spare, VISUAL_MAX * height) if visual else 0.0
        extra = spare - (visual_h - vmin)
        if visual:
            # On the text's left edge, as wide as its height allows: one axis for the whole column.
            width = min(f.inner, visual_h * job.visual_aspect)
            out.append(Visual(f.left, y, width, visual_h, job.visual, job.visual_aspect))
            y += visual_h + u
        y += extra / 2
        out += stack(f, [headline] + ([body] if body else []), f.left, y, fg, bg, u)[0]
    if hero:
        acc = job.paint("accent")
        out.append(f.band(hero_top, panel_top, acc))
        ink = job.paint("accent_text")
        out += stack(f, hero, f.left, hero_top + HERO_PAD * u, ink, acc, lockups.hero_gap(f))[0]
    out += _panel_elements(f, std, panel_top, True)
    return out + lockups.mark(f), overflows


def _landscape(f: Frame, std: Standard) -> tuple[list, list[Overflow]]:
    """Landscape: the visual on the left, kicker, headline and a hero box on the right, signatures below."""
    job, u, blocks = f.job, f.unit, f.fmt.blocks
    fg, bg = job.paint("text"), job.paint("background")
    top = max(f.top, lockups.mark_height(f) + u / 2)  # clear of a RASCUNHO / PRÉVIA band, in every variant
    sig_y = f.bottom - std.signature
    band_top = sig_y - u
    left_w = f.inner * LANDSCAPE_SPLIT[0]
    x = f.left + f.inner * LANDSCAPE_SPLIT[1]
    width = f.right - x
    pad = u
    kicker = f.block(job.kicker.upper(), "kicker", job.kicker_field, width) if "kicker" in blocks else None
    headline = f.block(job.headline, "headline", "texts.headline", width, balance=True)
    hero = lockups.hero_blocks(f, width - 2 * pad) if "hero" in blocks else []
    hero_h = stack_height(hero, lockups.hero_gap(f)) + 2 * pad if hero else 0.0
    texts = [b for b in (kicker, headline) if b is not None]
    overflows = _text_overflows(f, texts + hero, "frente")
    total = (kicker.height + u if kicker else 0) + headline.height + (u + hero_h if hero else 0)
    room = band_top - u - top
    if total > room:
        overflows += _deficit(f, texts + hero, total - room, "frente")
    y = top + max(0.0, (room - total) / 2)
    out: list = [f.page_fill(bg)]
    if "visual" in blocks and job.visual:
        out.append(Visual(f.left, top, left_w, room, job.visual, job.visual_aspect))
    if kicker:
        out += f.place(kicker, x, y, fg, bg)
        y += kicker.height + u
    out += f.place(headline, x, y, fg, bg)
    y += headline.height + u
    if hero:
        acc = job.paint("accent")
        out.append(Rect(x, y, width, hero_h, acc))
        out += stack(f, hero, x + pad, y + pad, job.paint("accent_text"), acc, lockups.hero_gap(f))[0]
    out += _panel_elements(f, std, band_top, False)
    return out + lockups.mark(f), overflows


def back_heading(f: Frame) -> list[Block]:
    """Return the back's heading: the campaign's name and where to find help in this variant's place."""
    job = f.job
    where = "na sua cidade" if job.regional else f"em {job.municipality_name}"
    return [
        f.block(job.kicker.upper(), "kicker", job.kicker_field, f.inner),
        f.block(f"{job.where} {where}", "cta", "verso.titulo", f.inner, balance=True),
    ]


def back(f: Frame, std: Standard) -> tuple[list, list[Overflow]]:
    """Compose the back: the heading on the colour field, the contacts as the hero, the hotline strip, the QR row.

    The signature is on the front; the QR code and its address only here.
    """
    job, u = f.job, f.unit
    light, dark = job.paint("footer"), job.paint("footer_text")
    bg, fg = job.paint("background"), job.paint("text")
    heading = back_heading(f)
    band_bottom = f.top + std.back_heading + u
    qr_y = f.bottom - std.back_lockup
    hero, hero_h = _hero(f, f.inner, note=False)
    strip_bottom = qr_y - u
    strip_top = strip_bottom - hero_h
    room = strip_top - band_bottom
    overflows = _text_overflows(f, heading + hero, "verso")
    if std.back + 2 * u > room:
        overflows.append(Overflow("contatos", std.back + 2 * u - room, f.fmt.unit, "verso", std.back_owner))
    out: list = [f.page_fill(light), f.band(-f.bleed, band_bottom, bg)]
    out += stack(f, heading, f.left, f.top, fg, bg, u)[0]
    cards = lockups.back_blocks(f, f.inner)
    y = band_bottom + max(u, (room - lockups.cards_height(f, cards)) / 2)
    out += lockups.place_cards(f, cards, f.left, y, dark, light)
    if hero:
        acc = job.paint("accent")
        out.append(f.band(strip_top, strip_bottom, acc))
        ink = job.paint("accent_text")
        out += stack(f, hero, f.left, strip_top + HERO_PAD * u, ink, acc, lockups.hero_gap(f))[0]
    if std.back_lockup:
        out += lockups.qr_row(f, qr_y, std.back_lockup, dark, light)
    return out + lockups.mark(f), overflows
