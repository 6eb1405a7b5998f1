"""Positioned elements that layout produces and backends draw, in the format's units."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paint:
    """A brand colour with its screen and print values."""

    name: str
    hex: str
    cmyk: tuple[float, float, float, float]


@dataclass(frozen=True)
class Rect:
    """A filled rectangle."""

    x: float
    y: float
    w: float
    h: float
    paint: Paint


@dataclass(frozen=True)
class Line:
    """A straight stroke."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    paint: Paint


@dataclass(frozen=True)
class Text:
    """One line of text placed at its left baseline."""

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


@dataclass(frozen=True)
class Image:
    """A raster image (a municipality logo) fitted into a box."""

    x: float
    y: float
    w: float
    h: float
    path: str


@dataclass(frozen=True)
class QR:
    """A QR code: modules as a matrix of booleans, drawn in a square."""

    x: float
    y: float
    size: float
    modules: tuple[tuple[bool, ...], ...]
    paint: Paint
    background: Paint


Element = Rect | Line | Text | Image | QR


@dataclass(frozen=True)
class Page:
    """One side of an asset."""

    name: str
    elements: tuple[Element, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Scene:
    """A laid-out asset: trim size, bleed and pages, in the format's unit."""

    unit: str
    width: float
    height: float
    bleed: float
    pages: tuple[Page, ...]
    title: str

    def texts(self) -> list[Text]:
        """Return every text element on every page."""
        return [e for page in self.pages for e in page.elements if isinstance(e, Text)]
