"""The grid of one format: margins, platform zones, the spacing unit and the type scale, in format units."""

from __future__ import annotations

import math
from dataclasses import replace

from cimpskit.core import fonts
from cimpskit.core.scene import Paint, Rect, Text
from cimpskit.layout.text import Block, ink, protect, wrap
from cimpskit.plan.jobs import Job

PT_MM = 25.4 / 72
LEGIBLE_AT = 300
"""Capitals read at up to 300 times their height: 16,7 mm at 5 m (the check proves it in legibility.py)."""
SCREEN_DISPLAY_WIDTH = 400
"""Screen art is seen about 400 px wide on a phone: sizes as read are scaled to that for the WCAG large-text rule."""
SMALL = {"screen": 0.027, "print": 0.017}
"""Small text (contacts, signatures, URL) as a share of the format's base dimension, never below its minimum."""
TYPE_SCALE = {"kicker": 0.034, "headline": 0.085, "key": 0.040, "body": 0.041, "cta": 0.050, "hero": 0.110}
"""Campaign type sizes as shares of the base dimension at scale 1; one scale per campaign × format."""
SCALES = tuple(round(1.1 - i * 0.025, 3) for i in range(23))
"""Type scales tried, largest first (1.1 down to 0.55)."""
HEADLINE_MAX_LINES = 3
LANDSCAPE_HERO = 1.6
"""On a landscape piece (a link preview, seen small) the hotline is this much larger than the headline."""
ZONE_AIR = 0.5
MARK_ROOM = 2.4
"""Under a platform's top band, text starts this many small-text sizes lower: room for the PRÉVIA band."""
"""Text keeps this share of the safe margin away from a band a platform covers (never flush with the crop)."""
BRAND_ROLES = {
    "kicker": "highlight",
    "key": "highlight",
    "cta": "highlight",
    "label": "highlight",
    "hero": "headline",
    "title": "highlight",
}
"""Layout roles drawn in a brand type role (brand/brand.yml decides its weight and leading)."""


class Frame:
    """Geometry of one job at one type scale."""

    def __init__(self, job: Job, scale: float, boost: float = 1.0):
        fmt = job.format
        self.job, self.fmt, self.scale = job, fmt, scale
        self.boost = boost
        """How much larger than standard the back of a flyer sets its texts (when it has the room)."""
        self.w, self.h, self.m, self.bleed = fmt.width, fmt.height, fmt.safe_margin, fmt.bleed
        zone = fmt.platform_zone
        self.left = self._inset(zone.left if zone else 0)
        self.right = fmt.width - self._inset(zone.right if zone else 0)
        self.top = self._inset(zone.top if zone else 0)
        self.bottom = fmt.height - self._inset(zone.bottom if zone else 0)
        self.inner = self.right - self.left
        sides = zone is not None and not zone.covers_signature
        self.sig_left = self.m if sides else self.left
        self.sig_right = fmt.width - self.m if sides else self.right
        """The logo bar's edges: the safe margin where the platform's side crop leaves signatures out."""
        self.base = fmt.height if fmt.landscape else min(fmt.width, fmt.height * 0.9)
        self.min_size = fmt.min_text * PT_MM if fmt.medium == "print" else fmt.min_text
        self.small = self._round(max(self.min_size, SMALL[fmt.medium] * self.base))
        self.unit = self.small * 1.25
        """The spacing unit (one line of small text): gaps are 1, 2 or 4 of it."""
        self.sizes = {role: self._round(max(self.min_size, k * self.base * scale)) for role, k in TYPE_SCALE.items()}
        self.sizes["kicker"] = self._round(max(self.min_size, TYPE_SCALE["kicker"] * self.base))
        lead = LANDSCAPE_HERO if fmt.landscape else 1.25
        self.sizes["hero"] = max(self.sizes["hero"], self._round(self.sizes["headline"] * lead))
        self.sizes["small"] = self.sizes["label"] = self.small
        self.far = 0.0
        """The smallest size of the hero and contacts on a piece read from afar (capitals 1/300 of the distance)."""
        if fmt.reading_distance:
            cap = ink("H", job.font("headline"), 1.0)[0]
            self.far = self._round_up(fmt.reading_distance * 1000 / LEGIBLE_AT / cap)
        if zone and zone.top:
            self.top = max(self.top, zone.top + MARK_ROOM * self.small)

    def _inset(self, band: float) -> float:
        """Return how far text keeps from an edge: the safe margin, or a covered band plus some air."""
        return max(self.m, band + ZONE_AIR * self.m) if band else self.m

    def _round(self, size: float) -> float:
        """Round a type size to a step people can repeat (0.5 pt in print, 1 px on screen)."""
        if self.fmt.medium == "print":
            return round(size / PT_MM * 2) / 2 * PT_MM
        return float(round(size))

    def _round_up(self, size: float) -> float:
        """Round a type size up to the next repeatable step."""
        step = 0.5 * PT_MM if self.fmt.medium == "print" else 1.0
        return math.ceil(size / step - 1e-9) * step

    def size_pt(self, size: float) -> float:
        """Convert a size in format units to the point size a reader sees."""
        if self.fmt.medium == "print":
            return size / PT_MM
        return size * 0.75 * SCREEN_DISPLAY_WIDTH / self.fmt.width

    def block(
        self, text: str, role: str, field: str, width: float, *, size: float | None = None, balance: bool = False
    ) -> Block:
        """Wrap text for a layout role into a block no wider than width, in its brand type role's font."""
        brand_role = BRAND_ROLES.get(role, role if role in ("headline", "body") else "small")
        font, weight = self.job.font(brand_role), self.job.weight(brand_role)
        size = size or self.sizes.get(role, self.small)
        lines, too_wide = wrap(protect(text, self.job.names), font, size, width, balance)
        return Block(lines, font, weight, size, size * self.job.line_height(brand_role), field, too_wide)

    def place(self, block: Block, x: float, y: float, fg: Paint, bg: Paint, *, right: float | None = None) -> list:
        """Place a block with its top at y (left-aligned at x, or right-aligned to `right`)."""
        out: list = []
        if not block.lines:
            return out
        baseline = y + block.top
        group = f"{block.field}@{x:.3f},{y:.3f}"
        pt = self.size_pt(block.size)
        for line in block.lines:
            lx = right - fonts.width(line, block.font, block.size) if right is not None else x
            t = Text(lx, baseline, line, block.font, block.weight, block.size, fg, bg, pt, block.field, group)
            out.append(replace(t, tight=True) if block.tight else t)
            baseline += block.pitch
        return out

    def band(self, y0: float, y1: float, paint: Paint) -> Rect:
        """Return a band across the whole width, bleed included."""
        return Rect(-self.bleed, y0, self.w + 2 * self.bleed, y1 - y0, paint)

    def page_fill(self, paint: Paint) -> Rect:
        """Return a rectangle over the whole page, bleed included."""
        return Rect(-self.bleed, -self.bleed, self.w + 2 * self.bleed, self.h + 2 * self.bleed, paint)


def shift(elements: list, dx: float = 0.0, dy: float = 0.0) -> list:
    """Move elements by dx, dy."""
    out = []
    for e in elements:
        if hasattr(e, "x1"):
            out.append(replace(e, x1=e.x1 + dx, x2=e.x2 + dx, y1=e.y1 + dy, y2=e.y2 + dy))
        else:
            out.append(replace(e, x=e.x + dx, y=e.y + dy))
    return out


def stack_height(blocks: list[Block], gap: float) -> float:
    """Return the height of blocks stacked with gap between the ones that have lines."""
    present = [b for b in blocks if b.lines]
    return sum(b.height for b in present) + gap * max(0, len(present) - 1)


def stack(f: Frame, blocks: list[Block], x: float, y: float, fg: Paint, bg: Paint, gap: float) -> tuple[list, float]:
    """Place blocks one under another; return elements and the bottom edge."""
    out: list = []
    for block in blocks:
        if not block.lines:
            continue
        out += f.place(block, x, y, fg, bg)
        y += block.height + gap
    return out, (y - gap if out else y)
