"""Key visuals: the shipped SVGs pass the brand rules, broken ones give exact messages, both renderers agree."""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from helpers import REPO
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from cimpskit.core.errors import Problem
from cimpskit.inputs import visuals
from cimpskit.render.pdf import font_name
from cimpskit.render.visual_pdf import pdf_drawing
from cimpskit.render.visual_raster import _png, rasterize

BROKEN = Path(__file__).parent / "broken-visuals"
VISUALS = REPO / visuals.VISUALS_DIR
PALETTE_ENTRIES = yaml.safe_load((REPO / "brand/brand.yml").read_text(encoding="utf-8"))["palette"]
PALETTE = {c["name"]: c["hex"] for c in PALETTE_ENTRIES}
CMYK = {c["hex"]: tuple(c["cmyk"]) for c in PALETTE_ENTRIES}

# Each shipped visual and the background it is drawn on (the campaign's colors.background; azul for the consortium).
BACKGROUNDS = {
    "maio-laranja": "laranja",
    "trabalho-infantil": "vermelho",
    "cadastro-unico": "azul",
    "atendimento-domicilio": "verde",
    "agosto-lilas": "lilas",
    "rede-cimps": "azul",
}
# Colours on the outline of a visual that are a backdrop, not a meaningful shape (the halo behind the child).
DECORATIVE: dict[str, set[str]] = {}

# Two flat shapes on a 2:1 canvas: a laranja square on the left, a grafite circle on the right.
TWO_SHAPES = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">
  <rect x="0" y="0" width="100" height="100" fill="#F28C28"/>
  <circle cx="150" cy="50" r="40" fill="#1f2328" stroke="#FFFFFF" stroke-width="4"/>
</svg>
"""


def shipped() -> list[Path]:
    """Return the shipped SVG visuals."""
    return sorted(VISUALS.glob("*.svg"))


def pdf_bytes(data: bytes, width: float = 200, height: float = 100) -> bytes:
    """Return a one-page reportlab PDF, set up like the print renderer's, with the visual drawn at the origin."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(width, height), invariant=1, initialFontName=font_name(_regular_font()))
    pdf_drawing(data, CMYK, width, height).drawOn(canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def png_bytes(data: bytes, width: int, height: int) -> bytes:
    """Return the rasterised visual encoded as PNG."""
    buf = io.BytesIO()
    rasterize(data, width, height).save(buf, "PNG")
    return buf.getvalue()


def luminance(hex_: str) -> float:
    """Return the WCAG relative luminance of #RRGGBB."""
    channels = [int(hex_[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """Return the WCAG contrast ratio of two colours."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def hex_of(pixel: tuple[int, ...]) -> str:
    """Return #RRGGBB for an RGBA pixel."""
    return "#" + "".join(f"{c:02X}" for c in pixel[:3])


def interior_colours(img) -> Counter:
    """Count the colours of opaque pixels whose four neighbours have the same colour (inside large shapes)."""
    px = img.load()
    found = Counter()
    for y in range(1, img.height - 1):
        for x in range(1, img.width - 1):
            here = px[x, y]
            if here[3] == 255 and all(px[x + dx, y + dy] == here for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))):
                found[hex_of(here)] += 1
    return found


def test_every_campaign_has_a_visual():
    assert sorted(p.stem for p in shipped()) == sorted(BACKGROUNDS)


@pytest.mark.parametrize("path", shipped(), ids=lambda p: p.stem)
def test_shipped_visual_passes_the_brand_rules(path):
    data = path.read_bytes()
    assert visuals.check_svg(data, f"{visuals.VISUALS_DIR}/{path.name}", PALETTE) == []
    assert len(data) < 8_000
    assert visuals.aspect(data) == 1.0
    # The drawing starts at the box's left edge (the layout aligns that edge with the text) and touches at
    # least one more side: no empty margin shrinks it.
    left, top, right, bottom = rasterize(data, 400, 400).getchannel("A").point(lambda a: 255 * (a > 8)).getbbox()
    assert left <= 8
    assert min(top, 400 - right, 400 - bottom) <= 8
    assert visuals.colours(data) <= set(PALETTE.values())


@pytest.mark.parametrize("path", shipped(), ids=lambda p: p.stem)
def test_shipped_visual_outline_contrasts_with_its_background(path):
    """Every palette colour on the outline of the drawing reaches 3:1 against the campaign background."""
    background = PALETTE[BACKGROUNDS[path.stem]]
    img = rasterize(path.read_bytes(), 200, 200)
    px = img.load()
    outline = set()
    for y in range(1, 199):
        for x in range(1, 199):
            near = (px[x + 1, y], px[x - 1, y], px[x, y + 1], px[x, y - 1])
            if px[x, y][3] == 255 and any(p[3] == 0 for p in near):
                outline.add(hex_of(px[x, y]))
    meaningful = (outline & set(PALETTE.values())) - {background} - DECORATIVE.get(path.stem, set())
    assert meaningful
    assert {c: round(contrast(c, background), 2) for c in meaningful if contrast(c, background) < 3} == {}


@pytest.mark.parametrize("path", shipped(), ids=lambda p: p.stem)
def test_shipped_visual_rasterises_to_palette_colours(path):
    img = rasterize(path.read_bytes(), 200, 200)
    found = interior_colours(img)
    assert set(found) <= set(PALETTE.values())
    assert sum(found.values()) > 200 * 200 * 0.1


BROKEN_CASES = sorted(p.stem for p in BROKEN.glob("*.svg"))
# Cases whose only fault is colour: safe to draw, refused by check_svg (and by pdf_drawing for lack of CMYK).
COLOUR_ONLY = ("missing-fill", "off-palette")


@pytest.mark.parametrize("case", BROKEN_CASES)
def test_broken_visual_gives_exact_messages(case):
    data = (BROKEN / f"{case}.svg").read_bytes()
    expected = (BROKEN / f"{case}.txt").read_text(encoding="utf-8")
    problems = visuals.check_svg(data, f"{visuals.VISUALS_DIR}/{case}.svg", PALETTE)
    assert "".join(f"{p}\n" for p in problems) == expected


@pytest.mark.parametrize("case", [c for c in BROKEN_CASES if c not in COLOUR_ONLY])
def test_unsafe_visual_is_never_drawn(case):
    data = (BROKEN / f"{case}.svg").read_bytes()
    with pytest.raises(ValueError):
        rasterize(data, 40, 40)
    with pytest.raises(ValueError):
        pdf_drawing(data, CMYK, 40, 40)


def test_oversized_file_is_refused_before_parsing():
    data = TWO_SHAPES.replace(b"</svg>", b"<!--" + b"x" * visuals.MAX_BYTES + b"--></svg>")
    assert visuals.check_svg(data, "v.svg", PALETTE) == [
        Problem("v.svg", 1, 1, f"arquivo SVG grande demais ({len(data)} bytes; limite 200000): simplifique o desenho")
    ]


def test_file_not_in_utf8_is_refused():
    data = TWO_SHAPES.replace(b"<rect", "<!-- ação -->\n  <rect".encode("latin-1"))
    assert visuals.check_svg(data, "v.svg", PALETTE) == [
        Problem("v.svg", 2, 9, "o arquivo não está em UTF-8: salve o SVG com a codificação UTF-8")
    ]


def test_use_bomb_is_refused():
    groups = "".join(f'<g id="g{i}">' + f'<use href="#g{i - 1}"/>' * 10 + "</g>" for i in range(1, 8))
    data = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
<g id="g0"><rect width="1" height="1" fill="#FFFFFF"/></g>{groups}</svg>""".encode()
    message = (
        "desenho complexo demais: mais de 500 elementos (contando cada <use> expandido); "
        "junte as formas da mesma cor num só caminho (path) no editor de desenho"
    )
    assert visuals.check_svg(data, "v.svg", PALETTE) == [Problem("v.svg", 1, 1, message)]


def test_aspect_and_colours():
    assert visuals.aspect(TWO_SHAPES) == 2.0
    assert visuals.colours(TWO_SHAPES) == {"#F28C28", "#1F2328", "#FFFFFF"}


@pytest.mark.parametrize("size", [(400, 400), (1200, 630), (300, 500), (1, 1)])
def test_rasterize_contains_and_centres_the_drawing(size):
    width, height = size
    img = rasterize(TWO_SHAPES, width, height)
    assert img.mode == "RGBA"
    assert img.size == size
    if size == (1, 1):
        return
    scale = min(width / 200, height / 100)
    left, top = (width - 200 * scale) / 2, (height - 100 * scale) / 2
    for corner in ((0, 0), (width - 1, 0), (0, height - 1), (width - 1, height - 1)):
        assert img.getpixel(corner)[3] == 0
    assert img.getpixel((int(left + 50 * scale), int(top + 50 * scale))) == (0xF2, 0x8C, 0x28, 255)
    assert img.getpixel((int(left + 150 * scale), int(top + 50 * scale))) == (0x1F, 0x23, 0x28, 255)
    # The square starts at the left of the viewBox; the circle's stroke ends at x = 192.
    expected = (left, top, left + 192 * scale, top + 100 * scale)
    assert img.getchannel("A").getbbox() == pytest.approx(expected, abs=1)


def test_rasterize_is_byte_deterministic():
    data = (VISUALS / "maio-laranja.svg").read_bytes()
    first = png_bytes(data, 1200, 630)
    _png.cache_clear()
    assert png_bytes(data, 1200, 630) == first


def test_pdf_drawing_is_vector_cmyk():
    pdf = pdf_bytes(TWO_SHAPES)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    operators = re.findall(r"[A-Za-z*]+(?=\s|$)", content)
    assert "k" in operators and "K" in operators
    assert "rg" not in operators and "RG" not in operators
    assert "Do" not in operators and "XObject" not in str(page["/Resources"])
    assert "c" in operators and ("f" in operators or "B" in operators)
    assert "0 .55 .9 0 k" in content
    assert ".7 .6 .5 .8 k" in content
    assert "0 0 0 0 K" in content
    assert "Tf" not in operators and not page["/Resources"]["/Font"]


def test_pdf_drawing_contains_and_centres_the_drawing():
    drawing = pdf_drawing(TWO_SHAPES, CMYK, 300, 300)
    assert (drawing.width, drawing.height) == (300, 300)
    x0, y0, x1, y1 = drawing.getBounds()
    assert (x0, y0, y1) == pytest.approx((0, 75, 225))
    assert x1 == pytest.approx(190 * 1.5)


def test_pdf_drawing_closes_stroked_circles():
    pdf = pdf_bytes(TWO_SHAPES)
    content = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")
    assert re.search(r" c\s+h\s+B\b", content)


def test_pdf_drawing_is_byte_deterministic():
    data = (VISUALS / "rede-cimps.svg").read_bytes()
    assert pdf_bytes(data) == pdf_bytes(data)


def test_pdf_drawing_refuses_a_colour_without_cmyk():
    cmyk = {k: v for k, v in CMYK.items() if k != "#1F2328"}
    with pytest.raises(ValueError, match="#1F2328"):
        pdf_drawing(TWO_SHAPES, cmyk, 200, 100)


@pytest.mark.parametrize("path", shipped(), ids=lambda p: p.stem)
def test_shipped_visual_draws_in_pdf_with_palette_inks_only(path):
    content = PdfReader(io.BytesIO(pdf_bytes(path.read_bytes(), 300, 300))).pages[0].get_contents().get_data()
    inks = set(re.findall(r"([\d. ]+) [kK]\n", content.decode("latin-1")))
    allowed = {" ".join(f"{v / 100:g}".lstrip("0") or "0" for v in c) for c in CMYK.values()} | {"0 0 0 1"}
    assert {i.strip() for i in inks} <= allowed


def _regular_font() -> str:
    """Return the brand's regular font file, as the shipped brand standard names it."""
    from cimpskit.core import fonts

    return str(fonts.typeface("fontpkg-atkinson-hyperlegible", "Atkinson Hyperlegible").path("regular"))
