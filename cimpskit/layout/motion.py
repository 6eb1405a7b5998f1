"""The animation of a still piece, computed once as data: which elements enter when, in reading order."""

from __future__ import annotations

from dataclasses import dataclass

from cimpskit.core import fonts
from cimpskit.core.scene import QR, Image, Line, Page, Rect, Scene, Text, Visual

FPS = 30
"""Frames per second: what Instagram and WhatsApp play natively."""
POSES = 15
"""Distinct poses per second while elements enter (each shown for two frames): a fade and a short rise read as
smooth at this rate, and every pose costs a frame conversion and encoding."""
LEAD_IN = 0.3
"""Seconds of the colour fields alone before the first element enters."""
ENTER = 0.5
"""Seconds an element takes to fade in and rise into place."""
STEP = 0.3
"""Seconds between two elements starting to enter (the next starts before the last has settled)."""
HOLD = 4.0
"""Seconds the finished still piece stays on screen at the end (the issue asks for at least 3)."""
SHORTEST, LONGEST = 6.0, 15.0
"""A video lasts between 6 and 15 seconds."""
RISE = 0.02
"""An element rises into place from this share of the page height below."""
ROW = 0.5
"""Two elements are on one row, and enter together, when they overlap by this share of the shorter one's height."""


@dataclass(frozen=True)
class Entry:
    """Elements that enter together (one block of text, the key visual, a logo), and when."""

    start: float
    """Seconds from the start of the video."""
    duration: float
    elements: tuple[int, ...]
    """Indexes into the page's elements."""
    box: tuple[float, float, float, float]
    """The elements' bounding box (x0, y0, x1, y1), in the scene's units."""
    rise: float
    """How far below its place the entry starts, in the scene's units."""


@dataclass(frozen=True)
class Timeline:
    """A video's plan: the elements drawn from the first frame, the entries, the length and the final still."""

    fps: int
    poses: int
    """Distinct poses per second while elements move (a divisor of fps)."""
    duration: float
    still: float
    """From this second on, every frame is the still piece."""
    base: tuple[int, ...]
    """Indexes of the elements present from the first frame: colour fields, bands, the PRÉVIA mark."""
    entries: tuple[Entry, ...]

    @property
    def frames(self) -> int:
        """Return the number of frames."""
        return round(self.duration * self.fps)

    def progress(self, frame: int) -> tuple[float, ...]:
        """Return how far each entry has come at a frame, from 0 (not there yet) to 1 (in place), eased out."""
        hold = self.fps // self.poses
        t = (frame // hold * hold) / self.fps
        return tuple(_ease(min(1.0, max(0.0, (t - e.start) / e.duration))) for e in self.entries)


def _ease(p: float) -> float:
    """Ease out (cubic): fast at first, settling softly."""
    return 1 - (1 - p) ** 3


def _box(e) -> tuple[float, float, float, float]:
    """Return an element's bounding box in scene units (a text line from its ascender to its descender)."""
    if isinstance(e, Text):
        width = fonts.width(e.text, e.font, e.size)
        return e.x, e.y - fonts.ascent(e.font, e.size), e.x + width, e.y + fonts.descent(e.font, e.size)
    if isinstance(e, Line):
        return min(e.x1, e.x2), min(e.y1, e.y2), max(e.x1, e.x2), max(e.y1, e.y2)
    if isinstance(e, QR):
        return e.x, e.y, e.x + e.size, e.y + e.size
    if isinstance(e, Visual):
        w = min(e.w, e.h * e.aspect)
        x0, y0 = e.x + (e.w - w) / 2, e.y + (e.h - w / e.aspect) / 2
        return x0, y0, x0 + w, y0 + w / e.aspect  # the drawing, contained in its box
    return e.x, e.y, e.x + e.w, e.y + e.h


def _content(e) -> bool:
    """Tell whether an element enters (content) rather than being there from the start (a field or a mark)."""
    if isinstance(e, Text):
        return not e.overlay
    if isinstance(e, Rect):
        return bool(getattr(e, "field", ""))
    return isinstance(e, Image | Visual | QR | Line)


def _touch(a: tuple, b: tuple) -> bool:
    """Tell whether two boxes overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _union(a: tuple, b: tuple) -> tuple[float, float, float, float]:
    """Return the box around two boxes."""
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def _groups(page: Page) -> list[tuple[list[int], tuple]]:
    """Group content elements: the lines of one block together, and anything drawn on top of another (a mark's
    text on its tier)."""
    keyed: dict[str, tuple[list[int], tuple]] = {}
    for i, e in enumerate(page.elements):
        if not _content(e):
            continue
        key = e.group if isinstance(e, Text) and e.group else f"#{i}"
        members, box = keyed.get(key, ([], _box(e)))
        keyed[key] = ([*members, i], _union(box, _box(e)))
    groups = list(keyed.values())
    merged: list[tuple[list[int], tuple]] = []
    for members, box in groups:
        for k, (other, obox) in enumerate(merged):
            if _touch(box, obox):
                merged[k] = (sorted(other + members), _union(box, obox))
                break
        else:
            merged.append((members, box))
    return merged


def _same_row(a: tuple, b: tuple) -> bool:
    """Tell whether two boxes sit on one row: they overlap by ROW of the shorter one's height."""
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap > ROW * min(a[3] - a[1], b[3] - b[1])


def _rows(groups: list[tuple[list[int], tuple]], page: Page) -> list[tuple[list[int], tuple]]:
    """Join the groups of one row (a signature's two columns and divider, a contact's label and phone) and return
    the rows top to bottom: each row enters at once. The key visual is a row of its own: the column beside it
    enters block by block."""
    rows: list[tuple[list[int], tuple]] = []
    art = {i for i, e in enumerate(page.elements) if isinstance(e, Visual)}
    for members, box in sorted(groups, key=lambda g: (g[1][1], g[1][0])):
        for k, (other, obox) in enumerate(rows):
            if art & {*members, *other}:
                continue
            if _same_row(box, obox):
                rows[k] = (sorted(other + members), _union(box, obox))
                break
        else:
            rows.append((members, box))
    return sorted(rows, key=lambda r: (r[1][1], r[1][0]))


def timeline(scene: Scene) -> Timeline:
    """Plan the animation of a scene's first page: its fields first, then each block in reading order."""
    page = scene.pages[0]
    groups = _rows(_groups(page), page)
    entering = {i for members, _ in groups for i in members}
    base = tuple(i for i in range(len(page.elements)) if i not in entering)
    step = STEP if groups else 0.0
    if groups and LEAD_IN + STEP * (len(groups) - 1) + ENTER + HOLD > LONGEST:
        step = (LONGEST - HOLD - LEAD_IN - ENTER) / max(1, len(groups) - 1)
    rise = RISE * scene.height
    entries = tuple(
        Entry(LEAD_IN + k * step, ENTER, tuple(members), box, rise) for k, (members, box) in enumerate(groups)
    )
    still = max((e.start + e.duration for e in entries), default=0.0)
    duration = min(LONGEST, max(SHORTEST, still + HOLD))
    return Timeline(FPS, POSES, duration, still, base, entries)
