"""Draw a Scene with Pillow: PNG for social formats, small WebP previews for the site."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw

from .. import fonts
from ..scene import QR, Image, Line, Page, Rect, Scene, Text

PREVIEW_WIDTH = 480


def draw_page(scene: Scene, page: Page, root: Path, pixel_width: int) -> PILImage.Image:
    """Rasterise one page of a scene at the given pixel width (trim box only)."""
    scale = pixel_width / scene.width
    size = (pixel_width, round(scene.height * scale))
    img = PILImage.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    for element in page.elements:
        _draw(img, draw, element, scale, root)
    return img


def _box(x: float, y: float, w: float, h: float, s: float) -> list[float]:
    """Return a Pillow rectangle for a box in scene units."""
    return [x * s, y * s, (x + w) * s - 1, (y + h) * s - 1]


def _draw(img, draw: ImageDraw.ImageDraw, e, s: float, root: Path) -> None:
    """Draw one element."""
    if isinstance(e, Rect):
        draw.rectangle(_box(e.x, e.y, e.w, e.h, s), fill=e.paint.hex)
    elif isinstance(e, Text):
        draw.text((e.x * s, e.y * s), e.text, font=fonts.pil_font(e.weight, e.size * s), fill=e.paint.hex, anchor="ls")
    elif isinstance(e, Line):
        draw.line([(e.x1 * s, e.y1 * s), (e.x2 * s, e.y2 * s)], fill=e.paint.hex, width=max(1, round(e.width * s)))
    elif isinstance(e, Image):
        with PILImage.open(root / e.path) as logo:
            logo = logo.convert("RGBA").resize((max(1, round(e.w * s)), max(1, round(e.h * s))), PILImage.LANCZOS)
            img.paste(logo, (round(e.x * s), round(e.y * s)), logo)
    elif isinstance(e, QR):
        _draw_qr(draw, e, s)


def _draw_qr(draw: ImageDraw.ImageDraw, e: QR, s: float) -> None:
    """Draw a QR code's background and dark modules."""
    n = len(e.modules)
    unit = e.size / n
    draw.rectangle(_box(e.x, e.y, e.size, e.size, s), fill=e.background.hex)
    for r, row in enumerate(e.modules):
        for c, dark in enumerate(row):
            if dark:
                draw.rectangle(_box(e.x + c * unit, e.y + r * unit, unit, unit, s), fill=e.paint.hex)


def encode(img: PILImage.Image, kind: str) -> bytes:
    """Encode an image deterministically as PNG or WebP."""
    buf = io.BytesIO()
    if kind == "png":
        img.save(buf, "PNG", optimize=True)
    else:
        img.save(buf, "WEBP", quality=80, method=4)
    return buf.getvalue()


def preview(scene: Scene, root: Path, page_index: int = 0) -> bytes:
    """Return a small WebP preview of one page."""
    return encode(draw_page(scene, scene.pages[page_index], root, PREVIEW_WIDTH), "webp")


def full_png(scene: Scene, root: Path) -> bytes:
    """Return the full-size PNG of a screen format's first page."""
    return encode(draw_page(scene, scene.pages[0], root, round(scene.width)), "png")
