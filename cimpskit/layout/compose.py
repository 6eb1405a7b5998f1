"""Compose the pages of a piece on its grid: colour field, hero band, white panel with contacts and signatures."""

from __future__ import annotations

from cimpskit.core.scene import Overflow, Standard, Text, Visual
from cimpskit.layout import compositions, identity, lockups, overflow
from cimpskit.layout.frame import TYPE_SCALE, Frame, stack, stack_height
from cimpskit.layout.text import Block

HERO_PAD = 1.0
"""Padding above and below the hero's text in its band, in spacing units."""


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
    elements, overflows = compositions.compose(f, f.top, panel_top, least=std.visual_min)
    out = [f.page_fill(f.job.paint("background")), *elements]
    out += _panel_elements(f, std, panel_top, True)
    return out + lockups.mark(f), overflows


def _landscape(f: Frame, std: Standard) -> tuple[list, list[Overflow]]:
    """Landscape (a link preview, seen small): the visual at the left edge, grounded on the logo bar; the mark,
    headline, key line and a hero box beside it."""
    top = max(f.top, lockups.mark_height(f) + f.unit / 2)  # clear of a RASCUNHO / PRÉVIA band, in every variant
    band_top = f.bottom - std.signature - f.unit
    elements, overflows = compositions.compose(f, top, band_top, compositions.LANDSCAPE, least=std.visual_min)
    out = [f.page_fill(f.job.paint("background")), *elements]
    out += _panel_elements(f, std, band_top, False)
    art = [e.x + e.w for e in elements if isinstance(e, Visual)]
    # The visual rises to the top edge: a RASCUNHO / PRÉVIA band runs beside it, over the text column only.
    return out + lockups.mark(f, art[0] + f.unit if art else None), overflows


def back_heading(f: Frame) -> list[Block]:
    """Return the back's heading under the mark: where to find help in this variant's place."""
    job = f.job
    where = "na sua cidade" if job.regional else f"em {lockups.title(f, _own(f))}"
    return [f.block(f"{job.where} {where}", "cta", "verso.titulo", f.inner, balance=True)]


def _own(f: Frame):
    """Return the signature that names the variant's place (the municipality's, or the consortium's)."""
    return next((s for s in f.job.signatures if s.role == "municipio"), f.job.signatures[0])


def back_intro(f: Frame) -> list[Block]:
    """Return what the back explains first: what happens when one calls the hotline, else the key fact."""
    job = f.job
    name, strong, detail = lockups.back_sizes(f)
    if job.hotline and job.what_to_expect:
        return [
            f.block(f"Ao ligar para o {job.hotline.name}", "label", "verso.ligacao", f.inner, size=strong),
            f.block(job.what_to_expect, "body", "verso.ligacao", f.inner, size=detail),
        ]
    if job.key_line:
        return [f.block(job.key_line, "label", "texts.key_line", f.inner, size=strong)]
    return []


def _strip(f: Frame) -> tuple[list[Block], float]:
    """Return the hotline strip (name and note, without the front's call to action) and its height."""
    job = f.job
    if job.hotline is None:
        return [], 0.0
    size = f._round(max(f.min_size, TYPE_SCALE["hero"] * f.base * f.boost))
    name = f.block(job.hotline.name, "hero", "hotline", f.inner, size=size)
    blocks = [name]
    if job.hotline.note:
        blocks.append(f.block(job.hotline.note, "small", "hotline", f.inner, size=lockups.back_sizes(f)[2]))
    return blocks, stack_height(blocks, lockups.hero_gap(f)) + 2 * HERO_PAD * f.unit


BOOSTS = tuple(round(1.6 - i * 0.05, 2) for i in range(20))
"""Sizes tried for the back's texts, largest first (1.6 down to 0.65 times the standard; never below the minimum)."""


def back_parts(f: Frame, std: Standard) -> list[float]:
    """Return the heights of this variant's back under its heading band: intro, contact cards, hotline strip, QR
    row, logo bar."""
    intro = stack_height(back_intro(f), f.small * 0.4)
    cards = lockups.cards_height(f, lockups.back_blocks(f, f.inner))
    return [intro, cards, _strip(f)[1], std.back_lockup, std.signature]


def _band_bottom(f: Frame) -> float:
    """Return the bottom of the back's colour band: the mark, then where to find help."""
    return f.top + identity.lockup(f, f.inner).height + f.unit + stack_height(back_heading(f), f.unit) + f.unit


def back_spare(f: Frame, std: Standard) -> float:
    """Return the height the back has beyond its parts and the smallest gaps between them (negative: too much)."""
    present = [h for h in back_parts(f, std) if h > 0]
    room = f.bottom - _band_bottom(f) - f.unit
    return room - sum(present) - (len(present) - 1) * f.unit


def back_frame(f: Frame, std: Standard) -> Frame:
    """Return the frame of this variant's back with its texts as large as its page holds: the back is the useful
    page of each place, sized for its own contact list (a short list gets larger type, never an empty band)."""
    for boost in BOOSTS:
        g = Frame(f.job, f.scale, boost)
        cards = lockups.back_blocks(g, g.inner)
        if all(b.too_wide <= 0 for card in cards for b in card) and back_spare(g, std) >= 0:
            return g
    return Frame(f.job, f.scale, BOOSTS[-1])


def back(f: Frame, std: Standard) -> tuple[list, list[Overflow]]:
    """Compose the back, the useful page: the mark and where to find help on the colour field; what happens when
    one calls; the local services (phone, address and hours where confirmed); the hotline; the QR code; the logo
    bar. The parts share the page's spare height evenly, so no band of it is left empty."""
    f = back_frame(f, std)
    job, u = f.job, f.unit
    light, dark = job.paint("footer"), job.paint("footer_text")
    bg, fg = job.paint("background"), job.paint("text")
    mark = identity.lockup(f, f.inner)
    heading = back_heading(f)
    band_bottom = _band_bottom(f)
    cards = lockups.back_blocks(f, f.inner)
    parts = back_parts(f, std)
    present = [h for h in parts if h > 0]
    room = f.bottom - band_bottom - u
    spare = room - sum(present)
    overflows = overflow.text_overflows(
        f, heading + back_intro(f) + _strip(f)[0] + [b for c in cards for b in c], "verso"
    )
    if spare < (len(present) - 1) * u:
        amount = (len(present) - 1) * u - spare
        overflows.append(Overflow("contatos", amount, f.fmt.unit, "verso", job.municipality))
    gap = max(u, spare / max(1, len(present) - 1))
    out: list = [f.page_fill(light), f.band(-f.bleed, band_bottom, bg)]
    out += identity.place(f, mark, f.left, f.top)
    out += stack(f, heading, f.left, f.top + mark.height + u, fg, bg, u)[0]
    y = band_bottom + u
    intro_h, cards_h, strip_h, qr_h, sig_h = parts
    if intro_h:
        out += stack(f, back_intro(f), f.left, y, dark, light, f.small * 0.4)[0]
        y += intro_h + gap
    out += lockups.place_cards(f, cards, f.left, y, dark, light)
    y += cards_h + gap
    if strip_h:
        acc, ink = job.paint("accent"), job.paint("accent_text")
        out.append(f.band(y, y + strip_h, acc))
        out += stack(f, _strip(f)[0], f.left, y + HERO_PAD * u, ink, acc, lockups.hero_gap(f))[0]
        y += strip_h + gap
    if qr_h:
        out += lockups.qr_row(f, y, std.back_lockup, dark, light)
        y += qr_h + gap
    out += lockups.signature(f, std.name_column, f.bottom - sig_h, sig_h, dark, light)
    return out + lockups.mark(f), overflows
