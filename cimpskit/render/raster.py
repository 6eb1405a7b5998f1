"""Draw a Scene with Pillow: PNG and full-size WebP for social formats, small WebP previews for the site."""

from __future__ import annotations

import io
import math
from functools import lru_cache
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw

from cimpskit.core import fonts, qrcode
from cimpskit.core.scene import QR, Image, Line, Page, Rect, Ring, Scene, Text, Visual
from cimpskit.render.visual_raster import rasterize

PREVIEW_WIDTH = 480


def draw_page(scene: Scene, page: Page, root: Path, pixel_width: int) -> PILImage.Image:
    """Rasterise one page of a scene at the given pixel width (trim box only)."""
    scale = pixel_width / scene.width
    size = (pixel_width, round(scene.height * scale))
    img = PILImage.new("RGBA", size, (0, 0, 0, 0)) if scene.transparent else PILImage.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    for element in page.elements:
        _draw(img, draw, element, scale, root)
    return img


def _box(x: float, y: float, w: float, h: float, s: float) -> list[float]:
    """Return a Pillow rectangle for a box in scene units."""
    x0, y0 = round(x * s), round(y * s)
    return [x0, y0, max(x0, round((x + w) * s) - 1), max(y0, round((y + h) * s) - 1)]


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
        logo = _logo(str(root / e.path), max(1, round(e.w * s)), max(1, round(e.h * s)))
        img.paste(logo, (round(e.x * s), round(e.y * s)), logo)
    elif isinstance(e, Visual):
        w, h = max(1, round(e.w * s)), max(1, round(e.h * s))
        art = rasterize(_svg(str(root / e.path)), w, h)
        img.paste(art, (round(e.x * s), round(e.y * s)), art)
    elif isinstance(e, QR):
        _draw_qr(draw, e, s)
    elif isinstance(e, Ring):
        _draw_ring(img, e, s)


RING_SUPERSAMPLE = 4
"""A ring's edges are drawn this many times larger and reduced, so that they are smooth (Pillow's ellipses are
not antialiased)."""


def _draw_ring(img, e: Ring, s: float) -> None:
    """Paint a ring through a smooth coverage mask."""
    k = RING_SUPERSAMPLE
    x0, y0 = math.floor((e.cx - e.outer) * s), math.floor((e.cy - e.outer) * s)
    x1, y1 = math.ceil((e.cx + e.outer) * s), math.ceil((e.cy + e.outer) * s)
    big = PILImage.new("L", ((x1 - x0) * k, (y1 - y0) * k), 0)
    draw = ImageDraw.Draw(big)
    for radius, fill in ((e.outer, 255), (e.inner, 0)):
        cx, cy, r = (e.cx * s - x0) * k, (e.cy * s - y0) * k, radius * s * k
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=fill)
    mask = big.resize((x1 - x0, y1 - y0), PILImage.Resampling.BOX)
    if img.mode == "RGBA":  # "over" compositing: a paste would darken the edges that lie on transparency
        layer = PILImage.new("RGBA", mask.size, e.paint.hex)
        layer.putalpha(mask)
        img.alpha_composite(layer, (x0, y0))
    else:
        img.paste(e.paint.hex, (x0, y0), mask)


@lru_cache(maxsize=16)
def _svg(path: str) -> bytes:
    """Read a key visual once per process."""
    return Path(path).read_bytes()


@lru_cache(maxsize=32)
def _logo(path: str, w: int, h: int) -> PILImage.Image:
    """Load a logo resized to its box, once per size."""
    with PILImage.open(path) as logo:
        return logo.convert("RGBA").resize((w, h), PILImage.Resampling.LANCZOS)


def _draw_qr(draw: ImageDraw.ImageDraw, e: QR, s: float) -> None:
    """Draw a QR code's background and dark modules on whole pixels."""
    grid = qrcode.modules(e.url)
    n = len(grid)
    draw.rectangle(_box(e.x, e.y, e.size, e.size, s), fill=e.background.hex)
    edges = [round((e.x + e.size * i / n) * s) for i in range(n + 1)]
    rows = [round((e.y + e.size * i / n) * s) for i in range(n + 1)]
    for r, row in enumerate(grid):
        for c, dark in enumerate(row):
            if dark:
                x1, y1 = max(edges[c], edges[c + 1] - 1), max(rows[r], rows[r + 1] - 1)
                draw.rectangle([edges[c], rows[r], x1, y1], fill=e.paint.hex)


@lru_cache(maxsize=512)
def line_mask(text: str, font_path: str, size: float) -> tuple[PILImage.Image, int, int]:
    """Rasterise one line once into a coverage mask; return it and its offset from the baseline."""
    font = fonts.pil_font(font_path, size)
    left, top, right, bottom = font.getbbox(text, anchor="ls")
    mask = PILImage.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, font=font, fill=255, anchor="ls")
    return mask, left, top


def encode(img: PILImage.Image, kind: str) -> bytes:
    """Encode an image deterministically: PNG, lossless WebP (same pixels) or a lossy WebP preview."""
    buf = io.BytesIO()
    if kind == "png":
        img.save(buf, "PNG", compress_level=3)
    elif kind == "webp-lossless":
        img.save(buf, "WEBP", lossless=True, quality=0, method=1)
    else:
        img.save(buf, "WEBP", quality=80, method=2)
    return buf.getvalue()


def screen_files(scene: Scene, root: Path) -> tuple[bytes, bytes, bytes]:
    """Return the full-size PNG, the same pixels as lossless WebP, and a small WebP preview."""
    return page_files(scene, scene.pages[0], root)


def page_files(scene: Scene, page: Page, root: Path) -> tuple[bytes, bytes, bytes]:
    """Return one page's full-size PNG, the same pixels as lossless WebP, and a small WebP preview."""
    img = draw_page(scene, page, root, round(scene.width))
    return encode(img, "png"), encode(img, "webp-lossless"), encode(preview(img), "webp")


def preview(img: PILImage.Image) -> PILImage.Image:
    """Return the small preview of a full-size image."""
    return img.resize((PREVIEW_WIDTH, round(img.height * PREVIEW_WIDTH / img.width)), PILImage.Resampling.BOX)
