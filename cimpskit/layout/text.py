"""Line breaking decided, not accidental: names kept whole, short words tied forward, balanced lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cimpskit.core import fonts
from cimpskit.core.scene import LIST_SEPARATOR

NBSP = "\u00a0"
SENTENCE_BONUS = 0.35
"""How much a line ending where a sentence ends is preferred (as a share of a line's squared slack)."""
LAST_SLACK = 0.8
"""Balanced lines: the last line's slack counts a little less, so that of two even breaks the longer line leads."""
TOLERANCE = 1e-9
"""A line may be this share of the type size wider than its measure (float rounding only)."""
# Short Portuguese words that should not end a line: they travel with the next word.
TIE_FORWARD = frozenset(
    "a à ao as às e é o os ou da das de do dos em na nas no nos num numa um uma por se sem com que".split()
)
# Digits stay with their unit ("24 horas") and with the word before them ("Disque 100", "ligue 180"), unless that
# word ends a phrase ("anônima, 24 horas" may break after the comma).
NUMBER_UNIT = re.compile(r"(\d[\d\-.,)]*) (\S+)")
NUMBER_AFTER_WORD = re.compile(r"(\S*[^\s,.;:!?]) (\d[\d\-.,]*)")
PHONE = re.compile(r"\(\d{2}\)\s?\d{4,5}-?\d{4}|\b\d{4,5}-\d{4}\b|\b0800[\s\d-]+\d\b")


@dataclass(frozen=True)
class Block:
    """Wrapped lines of one text field at one size, ready to place."""

    lines: tuple[str, ...]
    font: str
    weight: str
    size: float
    pitch: float
    field: str
    too_wide: float = 0.0
    tight: bool = False
    """Measured on its ink, not the font's ascent and descent (a large numeral: no accents, no descenders)."""

    @property
    def top(self) -> float:
        """Return how far the first baseline lies below the block's top."""
        return ink(self.lines[0], self.font, self.size)[0] if self.tight else fonts.ascent(self.font, self.size)

    @property
    def height(self) -> float:
        """Return the block's height from the first ascender (or ink) to the last descender (or ink)."""
        if not self.lines:
            return 0.0
        below = ink(self.lines[-1], self.font, self.size)[1] if self.tight else fonts.descent(self.font, self.size)
        return self.top + below + self.pitch * (len(self.lines) - 1)

    def width(self) -> float:
        """Return the width of the widest line."""
        return max((fonts.width(line, self.font, self.size) for line in self.lines), default=0.0)


INK_REFERENCE = 1000.0


@lru_cache(maxsize=4096)
def _ink(text: str, font: str) -> tuple[float, float]:
    """Return how far a line's ink reaches above and below its baseline, per unit of type size."""
    left, top, right, bottom = fonts.pil_font(font, INK_REFERENCE).getbbox(text, anchor="ls")
    return -top / INK_REFERENCE, max(0.0, bottom) / INK_REFERENCE


def ink(text: str, font: str, size: float) -> tuple[float, float]:
    """Return how far a line's ink reaches above and below its baseline at size."""
    above, below = _ink(text, font)
    return above * size, below * size


@lru_cache(maxsize=1024)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern | None:
    """Compile one pattern matching any multi-word name, longest first."""
    multi = sorted((n for n in names if " " in n), key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in multi), re.IGNORECASE) if multi else None


@lru_cache(maxsize=16384)
def protect(text: str, names: tuple[str, ...] = ()) -> str:
    """Tie what must not be broken: proper names, phone numbers, numbers with their words, short words forward."""
    pattern = _names_pattern(names)
    if pattern is not None:
        text = pattern.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    text = PHONE.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    text = NUMBER_UNIT.sub(lambda m: m.group(0).replace(" ", NBSP, 1), text)
    text = NUMBER_AFTER_WORD.sub(lambda m: m.group(0).replace(" ", NBSP, 1), text)
    words = text.split(" ")
    out: list[str] = []
    for i, word in enumerate(words):
        tie = i + 1 < len(words) and word.lower().strip("(\"'") in TIE_FORWARD
        out.append(word + (NBSP if tie else " "))
    return "".join(out).rstrip(" ")


def shown(line: str) -> str:
    """Return a line as it is drawn: tie characters become ordinary spaces."""
    return line.replace(NBSP, " ")


@lru_cache(maxsize=8192)
def wrap(text: str, font: str, size: float, width: float, balance: bool) -> tuple[tuple[str, ...], float]:
    """Break protected text into the fewest lines that fit width, then even them out.

    Returns the lines (as drawn) and how far the widest unbreakable word overflows width (0 when it fits).
    With balance, every line counts (headlines); without it the last line is free (body text), but it
    is never a single word when another break exists.
    """
    lines: list[str] = []
    too_wide = 0.0
    for paragraph in text.split("\n"):
        words = [w for w in paragraph.split(" ") if w]
        if not words:
            continue
        widths = [fonts.width(shown(w), font, size) for w in words]
        space = fonts.width(" ", font, size)
        limit = width + size * TOLERANCE
        too_wide = max(too_wide, max(widths) - limit)
        stops = [w.rstrip("\"'»)")[-1:] in ".!?;:" for w in words]
        lone = [NBSP not in w for w in words]
        lines += [shown(" ".join(words[a:b])) for a, b in _breaks(widths, space, limit, balance, stops, lone)]
    return tuple(lines), max(0.0, too_wide)


def _breaks(
    widths: list[float],
    space: float,
    width: float,
    balance: bool,
    stops: list[bool] | None = None,
    lone: list[bool] | None = None,
) -> list[tuple[int, int]]:
    """Choose line breaks: fewest lines first, then the least raggedness, ending lines where sentences end,
    and no lone word on the last line."""
    stops = stops or [False] * len(widths)
    lone = lone or [True] * len(widths)
    n = len(widths)
    count = len(_greedy(widths, space, width))

    def line_width(a: int, b: int) -> float:
        return sum(widths[a:b]) + space * (b - a - 1)

    inf = float("inf")
    # cost[k][i]: best cost of setting words[:i] in k lines.
    cost = [[inf] * (n + 1) for _ in range(count + 1)]
    back = [[0] * (n + 1) for _ in range(count + 1)]
    cost[0][0] = 0.0
    for k in range(1, count + 1):
        for b in range(1, n + 1):
            for a in range(b - 1, -1, -1):
                w = line_width(a, b)
                if w > width and b - a > 1:
                    break
                if cost[k - 1][a] == inf:
                    continue
                last = k == count and b == n
                slack = max(0.0, width - w) / width
                penalty = 0.0 if last and not balance else slack * slack * (LAST_SLACK if last else 1.0)
                if last and b - a == 1 and n > 1 and lone[a] and not stops[a - 1]:
                    penalty += 10.0  # a lone last word, unless it is a sentence of its own ('Denuncie.')
                if not last and stops[b - 1]:
                    penalty -= SENTENCE_BONUS
                if cost[k - 1][a] + penalty < cost[k][b]:
                    cost[k][b], back[k][b] = cost[k - 1][a] + penalty, a
    if cost[count][n] == inf:
        return _greedy(widths, space, width)
    spans, b = [], n
    for k in range(count, 0, -1):
        a = back[k][b]
        spans.append((a, b))
        b = a
    return spans[::-1]


def _greedy(widths: list[float], space: float, width: float) -> list[tuple[int, int]]:
    """Fill lines greedily; a word wider than width gets a line of its own."""
    spans, start, used = [], 0, 0.0
    for i, w in enumerate(widths):
        if i > start and used + space + w > width:
            spans.append((start, i))
            start, used = i, w
        else:
            used = w if i == start else used + space + w
    spans.append((start, len(widths)))
    return spans


@lru_cache(maxsize=1024)
def wrap_list(items: tuple[str, ...], font: str, size: float, width: float) -> tuple[tuple[str, ...], float]:
    """Break a list of names between items, never inside one: the separator joins items on a line and is dropped
    where a line breaks, so no line ends (or starts) with it. Returns the lines and the overflow of the widest item."""
    if not items:
        return (), 0.0
    widths = [fonts.width(item, font, size) for item in items]
    space = fonts.width(LIST_SEPARATOR, font, size)
    limit = width + size * TOLERANCE
    spans = _breaks(widths, space, limit, False)
    lines = tuple(LIST_SEPARATOR.join(items[a:b]) for a, b in spans)
    return lines, max(0.0, max(widths) - limit)
