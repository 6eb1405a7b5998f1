"""Derive a TrueType font whose zero is plain (one oval counter) from one whose zero is slashed.

A slashed zero is drawn as three contours: the outer oval and two halves of the counter, cut apart by
the slash. The plain zero keeps the outer contour and the designer's counter curves as they are, and
only bridges the two short gaps where the slash crossed the counter with one quadratic arc each,
tangent to the curves on both sides; stem weights therefore stay those of the original figure. The
derived font gets a new family name (the Reserved Font Name rule of the SIL OFL, and so that it never
passes for the original) and is otherwise the same font. Only fontTools and the standard library.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

import fontTools
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import ttProgram
from fontTools.ttLib.tables._g_l_y_f import GlyphCoordinates

PREFIX = "CIMPS"
"""The derived family is this prefix and the first word of the source family: Atkinson Hyperlegible → CIMPS Atkinson."""
VERSION_NOTE = "plain zero"
"""Appended to the version string (name ID 5) so that the file says what changed."""
ZERO = 0x30
CODE = hashlib.sha256(Path(__file__).read_bytes() + fontTools.version.encode()).hexdigest()
"""This module's digest with the fontTools version: what, besides the input bytes, shapes the output bytes."""
FAMILY_IDS = (1, 4, 16, 18, 21)
"""Name IDs that spell the family with spaces: family, full name, typographic and WWS family, compatible full."""
POSTSCRIPT_IDS = (3, 6, 20, 25)
"""Name IDs that spell it without spaces: unique ID, PostScript name, CID findfont name, variations prefix."""

Point = tuple[float, float, bool]
"""A contour point: x, y and whether it lies on the curve."""


def derive(data: bytes, family: str | None = None) -> bytes:
    """Return the TTF bytes of data with every zero plain and the family renamed (same input, same bytes).

    A font whose zeros are already plain, or without TrueType outlines (CFF), comes back unchanged.
    family defaults to PREFIX and the first word of the source family.
    """
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    if "glyf" not in font:
        return data
    if "gvar" in font:
        raise ValueError("plainzero handles static TrueType fonts only (a variable font's gvar would not follow)")
    glyf = font["glyf"]
    slashed = [n for n in sorted(zero_glyphs(font)) if not glyf[n].isComposite() and glyf[n].numberOfContours == 3]
    if not slashed:
        return data
    glyf.padding = 4 if all(offset % 4 == 0 for offset in font["loca"]) else 1  # keep the glyphs' alignment
    for name in slashed:
        _redraw(font, name)
    _rename(font, family or f"{PREFIX} {family_name(data).split()[0]}")
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def zero_glyphs(font: TTFont) -> set[str]:
    """Return the glyph of U+0030 and every glyph a single or alternate substitution turns it into (tnum...)."""
    found = {font.getBestCmap()[ZERO]}
    subtables = _substitutions(font)
    while True:
        more = {new for table in subtables for old, new in _pairs(table) if old in found} - found
        if not more:
            return found
        found |= more


def _substitutions(font: TTFont) -> list[Any]:
    """Return the GSUB single (1) and alternate (3) subtables, extensions (7) unwrapped."""
    if "GSUB" not in font or font["GSUB"].table.LookupList is None:
        return []
    out = []
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for sub in lookup.SubTable:
            kind = lookup.LookupType
            if kind == 7:
                sub, kind = sub.ExtSubTable, sub.ExtensionLookupType
            if kind in (1, 3):
                out.append(sub)
    return out


def _pairs(table: Any) -> list[tuple[str, str]]:
    """Return the (input, output) glyph pairs of a single or alternate substitution subtable."""
    if hasattr(table, "mapping"):
        return list(table.mapping.items())
    return [(old, new) for old, alternates in table.alternates.items() for new in alternates]


def _contours(font: TTFont, name: str) -> list[list[Point]]:
    """Return a simple glyph's contours as lists of points."""
    coords, ends, flags = font["glyf"][name].getCoordinates(font["glyf"])
    out, start = [], 0
    for end in ends:
        points = zip(coords[start : end + 1], flags[start : end + 1], strict=True)
        out.append([(x, y, bool(f & 1)) for (x, y), f in points])
        start = end + 1
    return out


def _area(contour: list[Point]) -> float:
    """Return the signed area of a contour's polygon (all points; enough for sign and size)."""
    edges = zip(contour, contour[1:] + contour[:1], strict=True)
    return sum(x0 * y1 - x1 * y0 for (x0, y0, _), (x1, y1, _) in edges) / 2


def _redraw(font: TTFont, name: str) -> None:
    """Replace a slashed zero's two counter halves by one counter; keep its outer contour and advance."""
    outer, *halves = sorted(_contours(font, name), key=lambda c: -abs(_area(c)))
    if _area(halves[0]) * _area(halves[1]) <= 0 or _area(outer) * _area(halves[0]) >= 0:
        raise ValueError(f"{name}: expected an outer contour and two counter halves of the opposite direction")
    a, b = (_open_at_cut(h) for h in halves)
    counter = a + [_bridge(a, b)] + b + [_bridge(b, a)]
    glyph = font["glyf"][name]
    points = outer + counter
    glyph.coordinates = GlyphCoordinates([(x, y) for x, y, _ in points])
    glyph.flags = bytearray(1 if on else 0 for _, _, on in points)
    glyph.endPtsOfContours = [len(outer) - 1, len(points) - 1]
    glyph.numberOfContours = 2
    glyph.program = ttProgram.Program()
    glyph.program.fromBytecode(b"")  # the autohinter's instructions address the old points
    glyph.recalcBounds(font["glyf"])
    advance, _ = font["hmtx"][name]
    font["hmtx"][name] = (advance, glyph.xMin)


def _open_at_cut(contour: list[Point]) -> list[Point]:
    """Open a counter half at its longest straight edge (the slash): start after it, end before it."""
    n = len(contour)
    straight = [i for i in range(n) if contour[i][2] and contour[(i + 1) % n][2]]
    if not straight:
        raise ValueError("a counter half has no straight edge where the slash cut it")
    cut = max(straight, key=lambda i: _distance(contour[i], contour[(i + 1) % n]))
    return contour[cut + 1 :] + contour[: cut + 1]


def _bridge(a: list[Point], b: list[Point]) -> Point:
    """Return the off-curve point of the quadratic arc from a's end to b's start, tangent to both curves."""
    (x0, y0, _), (px, py, _) = a[-1], a[-2]
    (x1, y1, _), (nx, ny, _) = b[0], b[1]
    d0, d1 = (x0 - px, y0 - py), (nx - x1, ny - y1)
    det = d0[0] * d1[1] - d0[1] * d1[0]
    chord = _distance(a[-1], b[0])
    if abs(det) > 1e-9:
        s = ((x1 - x0) * d1[1] - (y1 - y0) * d1[0]) / det
        u = (d0[0] * (y1 - y0) - d0[1] * (x1 - x0)) / det
        control = (x0 + s * d0[0], y0 + s * d0[1], False)
        if s > 0 and u > 0 and max(_distance(control, a[-1]), _distance(control, b[0])) < chord:
            return (round(control[0]), round(control[1]), False)
    raise ValueError(f"cannot bridge the counter between {a[-1][:2]} and {b[0][:2]} with one tangent arc")


def _distance(p: Point, q: Point) -> float:
    """Return the distance between two points."""
    return float(((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2) ** 0.5)


def _rename(font: TTFont, family: str) -> None:
    """Give the font a new family in every name record that spells the old one; note the change in the version."""
    names = font["name"]
    old = names.getDebugName(16) or names.getDebugName(1)
    old_ps = (names.getDebugName(6) or old.replace(" ", "")).split("-")[0]
    new_ps = family.replace(" ", "")
    for record in names.names:
        text = record.toUnicode()
        if record.nameID in FAMILY_IDS:
            text = text.replace(old, family)
        elif record.nameID in POSTSCRIPT_IDS:
            text = text.replace(old_ps, new_ps)
        elif record.nameID == 5 and VERSION_NOTE not in text:
            text = f"{text}; {VERSION_NOTE}"
        record.string = text


def family_name(data: bytes) -> str:
    """Return the family name of a font (typographic family, name ID 16, else 1), as menus show it."""
    names = TTFont(io.BytesIO(data), lazy=True)["name"]
    family: str = names.getDebugName(16) or names.getDebugName(1)
    return family


def postscript_name(data: bytes) -> str:
    """Return the PostScript name (name ID 6) of a font, e.g. to name its file."""
    name: str = TTFont(io.BytesIO(data), lazy=True)["name"].getDebugName(6)
    return name
