"""Positioned elements that layout produces and backends draw, in the format's units."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

CMYK = tuple[float, float, float, float]
"""A print colour as cyan, magenta, yellow and black percentages (0 to 100)."""
LIST_SEPARATOR = " · "
"""Between listed names on one line; a line never starts or ends with it."""
LIST_FIELDS = ("assinatura.lista", "contato.regional")
"""Text fields drawn as lists of names (the regional logo bar, the regional contacts): read name by name."""
MARK_FIELD = "marca"
"""The field of the campaign mark's texts and tiers (the campaign file's `mark`): each tier reads on its own."""


@dataclass(frozen=True)
class Paint:
    """A brand colour with its screen and print values."""

    name: str
    hex: str
    cmyk: CMYK


@dataclass(frozen=True)
class Rect:
    """A filled rectangle: a colour field or band (background), or with a field the box of a block (a tier of the
    campaign mark, the key line's box), which the geometric check keeps clear of other blocks."""

    x: float
    y: float
    w: float
    h: float
    paint: Paint
    field: str = ""


@dataclass(frozen=True)
class Line:
    """A straight stroke (the signature divider)."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    paint: Paint
    field: str = "assinatura"


@dataclass(frozen=True)
class Text:
    """One line of text placed at its left baseline; `group` joins the lines of one block."""

    x: float
    y: float
    text: str
    font: str
    weight: str
    size: float
    paint: Paint
    background: Paint
    size_pt: float
    field: str
    group: str = ""
    overlay: bool = False
    """A mark drawn in the margin (RASCUNHO, PRÉVIA): exempt from the safe-area rule, never over content."""
    tight: bool = False
    """Measured on its ink rather than the font's ascent and descent (a large numeral)."""


@dataclass(frozen=True)
class Image:
    """A raster image (a municipality logo) fitted into a box, on a known background colour."""

    x: float
    y: float
    w: float
    h: float
    path: str
    background: Paint
    field: str = "logo"


@dataclass(frozen=True)
class Visual:
    """The campaign's key visual (an SVG from the repository), contained in its box without distortion."""

    x: float
    y: float
    w: float
    h: float
    path: str
    aspect: float
    field: str = "visual"


@dataclass(frozen=True)
class QR:
    """A QR code for a URL, drawn with its quiet zone in a square (backends encode the modules)."""

    x: float
    y: float
    size: float
    url: str
    paint: Paint
    background: Paint
    quiet: float = 0.0
    """Width of the quiet zone inside the square (white space that may reach into the safe margin)."""
    field: str = "qr"


@dataclass(frozen=True)
class Ring:
    """A filled ring between two circles around one centre (the profile frame's band: background, never content)."""

    cx: float
    cy: float
    outer: float
    inner: float
    paint: Paint


@dataclass(frozen=True)
class Reserved:
    """Room kept empty on purpose (the story's link sticker): backends draw nothing, the check keeps it clear."""

    x: float
    y: float
    w: float
    h: float
    field: str = "adesivo"


@dataclass(frozen=True)
class StampLine:
    """One line of a proof stamp, centred on the stamp, its baseline measured from the stamp's top edge."""

    text: str
    font: str
    size: float
    baseline: float


@dataclass(frozen=True)
class Stamp:
    """The mark of a proof: a band with lines of text, turned about its centre (never on a print file)."""

    cx: float
    cy: float
    w: float
    h: float
    angle: float
    """Turn in degrees, counter-clockwise as the page is seen (negative: along the diagonal from upper left down)."""
    lines: tuple[StampLine, ...]
    paint: Paint
    """Colour of the text and the band's border."""
    background: Paint
    """Colour of the band, drawn at `opacity` so the piece under it stays visible."""
    opacity: float
    border: float
    """Width of the band's border line."""
    field: str = "prova"

    def corners(self) -> list[tuple[float, float]]:
        """Return the band's four corners on the page, after the turn."""
        a = math.radians(self.angle)
        cos, sin = math.cos(a), math.sin(a)
        out = []
        for dx, dy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
            x, y = dx * self.w / 2, dy * self.h / 2
            out.append((self.cx + x * cos + y * sin, self.cy - x * sin + y * cos))
        return out


Element = Rect | Line | Text | Image | Visual | QR | Ring | Reserved | Stamp


@dataclass(frozen=True)
class Page:
    """One side of an asset."""

    name: str
    elements: tuple[Element, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PrintSetup:
    """What a print backend needs beyond the geometry: resolution, dates, inks and the print-black rule."""

    dpi: int
    date: dt.date
    """The file's date (the approving meeting's), so that builds stay reproducible."""
    inks: tuple[tuple[str, CMYK], ...]
    """Every palette colour: hex → CMYK percentages (for the key visual)."""
    black: tuple[str, ...]
    """Palette colours printed with black ink only in small text, thin lines and QR codes."""
    black_below_pt: float
    condition: str
    condition_name: str
    reversed_min_pt: float = 12.0
    """Smallest reversed (knocked-out) text on a background of several inks, in bold (registration)."""


@dataclass(frozen=True)
class Scene:
    """A laid-out asset: trim size, bleed and pages, in the format's unit."""

    unit: str
    width: float
    height: float
    bleed: float
    pages: tuple[Page, ...]
    title: str
    print: PrintSetup | None = None
    transparent: bool = False
    """Drawn on a transparent canvas (the profile frame): only its elements are opaque."""

    def texts(self) -> list[Text]:
        """Return every text element on every page."""
        return [e for page in self.pages for e in page.elements if isinstance(e, Text)]


@dataclass(frozen=True)
class Overflow:
    """Text that does not fit even at the smallest type scale; municipality names the variant whose data is at fault."""

    field: str
    amount: float
    unit: str
    page: str
    municipality: str | None = None


@dataclass(frozen=True)
class Standard:
    """The one standard of a campaign × format, shared by every variant: type scale and fixed zones."""

    scale: float
    zone: float
    """Height of the contacts in the white panel (the tallest variant's; 0 without contacts)."""
    lockup: float
    """Height of the QR row (0 without a QR code)."""
    name_column: float
    """Width of the municipality column of the signature lockup: the divider sits at the same x everywhere."""
    signature: float
    """Height of the signature lockup (the tallest variant's)."""
    back_lockup: float = 0.0
    """Size of the back's QR code (two-sided pieces carry it on the back only)."""
    visual_min: float = 0.25
    """The least share of the page the key visual takes on this standard (its composition's target, when it fits
    with type large enough; never below the 25 % every piece keeps)."""
    label_column: float = 0.0
    """Width of the contacts' label column (the longest service name among the variants)."""
    overflows: tuple[Overflow, ...] = ()
