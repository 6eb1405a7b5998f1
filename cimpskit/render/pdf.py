"""Draw a Scene as a print-ready vector PDF: CMYK flats, embedded fonts, bleed and crop marks."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from reportlab.lib.colors import CMYKColor
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from ..scene import QR, Image, Line, Rect, Scene, Text

MARK_AREA = 10.0
MARK_GAP = 2.0
REGISTRATION = CMYKColor(1, 1, 1, 1)


@cache
def font_name(path: str) -> str:
    """Register a font file once and return its PDF name (the file's PostScript-style stem)."""
    name = Path(path).stem.replace(" ", "")
    pdfmetrics.registerFont(TTFont(name, path))
    return name


def _cmyk(paint) -> CMYKColor:
    """Return the brand's CMYK values for a paint."""
    c, m, y, k = (v / 100 for v in paint.cmyk)
    return CMYKColor(c, m, y, k)


class _Page:
    """Coordinate transform from scene millimetres (top-left origin) to PDF points."""

    def __init__(self, scene: Scene):
        self.off = scene.bleed + MARK_AREA
        self.page_w = (scene.width + 2 * self.off) * mm
        self.page_h = (scene.height + 2 * self.off) * mm

    def x(self, v: float) -> float:
        """Return the PDF x of a scene x."""
        return (v + self.off) * mm

    def y(self, v: float) -> float:
        """Return the PDF y of a scene y."""
        return self.page_h - (v + self.off) * mm


def render_pdf(scene: Scene, root: Path) -> bytes:
    """Return the print PDF of a scene, one PDF page per scene page."""
    t = _Page(scene)
    buf = io.BytesIO()
    c = Canvas(
        buf,
        pagesize=(t.page_w, t.page_h),
        invariant=1,
        pageCompression=1,
        lang="pt-BR",
        initialFontName=font_name(scene.texts()[0].font),
    )
    c.setTitle(scene.title)
    c.setAuthor("CIMPS — Consórcio Intermunicipal de Políticas Sociais")
    c.setCreator("Kit de Campanhas CIMPS")
    c.setSubject("Arquivo para impressão: sangria, marcas de corte e cores CMYK da marca")
    for page in scene.pages:
        b = scene.bleed
        c.setTrimBox((t.x(0), t.y(scene.height), t.x(scene.width), t.y(0)))
        c.setBleedBox((t.x(-b), t.y(scene.height + b), t.x(scene.width + b), t.y(-b)))
        for element in page.elements:
            _draw(c, t, element, root)
        _crop_marks(c, t, scene)
        c.showPage()
    c.save()
    return buf.getvalue()


def _draw(c: Canvas, t: _Page, e, root: Path) -> None:
    """Draw one element."""
    if isinstance(e, Rect):
        c.setFillColor(_cmyk(e.paint))
        c.rect(t.x(e.x), t.y(e.y + e.h), e.w * mm, e.h * mm, stroke=0, fill=1)
    elif isinstance(e, Text):
        c.setFillColor(_cmyk(e.paint))
        c.setFont(font_name(e.font), e.size * mm)
        c.drawString(t.x(e.x), t.y(e.y), e.text)
    elif isinstance(e, Line):
        c.setStrokeColor(_cmyk(e.paint))
        c.setLineWidth(e.width * mm)
        c.line(t.x(e.x1), t.y(e.y1), t.x(e.x2), t.y(e.y2))
    elif isinstance(e, Image):
        c.drawImage(ImageReader(str(root / e.path)), t.x(e.x), t.y(e.y + e.h), e.w * mm, e.h * mm, mask="auto")
    elif isinstance(e, QR):
        _draw_qr(c, t, e)


def _draw_qr(c: Canvas, t: _Page, e: QR) -> None:
    """Draw a QR code as vector rectangles, one per run of dark modules."""
    unit = e.size / len(e.modules)
    c.setFillColor(_cmyk(e.background))
    c.rect(t.x(e.x), t.y(e.y + e.size), e.size * mm, e.size * mm, stroke=0, fill=1)
    path = c.beginPath()
    for r, row in enumerate(e.modules):
        start = None
        for col, dark in enumerate((*row, False)):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                x, y = e.x + start * unit, e.y + r * unit
                path.rect(t.x(x), t.y(y + unit), (col - start) * unit * mm, unit * mm)
                start = None
    c.setFillColor(_cmyk(e.paint))
    c.drawPath(path, stroke=0, fill=1)


def _crop_marks(c: Canvas, t: _Page, scene: Scene) -> None:
    """Draw crop marks at the trim corners, outside the bleed."""
    c.setStrokeColor(REGISTRATION)
    c.setLineWidth(0.25)
    near, far = scene.bleed + MARK_GAP, t.off
    for cx in (0.0, scene.width):
        for cy in (0.0, scene.height):
            sx = -1 if cx == 0 else 1
            sy = -1 if cy == 0 else 1
            c.line(t.x(cx + sx * near), t.y(cy), t.x(cx + sx * far), t.y(cy))
            c.line(t.x(cx), t.y(cy + sy * near), t.x(cx), t.y(cy + sy * far))
