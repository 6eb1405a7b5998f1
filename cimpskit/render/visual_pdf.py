"""Draw a campaign key visual in a print PDF: vector shapes in the palette's CMYK (svglib and reportlab)."""

from __future__ import annotations

import io

from reportlab.graphics.shapes import Circle, Drawing, Ellipse, Group, Path
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.colors import CMYKColor, Color
from reportlab.lib.validators import isColor, isNumber, isString
from reportlab.pdfgen.pdfgeom import bezierArc
from svglib.svglib import svg2rlg

from cimpskit.inputs.visuals import hex_colour, normalised, safe_root

PAINT_STYLE = (
    "fillColor",
    "strokeColor",
    "strokeWidth",
    "strokeLineCap",
    "strokeLineJoin",
    "strokeMiterLimit",
    "strokeDashArray",
)


class InkDrawing(Drawing):
    """A Drawing that sets no RGB colour and no font of its own: draw it with drawing.drawOn(canvas, x, y).

    reportlab starts every drawing from black RGB and Helvetica; here the start is CMYK black and, through drawOn,
    the canvas's current font, so that the print PDF gains neither an RGB operator nor an unembedded font.
    """

    _attrMap = AttrMap(
        BASE=Drawing,
        initialFillColor=AttrMapValue(isColor),
        initialStrokeColor=AttrMapValue(isColor),
        initialFontName=AttrMapValue(isString),
        initialFontSize=AttrMapValue(isNumber),
    )

    def __init__(self, width: float, height: float):
        super().__init__(width, height)
        self.initialFillColor = self.initialStrokeColor = CMYKColor(0, 0, 0, 1)

    def draw(self, showBoundary=False):
        """Draw on the canvas given to drawOn, starting from that canvas's font."""
        self.initialFontName, self.initialFontSize = self.canv._fontname, self.canv._fontsize
        super().draw(showBoundary)


def pdf_drawing(
    data: bytes, cmyk: dict[str, tuple[float, float, float, float]], width: float, height: float
) -> Drawing:
    """Return a reportlab Drawing of width×height points: the SVG contained, centred, in the given CMYK inks."""
    inks = {key.upper(): CMYKColor(*(v / 100 for v in values)) for key, values in cmyk.items()}
    svg = svg2rlg(io.BytesIO(normalised(safe_root(data)).encode("utf-8")))
    if svg is None or not svg.width or not svg.height:
        raise ValueError("o SVG não pôde ser convertido para PDF")
    _inked(svg, inks)
    scale = min(width / svg.width, height / svg.height)
    dx, dy = (width - svg.width * scale) / 2, (height - svg.height * scale) / 2
    drawing = InkDrawing(width, height)
    drawing.add(Group(*svg.contents, transform=(scale, 0, 0, scale, dx, dy)))
    return drawing


def _inked(node, inks: dict[str, CMYKColor]):
    """Return node with every fill and stroke colour replaced by its CMYK ink, in place."""
    if isinstance(node, Group):
        node.contents = [_inked(child, inks) for child in node.contents]
        return node
    if isinstance(node, (Circle, Ellipse)) and node.strokeColor is not None:
        node = _closed_ellipse(node)
    for attr in ("fillColor", "strokeColor"):
        colour = getattr(node, attr, None)
        if isinstance(colour, Color):
            key = hex_colour((colour.red * 255, colour.green * 255, colour.blue * 255))
            if key not in inks:
                raise ValueError(f"cor {key} sem valores CMYK na paleta")
            setattr(node, attr, inks[key])
    return node


def _closed_ellipse(shape) -> Path:
    """Return a stroked Circle or Ellipse as a closed Path: reportlab leaves them open, a seam in the stroke."""
    rx, ry = (shape.r, shape.r) if isinstance(shape, Circle) else (shape.rx, shape.ry)
    curves = bezierArc(shape.cx - rx, shape.cy - ry, shape.cx + rx, shape.cy + ry, 0, 360)
    path = Path()
    path.moveTo(*curves[0][:2])
    for curve in curves:
        path.curveTo(*curve[2:])
    path.closePath()
    for attr in PAINT_STYLE:
        setattr(path, attr, getattr(shape, attr))
    return path
