"""Lay out the series' pieces on the campaign's grid: carousel cards, date, countdown and event posts, the frame."""

from __future__ import annotations

import dataclasses
import math
import re

from cimpskit.core import fonts
from cimpskit.core.scene import Overflow, Page, Paint, Rect, Ring, Scene, Text, Visual
from cimpskit.layout import lockups
from cimpskit.layout.frame import SCALES, Frame, shift, stack, stack_height
from cimpskit.layout.text import Block
from cimpskit.plan.series import SeriesJob, SeriesStandard, Slide, countdown_hero, countdown_lead

CARD_TEXT_MAX = 0.062
"""A text card's text is at most this share of the base dimension (67 px on the feed post): a card exists to be
read, so its text grows into the room the longest card leaves."""
TITLE_COLUMN = 0.64
"""On a text card the title takes this share of the width; the key visual sits in the rest of its row."""
CARD_ROW_MIN = 0.2
"""A text card's title row is at least this share of the height, so the key visual beside it stays visible."""
COVER_VISUAL_MIN = 0.30
"""The cover's key visual takes at least this share of the height (it carries the series)."""
POSTER_VISUAL_MIN = 0.14
"""Date, countdown and event posts keep at least this share of the height for the key visual."""
CONTACT_VISUAL_MIN = 0.10
"""The contacts card draws the key visual only where it gets at least this share of the height."""
HERO_MAX = 0.2
"""The day's name, the countdown and the event's day are at most this share of the base dimension tall."""
HERO_PAD = 1.0
"""Padding above and below the hero band's text, in spacing units."""
CUE = "Arraste para o lado"
"""The cover's invitation to swipe (Instagram draws its own dots)."""
TODAY = "Hoje é"
RING = 0.09
"""The frame's ring is this share of the width thick: wide enough to read as the campaign's colour at 110 px."""
RULE = 0.014
"""The accent ring inside it, as a share of the width."""
FRAME_NAME = 2.0
"""The campaign's name on the frame is this much larger than the kicker (it is read at the size of an avatar)."""
TIER_PAD = (0.4, 0.16)
"""Room around a frame tier's text (horizontal, vertical), in ems of its size."""
YEAR = re.compile(r"\s+(19|20)\d\d$")
"""A campaign name's trailing year, left off the frame (worn for a season, not a year)."""
NAME_WIDTH = 0.72
"""The campaign's name on the frame wraps within this share of the circle's usable diameter."""
FRAME_MARK = 0.2
"""A draft frame's RASCUNHO band runs across at this share of the height, where the circle is wide enough."""
FRAME_REACH = 0.55
"""The frame's tiers never rise above this share of the inner circle's radius below its centre (the face)."""


def _field(f: Frame):
    """Return the colour field's paints: ink and ground."""
    return f.job.paint("text"), f.job.paint("background")


def _kicker(f: Frame) -> Block:
    """Return the campaign's name as printed at the top of every piece."""
    job = f.job
    return f.block(job.kicker.upper(), "kicker", job.kicker_field, f.inner)


def _signature_top(f: Frame, std: SeriesStandard) -> float:
    """Return the top of the signature lockup (fixed per piece: the tallest variant's)."""
    return f.bottom - std.signature


def _footer(f: Frame, std: SeriesStandard, top: float) -> list:
    """Draw the white band from top to the edge and the signature lockup at its foot."""
    fg, bg = f.job.paint("footer_text"), f.job.paint("footer")
    out: list = [f.band(top, f.h + f.bleed, bg)]
    y = _signature_top(f, std)
    return out + lockups.signature(f, std.name_column, y, std.signature, fg, bg)


def _visual(f: Frame, x: float, y: float, w: float, h: float) -> list:
    """Return the key visual contained in a box (nothing when the campaign has none)."""
    job = f.job
    if job.visual is None or w <= 0 or h <= 0:
        return []
    return [Visual(x, y, w, h, job.visual, job.visual_aspect)]


def _short(f: Frame, field: str, amount: float) -> list[Overflow]:
    """Report missing room on a page (none when amount is not positive)."""
    return [Overflow(field, amount, f.fmt.unit, "frente")] if amount > 1e-6 else []


def _wide(f: Frame, blocks: list[Block]) -> list[Overflow]:
    """Report words wider than their column."""
    return [Overflow(b.field, b.too_wide, f.fmt.unit, "frente") for b in blocks if b.too_wide > 0]


# Carousel ---------------------------------------------------------------------------------------------


def card_text_size(f: Frame, std: SeriesStandard, slides: tuple[Slide, ...]) -> float:
    """Return the size of the text cards' text: as large as lets the longest card fit its white panel, between the
    body's size and CARD_TEXT_MAX of the base dimension (one size for every card of the carousel)."""
    room = _signature_top(f, std) - 2 * f.unit - (_panel_top(f, std) + 2 * f.unit)
    size = f._round(CARD_TEXT_MAX * f.base * f.scale)
    floor = max(f.small, f.sizes["body"])
    texts = [s for s in slides if s.kind == "cartao"]
    while size > floor:
        if all(f.block(s.text, "body", s.field, f.inner, size=size).height <= room for s in texts):
            return size
        size -= 1.0
    return floor


def _panel_top(f: Frame, std: SeriesStandard) -> float:
    """Return the top of the text cards' white panel (one y for every card)."""
    return f.top + _kicker(f).height + f.unit + std.band + 2 * f.unit


def _title(f: Frame, slide: Slide, width: float) -> Block:
    """Return a card's title in the headline role."""
    return f.block(slide.title, "headline", f"{slide.field}.title" if slide.kind == "cartao" else slide.field, width)


def band_height(f: Frame, slides: tuple[Slide, ...]) -> float:
    """Return the height of the text cards' title row: the tallest title's, never below CARD_ROW_MIN."""
    titles = [_title(f, s, f.inner * TITLE_COLUMN).height for s in slides if s.kind == "cartao"]
    return max([CARD_ROW_MIN * f.h, *titles])


def _cover(f: Frame, std: SeriesStandard, slide: Slide) -> tuple[list, list[Overflow]]:
    """The cover: the campaign's name, the key visual as large as the page allows, the headline, a swipe cue."""
    fg, bg = _field(f)
    u = f.unit
    kicker = _kicker(f)
    headline = f.block(slide.title, "headline", "texts.headline", f.inner, balance=True)
    cue = f.block(CUE, "label", "serie.arraste", f.inner)
    footer = _signature_top(f, std) - u
    cue_y = footer - u - cue.height
    head_y = cue_y - 2 * u - headline.height
    top = f.top + kicker.height + u
    room = head_y - u - top
    overflows = _wide(f, [kicker, headline, cue]) + _short(f, "texts.headline", COVER_VISUAL_MIN * f.h - room)
    out: list = [f.page_fill(bg), *f.place(kicker, f.left, f.top, fg, bg)]
    out += _visual(f, f.left, top, f.inner, max(room, 0.0))
    out += f.place(headline, f.left, head_y, fg, bg)
    out += f.place(cue, f.left, cue_y, fg, bg, right=f.right)
    return out + _footer(f, std, footer) + lockups.mark(f), overflows


def _text_card(f: Frame, std: SeriesStandard, slide: Slide) -> tuple[list, list[Overflow]]:
    """A text card: the title beside the key visual on the colour field, the text on white, the signature."""
    fg, bg = _field(f)
    ink, paper = f.job.paint("footer_text"), f.job.paint("footer")
    u = f.unit
    kicker = _kicker(f)
    title = _title(f, slide, f.inner * TITLE_COLUMN)
    text = f.block(slide.text, "body", f"{slide.field}.text", f.inner, size=std.text or f.sizes["body"])
    row_y = f.top + kicker.height + u
    panel = _panel_top(f, std)
    room = _signature_top(f, std) - 2 * u - (panel + 2 * u)
    overflows = _wide(f, [kicker, title, text]) + _short(f, f"{slide.field}.text", text.height - room)
    out: list = [f.page_fill(bg), *f.place(kicker, f.left, f.top, fg, bg)]
    out += f.place(title, f.left, row_y + (std.band - title.height) / 2, fg, bg)
    x = f.left + f.inner * TITLE_COLUMN + u
    out += _visual(f, x, row_y, f.right - x, std.band)
    out.append(f.band(panel, f.h + f.bleed, paper))
    out += f.place(text, f.left, panel + 2 * u, ink, paper)
    out += lockups.signature(f, std.name_column, _signature_top(f, std), std.signature, ink, paper)
    return out + lockups.mark(f), overflows


def _action(f: Frame) -> list[Block]:
    """Return a post's call to action and hotline, second to the day: the hotline as large as a headline."""
    job = f.job
    cta = f.block(job.call_to_action, "cta", "texts.call_to_action", f.inner, balance=True)
    if job.hotline is None:
        return [cta]
    return [cta, f.block(job.hotline.name, "hero", "hotline", f.inner, size=f.sizes["headline"])]


def _hero_band(f: Frame, bottom: float, compact: bool = False) -> tuple[list, float, list[Block]]:
    """Draw the call to action and the hotline on the accent band ending at bottom; return it and its top."""
    blocks = _action(f) if compact else lockups.hero_blocks(f, f.inner)
    height = stack_height(blocks, lockups.hero_gap(f)) + 2 * HERO_PAD * f.unit
    top = bottom - height
    acc, ink = f.job.paint("accent"), f.job.paint("accent_text")
    out: list = [f.band(top, bottom, acc)]
    out += stack(f, blocks, f.left, top + HERO_PAD * f.unit, ink, acc, lockups.hero_gap(f))[0]
    return out, top, blocks


def contacts_panel(f: Frame, std: SeriesStandard) -> tuple[float, float]:
    """Return the tops of the contacts card's white panel and of its contacts (fixed per piece).

    No QR code: on a phone screen nobody scans it; the caption carries the link.
    """
    u = f.unit
    contacts_y = _signature_top(f, std) - 2 * u - std.zone if std.zone else _signature_top(f, std)
    return contacts_y - u, contacts_y


def _contacts_card(f: Frame, std: SeriesStandard, slide: Slide) -> tuple[list, list[Overflow]]:
    """The last card: where to ask for help here, the hotline on the accent band, the contacts, QR and signature."""
    fg, bg = _field(f)
    ink, paper = f.job.paint("footer_text"), f.job.paint("footer")
    u = f.unit
    kicker = _kicker(f)
    title = f.block(slide.title, "cta", slide.field, f.inner, balance=True)
    panel_top, contacts_y = contacts_panel(f, std)
    hero, hero_top, blocks = _hero_band(f, panel_top)
    title_y = hero_top - 2 * u - title.height
    top = f.top + kicker.height + u
    room = title_y - u - top
    overflows = _wide(f, [kicker, title, *blocks]) + _short(f, slide.field, -room)
    out: list = [f.page_fill(bg), *f.place(kicker, f.left, f.top, fg, bg)]
    if room >= CONTACT_VISUAL_MIN * f.h:
        out += _visual(f, f.left, top, f.inner, room)
    out += f.place(title, f.left, title_y, fg, bg) + hero
    out.append(f.band(panel_top, f.h + f.bleed, paper))
    if std.zone:
        rows = lockups.contact_rows(f, std.label_column)
        y = contacts_y + (std.zone - lockups.rows_height(f, rows)) / 2
        out += lockups.place_rows(f, rows, f.left, y, std.label_column, ink, paper)
    out += lockups.signature(f, std.name_column, _signature_top(f, std), std.signature, ink, paper)
    return out + lockups.mark(f), overflows


CARDS = {"capa": _cover, "cartao": _text_card, "contatos": _contacts_card}


# Date, countdown and event posts ----------------------------------------------------------------------


def hero_size(f: Frame, text: str) -> float:
    """Return the largest size at which a short hero text fits one line, never above HERO_MAX of the base."""
    font = f.job.font("headline")
    width = fonts.width(text, font, 100.0) / 100.0
    size = min(HERO_MAX * f.base * f.scale, f.inner / width)
    return max(f.sizes["headline"], math.floor(size))


def _poster_texts(f: Frame, job: SeriesJob) -> tuple[list[Block], Block, list[Block]]:
    """Return a post's lead, hero and detail blocks: 'Hoje é' / '18 de Maio' / what the day marks, and so on."""
    w = f.inner
    e, d = job.event, job.day
    if e is not None:
        lead = [f.block(e.title, "headline", f"evento.{e.index}.title", w, balance=True)]
        hero_text = e.day
        details = [
            f.block(f"{e.weekday.capitalize()}, {e.hours}", "cta", f"evento.{e.index}.start", w),
            f.block(e.place, "body", f"evento.{e.index}.place", w),
        ]
    elif d is not None:
        field = f"data.{d.index}"
        if d.days:
            lead_text, hero_text = countdown_lead(d.days), countdown_hero(d.days)
            detail = f"para o {d.name}, {d.label}"
        else:
            lead_text, hero_text, detail = TODAY, d.name, d.label
        lead = [f.block(lead_text, "headline", field, w)]
        details = [f.block(detail, "body", field, w, balance=True)]
    else:
        raise ValueError(f"{job.stem}: a post says a day or an event")
    field = f"evento.{e.index}.date" if e is not None else lead[0].field
    hero = f.block(hero_text, "hero", field, w, size=hero_size(f, hero_text))
    return lead, hero, details


def _poster(f: Frame, std: SeriesStandard, job: SeriesJob) -> tuple[list, list[Overflow]]:
    """A date, countdown or event post: key visual, lead, the day as the hero, details, hotline band, signature."""
    fg, bg = _field(f)
    u = f.unit
    kicker = _kicker(f)
    lead, hero, details = _poster_texts(f, job)
    footer = _signature_top(f, std) - u
    band, bottom, blocks = ([], footer, []) if job.kind == "evento" else _hero_band(f, footer, compact=True)
    gap = lockups.hero_gap(f)
    head, column = [*lead, hero], details
    height = stack_height(head, gap) + u + stack_height(column, gap)
    y = bottom - 2 * u - height
    top = f.top + kicker.height + u
    room = y - u - top
    field = lead[0].field
    overflows = _wide(f, [kicker, *head, *column, *blocks]) + _short(f, field, POSTER_VISUAL_MIN * f.h - room)
    out: list = [f.page_fill(bg), *f.place(kicker, f.left, f.top, fg, bg)]
    out += _visual(f, f.left, top, f.inner, max(room, 0.0))
    placed, y = stack(f, head, f.left, y, fg, bg, gap)
    out += placed + stack(f, column, f.left, y + u, fg, bg, gap)[0]
    out += band
    return out + _footer(f, std, footer) + lockups.mark(f), overflows


# Profile frame ----------------------------------------------------------------------------------------


def _tiers(f: Frame, job: SeriesJob) -> list[tuple[Block, tuple]]:
    """Return the frame's tiers (text and paints): the campaign's name, its first key date, the place."""
    j = f.job
    big = f._round(max(f.min_size, f.sizes["kicker"] * FRAME_NAME * f.scale))
    small = f._round(max(f.min_size, f.sizes["kicker"] * f.scale))
    width = NAME_WIDTH * (f.w - 2 * f.m)
    name = f.block(YEAR.sub("", j.kicker).upper(), "kicker", j.kicker_field, width, size=big, balance=True)
    text, ground = j.paint("text"), j.paint("background")
    accent = (j.paint("accent"), j.paint("accent_text"))
    if accent[0] == text:
        accent = (j.paint("footer"), j.paint("footer_text"))
    out = [(name, (text, ground))]
    if job.day is not None:
        out.append((f.block(job.day.name.upper(), "kicker", "data.0", width, size=small), accent))
    place = j.regional.channel_label if j.regional else j.municipality_name
    out.append((f.block(place.upper(), "kicker", "assinatura.municipio", width, size=small), (ground, text)))
    return out


def _centred(f: Frame, block: Block, cx: float, y: float, fg: Paint, bg: Paint) -> list[Text]:
    """Place a block with its top at y and each line centred on cx (one group: one block for the proof)."""
    baseline = y + fonts.ascent(block.font, block.size)
    group = f"{block.field}@{cx:.3f},{y:.3f}"
    out = []
    for line in block.lines:
        x = cx - fonts.width(line, block.font, block.size) / 2
        pt = f.size_pt(block.size)
        out.append(Text(x, baseline, line, block.font, block.weight, block.size, fg, bg, pt, block.field, group))
        baseline += block.pitch
    return out


def _tier_box(block: Block) -> tuple[float, float]:
    """Return a tier's width and height with its padding."""
    return block.width() + 2 * TIER_PAD[0] * block.size, block.height + 2 * TIER_PAD[1] * block.size


def _frame(f: Frame, job: SeriesJob) -> tuple[list, list[Overflow]]:
    """The profile frame: the campaign's colour ring round a transparent centre, its tiers low on the circle."""
    j = f.job
    w = f.w
    c, outer = w / 2, w / 2
    inner = outer - RING * w
    reach = outer - f.m
    tiers = _tiers(f, job)
    boxes = [_tier_box(b) for b, _ in tiers]
    stack_h = sum(h for _, h in boxes)
    # Lowest place where every tier's text stays inside the circle the platform shows.
    lowest = []
    below = 0.0
    for (block, _), (_, h) in zip(reversed(tiers), reversed(boxes), strict=True):
        half = block.width() / 2
        if half >= reach:
            lowest.append(c)
            continue
        lowest.append(c + math.sqrt(reach * reach - half * half) + below + TIER_PAD[1] * block.size)
        below += h
    bottom = min(lowest)
    top = bottom - stack_h
    overflows = [
        Overflow(b.field, b.width() / 2 - reach, f.fmt.unit, "frente") for b, _ in tiers if b.width() / 2 >= reach
    ]
    overflows += _short(f, tiers[0][0].field, c + FRAME_REACH * inner - top)
    out: list = [
        Ring(c, c, outer, inner, j.paint("background")),
        Ring(c, c, inner, inner - RULE * w, j.paint("accent")),
    ]
    y = top
    for (block, (fill, ink)), (tw, th) in zip(tiers, boxes, strict=True):
        out.append(Rect(c - tw / 2, y, tw, th, fill))
        out += _centred(f, block, c, y + TIER_PAD[1] * block.size, ink, fill)
        y += th
    return out + _frame_mark(f), overflows


def _frame_mark(f: Frame) -> list:
    """Draw a draft's RASCUNHO band across the frame, its words centred where the circle shows them."""
    marks = lockups.mark(f)
    if not marks:
        return []
    band, *texts = marks
    width = max(fonts.width(t.text, t.font, t.size) for t in texts)
    dy = FRAME_MARK * f.h - band.y
    return shift([band], 0.0, dy) + shift(texts, (f.w - width) / 2 - texts[0].x, dy)


# Scenes and standards ---------------------------------------------------------------------------------


def pages(job: SeriesJob, std: SeriesStandard) -> tuple[list[tuple[str, list]], list[Overflow]]:
    """Compose every page of a series piece at its standard; return (page name, elements) and overflows."""
    f = Frame(job.job, std.scale)
    if job.kind == "carrossel":
        out, overflows = [], []
        for i, slide in enumerate(job.slides, 1):
            elements, found = CARDS[slide.kind](f, std, slide)
            out.append((f"cartão {i}", elements))
            overflows += [dataclasses.replace(o, page=f"cartão {i}") for o in found]
        return out, overflows
    if job.kind == "moldura":
        elements, overflows = _frame(f, job)
        return [("frente", elements)], overflows
    elements, overflows = _poster(f, std, job)
    return [("frente", elements)], overflows


def scene(job: SeriesJob, std: SeriesStandard) -> Scene:
    """Return the scene of a series piece on its standard."""
    laid, _ = pages(job, std)
    fmt, j = job.format, job.job
    title = f"{j.campaign_title} — {j.municipality_name} — {job.label}"
    pages_ = tuple(Page(name, tuple(elements)) for name, elements in laid)
    return Scene(fmt.unit, fmt.width, fmt.height, fmt.bleed, pages_, title, None, transparent=job.kind == "moldura")


def measure(jobs: list[SeriesJob]) -> SeriesStandard:
    """Size the zones that vary by variant for the most demanding one: signature, contacts, QR."""
    frames = [Frame(j.job, 1.0) for j in jobs]
    name_col = max(lockups.name_column(f) for f in frames)
    signature = max(lockups.signature_height(f, name_col) for f in frames)
    std = SeriesStandard(1.0, name_col, signature)
    if jobs[0].kind != "carrossel":
        return std
    label_col = max(lockups.label_column(f) for f in frames)
    zone = max(lockups.rows_height(f, lockups.contact_rows(f, label_col)) for f in frames)
    return dataclasses.replace(std, zone=zone, label_column=label_col)


def _at(jobs: list[SeriesJob], base: SeriesStandard, scale: float) -> tuple[SeriesStandard, list[Overflow]]:
    """Return the standard at one scale and the overflows of its most demanding variants."""
    std = dataclasses.replace(base, scale=scale)
    if jobs[0].kind == "carrossel":
        f = Frame(jobs[0].job, scale)
        std = dataclasses.replace(std, band=band_height(f, jobs[0].slides))
        std = dataclasses.replace(std, text=card_text_size(f, std, jobs[0].slides))
    found = []
    for job in _demanding(jobs):
        found += [_blame(o, job) for o in pages(job, std)[1]]
    return std, found


VARIANT_FIELDS = ("contatos.titulo", "assinatura", "contato")
"""Fields whose text differs by variant: an overflow there is the variant's (the municipality's name)."""


def _blame(overflow: Overflow, job: SeriesJob) -> Overflow:
    """Name the variant at fault for an overflow of its own text (the campaign's texts are every variant's)."""
    if overflow.field.startswith(VARIANT_FIELDS):
        return dataclasses.replace(overflow, municipality=job.municipality)
    return overflow


def _demanding(jobs: list[SeriesJob]) -> list[SeriesJob]:
    """Return the variants whose own texts are longest (a piece's other texts are the same in every variant)."""
    if jobs[0].kind in ("carrossel", "moldura"):
        return [max(jobs, key=lambda j: len(j.job.municipality_name))]
    return jobs[:1]


def standard(jobs: list[SeriesJob], base: SeriesStandard | None = None) -> SeriesStandard:
    """Return the standard of one series piece from all its variants: the largest scale at which all fit, on the
    zones measured for every variant of the campaign (base; else for these variants)."""
    base = base or measure(jobs)
    lo, hi, best = 0, len(SCALES) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        std, found = _at(jobs, base, SCALES[mid])
        if found:
            lo = mid + 1
        else:
            best, hi = std, mid - 1
    if best is not None:
        return best
    std, found = _at(jobs, base, SCALES[-1])
    return dataclasses.replace(std, overflows=tuple(found))


def standardize(jobs: list[SeriesJob]) -> list[SeriesJob]:
    """Attach to every series job the standard of its campaign × piece, computed once from all its variants."""
    groups: dict[tuple[str, str], list[SeriesJob]] = {}
    variants: dict[tuple[str, str], dict[str, SeriesJob]] = {}
    for job in jobs:
        groups.setdefault((job.campaign, job.name), []).append(job)
        variants.setdefault((job.campaign, job.format.name), {}).setdefault(job.municipality, job)
    # The signature's zones come from every variant of the campaign, even for a piece only some have (an event):
    # the divider stays at one x across the series.
    zones = {key: measure(list(found.values())) for key, found in variants.items()}
    standards = {key: standard(group, _zones(zones, group)) for key, group in groups.items()}
    return [dataclasses.replace(j, standard=standards[(j.campaign, j.name)]) for j in jobs]


def _zones(zones: dict[tuple[str, str], SeriesStandard], group: list[SeriesJob]) -> SeriesStandard:
    """Return a piece's zones: the campaign's signature zones, and its own contacts zone (the carousel's)."""
    job = group[0]
    base = zones[(job.campaign, job.format.name)]
    if job.kind != "carrossel":
        return dataclasses.replace(base, zone=0.0, label_column=0.0)
    own = measure(group)
    return dataclasses.replace(base, zone=own.zone, label_column=own.label_column)
