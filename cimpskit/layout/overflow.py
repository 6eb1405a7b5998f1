"""Say which campaign text a piece has no room for: words wider than their column, texts over their lines, and
where missing height is blamed."""

from __future__ import annotations

from cimpskit.core.scene import Overflow
from cimpskit.layout.frame import HEADLINE_MAX_LINES, Frame
from cimpskit.layout.text import Block

MAX_LINES = {
    "texts.headline": HEADLINE_MAX_LINES,
    **dict.fromkeys(("texts.kicker", "title", "mark.name", "mark.line", "key_dates", "hotline.note"), 3),
}
"""Lines a text may take on a piece: a short headline; the mark's tiers (its name from mark.name, the kicker or
the title; its line from mark.line or the first key date) and the hotline's note are labels of a few words, which
a narrow column may set in three lines."""


def extra_lines(b: Block) -> int:
    """Return how many lines a block takes beyond what its field may."""
    return max(0, len(b.lines) - MAX_LINES.get(b.field, len(b.lines)))


def text_overflows(f: Frame, blocks: list[Block], page: str) -> list[Overflow]:
    """Report words wider than their column and texts longer than their field's lines (MAX_LINES)."""
    out = [Overflow(b.field, b.too_wide, f.fmt.unit, page) for b in blocks if b.too_wide > 0]
    out += [Overflow(b.field, extra_lines(b) * b.pitch, f.fmt.unit, page) for b in blocks if extra_lines(b)]
    return out


def deficit(f: Frame, blocks: list[Block], amount: float, page: str) -> list[Overflow]:
    """Blame missing room first on texts over their lines (each reported by itself), the rest on the body, else on
    the key line, else on a call to action over two lines, else on the headline."""
    amount -= sum(extra_lines(b) * b.pitch for b in blocks)
    if amount <= 0:
        return []
    by_field = {b.field: b for b in blocks if b.lines}
    for field in ("texts.body", "texts.key_line"):
        if field in by_field:
            return [Overflow(field, amount, f.fmt.unit, page)]
    cta = by_field.get("texts.call_to_action")
    if cta is not None and len(cta.lines) > 2 or "texts.headline" not in by_field:
        return [Overflow("texts.call_to_action", amount, f.fmt.unit, page)]
    return [Overflow("texts.headline", amount, f.fmt.unit, page)]
