"""The campaign mark: the campaign's name and its date or slogan as a two-tier lockup, placed on any frame."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from cimpskit.core.scene import MARK_FIELD, Paint, Rect
from cimpskit.layout.frame import Frame
from cimpskit.layout.text import Block

PAD_X = 0.4
"""Room left and right of a tier's text, in ems."""
PAD_Y = 0.16
"""Room above and below a tier's text box, in ems (the font's ascent already leaves room over the capitals)."""
FIELD = MARK_FIELD
"""The field of the mark's texts and tiers (the campaign file's `mark`)."""
NO_BREAK = 1e9


@dataclass(frozen=True)
class Mark:
    """A campaign mark laid out at one size: the name tier, the line tier (if any), side by side or stacked."""

    name: Block
    line: Block | None
    stacked: bool
    pad_x: float
    pad_y: float

    def tier(self, block: Block) -> tuple[float, float]:
        """Return the width and height of one tier."""
        return block.width() + 2 * self.pad_x, block.height + 2 * self.pad_y

    @property
    def width(self) -> float:
        """Return the lockup's width."""
        tiers = [self.tier(b)[0] for b in (self.name, self.line) if b is not None]
        return max(tiers) if self.stacked else sum(tiers)

    @property
    def height(self) -> float:
        """Return the lockup's height."""
        tiers = [self.tier(b)[1] for b in (self.name, self.line) if b is not None]
        return sum(tiers) if self.stacked else max(tiers)

    @property
    def too_wide(self) -> float:
        """Return how far the widest unbreakable word overflows its tier."""
        return max(b.too_wide for b in (self.name, self.line) if b is not None)


def paints(f: Frame) -> tuple[tuple[Paint, Paint], tuple[Paint, Paint]]:
    """Return (fill, ink) of the name tier and of the line tier, in the campaign's colours.

    The name is reversed out of the text colour in the field's colour; the line sits on the accent, or on the
    signature band's white when the accent is the text colour (the tiers must differ).
    """
    job = f.job
    name = (job.paint("text"), job.paint("background"))
    if job.paint("accent") != job.paint("text"):
        return name, (job.paint("accent"), job.paint("accent_text"))
    return name, (job.paint("footer"), job.paint("footer_text"))


def _at(f: Frame, size: float, limit: float, stacked: bool) -> Mark:
    """Lay out the mark's tiers at one size, each wrapped to limit."""
    name_text, line_text = f.job.mark
    pad_x, pad_y = PAD_X * size, PAD_Y * size
    name = f.block(name_text.upper(), "kicker", FIELD, limit - 2 * pad_x, size=size)
    line = f.block(line_text.upper(), "kicker", FIELD, limit - 2 * pad_x, size=size) if line_text else None
    return Mark(name, line, stacked, pad_x, pad_y)


def lockup(f: Frame, width: float) -> Mark:
    """Lay out the mark no wider than width: both tiers on one row when they fit, else stacked, else stacked at a
    smaller size (never below the format's minimum), else with its tiers wrapped."""
    size = f.sizes["kicker"]
    row = _at(f, size, NO_BREAK, False)
    if row.width <= width:
        return row
    step = 0.5 * 25.4 / 72 if f.fmt.medium == "print" else 1.0
    while True:
        stacked = _at(f, size, NO_BREAK, True)
        if stacked.width <= width:
            return stacked
        if size - step < f.min_size - 1e-9:
            return _at(f, f.sizes["kicker"], width, True)
        size = f._round(size - step)


def sources(f: Frame, mark: Mark) -> list[Block]:
    """Return the mark's tiers under the campaign fields their texts come from, for fit messages (drawn, both
    tiers are one block: FIELD)."""
    tiers = zip((mark.name, mark.line), f.job.mark_fields, strict=True)
    return [dataclasses.replace(block, field=field) for block, field in tiers if block is not None]


def place(f: Frame, mark: Mark, x: float, y: float) -> list:
    """Draw the mark with its top-left corner at x, y: each tier a filled box with its text inside."""
    out: list = []
    for block, (fill, ink) in zip((mark.name, mark.line), paints(f), strict=True):
        if block is None:
            continue
        w, h = mark.tier(block)
        out.append(Rect(x, y, w, h, fill, FIELD))
        out += f.place(block, x + mark.pad_x, y + mark.pad_y, ink, fill)
        if mark.stacked:
            y += h
        else:
            x += w
    return out
