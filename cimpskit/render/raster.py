"""Draw a Scene with Pillow: PNG for social formats, small WebP previews for the site."""

from __future__ import annotations

import io
from functools import lru_cache
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
        mask, left, top = line_mask(e.text, e.font, round(e.size * s, 2))
        img.paste(e.paint.hex, (round(e.x * s) + left, round(e.y * s) + top), mask)
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


@lru_cache(maxsize=512)
def line_mask(text: str, font_path: str, size: float) -> tuple[PILImage.Image, int, int]:
    """Rasterise one line once into a coverage mask; return it and its offset from the baseline."""
    font = fonts.pil_font(font_path, size)
    left, top, right, bottom = font.getbbox(text, anchor="ls")
    mask = PILImage.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, font=font, fill=255, anchor="ls")
    return mask, left, top


def encode(img: PILImage.Image, kind: str) -> bytes:
    """Encode an image deterministically as PNG or WebP."""
    buf = io.BytesIO()
    if kind == "png":
        img.save(buf, "PNG", compress_level=3)
    else:
        img.save(buf, "WEBP", quality=80, method=2)
    return buf.getvalue()


def preview(scene: Scene, root: Path, page_index: int = 0) -> bytes:
    """Return a small WebP preview of one page, drawn at preview size."""
    return encode(draw_page(scene, scene.pages[page_index], root, PREVIEW_WIDTH), "webp")


def screen_files(scene: Scene, root: Path) -> tuple[bytes, bytes]:
    """Return the full-size PNG of a screen asset and a WebP preview scaled down from it."""
    img = draw_page(scene, scene.pages[0], root, round(scene.width))
    small = img.resize((PREVIEW_WIDTH, round(img.height * PREVIEW_WIDTH / img.width)), PILImage.Resampling.BOX)
    return encode(img, "png"), encode(small, "webp")
