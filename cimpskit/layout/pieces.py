"""The pieces a composition arranges: each laid out for a column width, with its height and how to draw it."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from cimpskit.core import fonts
from cimpskit.core.scene import Paint, Rect
from cimpskit.layout import identity, lockups
from cimpskit.layout.frame import Frame, stack, stack_height
from cimpskit.layout.text import Block

HERO_MAX = 0.17
"""The hotline fills its band's width, up to this share of the base dimension (at scale 1)."""
NUMBER_MAX = 0.34
"""A numeral set alone (the 100 of Disque 100, the day of a date) fills its column up to this share of the base."""
PREFIX_SHARE = 0.42
"""The word before a numeral ('Disque') is this share of the numeral's size (never below the call to action)."""
XL = 1.4
"""A statement headline starts this much larger than the standard headline, and shrinks until it fits 3 lines."""
XL_FROM = 0.7
"""Below this type scale (a crowded piece) the statement headline is set at the standard headline size."""
BOX_PAD = 0.35
"""Room inside the key line's box, in ems of its text."""
FACT = 1.1
"""The fact composition sets its key line this much larger than the call to action."""
TRAILING_NUMBER = re.compile(r"^(.*\S)\s+(\d[\d\s.-]*)$")


@dataclass(frozen=True)
class Item:
    """A piece laid out for one column width: its height, its text blocks (for fit checks) and how to draw it."""

    kind: str
    height: float
    blocks: tuple[Block, ...]
    draw: Callable[[float, float, Paint, Paint], list] = field(compare=False, repr=False)
    """Draw the piece with its top-left corner at x, y, in ink fg on ground bg."""


def _fill(f: Frame, text: str, font: str, width: float, cap: float) -> float:
    """Return the largest repeatable type size at which text fills width, at most cap."""
    size = min(cap, width / max(fonts.width(text, font, 1.0), 1e-9))
    rounded = f._round(size)
    while rounded > size + 1e-9 and rounded > f.min_size:
        rounded = f._round(rounded - (0.5 * 25.4 / 72 if f.fmt.medium == "print" else 1.0))
    return max(f.min_size, rounded)


def text_item(f: Frame, kind: str, blocks: list[Block], gap: float, *, joined: bool = False) -> Item:
    """Return an item that stacks text blocks (joined: drawn as one block, read as one phrase: 'Disque 100')."""
    present = tuple(b for b in blocks if b.lines)

    def draw(x: float, y: float, fg: Paint, bg: Paint) -> list:
        out = stack(f, list(present), x, y, fg, bg, gap)[0]
        if joined and out:
            out = [dataclasses.replace(t, group=out[0].group) for t in out]
        return out

    return Item(kind, stack_height(list(present), gap), present, draw)


def mark(f: Frame, width: float) -> Item:
    """Return the campaign mark (it draws in its own colours)."""
    lockup = identity.lockup(f, width)
    blocks = tuple(identity.sources(f, lockup))
    return Item("mark", lockup.height, blocks, lambda x, y, fg, bg: identity.place(f, lockup, x, y))


def headline(f: Frame, width: float) -> Item:
    """Return the headline at the standard's headline size, its lines balanced."""
    block = f.block(f.job.headline, "headline", "texts.headline", width, balance=True)
    return text_item(f, "headline", [block], 0.0)


def headline_xl(f: Frame, width: float) -> Item:
    """Return the headline as the statement of the piece: as large as fits three lines, up to XL times the standard."""
    base = f.sizes["headline"]
    size = f._round(base * (XL if f.scale >= XL_FROM else 1.0))
    while True:
        block = f.block(f.job.headline, "headline", "texts.headline", width, size=size, balance=True)
        if size <= base or (len(block.lines) <= 3 and block.too_wide <= 0):
            break
        size = max(base, f._round(size * 0.95))
    return text_item(f, "headline", [block], 0.0)


def key_line(f: Frame, width: float) -> Item | None:
    """Return the campaign's key fact (who it is for, the rule, the date), in bold."""
    if not f.job.key_line:
        return None
    block = f.block(f.job.key_line, "key", "texts.key_line", width, balance=True)
    return text_item(f, "key_line", [block], 0.0)


def key_box(f: Frame, width: float, size: float | None = None) -> Item | None:
    """Return the key fact set in a box of the accent colour (white when the accent is the text colour)."""
    if not f.job.key_line:
        return None
    size = f._round(size or f.sizes["key"])
    pad = BOX_PAD * size
    block = f.block(f.job.key_line, "key", "texts.key_line", width - 2 * pad, size=size, balance=True)
    job = f.job
    fill, ink = job.paint("accent"), job.paint("accent_text")
    if fill == job.paint("text") or fill == job.paint("background"):
        fill, ink = job.paint("footer"), job.paint("footer_text")

    def draw(x: float, y: float, fg: Paint, bg: Paint) -> list:
        box = Rect(x, y, block.width() + 2 * pad, block.height + 2 * pad, fill, "texts.key_line")
        return [box, *f.place(block, x + pad, y + pad, ink, fill)]

    return Item("key_line", block.height + 2 * pad, (block,), draw)


def body(f: Frame, width: float) -> Item | None:
    """Return the body text (print pieces)."""
    if "body" not in f.fmt.blocks:
        return None
    return text_item(f, "body", [f.block(f.job.body, "body", "texts.body", width)], 0.0)


def cta(f: Frame, width: float) -> Item:
    """Return the call to action: under a hotline at its own size; without one it leads, at the headline's size."""
    job = f.job
    if job.hotline is None:
        size = max(f.sizes["headline"], f.far)
        block = f.block(job.call_to_action, "hero", "texts.call_to_action", width, size=size, balance=True)
    else:
        size = max(f.sizes["cta"], f.far)
        block = f.block(job.call_to_action, "cta", "texts.call_to_action", width, size=size, balance=True)
    return text_item(f, "cta", [block], 0.0)


def hero_cap(f: Frame, share: float) -> float:
    """Return the largest size a filling hero may take at this scale."""
    return max(f.sizes["hero"], share * f.base * f.scale)


def hotline(f: Frame, width: float) -> Item | None:
    """Return the hotline as large as its column allows (never below the standard hero size it had)."""
    job = f.job
    if job.hotline is None:
        return None
    font = job.font("headline")
    size = max(f.far, _fill(f, job.hotline.name, font, width, hero_cap(f, HERO_MAX)))
    block = f.block(job.hotline.name, "hero", "hotline", width, size=size)
    return text_item(f, "hotline", [block], 0.0)


def split_number(name: str, number: str) -> tuple[str, str] | None:
    """Split 'Disque 100' into ('Disque', '100') when the name ends with the number."""
    found = TRAILING_NUMBER.match(name)
    if found and found.group(2).replace(" ", "") == number.replace(" ", ""):
        return found.group(1), found.group(2)
    return None


def number(f: Frame, width: float) -> Item | None:
    """Return the hotline as a word over a numeral that fills the column ('Disque' / '100')."""
    job = f.job
    if job.hotline is None:
        return None
    parts = split_number(job.hotline.name, job.hotline.number)
    if parts is None:
        return hotline(f, width)
    word, digits = parts
    font = job.font("headline")
    size = _fill(f, digits, font, width, hero_cap(f, NUMBER_MAX))
    prefix = max(f.sizes["cta"], f.far, min(f._round(size * PREFIX_SHARE), _fill(f, word, font, width, size)))
    numeral = dataclasses.replace(f.block(digits, "hero", "hotline", width, size=size), tight=True)
    blocks = [f.block(word, "hero", "hotline", width, size=prefix), numeral]
    return text_item(f, "number", blocks, lockups.hero_gap(f), joined=True)


def note(f: Frame, width: float) -> Item | None:
    """Return the hotline's note (free, anonymous, 24 hours)."""
    job = f.job
    if job.hotline is None or not job.hotline.note:
        return None
    size = max(f.small, f.sizes["body"] * 0.85, lockups.NOTE_MIN_PT * 25.4 / 72 if f.fmt.medium == "print" else 0.0)
    size = max(f._round(size), f.far)
    return text_item(f, "note", [f.block(job.hotline.note, "small", "hotline.note", width, size=size)], 0.0)


def key_fact(f: Frame, width: float) -> Item | None:
    """Return the key fact as the lead of the piece: in its box, as large as the call to action."""
    return key_box(f, width, f.sizes["cta"] * FACT)


def hero_box(f: Frame, width: float) -> Item | None:
    """Return the call to action and the hotline in a box of the accent colour (the landscape's hero)."""
    pad = f.unit
    inner = width - 2 * pad
    parts = [i for i in (cta(f, inner), hotline(f, inner)) if i is not None]
    blocks = tuple(b for i in parts for b in i.blocks)
    height = sum(i.height for i in parts) + lockups.hero_gap(f) * (len(parts) - 1) + 2 * pad
    job = f.job
    fill, ink = job.paint("accent"), job.paint("accent_text")

    def draw(x: float, y: float, fg: Paint, bg: Paint) -> list:
        out: list = [Rect(x, y, width, height, fill, "hero")]
        cy = y + pad
        for item in parts:
            out += item.draw(x + pad, cy, ink, fill)
            cy += item.height + lockups.hero_gap(f)
        return out

    return Item("hero_box", height, blocks, draw)


BUILDERS: dict[str, Callable[[Frame, float], Item | None]] = {
    "mark": mark,
    "headline": headline,
    "headline_xl": headline_xl,
    "key_line": key_line,
    "key_box": key_box,
    "body": body,
    "cta": cta,
    "hotline": hotline,
    "number": number,
    "note": note,
    "key_fact": key_fact,
    "hero_box": hero_box,
}
"""Pieces by the name compositions use."""

BLOCK_OF = {
    "mark": "kicker",
    "headline": "headline",
    "headline_xl": "headline",
    "key_line": "key_line",
    "key_box": "key_line",
    "body": "body",
    "cta": "hero",
    "hotline": "hero",
    "number": "hero",
    "note": "note",
    "key_fact": "key_line",
    "hero_box": "hero",
}
"""The format block (brand/formats.yml) that shows each piece."""


def build(f: Frame, kind: str, width: float) -> Item | None:
    """Lay out one piece for a width, or None when the format does not show it or the campaign has nothing for it."""
    if BLOCK_OF[kind] not in f.fmt.blocks:
        return None
    return BUILDERS[kind](f, width)
