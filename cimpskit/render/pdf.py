"""Draw a Scene as a print-ready PDF/X-1a: vector text and art, CMYK only, print black, bleed and crop marks."""

from __future__ import annotations

import datetime as dt
import io
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image as PILImage
from reportlab.lib.colors import CMYKColor
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from cimpskit.core import qrcode
from cimpskit.core.scene import CMYK, QR, Image, Line, Paint, PrintSetup, Rect, Scene, Text, Visual
from cimpskit.render.marks import MARK_AREA, MARK_GAP, page_size_mm
from cimpskit.render.pdfx import OutputCondition, flatten_for_print, to_pdfx
from cimpskit.render.visual_pdf import pdf_drawing

REGISTRATION = CMYKColor(1, 1, 1, 1)
BLACK = (0.0, 0.0, 0.0, 100.0)


@cache
def font_name(path: str) -> str:
    """Register a font file once and return its PDF name (the file's stem)."""
    name = Path(path).stem.replace(" ", "")
    pdfmetrics.registerFont(TTFont(name, path))
    return name


def _cmyk(values: tuple[float, float, float, float]) -> CMYKColor:
    """Return a reportlab colour from CMYK percentages."""
    c, m, y, k = (v / 100 for v in values)
    return CMYKColor(c, m, y, k)


def ink(paint: Paint, setup: PrintSetup, small: bool) -> CMYKColor:
    """Return the inks of a paint: the brand's CMYK, or black only for small text and thin work in dark colours."""
    return _cmyk(BLACK if small and paint.name in setup.black else paint.cmyk)


class _Page:
    """Coordinate transform from scene millimetres (top-left origin) to PDF points."""

    def __init__(self, scene: Scene, marks: bool):
        self.off = scene.bleed + (MARK_AREA if marks else 0.0)
        page_w, page_h = page_size_mm(scene.width, scene.height, scene.bleed, marks=marks)
        self.page_w = page_w * mm
        self.page_h = page_h * mm

    def x(self, v: float) -> float:
        """Return the PDF x of a scene x."""
        return (v + self.off) * mm

    def y(self, v: float) -> float:
        """Return the PDF y of a scene y."""
        return self.page_h - (v + self.off) * mm


def _setup(scene: Scene) -> PrintSetup:
    """Return the print setup of a scene; only print formats have one, so its absence is a bug."""
    if scene.print is None:
        raise ValueError(f"{scene.title}: a print PDF needs a print format")
    return scene.print


def render_pdf(scene: Scene, root: Path, file_key: str, *, marks: bool = True) -> bytes:
    """Return the print PDF/X-1a of a scene: one PDF page per scene page; with marks, a slug with crop marks."""
    setup = _setup(scene)
    date = dt.datetime.combine(setup.date, dt.time(12, 0), tzinfo=dt.timezone(dt.timedelta(hours=-3)))
    condition = OutputCondition(identifier=setup.condition, condition=setup.condition_name)
    raw = draw_pdf(scene, root, marks=marks)
    return to_pdfx(raw, title=scene.title, date=date, condition=condition, file_key=file_key)


def draw_pdf(scene: Scene, root: Path, *, marks: bool = True) -> bytes:
    """Draw a scene with reportlab (before the PDF/X post-processing)."""
    setup = _setup(scene)
    t = _Page(scene, marks)
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
    c.setSubject("Arquivo para impressão PDF/X-1a: sangria, marcas de corte e cores CMYK da marca")
    for page in scene.pages:
        b = scene.bleed
        c.setTrimBox((t.x(0), t.y(scene.height), t.x(scene.width), t.y(0)))
        c.setBleedBox((t.x(-b), t.y(scene.height + b), t.x(scene.width + b), t.y(-b)))
        for element in page.elements:
            _draw(c, t, element, root, setup)
        if marks:
            _crop_marks(c, t, scene)
        c.showPage()
    c.save()
    return buf.getvalue()


def _draw(c: Canvas, t: _Page, e, root: Path, setup: PrintSetup) -> None:
    """Draw one element."""
    if isinstance(e, Rect):
        c.setFillColor(_cmyk(e.paint.cmyk))
        c.rect(t.x(e.x), t.y(e.y + e.h), e.w * mm, e.h * mm, stroke=0, fill=1)
    elif isinstance(e, Text):
        black = e.size_pt < setup.black_below_pt and e.paint.name in setup.black
        c.setFillColor(ink(e.paint, setup, black))
        c.setFont(font_name(e.font), e.size * mm)
        if black:
            # Black text overprints (OPM 1): the colour under it stays, so no white halo if plates shift.
            c.setFillOverprint(True)
            c.setOverprintMask(1)
        c.drawString(t.x(e.x), t.y(e.y), e.text)
        if black:
            c.setFillOverprint(False)
    elif isinstance(e, Line):
        c.setStrokeColor(ink(e.paint, setup, True))
        c.setLineWidth(e.width * mm)
        c.line(t.x(e.x1), t.y(e.y1), t.x(e.x2), t.y(e.y2))
    elif isinstance(e, Image):
        px = max(1, round(e.h / 25.4 * setup.dpi * 1.5))
        logo = _print_logo(str(root / e.path), e.background.hex, e.background.cmyk, px)
        c.drawImage(ImageReader(logo), t.x(e.x), t.y(e.y + e.h), e.w * mm, e.h * mm)
    elif isinstance(e, Visual):
        _draw_visual(c, t, e, root, setup)
    elif isinstance(e, QR):
        _draw_qr(c, t, e, setup)


@lru_cache(maxsize=16)
def _print_logo(path: str, background: str, cmyk: CMYK, height_px: int) -> PILImage.Image:
    """Return a logo flattened on its background and converted to CMYK, no larger than the print needs."""
    with PILImage.open(path) as source:
        img = source.convert("RGBA")
    if img.height > height_px:
        width = max(1, round(img.width * height_px / img.height))
        img = img.resize((width, height_px), PILImage.Resampling.LANCZOS)
    return flatten_for_print(img, background, background_cmyk=cmyk)


def _draw_visual(c: Canvas, t: _Page, e: Visual, root: Path, setup: PrintSetup) -> None:
    """Draw the key visual as vector shapes in the palette's CMYK, contained and centred in its box."""
    data = (root / e.path).read_bytes()
    drawing = pdf_drawing(data, dict(setup.inks), e.w * mm, e.h * mm)
    drawing.drawOn(c, t.x(e.x), t.y(e.y + e.h))


def _draw_qr(c: Canvas, t: _Page, e: QR, setup: PrintSetup) -> None:
    """Draw a QR code as vector rectangles, one per run of dark modules, in black ink when the paint is dark."""
    grid = qrcode.modules(e.url)
    unit = e.size / len(grid)
    c.setFillColor(_cmyk(e.background.cmyk))
    c.rect(t.x(e.x), t.y(e.y + e.size), e.size * mm, e.size * mm, stroke=0, fill=1)
    path = c.beginPath()
    for r, row in enumerate(grid):
        start = None
        for col, dark in enumerate((*row, False)):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                x, y = e.x + start * unit, e.y + r * unit
                path.rect(t.x(x), t.y(y + unit), (col - start) * unit * mm, unit * mm)
                start = None
    c.setFillColor(ink(e.paint, setup, True))
    c.drawPath(path, stroke=0, fill=1)


def _crop_marks(c: Canvas, t: _Page, scene: Scene) -> None:
    """Draw crop marks at the trim corners, outside the bleed, in registration colour."""
    c.setStrokeColor(REGISTRATION)
    c.setLineWidth(0.25)
    near, far = scene.bleed + MARK_GAP, t.off
    for cx in (0.0, scene.width):
        for cy in (0.0, scene.height):
            sx = -1 if cx == 0 else 1
            sy = -1 if cy == 0 else 1
            c.line(t.x(cx + sx * near), t.y(cy), t.x(cx + sx * far), t.y(cy))
            c.line(t.x(cx), t.y(cy + sy * near), t.x(cx), t.y(cy + sy * far))
