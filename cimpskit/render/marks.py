"""Print file geometry and standard, shared by the PDF backend and the papers that describe its files."""

from __future__ import annotations

PDFX_VERSION = "PDF/X-1a:2003"
"""The standard every print file meets."""
MARK_AREA = 10.0
"""Slug around the bleed that holds the crop marks, in mm."""
MARK_GAP = 2.0
"""Gap between the bleed and the crop marks, in mm."""


def page_size_mm(width: float, height: float, bleed: float, *, marks: bool) -> tuple[float, float]:
    """Return a print file's page size in mm: trim plus bleed, plus the slug of the crop marks when drawn."""
    off = bleed + (MARK_AREA if marks else 0.0)
    return width + 2 * off, height + 2 * off
