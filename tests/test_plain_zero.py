"""The kit draws zeros without a slash: the derived font, in Pillow and in reportlab, and its names and licence."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont
from helpers import REPO
from PIL import Image, ImageDraw
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from cimpskit.core import fonts, plainzero
from cimpskit.inputs.validate import check_project
from cimpskit.produce import brandkit
from cimpskit.render.pdf import font_name

PACKAGE, FAMILY = "fontpkg-atkinson-hyperlegible", "Atkinson Hyperlegible"
DERIVED_FAMILY = "CIMPS Atkinson"
WEIGHTS = ("regular", "bold")
SIZE = 400
"""Pixels per em in the probes: the Regular stem is about 36 px, the counter about 140 px wide."""
PDF_SCALE = 2.0
"""pypdfium2 pixels per PDF point."""


def _original(weight: str) -> str:
    """Return the package's own file of a weight (slashed zero)."""
    folder = fonts.package_dir(PACKAGE) / "files"
    return str(folder / f"AtkinsonHyperlegible-{weight.capitalize()}.ttf")


def _derived(weight: str) -> str:
    """Return the file the kit draws a weight with."""
    return str(fonts.typeface(PACKAGE, FAMILY).path(weight))


def _zero_metrics(path: str) -> tuple[tuple[int, int, int, int], int]:
    """Return the bounds (xMin, yMin, xMax, yMax) and the advance of U+0030 in font units (1000 per em)."""
    font = TTFont(path)
    name = font.getBestCmap()[0x30]
    glyph = font["glyf"][name]
    glyph.recalcBounds(font["glyf"])
    return (glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax), font["hmtx"][name][0]


def _runs(values: list[bool]) -> int:
    """Return how many separate runs of ink a line of pixels crosses."""
    return sum(1 for i, ink in enumerate(values) if ink and (i == 0 or not values[i - 1]))


def _probe(image: Image.Image, box: tuple[float, float, float, float]) -> list[str]:
    """Say what makes the zero in box (left, top, right, bottom, in pixels) not a plain zero; [] if it is one.

    A plain zero's counter is background along both diagonals of its middle (where any slash crosses), and a
    vertical or horizontal line through its centre crosses ink twice (the two sides), never three times.
    """
    gray = image.convert("L")

    def ink(x: float, y: float) -> bool:
        return gray.getpixel((round(x), round(y))) < 128

    left, top, right, bottom = box
    cx, cy, dx, dy = (left + right) / 2, (top + bottom) / 2, 0.12 * (right - left), 0.2 * (bottom - top)
    problems = []
    for sign in (1, -1):
        steps = [i / 40 for i in range(-40, 41)]
        if any(ink(cx + t * dx, cy + sign * t * dy) for t in steps):
            problems.append(f"ink on the {'/' if sign < 0 else chr(92)} diagonal of the counter")
    vertical = [ink(cx, y) for y in range(round(top) - 3, round(bottom) + 4)]
    horizontal = [ink(x, cy) for x in range(round(left) - 3, round(right) + 4)]
    if _runs(vertical) != 2 or _runs(horizontal) != 2:
        problems.append(f"the centre lines cross ink {_runs(vertical)} and {_runs(horizontal)} times, not 2 and 2")
    return problems


def _pillow(path: str, text: str) -> tuple[Image.Image, list[tuple[float, float, float, float]]]:
    """Draw text as the kit does (fonts.pil_font) and return the image with the box of each '0'."""
    font = fonts.pil_font(path, SIZE)
    (x0, y0, x1, y1), advance = _zero_metrics(path)
    scale, origin, baseline = SIZE / 1000, 40, SIZE
    image = Image.new("L", (round(origin * 2 + font.getlength(text)), round(SIZE * 1.3)), 255)
    ImageDraw.Draw(image).text((origin, baseline), text, font=font, fill=0, anchor="ls")
    boxes = []
    for i, ch in enumerate(text):
        if ch == "0":
            left = origin + font.getlength(text[:i])
            boxes.append((left + x0 * scale, baseline - y1 * scale, left + x1 * scale, baseline - y0 * scale))
    return image, boxes


def _reportlab(path: str, text: str) -> tuple[Image.Image, list[tuple[float, float, float, float]]]:
    """Draw text with reportlab (the kit's font registration), render the PDF with pdfium, return boxes of '0'."""
    name, size = font_name(path), SIZE / PDF_SCALE  # points, so that the rendering has SIZE px per em
    (x0, y0, x1, y1), _ = _zero_metrics(path)
    width, height, origin, baseline = pdfmetrics.stringWidth(text, name, size) + 40, size * 1.3, 20, size * 0.3
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height), invariant=1)
    canvas.setFont(name, size)
    canvas.drawString(origin, baseline, text)
    canvas.showPage()
    canvas.save()
    image = pdfium.PdfDocument(out.getvalue())[0].render(scale=PDF_SCALE).to_pil()
    em, boxes = size / 1000, []
    for i, ch in enumerate(text):
        if ch == "0":
            left = origin + pdfmetrics.stringWidth(text[:i], name, size)
            box = (left + x0 * em, height - baseline - y1 * em, left + x1 * em, height - baseline - y0 * em)
            boxes.append(tuple(v * PDF_SCALE for v in box))
    return image, boxes


@pytest.mark.parametrize("draw", [_pillow, _reportlab], ids=["pillow", "reportlab"])
@pytest.mark.parametrize("weight", WEIGHTS)
@pytest.mark.parametrize("text", ["0", "100"])
def test_zero_has_no_slash_and_the_original_had_one(draw, weight, text):
    image, boxes = draw(_derived(weight), text)
    assert len(boxes) == text.count("0")
    for box in boxes:
        assert _probe(image, box) == []
    image, boxes = draw(_original(weight), text)
    for box in boxes:
        assert _probe(image, box), "the probe must catch the package's slashed zero"


def _contours(font: TTFont, glyph: str) -> int:
    """Return how many closed contours a glyph draws, components included."""
    glyphs = font.getGlyphSet()
    pen = DecomposingRecordingPen(glyphs)
    glyphs[glyph].draw(pen)
    return sum(1 for op, _ in pen.value if op == "closePath")


@pytest.mark.parametrize("weight", WEIGHTS)
def test_every_zero_form_has_two_contours_and_the_same_stem(weight):
    original, derived = TTFont(_original(weight)), TTFont(_derived(weight))
    forms = plainzero.zero_glyphs(derived)
    assert {"zero", "zero.tf"} <= forms  # U+0030 and the tabular figure of the tnum feature
    assert {g: _contours(original, g) for g in forms} == dict.fromkeys(forms, 3)
    assert {g: _contours(derived, g) for g in forms} == dict.fromkeys(forms, 2)
    for name in forms:  # same advance and outer contour: the figure keeps its width and weight
        assert derived["hmtx"][name] == original["hmtx"][name]
    image, [box] = _pillow(_derived(weight), "0")
    before, _ = _pillow(_original(weight), "0")
    row = round((box[1] + box[3]) / 2)  # the middle row: outer edges and the left stem's width must not move
    inked = [[x for x in range(im.width) if im.getpixel((x, row)) < 128] for im in (image, before)]
    plain, slashed = [(xs[0], xs[-1], _first_run(xs)) for xs in inked]
    assert plain == slashed


def _first_run(xs: list[int]) -> int:
    """Return the length of the first run of consecutive values (the left stem on a row of inked x)."""
    return next((i for i in range(1, len(xs)) if xs[i] != xs[i - 1] + 1), len(xs))


def test_derivation_is_deterministic_and_cached_by_content():
    data = Path(_original("regular")).read_bytes()
    first, second = plainzero.derive(data), plainzero.derive(data)
    assert first == second != data
    assert Path(_derived("regular")).read_bytes() == first
    source, made = TTFont(io.BytesIO(data)), TTFont(io.BytesIO(first))
    assert (made["head"].created, made["head"].modified) == (source["head"].created, source["head"].modified)
    face = fonts.typeface(PACKAGE, FAMILY)
    h = hashlib.sha256()
    for weight, _ in face.files:
        h.update(weight.encode())
        h.update(plainzero.derive(Path(_original(weight)).read_bytes()))
    assert fonts.digest(face) == h.hexdigest()  # every content key hashes the bytes actually drawn


def _reserved_names(text: str) -> list[str]:
    """Return the Reserved Font Names declared after the copyright statements of an OFL text."""
    declared = re.findall(r"Reserved\s+Font\s+Names?\s+((?:[\"“'][^\"”']+[\"”'][\s,and]*)+)", text)
    return [name for found in declared for name in re.findall(r"[\"“']([^\"”']+)[\"”']", found)]


@pytest.mark.parametrize("weight", WEIGHTS)
def test_derived_names_avoid_reserved_names_and_keep_the_licence(weight):
    licence = (fonts.package_dir(PACKAGE) / "LICENSE").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    original, derived = TTFont(_original(weight))["name"], TTFont(_derived(weight))["name"]
    reserved = _reserved_names(licence.split("PREAMBLE")[0]) + _reserved_names(original.getDebugName(0))
    assert reserved == []  # Atkinson Hyperlegible 1.006 declares none; the kit renames all the same
    assert _reserved_names('Copyright 2010 X, with Reserved Font Names "Foo" and "Foo Sans".') == ["Foo", "Foo Sans"]
    shown = {i: derived.getDebugName(i) for i in (1, 3, 4, 6, 16, 17)}
    assert not [(i, n) for i, n in shown.items() for r in reserved if n and r in n]
    assert shown[1] == DERIVED_FAMILY and shown[4].startswith(DERIVED_FAMILY)
    assert shown[6] == f"CIMPSAtkinson-{weight.capitalize()}"
    assert not [i for i, n in shown.items() if n and ("Atkinson Hyperlegible" in n or "AtkinsonHyperlegible" in n)]
    for i in (0, 13, 14):  # copyright notice and the OFL stay as the authors wrote them
        assert derived.getDebugName(i) == original.getDebugName(i)


def test_font_download_is_the_derived_family_with_the_licence():
    project, _ = check_project(REPO)
    path, data = brandkit.font_zip(project)
    assert path.endswith("/fonte-cimps-atkinson.zip")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = {Path(n).name: n for n in zf.namelist()}
        guide = zf.read(names["LEIA-ME.txt"]).decode()
        fonts_in = {n: zf.read(full) for n, full in names.items() if n.endswith(".ttf")}
    assert sorted(fonts_in) == [f"CIMPSAtkinson-{s}.ttf" for s in ("Bold", "BoldItalic", "Italic", "Regular")]
    assert "OFL.txt" in names and "com o zero sem barra" in guide and DERIVED_FAMILY in guide
    for data in fonts_in.values():
        font = TTFont(io.BytesIO(data))
        assert plainzero.family_name(data) == DERIVED_FAMILY
        assert _contours(font, font.getBestCmap()[0x30]) == 2
