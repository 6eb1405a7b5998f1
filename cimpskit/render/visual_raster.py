"""Rasterise a campaign key visual with resvg, contained and centred in its box."""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image

from cimpskit.inputs.visuals import normalised, safe_root, viewbox


@lru_cache(maxsize=32)
def rasterize(data: bytes, width: int, height: int) -> Image.Image:
    """Return an RGBA image of width×height with the drawing contained and centred, transparent elsewhere (drawn
    once per size in a process: every variant of a format shares it; callers only read it)."""
    if width < 1 or height < 1:
        raise ValueError(f"tamanho inválido: {width}×{height}")
    root = safe_root(data)
    vb_w, vb_h = viewbox(root)
    w, h = _contain(vb_w / vb_h, width, height)
    with Image.open(io.BytesIO(_png(normalised(root), w, h))) as drawn:
        art = drawn.convert("RGBA")
    if art.size != (w, h):
        art = art.resize((w, h), Image.Resampling.LANCZOS)
    canvas = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    canvas.paste(art, ((width - w) // 2, (height - h) // 2))
    return canvas


@lru_cache(maxsize=64)
def _png(svg: str, width: int, height: int) -> bytes:
    """Render SVG text to PNG bytes once per size: every municipality's variant of a format shares them."""
    import resvg_py  # the raster backend, loaded only when a key visual is drawn

    return resvg_py.svg_to_bytes(svg_string=svg, width=width, height=height, skip_system_fonts=True)


def _contain(ratio: float, width: int, height: int) -> tuple[int, int]:
    """Return the largest size of the given aspect ratio that fits in width×height."""
    if width / height > ratio:
        return max(1, round(height * ratio)), height
    return width, max(1, round(width / ratio))
