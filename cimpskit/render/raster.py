"""Draw a Scene with Pillow: PNG for social formats, small WebP previews for the site."""

from __future__ import annotations

import ctypes
import io
import math
import struct
import zlib
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw

from cimpskit.core import fonts, qrcode
from cimpskit.core.scene import QR, Image, Line, Page, Rect, Ring, Scene, Stamp, Text, Visual
from cimpskit.render.visual_raster import rasterize

PREVIEW_WIDTH = 480
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
"""glibc's mallopt parameters (malloc.h)."""


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
    elif isinstance(e, Stamp):
        _draw_stamp(img, e, s)
    elif isinstance(e, Ring):
        _draw_ring(img, e, s)


def _draw_stamp(img, e: Stamp, s: float) -> None:
    """Draw a proof stamp: its band and lines upright on a layer, turned about the centre, laid over the page."""
    w, h = max(1, round(e.w * s)), max(1, round(e.h * s))
    border = max(1, round(e.border * s))
    layer = PILImage.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    ground = tuple(int(e.background.hex[i : i + 2], 16) for i in (1, 3, 5))
    draw.rectangle([0, 0, w - 1, h - 1], fill=(*ground, round(255 * e.opacity)), outline=e.paint.hex, width=border)
    for line in e.lines:
        font = fonts.pil_font(line.font, round(line.size * s, 2))
        draw.text((w / 2, line.baseline * s), line.text, font=font, fill=e.paint.hex, anchor="ms")
    turned = layer.rotate(e.angle, resample=PILImage.Resampling.BICUBIC, expand=True)
    img.paste(turned, (round(e.cx * s - turned.width / 2), round(e.cy * s - turned.height / 2)), turned)


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
    left, top, right, bottom = round(left), round(top), round(right), round(bottom)
    mask = PILImage.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, font=font, fill=255, anchor="ls")
    return mask, left, top


PNG_COLOUR = {"RGB": 2, "RGBA": 6}
"""PNG colour types: truecolour, truecolour with alpha (the profile frame's transparent centre)."""
PNG_LEVEL = 3
"""zlib level of our PNGs: on the kit's flat colour fields unfiltered rows at level 3 are smaller than Pillow's
adaptive filtering (57 against 66 kB for a 1200×630 piece) and encode in 5 instead of 13 ms."""


def _chunk(kind: bytes, data: bytes) -> bytes:
    """Return one PNG chunk: length, type, data and CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(img: PILImage.Image) -> bytes:
    """Encode an RGB image (RGBA when it has transparency) as a PNG with unfiltered rows (filter type 0),
    deterministically.

    Pillow always chooses a filter per row, which costs more than the compression itself and does worse on flat
    colour; PNG's format is three chunks, so the rows go to zlib as they are.
    """
    mode = "RGBA" if img.mode == "RGBA" else "RGB"
    rgb = img if img.mode == mode else img.convert(mode)
    width, height = rgb.size
    raw, stride = memoryview(rgb.tobytes()), width * len(mode)
    z = zlib.compressobj(PNG_LEVEL)
    parts = [part for i in range(0, len(raw), stride) for part in (z.compress(b"\0"), z.compress(raw[i : i + stride]))]
    idat = b"".join([*parts, z.flush()])
    header = struct.pack(">IIBBBBB", width, height, 8, PNG_COLOUR[mode], 0, 0, 0)
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


@cache
def keep_buffers() -> None:
    """Let this process reuse its freed image buffers instead of returning them to the system after every image.

    glibc maps each buffer above 128 kB afresh and unmaps it on free, so every encode pays its page faults again
    (about 4 ms of system time per 1200×630 WebP); raising its mmap and trim thresholds keeps them in the heap.
    Elsewhere than glibc this does nothing.
    """
    mallopt = getattr(ctypes.CDLL(None), "mallopt", None)
    if mallopt is not None:
        mallopt(M_MMAP_THRESHOLD, 64 << 20)
        mallopt(M_TRIM_THRESHOLD, 128 << 20)


def encode(img: PILImage.Image, kind: str) -> bytes:
    """Encode an image deterministically: PNG, or a lossy WebP preview."""
    if kind == "png":
        return png(img)
    buf = io.BytesIO()
    img.save(buf, "WEBP", quality=80, method=2)
    return buf.getvalue()


def screen_files(scene: Scene, root: Path) -> tuple[bytes, bytes]:
    """Return the full-size PNG (the download, and what the site's gallery shows full size) and a small WebP preview.

    No full-size WebP beside it: encoding one cost 12 ms of CPU per 1200×630 piece, more than half of all the rest,
    and the gallery showing the very PNG people download means one transfer when they view, then download it.
    """
    return page_files(scene, scene.pages[0], root)


def page_files(scene: Scene, page: Page, root: Path) -> tuple[bytes, bytes]:
    """Return one page's full-size PNG and its small WebP preview (drawn at its size, not reduced)."""
    img = draw_page(scene, page, root, round(scene.width))
    small = draw_page(scene, page, root, PREVIEW_WIDTH)
    return encode(img, "png"), encode(small, "webp")
