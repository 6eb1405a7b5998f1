"""Compositions a campaign chooses from, and the engine that lays one out on any portrait frame.

A composition is data: rows from top to bottom, each a plain row of pieces, an accent band of pieces, or the split
row, where the key visual stands at one edge of the page, grounded on what follows it, and a column of pieces
stands beside it. The engine sizes the visual between VISUAL_MIN and the composition's target share of the page
and gives the rest of the height to the rows, with the spare room around the headline.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from cimpskit.core.scene import Overflow, Reserved, Visual
from cimpskit.layout import overflow, pieces
from cimpskit.layout.frame import Frame
from cimpskit.layout.pieces import Item
from cimpskit.layout.text import Block

VISUAL_MIN = 0.25
"""The key visual takes at least this share of the page (the drawing itself, not its box)."""
VISUAL_MAX = 0.45
"""... and at most this share: beyond it, the room goes around the headline."""
COLUMN_MIN = 0.3
"""The column beside the visual is at least this share of the text width."""
ROW_GAP = 1.0
"""Space between rows at least, in spacing units (the spare height widens these gaps)."""
STICKER = 0.07
"""The story keeps this share of its height empty above the signatures for a link sticker."""


Piece = str | Callable[[Frame, float], Item | None]
"""A piece of a row: a campaign piece by its name (layout.pieces), or a builder of the caller's own (the series' day,
countdown or carousel card), laid out for a width like the campaign's."""


@dataclass(frozen=True)
class Row:
    """Pieces stacked across the full text width, on the field (or on an accent band)."""

    pieces: tuple[Piece, ...]
    band: bool = False


@dataclass(frozen=True)
class Split:
    """The key visual at one edge of the page, with a column of pieces beside it."""

    side: str
    """'left' or 'right': the edge the visual stands on (it reaches that edge, and the bleed in print)."""
    column: tuple[Piece, ...]
    target: float
    """The share of the page the visual grows to when there is room."""
    align: str = "bottom"
    """Where the column's pieces sit beside the visual: 'top' or 'bottom'."""
    to_top: bool = False
    """The visual may rise to the page's top edge (a first row on a short page: the landscape's link preview)."""


@dataclass(frozen=True)
class Composition:
    """One way to compose a campaign's pieces."""

    label: str
    """What it puts first, in the editors' words."""
    rows: tuple[Row | Split, ...]


COMPOSITIONS = {
    "visual": Composition(
        "a ilustração em destaque, com a marca e a frase-chave ao lado",
        (
            Split("right", ("mark", "key_line"), 0.40, "top"),
            Row(("headline", "body")),
            Row(("cta", "hotline", "note"), band=True),
        ),
    ),
    "number": Composition(
        "o número do canal em destaque, ao lado da ilustração",
        (
            Row(("mark",)),
            Row(("headline", "key_line", "body")),
            Split("right", ("cta", "number", "note"), 0.28),
        ),
    ),
    "statement": Composition(
        "o título em destaque, com a frase-chave num bloco",
        (
            Row(("mark",)),
            Row(("headline_xl", "key_box", "body")),
            Split("left", ("cta", "number", "note"), 0.30),
        ),
    ),
    "fact": Composition(
        "a frase-chave em destaque (a regra, para quem é), num bloco ao lado da ilustração",
        (
            Split("left", ("mark", "key_fact"), 0.30, "top"),
            Row(("headline", "body")),
            Row(("cta", "hotline", "note"), band=True),
        ),
    ),
}
"""The compositions by the name a campaign file gives (campaign.composition)."""

LANDSCAPE = Composition(
    "a imagem horizontal (prévia de link): a ilustração à esquerda, o texto ao lado",
    (Split("left", ("mark", "headline", "key_line", "hero_box"), 0.40, "top", to_top=True),),
)
"""Every campaign's landscape piece: seen small as a link preview, it is composed the same way for all."""


@dataclass(frozen=True)
class Placed:
    """A row's elements and height once its width (and, for the split, its visual) is decided."""

    height: float
    draw: object
    items: tuple[Item, ...]


def _items(f: Frame, names: tuple[Piece, ...], width: float, band: bool = False) -> list[Item]:
    """Lay out the pieces of a row or column that the format shows, on the band's colours or the field's."""
    job = f.job
    f.ground = (job.paint("accent_text"), job.paint("accent")) if band else (job.paint("text"), job.paint("background"))
    try:
        built = (pieces.build(f, name, width) if isinstance(name, str) else name(f, width) for name in names)
        return [item for item in built if item is not None]
    finally:
        f.ground = None


def _height(f: Frame, items: list[Item]) -> float:
    """Return the height of pieces stacked one unit apart."""
    return sum(i.height for i in items) + f.unit * max(0, len(items) - 1)


def _draw_items(f: Frame, items: list[Item], x: float, y: float, on_band: bool) -> list:
    """Draw pieces stacked one unit apart, in the field's or the band's colours."""
    job, out = f.job, []
    fg, bg = (
        (job.paint("accent_text"), job.paint("accent")) if on_band else (job.paint("text"), job.paint("background"))
    )
    for item in items:
        out += item.draw(x, y, fg, bg)
        y += item.height + f.unit
    return out


def visual_shown(f: Frame) -> bool:
    """Tell whether the piece draws the key visual."""
    return "visual" in f.fmt.blocks and f.job.visual is not None


def _edge(f: Frame) -> float:
    """Return how far past the trim the visual reaches at its edge (into the bleed in print)."""
    return f.bleed if f.fmt.medium == "print" else 0.0


def seen_area(f: Frame) -> float:
    """Return the area of the page people see: the trim, less the bands a platform covers from edge to edge
    (a story's top bar and reply box; a side crop of a thumbnail does not count)."""
    zone = f.fmt.platform_zone
    covered = (zone.top + zone.bottom) if zone else 0.0
    return f.w * (f.h - covered)


def _height_for(f: Frame, share: float) -> float:
    """Return the visual's height whose drawing covers share of the page seen (inside the trim)."""
    a, e = f.job.visual_aspect, _edge(f)
    # a·h² − e·h − share·A = 0
    return (e + math.sqrt(e * e + 4 * a * share * seen_area(f))) / (2 * a)


@dataclass(frozen=True)
class SplitLayout:
    """The split row decided: visual height, column x and width, the column's pieces and their height."""

    visual_h: float
    column_x: float
    column_w: float
    items: tuple[Item, ...]
    column_h: float

    @property
    def too_wide(self) -> float:
        """Return how far the column's widest unbreakable word overflows it."""
        return max((b.too_wide for item in self.items for b in item.blocks), default=0.0)


def _split_at(f: Frame, split: Split, visual_h: float) -> SplitLayout:
    """Lay out the split row's column for a visual of a given height."""
    vw = visual_h * f.job.visual_aspect - _edge(f)
    if split.side == "right":
        x0, x1 = f.left, min(f.right, f.w - vw - f.unit)
    else:
        x0, x1 = max(f.left, vw + f.unit), f.right
    items = _items(f, split.column, x1 - x0)
    return SplitLayout(visual_h, x0, x1 - x0, tuple(items), _height(f, items))


def _choose_split(
    f: Frame, split: Split, room: float, grounded: bool, rise: float, least: float
) -> tuple[SplitLayout, float]:
    """Choose the largest visual, from the target share down to `least`, whose column fits the room (the visual
    may rise `rise` higher); return it and the height it lacks (0 when it fits)."""
    pad = f.unit if grounded else 0.0
    low = _height_for(f, max(VISUAL_MIN, least))
    high = max(low, min(_height_for(f, min(split.target, VISUAL_MAX)), room + rise))
    widest = (f.inner * (1 - COLUMN_MIN) + f.m - f.unit + _edge(f)) / f.job.visual_aspect
    high = min(high, widest)
    best: SplitLayout | None = None
    lack = math.inf
    steps = max(0, math.floor((high - low) / (f.unit / 2)))
    heights = [high - k * f.unit / 2 for k in range(steps + 1)] + [low]
    if rise:
        # Rising into the top margin, the visual goes all the way to the edge (never stops in the margin).
        flush, margin = room + rise, room + max(0.0, top_room(f, room, rise))
        heights = ([flush] if low <= flush <= high + 1e-9 else []) + [h for h in heights if h <= margin] or [low]
    for h in heights:
        trial = _split_at(f, split, h)
        need = max(h - rise, trial.column_h + pad) - room
        if need <= 1e-9 and trial.too_wide <= 0:
            return trial, 0.0
        need = max(need, trial.too_wide)
        if need < lack or best is None:
            best, lack = trial, need
    assert best is not None, "heights always holds the least height"
    return best, lack


def top_room(f: Frame, room: float, rise: float) -> float:
    """Return how far a rising visual may go above its row and still stay inside the top safe margin."""
    return rise - (f.m + _edge(f))


def _blocks(items: list[Item]) -> list[Block]:
    """Return the text blocks of items, in order."""
    return [b for item in items for b in item.blocks]


def sticker_room(f: Frame) -> float:
    """Return the height kept for a link sticker (story), 0 when the format keeps none."""
    return STICKER * f.h if "sticker" in f.fmt.blocks else 0.0


def compose(
    f: Frame,
    top: float,
    bottom: float,
    spec: Composition | None = None,
    ceiling: float | None = None,
    least: float = VISUAL_MIN,
) -> tuple[list, list[Overflow]]:
    """Lay out the job's composition (or spec) on the field between top and bottom (the panel's top); return the
    elements (bands, visual, texts, in reading order) and the overflows of the campaign's texts. A split row that
    may rise to the top lets its visual rise to `ceiling` (the page's edge by default); the visual covers at least
    `least` of the page."""
    spec = spec or COMPOSITIONS[f.job.composition]
    u, gap = f.unit, ROW_GAP * f.unit
    sticker = sticker_room(f)
    bottom -= sticker
    rows = list(spec.rows)
    if not visual_shown(f):
        rows = [Row(r.column) if isinstance(r, Split) else r for r in rows]
    laid: list[tuple[Row | Split, list[Item] | None]] = []
    for row in rows:
        items = None if isinstance(row, Split) else _items(f, row.pieces, f.inner, row.band)
        if items == []:
            continue
        laid.append((row, items))
    # Heights of the plain rows and bands; the split row takes what is left.
    heights, grounds = [], []
    for i, (row, items) in enumerate(laid):
        last = i == len(laid) - 1
        nxt = laid[i + 1][0] if not last else None
        grounded = last or (isinstance(nxt, Row) and nxt.band)
        grounds.append(grounded)
        if isinstance(row, Row) and items is not None:
            heights.append(_height(f, items) + (2 * u if row.band else 0.0))
        else:
            heights.append(0.0)
    gaps = [0.0 if _touch(laid, i) else gap for i in range(len(laid) - 1)]
    fixed = sum(heights) + sum(gaps)
    room = bottom - top - fixed
    overflows: list[Overflow] = []
    everything = [item for _, items in laid if items for item in items]
    split_layout, lacked = None, False
    for i, (row, _) in enumerate(laid):
        if isinstance(row, Split):
            rise = top - (-_edge(f) if ceiling is None else ceiling) if row.to_top and i == 0 else 0.0
            split_layout, lack = _choose_split(f, row, room, grounds[i], rise, min(least, row.target))
            everything += list(split_layout.items)
            pad = f.unit if grounds[i] else 0.0
            heights[i] = max(split_layout.visual_h - rise, split_layout.column_h + pad)
            if lack > 0:
                lacked = True
                overflows += overflow.deficit(f, _blocks(everything), lack, "frente")
    overflows = overflow.text_overflows(f, _blocks(everything), "frente") + overflows
    spare = bottom - top - sum(heights) - sum(gaps)
    if spare < -1e-9 and not lacked:
        overflows += overflow.deficit(f, _blocks(everything), -spare, "frente")
    spare = max(0.0, spare)
    gaps = _air(laid, gaps, spare)
    return _draw(f, laid, heights, gaps, grounds, split_layout, top, bottom, sticker), overflows


def _touch(laid: list, i: int) -> bool:
    """Tell whether row i and the next meet without a gap (a split row grounded on a band)."""
    row, nxt = laid[i][0], laid[i + 1][0]
    return isinstance(row, Split) and isinstance(nxt, Row) and nxt.band


def _air(laid: list, gaps: list[float], spare: float) -> list[float]:
    """Share the spare height between the open gaps (around the headline), or above everything without one."""
    open_gaps = [i for i, g in enumerate(gaps) if g > 0]
    if not open_gaps:
        return gaps
    share = spare / len(open_gaps)
    return [g + share if i in open_gaps else g for i, g in enumerate(gaps)]


def _draw(f: Frame, laid, heights, gaps, grounds, split_layout, top, bottom, sticker) -> list:
    """Draw the rows top to bottom: bands first under their texts, the visual grounded on what follows it."""
    job, u = f.job, f.unit
    out: list = []
    y = top
    if not any(g > 0 for g in gaps) and laid:
        y += max(0.0, bottom - top - sum(heights) - sum(gaps))
    for i, (row, items) in enumerate(laid):
        h = heights[i]
        if isinstance(row, Split):
            out += _draw_split(f, row, split_layout, y, h, grounds[i])
        elif row.band:
            band_bottom = bottom if i == len(laid) - 1 and not sticker else y + h
            out.append(f.band(y, band_bottom, job.paint("accent")))
            out += _draw_items(f, items, f.left, y + u, True)
        else:
            out += _draw_items(f, items, f.left, y, False)
        y += h + (gaps[i] if i < len(gaps) else 0.0)
    if sticker:
        out.append(Reserved(f.left, bottom + u / 2, f.inner, sticker - u / 2))
    return out


def _draw_split(f: Frame, split: Split, s: SplitLayout, y: float, h: float, grounded: bool) -> list:
    """Draw the visual at its edge, its bottom on the row's bottom, and the column beside it."""
    job = f.job
    vw = s.visual_h * job.visual_aspect
    e = _edge(f)
    x = f.w + e - vw if split.side == "right" else -e
    out: list = [Visual(x, y + h - s.visual_h, vw, s.visual_h, job.visual or "", job.visual_aspect)]
    pad = f.unit if grounded else 0.0
    cy = y if split.align == "top" else y + h - pad - s.column_h
    return out + _draw_items(f, list(s.items), s.column_x, cy, False)
