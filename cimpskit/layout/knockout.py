"""Reversed (knocked-out) text on print: light text cut out of a background of several inks needs a thick stroke.

The rule of the brand (`print.reversed_text_min_pt`, 12 pt): reversed text on a background of two or more inks is
at least that size in bold, or a regular size whose stem is as thick (about 20 pt in the brand typeface), so that
plates a little out of register do not fill the letters in. A background of one ink has no registration to lose.
"""

from __future__ import annotations

from functools import cache

from PIL import Image, ImageDraw

from cimpskit.core import fonts
from cimpskit.core.contrast import luminance
from cimpskit.core.scene import Paint, PrintSetup, Scene, Text

PLATE_MIN = 10.0
"""A plate carries the background from this tint (%) on: a lighter tint shows no fringe if the plates shift."""
PLATES = ("C", "M", "Y", "K")
SIZE_SLACK = 0.05
"""Sizes are rounded to 0.5 pt: a size this close to the limit keeps the rule."""
STEM_PROBE = 400
"""Pixel size at which a font's vertical stem is measured (on 'H', a quarter of the way up)."""


def overprints(t: Text, setup: PrintSetup) -> bool:
    """Tell whether a text prints in black ink over its background (small print-black text): never knocked out."""
    return t.size_pt < setup.black_below_pt and t.paint.name in setup.black


def plates(paint: Paint) -> list[str]:
    """Return the plates (C, M, Y, K) that carry a colour."""
    return [name for name, value in zip(PLATES, paint.cmyk, strict=True) if value >= PLATE_MIN]


def reversed_on_inks(fg: Paint, bg: Paint) -> bool:
    """Tell whether a colour drawn on a ground is lighter than it and the ground is made of two or more inks."""
    return luminance(fg.hex) > luminance(bg.hex) and len(plates(bg)) >= 2


def needs_bold(fg: Paint, bg: Paint, size_pt: float, setup: PrintSetup, regular: str, bold: str) -> bool:
    """Tell whether print text of this size and colours must be set in bold to keep the reversed-text rule."""
    return reversed_on_inks(fg, bg) and size_pt + SIZE_SLACK < setup.reversed_min_pt * stem(bold) / stem(regular)


def knocked_out(t: Text, setup: PrintSetup) -> bool:
    """Tell whether a text is reversed out of its background: lighter than it, and not printed over it."""
    return not overprints(t, setup) and luminance(t.paint.hex) > luminance(t.background.hex)


@cache
def stem(font: str) -> float:
    """Return the width of a font's vertical stem as a share of its size (measured on the letter H)."""
    face = fonts.pil_font(font, STEM_PROBE)
    img = Image.new("L", (STEM_PROBE * 2, STEM_PROBE * 2), 0)
    ImageDraw.Draw(img).text((STEM_PROBE // 2, STEM_PROBE // 2), "H", font=face, fill=255)
    box = img.getbbox()
    if box is None:
        raise ValueError(f"{font} draws nothing for 'H'")
    left, top, right, bottom = box
    y = bottom - (bottom - top) // 4
    row = [_lit(img.getpixel((x, y))) for x in range(left, right)]
    start = row.index(True)
    return (row[start:] + [False]).index(False) / STEM_PROBE


def _lit(value: object) -> bool:
    """Tell whether a grey pixel value is more ink than paper."""
    return isinstance(value, (int, float)) and value > 127


def least_size(t: Text, setup: PrintSetup, bold_font: str) -> float:
    """Return the smallest size (pt) at which this text's stem is as thick as the rule's bold at its minimum."""
    return setup.reversed_min_pt * stem(bold_font) / stem(t.font)


def _inks(paint: Paint) -> str:
    """Describe a colour's inks the way a print shop reads them, like 'C70 M60 Y50 K80'."""
    return " ".join(f"{name}{value:g}" for name, value in zip(PLATES, paint.cmyk, strict=True) if value >= PLATE_MIN)


def _pt(value: float) -> str:
    """Format a size in points the Brazilian way, like '15,5'."""
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def knockout_problems(scene: Scene, setup: PrintSetup, bold_font: str) -> list[tuple[str, str]]:
    """Check every reversed text on a multi-ink background against the stroke of the rule's bold minimum."""
    out, seen = [], set()
    for t in scene.texts():
        if not knocked_out(t, setup) or len(plates(t.background)) < 2:
            continue
        need = least_size(t, setup, bold_font)
        if t.size_pt + SIZE_SLACK >= need:
            continue
        key = (t.field, t.paint.name, t.background.name, round(t.size_pt, 1), t.weight)
        if key in seen:
            continue
        seen.add(key)
        weight = "negrito" if t.weight == "bold" else "regular"
        regular = "" if t.weight == "bold" else f" (ou {_pt(need)} pt em regular)"
        out.append(
            (
                t.field,
                f"texto vazado '{t.paint.name}' sobre '{t.background.name}' ({len(plates(t.background))} tintas: "
                f"{_inks(t.background)}) com {_pt(t.size_pt)} pt {weight}: se as chapas saírem do registro, as "
                f"letras borram; use pelo menos {setup.reversed_min_pt:g} pt em negrito{regular}, ou um fundo de "
                "uma só tinta",
            )
        )
    return out
