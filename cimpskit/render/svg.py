"""Draw a Scene as SVG with text turned into outlines: opens the same everywhere, no font needed."""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

from cimpskit.core.scene import Image, Line, Rect, Scene, Text

NBSP = "\u00a0"


@cache
def _font(path: str) -> TTFont:
    """Load a font file once per process."""
    return TTFont(path)


def _n(value: float) -> str:
    """Format a coordinate compactly with three decimals."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def outline(text: str, font_path: str, size: float, x: float, y: float) -> str:
    """Return the SVG path of a line of text with its left baseline at x, y (advances as the layout measured them)."""
    font = _font(font_path)
    glyphs, cmap, metrics = font.getGlyphSet(), font.getBestCmap(), font["hmtx"]
    scale = size / font["head"].unitsPerEm
    pen, cursor = SVGPathPen(glyphs, ntos=_n), 0
    for ch in text:
        name = cmap.get(ord(" " if ch == NBSP else ch), ".notdef")
        glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, x + cursor * scale, y)))
        cursor += metrics[name][0]
    return pen.getCommands()


def _element(e, root: Path) -> str:
    """Return the SVG of one element (the kinds a signature lockup draws)."""
    if isinstance(e, Rect):
        return f'<rect x="{_n(e.x)}" y="{_n(e.y)}" width="{_n(e.w)}" height="{_n(e.h)}" fill="{e.paint.hex}"/>'
    if isinstance(e, Text):
        return f'<path d="{outline(e.text, e.font, e.size, e.x, e.y)}" fill="{e.paint.hex}"/>'
    if isinstance(e, Line):
        ends = f'x1="{_n(e.x1)}" y1="{_n(e.y1)}" x2="{_n(e.x2)}" y2="{_n(e.y2)}"'
        return f'<line {ends} stroke="{e.paint.hex}" stroke-width="{_n(e.width)}"/>'
    if isinstance(e, Image):
        data = base64.b64encode((root / e.path).read_bytes()).decode()
        box = f'x="{_n(e.x)}" y="{_n(e.y)}" width="{_n(e.w)}" height="{_n(e.h)}"'
        return f'<image {box} href="data:image/png;base64,{data}"/>'
    raise ValueError(f"the SVG backend does not draw {type(e).__name__}")


def render_svg(scene: Scene, root: Path) -> bytes:
    """Return the first page of a scene as SVG in the scene's unit, with a title for screen readers."""
    w, h, unit = _n(scene.width), _n(scene.height), scene.unit
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}{unit}" height="{h}{unit}" viewBox="0 0 {w} {h}" '
        f'role="img"><title>{_escape(scene.title)}</title>'
    )
    body = "".join(_element(e, root) for e in scene.pages[0].elements)
    return (head + body + "</svg>\n").encode()


def _escape(text: str) -> str:
    """Escape text for an SVG element."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
