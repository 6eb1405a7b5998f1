"""Compose the pages of a piece on its grid: colour field, hero band, white panel with contacts and signatures."""

from __future__ import annotations

from cimpskit.core.scene import Overflow, Standard, Text, Visual
from cimpskit.layout import compositions, lockups
from cimpskit.layout.frame import HEADLINE_MAX_LINES, Frame, stack, stack_height
from cimpskit.layout.text import Block

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
    elements = front(f, std)[0]
    return tuple(e.text for e in elements if isinstance(e, Text) and e.field == "texts.headline")


def _portrait(f: Frame, std: Standard) -> tuple[list, list[Overflow]]:
    """Portrait: the campaign's composition on the colour field, then the white panel (contacts, QR, logo bar)."""
    panel_top = panel(f, std)[0]
    elements, overflows = compositions.compose(f, f.top, panel_top)
    out = [f.page_fill(f.job.paint("background")), *elements]
    out += _panel_elements(f, std, panel_top, True)
    return out + lockups.mark(f), overflows


def _landscape(f: Frame, std: Standard) -> tuple[list, list[Overflow]]:
    """Landscape (a link preview, seen small): the visual at the left edge, grounded on the logo bar; the mark,
    headline, key line and a hero box beside it."""
    top = max(f.top, lockups.mark_height(f) + f.unit / 2)  # clear of a RASCUNHO / PRÉVIA band, in every variant
    band_top = f.bottom - std.signature - f.unit
    elements, overflows = compositions.compose(f, top, band_top, compositions.LANDSCAPE)
    out = [f.page_fill(f.job.paint("background")), *elements]
    out += _panel_elements(f, std, band_top, False)
    art = [e.x + e.w for e in elements if isinstance(e, Visual)]
    # The visual rises to the top edge: a RASCUNHO / PRÉVIA band runs beside it, over the text column only.
    return out + lockups.mark(f, art[0] + f.unit if art else None), overflows


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
