"""Lay out the series' pieces in the campaign's identity: its mark on every piece, and the cover, the contacts card
and the date, countdown and event posts composed by the campaign's own composition (the same rows, visual edge and
share as its feed post), with the series' texts in place of the headline; the carousel's text cards on its grid; the
profile frame in its colours."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable

from cimpskit.core import fonts
from cimpskit.core.scene import Overflow, Page, Paint, Rect, Ring, Scene, Text, Visual
from cimpskit.layout import compositions, identity, lockups, pieces
from cimpskit.layout.compositions import COMPOSITIONS, Composition, Piece, Row, Split
from cimpskit.layout.frame import SCALES, TYPE_SCALE, Frame, shift
from cimpskit.layout.pieces import Item
from cimpskit.layout.text import NBSP, Block
from cimpskit.plan.series import SeriesJob, SeriesStandard, Slide, countdown_hero, countdown_lead

CARD_TEXT_MAX = 0.062
"""A text card's text is at most this share of the base dimension (67 px on the feed post), whatever the
carousel's type scale: a card exists to be read, so its text grows into the room the longest card leaves."""
TITLE_COLUMN = 0.64
"""On a text card the title takes this share of the width; the key visual sits in the rest of its row."""
TITLE_LINES = 2
CARD_ROW_MIN = 0.2
"""A text card's title row is at least this share of the height, so the key visual beside it stays visible."""
DAY_SHARES = (0.2, 0.17, 0.14, 0.12)
"""The shares of the base dimension up to which a post's day, countdown or event day fills its line, tried largest
first: the hero keeps the largest share at which the post's other texts stay at SCALE_GOOD or above."""
SCALE_GOOD = 0.7
"""A post's other texts are not set below this type scale to keep its day larger (only when nothing else fits)."""
POSTS = ("data", "contagem", "evento")
CUE = "Arraste para o lado"
"""The cover's invitation to swipe (Instagram draws its own dots)."""
TODAY = "Hoje é"
HEADLINES = ("headline", "headline_xl")
"""The composition's pieces that say the piece's one thing: the series' own message takes their place."""
KEYS = ("key_line", "key_box", "key_fact")
"""The key line's pieces: the cover keeps them (it is the campaign's first image); the posts say their own fact."""
HEROES = ("cta", "hotline", "number", "note", "hero_box")
"""The call to action and the hotline's pieces."""
RING = 0.09
"""The frame's ring is this share of the width thick: wide enough to read as the campaign's colour at 110 px."""
RULE = 0.014
"""The accent ring inside it, as a share of the width."""
FRAME_NAME = 2.0
"""The campaign's name on the frame is this much larger than the mark's standard size (it is read at the size of
an avatar)."""
TIER_PAD = (identity.PAD_X, identity.PAD_Y)
"""Room around a frame tier's text (horizontal, vertical), in ems of its size: the campaign mark's."""
NAME_WIDTH = 0.72
"""The campaign's name on the frame wraps within this share of the circle's usable diameter."""
FRAME_MARK = 0.2
"""A draft frame's RASCUNHO band runs across at this share of the height, where the circle is wide enough."""
FRAME_REACH = 0.55
"""The frame's tiers never rise above this share of the inner circle's radius below its centre (the face)."""


def _signature_top(f: Frame, std: SeriesStandard) -> float:
    """Return the top of the logo bar (fixed per piece: the tallest variant's)."""
    return f.bottom - std.signature


def _panel(f: Frame, std: SeriesStandard, top: float, contacts: bool = False) -> list:
    """Draw the white panel from top to the edge: the contacts (the carousel's last card) and the logo bar."""
    fg, bg = f.job.paint("footer_text"), f.job.paint("footer")
    out: list = [f.band(top, f.h + f.bleed, bg)]
    if contacts and std.zone:
        rows = lockups.contact_rows(f, std.label_column)
        y = _contacts_top(f, std) + (std.zone - lockups.rows_height(f, rows)) / 2
        out += lockups.place_rows(f, rows, f.left, y, std.label_column, fg, bg)
    return out + lockups.signature(f, std.name_column, _signature_top(f, std), std.signature, fg, bg)


def _contacts_top(f: Frame, std: SeriesStandard) -> float:
    """Return the top of the contacts on the carousel's last card (fixed per piece)."""
    return _signature_top(f, std) - f.unit - std.zone


def panel_top(f: Frame, std: SeriesStandard, contacts: bool = False) -> float:
    """Return the top of the white panel: a unit over the contacts (when shown) or the logo bar."""
    inside = _contacts_top(f, std) if contacts and std.zone else _signature_top(f, std)
    return inside - f.unit


def _short(f: Frame, field: str, amount: float) -> list[Overflow]:
    """Report missing room on a page (none when amount is not positive)."""
    return [Overflow(field, amount, f.fmt.unit, "frente")] if amount > 1e-6 else []


def _wide(f: Frame, blocks: list[Block]) -> list[Overflow]:
    """Report words wider than their column."""
    return [Overflow(b.field, b.too_wide, f.fmt.unit, "frente") for b in blocks if b.too_wide > 0]


# The campaign's composition, with the series' texts ---------------------------------------------------


def recompose(spec: Composition, swap: Callable[[str], tuple[Piece, ...]]) -> Composition:
    """Return a composition with each campaign piece swapped for the pieces swap gives (none: left out)."""

    def each(names: tuple[Piece, ...]) -> tuple[Piece, ...]:
        return tuple(p for name in names for p in (swap(name) if isinstance(name, str) else (name,)))

    rows = [
        dataclasses.replace(r, column=each(r.column))
        if isinstance(r, Split)
        else dataclasses.replace(r, pieces=each(r.pieces))
        for r in spec.rows
    ]
    return Composition(spec.label, tuple(rows))


def _text(kind: str, text: str, role: str, field: str, *, balance: bool = False) -> Piece:
    """Return a piece that sets one text in a type role."""

    def build(f: Frame, width: float) -> Item:
        return pieces.text_item(f, kind, [f.block(text, role, field, width, balance=balance)], 0.0)

    return build


def fill_size(f: Frame, text: str, width: float, share: float) -> float:
    """Return the largest size at which a short text fills one line of width, up to share of the base dimension
    whatever the type scale (the hero keeps its size; the other texts make room), never below the headline's."""
    font = f.job.font("headline")
    per_unit = fonts.width(text, font, 100.0) / 100.0
    return max(f.sizes["headline"], math.floor(min(share * f.base, width / per_unit)))


def _day(lead: str, hero: str, field: str, share: float) -> Piece:
    """Return the day as the post's hero, filling its line up to share of the base dimension, with its lead above
    it, read as one phrase ('Hoje é' '18 de Maio')."""

    def build(f: Frame, width: float) -> Item:
        top = f.block(lead, "headline", field, width)
        day = f.block(hero, "hero", field, width, size=fill_size(f, hero, width, share))
        return pieces.text_item(f, "day", [top, day], lockups.hero_gap(f), joined=True)

    return build


def _message(job: SeriesJob, share: float, first: bool) -> tuple[tuple[Piece, ...], tuple[Piece, ...]]:
    """Return what a post says in the headline's place (the day, or the event's day) and beside the key visual
    (what the day marks; the event's name, hours and place). A countdown's detail goes on from its day ('Faltam
    7 dias' 'para o 18 de Maio, …'), or stands as a phrase of its own when it is read first (first)."""
    e, d = job.event, job.day
    if e is not None:
        at = f"evento.{e.index}"
        said = (_day(f"{e.weekday.capitalize()},", e.day, f"{at}.date", share),)
        what = (
            _text("headline", e.title, "cta", f"{at}.title", balance=True),
            _text("key_line", e.hours, "key", f"{at}.start"),
            _text("body", e.place, "body", f"{at}.place"),
        )
        return said, what
    if d is None:
        raise ValueError(f"{job.stem}: a post says a day or an event")
    field = f"data.{d.index}"
    if d.days:
        detail = f"{d.name}: {d.label}" if first else f"para o {d.name}, {d.label}"
        lead, hero = countdown_lead(d.days), countdown_hero(d.days)
    else:
        lead, hero, detail = TODAY, d.name, d.label
    return (_day(lead, hero, field, share),), (_text("key_line", detail, "key", field, balance=True),)


def post_spec(job: SeriesJob, share: float) -> Composition:
    """Return a date, countdown or event post's composition: the campaign's, with the day (or the event's day) in
    the headline's place and what the day marks (or the event's name, hours and place) beside the key visual, where
    the key line stands or over the call to action; no body, the hotline at its name's size and without its note
    (the day is the hero; the caption says the rest). An event post ends on its place: the call to action and
    hotline are the date posts'."""
    spec = COMPOSITIONS[job.job.composition]
    said, beside = _message(job, share, _beside_first(spec))
    event = job.event is not None
    keyed = _keyed(spec)
    placed = False

    def swap(name: str) -> tuple[Piece, ...]:
        nonlocal placed
        if name in HEADLINES:
            return said
        if name in ("body", "note") or (name in KEYS and not keyed) or (event and name in HEROES and placed):
            return ()
        if name in KEYS or (name in HEROES and not placed):
            done, placed = placed, True
            if event:
                return () if done else beside
            return (*([] if done else beside), *([] if name in KEYS else [_hero(name)]))
        return (_hero(name),)

    return _risen(recompose(spec, swap))


def _beside_first(spec: Composition) -> bool:
    """Say whether a post's text beside the key visual (where the key line or the hero stands) is read before its
    day (the headline's place)."""
    names = [n for r in spec.rows for n in (r.column if isinstance(r, Split) else r.pieces) if isinstance(n, str)]
    beside = next((i for i, n in enumerate(names) if n in KEYS or n in HEROES), len(names))
    said = next((i for i, n in enumerate(names) if n in HEADLINES), len(names))
    return beside < said


def _risen(spec: Composition) -> Composition:
    """Return a composition whose first row, a split with its column at the top, lets its visual rise to the page's
    edge: a post says more than the feed post above its call to action. (A draft's RASCUNHO band crosses the art
    there, on its own band.)"""
    first = spec.rows[0]
    if isinstance(first, Split) and first.align == "top":
        return Composition(spec.label, (dataclasses.replace(first, to_top=True), *spec.rows[1:]))
    return spec


def _hero(name: str) -> str:
    """Return the hotline's piece on a post: its name at fill size instead of the numeral (the day is the hero)."""
    return "hotline" if name == "number" else name


def cover_spec(job: SeriesJob) -> Composition:
    """Return the carousel cover's composition: the campaign's, with an invitation to swipe where the call to action
    and the hotline were (they come on the last card)."""
    cue = _text("cue", CUE.replace(" ", NBSP), "cta", "serie.arraste")  # one line, never broken
    placed = False

    def swap(name: str) -> tuple[Piece, ...]:
        nonlocal placed
        if name == "body":
            return ()
        if name in HEROES:
            done, placed = placed, True
            return () if done else (cue,)
        return (name,)

    return recompose(COMPOSITIONS[job.job.composition], swap)


def contacts_spec(job: SeriesJob, slide: Slide, beside: bool = True) -> Composition:
    """Return the carousel's last card: where to ask for help here, the call to action and the hotline as the
    campaign sets them; the contacts go on the white panel. The title takes the headline's place, or, where the
    composition keys its key line beside the visual, that place (beside) or the top of the accent band with the
    call to action (when a place's name is too long for the column beside the visual)."""
    title = _help_title(slide)
    spec = COMPOSITIONS[job.job.composition]
    keyed = _keyed(spec)

    def swap(name: str) -> tuple[Piece, ...]:
        if name in HEADLINES:
            return () if keyed else (title,)
        if name in KEYS:
            return (title,) if keyed and beside and name == _first_key(spec) else ()
        return () if name == "body" else (name,)

    card = recompose(spec, swap)
    if not keyed or beside:
        return card
    lead = _help_title(slide, "cta")  # on the band, a lead-in to the call to action
    rows = [dataclasses.replace(r, pieces=(lead, *r.pieces)) if isinstance(r, Row) and r.band else r for r in card.rows]
    return Composition(card.label, tuple(rows))


def _help_title(slide: Slide, role: str = "headline") -> Piece:
    """Return the last card's title in a type role: where to find help, then the place by its official name, or by
    its short name where the official one (never broken) does not fit the column."""

    def build(f: Frame, width: float) -> Item:
        sig = lockups.first(f.job)
        names = [sig.title] + ([sig.short_title] if sig.short_title else [])
        places = ["na sua cidade"] if f.job.regional else [f"em {name}" for name in names]
        for place in places:
            block = f.block(f"{slide.title} {place}", role, slide.field, width, balance=True)
            if block.too_wide <= 0:
                break
        return pieces.text_item(f, "headline", [block], 0.0)

    return build


def _keyed(spec: Composition) -> bool:
    """Tell whether a composition sets its key line beside the key visual."""
    return any(isinstance(r, Split) and any(n in KEYS for n in r.column) for r in spec.rows)


def _first_key(spec: Composition) -> str:
    """Return the first key-line piece a composition sets beside its key visual."""
    return next(n for r in spec.rows if isinstance(r, Split) for n in r.column if isinstance(n, str) and n in KEYS)


def _composed(
    f: Frame, std: SeriesStandard, spec: Composition, main: str, contacts: bool = False
) -> tuple[list, list[Overflow]]:
    """Lay out a composition on the colour field above the white panel; blame missing room the composition puts on
    a headline the page does not set on the page's own text (main)."""
    top = panel_top(f, std, contacts)
    elements, overflows = compositions.compose(f, f.top, top, spec)
    fields = {e.field for e in elements if isinstance(e, Text)}
    overflows = [o if o.field in fields else dataclasses.replace(o, field=main) for o in overflows]
    out = [f.page_fill(f.job.paint("background")), *elements, *_panel(f, std, top, contacts)]
    return out + lockups.mark(f), overflows


# Carousel ---------------------------------------------------------------------------------------------


def _mark(f: Frame) -> identity.Mark:
    """Return the campaign mark as every piece of the campaign draws it at its top."""
    return identity.lockup(f, f.inner)


def card_text_size(f: Frame, std: SeriesStandard, slides: tuple[Slide, ...]) -> float:
    """Return the size of the text cards' text: as large as lets the longest card fit its white panel, between the
    body's size and CARD_TEXT_MAX of the base dimension (one size for every card of the carousel)."""
    room = _signature_top(f, std) - 2 * f.unit - (_panel_top(f, std) + 2 * f.unit)
    size = f._round(CARD_TEXT_MAX * f.base)
    floor = max(f.small, f.sizes["body"])
    texts = [s for s in slides if s.kind == "cartao"]
    while size > floor:
        if all(f.block(s.text, "body", s.field, f.inner, size=size).height <= room for s in texts):
            return size
        size -= 1.0
    return floor


def _panel_top(f: Frame, std: SeriesStandard) -> float:
    """Return the top of the text cards' white panel (one y for every card)."""
    return f.top + _mark(f).height + f.unit + std.band + 2 * f.unit


def _title(f: Frame, slide: Slide, width: float, size: float) -> Block:
    """Return a card's title in the headline role at a size."""
    return f.block(slide.title, "headline", f"{slide.field}.title", width, size=size or None, balance=True)


def title_size(f: Frame, slides: tuple[Slide, ...]) -> float:
    """Return the text cards' title size: the largest, from the headline's at type scale 1 down to the carousel's,
    at which every title takes at most TITLE_LINES lines of its column (a title is a few words: it leads its card)."""
    size, floor = f._round(TYPE_SCALE["headline"] * f.base), f.sizes["headline"]
    width = f.inner * TITLE_COLUMN
    texts = [s for s in slides if s.kind == "cartao"]
    while size > floor:
        blocks = [_title(f, s, width, size) for s in texts]
        if all(len(b.lines) <= TITLE_LINES and b.too_wide <= 0 for b in blocks):
            return size
        size -= 1.0
    return floor


def band_height(f: Frame, slides: tuple[Slide, ...], size: float) -> float:
    """Return the height of the text cards' title row: the tallest title's, never below CARD_ROW_MIN."""
    titles = [_title(f, s, f.inner * TITLE_COLUMN, size).height for s in slides if s.kind == "cartao"]
    return max([CARD_ROW_MIN * f.h, *titles])


def visual_side(f: Frame) -> str:
    """Return the edge the campaign's composition stands its key visual on ('left' or 'right')."""
    return next((r.side for r in COMPOSITIONS[f.job.composition].rows if isinstance(r, Split)), "right")


def _cover(f: Frame, std: SeriesStandard, slide: Slide, job: SeriesJob) -> tuple[list, list[Overflow]]:
    """The cover: the campaign's composition, with an invitation to swipe in place of the hotline."""
    return _composed(f, std, cover_spec(job), "texts.headline")


def _text_card(f: Frame, std: SeriesStandard, slide: Slide, job: SeriesJob) -> tuple[list, list[Overflow]]:
    """A text card: the mark, the title beside the key visual (on the composition's side) on the colour field, the
    text on white, the logo bar."""
    fg, bg = f.job.paint("text"), f.job.paint("background")
    ink, paper = f.job.paint("footer_text"), f.job.paint("footer")
    u = f.unit
    mark = _mark(f)
    title = _title(f, slide, f.inner * TITLE_COLUMN, std.title)
    text = f.block(slide.text, "body", f"{slide.field}.text", f.inner, size=std.text or f.sizes["body"])
    row_y = f.top + mark.height + u
    panel = _panel_top(f, std)
    room = _signature_top(f, std) - 2 * u - (panel + 2 * u)
    tiers = identity.sources(f, mark)
    overflows = _wide(f, [*tiers, title, text]) + _short(f, f"{slide.field}.text", text.height - room)
    out: list = [f.page_fill(bg), *identity.place(f, mark, f.left, f.top)]
    art_w = f.inner * (1 - TITLE_COLUMN) - u
    if visual_side(f) == "left":
        art_x, title_x = f.left, f.left + art_w + u
    else:
        art_x, title_x = f.right - art_w, f.left
    out += f.place(title, title_x, row_y + (std.band - title.height) / 2, fg, bg)
    if f.job.visual is not None:
        out.append(Visual(art_x, row_y, art_w, std.band, f.job.visual, f.job.visual_aspect))
    out.append(f.band(panel, f.h + f.bleed, paper))
    out += f.place(text, f.left, panel + 2 * u, ink, paper)
    out += lockups.signature(f, std.name_column, _signature_top(f, std), std.signature, ink, paper)
    return out + lockups.mark(f), overflows


def _contacts_card(f: Frame, std: SeriesStandard, slide: Slide, job: SeriesJob) -> tuple[list, list[Overflow]]:
    """The last card: where to ask for help here, the call to action and the hotline as the campaign sets them, the
    local contacts and the logo bar on white. No QR code: on a phone screen nobody scans it; the caption carries the
    link."""
    return _composed(f, std, contacts_spec(job, slide, std.beside), slide.field, contacts=True)


CARDS = {"capa": _cover, "cartao": _text_card, "contatos": _contacts_card}


# Profile frame ----------------------------------------------------------------------------------------


def _tiers(f: Frame, job: SeriesJob) -> list[tuple[Block, tuple]]:
    """Return the frame's tiers (text and paints): the campaign's name, its first key date, the place."""
    j = f.job
    big = f._round(max(f.min_size, f.sizes["kicker"] * FRAME_NAME * f.scale))
    small = f._round(max(f.min_size, f.sizes["kicker"] * f.scale))
    width = NAME_WIDTH * (f.w - 2 * f.m)
    (name_text, line_text), (name_field, line_field) = j.mark, j.mark_fields
    named, lined = identity.paints(f)
    out = [(f.block(name_text.upper(), "kicker", name_field, width, size=big, balance=True), named)]
    if line_text:
        out.append((f.block(line_text.upper(), "kicker", line_field, width, size=small), lined))
    text, ground = j.paint("text"), j.paint("background")
    place = j.regional.channel_label if j.regional else lockups.title(f, lockups.first(j))
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


def pages(
    job: SeriesJob, std: SeriesStandard, only: str | None = None
) -> tuple[list[tuple[str, list]], list[Overflow]]:
    """Compose every page of a series piece at its standard (a carousel's body, its cover and text cards, or its
    last card only); return (page name, elements) and overflows."""
    f = Frame(job.job, std.scale)
    if job.kind == "carrossel":
        out, overflows = [], []
        last = Frame(job.job, std.last or std.scale)
        for i, slide in enumerate(job.slides, 1):
            part = "contatos" if slide.kind == "contatos" else "body"
            if only not in (None, part):
                continue
            elements, found = CARDS[slide.kind](last if part == "contatos" else f, std, slide, job)
            out.append((f"cartão {i}", elements))
            overflows += [dataclasses.replace(o, page=f"cartão {i}") for o in found]
        return out, overflows
    if job.kind == "moldura":
        elements, overflows = _frame(f, job)
        return [("frente", elements)], overflows
    main = f"evento.{job.event.index}.date" if job.event else f"data.{job.day.index if job.day else 0}"
    elements, overflows = _composed(f, std, post_spec(job, std.day), main)
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


def _at(
    jobs: list[SeriesJob], base: SeriesStandard, scale: float, only: str | None = None
) -> tuple[SeriesStandard, list[Overflow]]:
    """Return the standard at one scale (the last card's, for only='contatos') and the overflows of its most
    demanding variants."""
    if only == "contatos":
        std = dataclasses.replace(base, last=scale)
    else:
        std = dataclasses.replace(base, scale=scale)
    if jobs[0].kind == "carrossel" and only != "contatos":
        f = Frame(jobs[0].job, scale)
        std = dataclasses.replace(std, title=title_size(f, jobs[0].slides))
        std = dataclasses.replace(std, band=band_height(f, jobs[0].slides, std.title))
        std = dataclasses.replace(std, text=card_text_size(f, std, jobs[0].slides))
    found = []
    for job in _demanding(jobs):
        found += [_blame(o, job) for o in pages(job, std, only)[1]]
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
    """Return the standard of one series piece from all its variants, on the zones measured for every variant of
    the campaign (base; else for these variants): the largest scale at which all fit, on the first of the piece's
    choices (a post's largest day; the last card's title beside the visual) that keeps the texts at SCALE_GOOD or
    above, else the first that fits at all. A carousel's last card has a scale of its own."""
    base = base or measure(jobs)
    if jobs[0].kind == "carrossel":
        body = _choose(jobs, [base], "body")
        last = _choose(jobs, [dataclasses.replace(body, beside=beside) for beside in (True, False)], "contatos")
        return dataclasses.replace(last, overflows=body.overflows + last.overflows)
    if jobs[0].kind in POSTS:
        return _choose(jobs, [dataclasses.replace(base, day=share) for share in DAY_SHARES])
    return _choose(jobs, [base])


def _choose(jobs: list[SeriesJob], choices: list[SeriesStandard], only: str | None = None) -> SeriesStandard:
    """Return the first choice whose largest fitting scale is SCALE_GOOD or more, else the first that fits at all,
    else the last at the smallest scale with its overflows."""
    fallback = None
    for choice in choices:
        found = _largest(jobs, choice, only)
        if found is not None and found[1] >= SCALE_GOOD:
            return found[0]
        fallback = fallback or found
    if fallback is not None:
        return fallback[0]
    std, overflows = _at(jobs, choices[-1], SCALES[-1], only)
    return dataclasses.replace(std, overflows=tuple(overflows))


def _largest(
    jobs: list[SeriesJob], base: SeriesStandard, only: str | None = None
) -> tuple[SeriesStandard, float] | None:
    """Return the standard at the largest scale at which every variant fits, and that scale; or None."""
    lo, hi, best = 0, len(SCALES) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        std, found = _at(jobs, base, SCALES[mid], only)
        if found:
            lo = mid + 1
        else:
            best, hi = (std, SCALES[mid]), mid - 1
    return best


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
