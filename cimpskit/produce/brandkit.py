"""The make-your-own kit: signature files of every variant, the site's brand marks and the font package.

The signature lockup is laid out by the same code as on every piece (layout.lockups) at the size it has on an
A4 poster, with the brand's clear space around it, and drawn by the backends: vector PDF/X-1a in the brand's
CMYK, SVG with the text in outlines, PNG at 300 dpi.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from pathlib import Path

from cimpskit.core import fonts, plainzero
from cimpskit.core.paths import REGIONAL
from cimpskit.core.scene import Image, Line, Page, Paint, PrintSetup, Rect, Scene, Text
from cimpskit.core.writer import write_atomic
from cimpskit.inputs.model import Campaign, Format
from cimpskit.inputs.project import Project
from cimpskit.layout import lockups
from cimpskit.layout.frame import Frame, shift
from cimpskit.layout.preflight import scene_findings
from cimpskit.plan.jobs import Job
from cimpskit.plan.planner import jobs_for, variants
from cimpskit.produce import bundle, cache
from cimpskit.produce.result import OutFile, SignatureFiles
from cimpskit.render import raster
from cimpskit.render.pdf import render_pdf
from cimpskit.render.svg import render_svg

FOLDER = "assinaturas"
"""Where the signature files live under the downloads folder."""
KINDS = ("svg", "pdf", "png")
SHEET = (210.0, 297.0)
"""The lockup is drawn at the size it has on an A4 poster (the smallest poster of the catalogue)."""
DPI = 300
DATE = dt.date(2026, 1, 1)
"""The date the PDFs carry: fixed, so the files change only when the drawing does."""
CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
"""This module's own digest: a change in how signatures are made redraws them."""


def _format(project: Project, width: float, height: float, margin: float) -> Format:
    """Return a print format of the given size whose safe area is the clear space."""
    minimum = project.brand.model.typography.minimum_sizes.print_pt
    return Format(
        name="assinatura",
        label="Assinatura",
        medium="print",
        unit="mm",
        width=width,
        height=height,
        dpi=DPI,
        safe_margin=margin,
        min_text=minimum,
        blocks=["signature"],
    )


def jobs(project: Project) -> list[Job]:
    """Return one job per variant (municipalities, then the regional one) on an A4-sized signature format."""
    brand = project.brand.model
    sample = Campaign(
        slug="assinatura",
        title="Assinatura",
        purpose="Assinatura",
        status="approved",
        period={"start": DATE, "end": DATE},
        texts={"headline": "Assinatura", "body": "Assinatura", "call_to_action": "Assinatura"},
        colors={"background": brand.signature.background, "text": brand.signature.text}
        | {"accent": brand.signature.text, "accent_text": brand.signature.background},
        formats=[project.formats.model.formats[0].name],
    )
    inks = tuple((c.hex.upper(), tuple(c.cmyk)) for c in brand.palette)
    rules = brand.print
    setup = PrintSetup(
        DPI, DATE, inks, tuple(rules.print_black), rules.black_text_below_pt, rules.output_condition,
        rules.output_condition_name,
    )  # fmt: skip
    sheet = _format(project, *SHEET, 12.0)
    keep = {"format": sheet, "print_setup": setup, "contacts": (), "preview": False, "url": "", "short_url": ""}
    return [dataclasses.replace(j, **keep) for j in jobs_for(project, sample)]


def _right(elements: list) -> float:
    """Return the right edge of what the lockup draws."""
    edges = []
    for e in elements:
        if isinstance(e, Text):
            edges.append(e.x + fonts.width(e.text, e.font, e.size))
        elif isinstance(e, Line):
            edges.append(max(e.x1, e.x2) + e.width / 2)
        elif isinstance(e, Image):
            edges.append(e.x + e.w)
    return max(edges)


def scene(project: Project, job: Job) -> tuple[Scene, Job]:
    """Lay out one variant's lockup with its clear space; return the scene and the job on the scene's format."""
    f = Frame(job, 1.0)
    column = lockups.name_column(f)
    height = lockups.signature_height(f, column)
    fg, bg = job.paint("footer_text"), job.paint("footer")
    drawn = lockups.signature(f, column, f.top, height, fg, bg)
    clear = project.brand.model.signature.clear_space * height
    width = _right(drawn) - f.left + 2 * clear
    fmt = _format(project, round(width, 3), round(height + 2 * clear, 3), clear * 0.999)
    page = Page("frente", (Rect(0, 0, fmt.width, fmt.height, bg), *shift(drawn, clear - f.left, clear - f.top)))
    title = f"Assinatura — {job.municipality_name}"
    return Scene("mm", fmt.width, fmt.height, 0.0, (page,), title, job.print_setup), dataclasses.replace(
        job, format=fmt
    )


def file_names(project: Project, slug: str) -> dict[str, str]:
    """Return the signature files of a variant by kind, under the downloads folder."""
    short = project.brand.model.identity.short_name.lower()
    name = f"assinatura-{short}" if slug == REGIONAL else f"assinatura-{slug}-{short}"
    return {kind: f"{FOLDER}/{slug}/{name}.{kind}" for kind in KINDS}


def draw(project: Project, job: Job) -> dict[str, bytes]:
    """Check and draw one variant's lockup in every kind; a finding here is a bug (pieces prove the same lockup)."""
    made, checked = scene(project, job)
    problems = [f.message for f in scene_findings(checked, made) if f.severity == "error"]
    if problems:
        raise RuntimeError(f"assinatura de {job.municipality_name}: " + "; ".join(problems))
    root, names = project.root, file_names(project, job.municipality)
    px = round(made.width / 25.4 * DPI)
    return {
        names["svg"]: render_svg(made, root),
        names["pdf"]: render_pdf(made, root, Path(names["pdf"]).stem, marks=False),
        names["png"]: raster.encode(raster.draw_page(made, made.pages[0], root, px), "png"),
    }


def produce(project: Project, manifest: cache.Manifest, out: Path, force: bool) -> list[SignatureFiles]:
    """Write the signature files of every variant whose lockup changed; return them all."""
    versions = f"{CODE}:{cache.versions(project.typeface)}"
    found = {j.municipality: j for j in jobs(project)}
    result = []
    for slug in variants(project):
        job = found[slug]
        digest = cache.job_digest(job, versions)
        known = manifest.signatures.get(slug)
        if not force and known and known["digest"] == digest:
            files = {kind: OutFile(*values) for kind, values in known["files"].items()}
            if all((out / f.path).is_file() for f in files.values()):
                result.append(SignatureFiles(slug, files))
                continue
        drawn = draw(project, job)
        for rel, data in drawn.items():
            write_atomic(out / rel, data)
        files = {Path(rel).suffix[1:]: OutFile.of(rel, data) for rel, data in drawn.items()}
        manifest.signatures[slug] = {
            "digest": digest,
            "files": {k: [f.path, f.size, f.sha256] for k, f in files.items()},
        }
        result.append(SignatureFiles(slug, files))
    manifest.signatures = {k: v for k, v in manifest.signatures.items() if k in found}
    return result


MARKS = {"favicon.png": (64, False), "logo.png": (96, True)}
"""The site's brand marks: the tab icon (white name on the primary colour) and the header logo (inverted)."""
GENERATED = "assets/generated"
MARK_TEXT = 0.27
"""The short name's size as a share of the mark's side (five capitals fill about four fifths of it)."""


def _paint(project: Project, name: str) -> Paint:
    """Return the paint of a palette colour."""
    colour = project.colour(name)
    return Paint(colour.name, colour.hex, tuple(colour.cmyk))


def mark(project: Project, side: int, inverse: bool) -> bytes:
    """Draw the consortium's short name in the brand's bold on a square of the site's primary colour (PNG)."""
    brand = project.brand.model
    ground, ink = _paint(project, brand.site.primary), _paint(project, "branco")
    if inverse:
        ground, ink = ink, ground
    font, size, text = str(project.typeface.path("bold")), side * MARK_TEXT, brand.identity.short_name
    x = (side - fonts.width(text, font, size)) / 2
    y = (side + fonts.ascent(font, size) - fonts.descent(font, size)) / 2
    line = Text(x, y, text, font, "bold", size, ink, ground, size, "marca")
    page = Page("frente", (Rect(0, 0, side, side, ground), line))
    made = Scene("px", side, side, 0.0, (page,), brand.identity.short_name)
    return raster.encode(raster.draw_page(made, page, project.root, side), "png")


FONT_GUIDE = """{family} — fonte da marca do {short}
{origin}
Licença: SIL Open Font License 1.1 (arquivo OFL.txt). Pode usar, instalar e passar adiante de graça,
inclusive em peças comerciais; só não pode vender a fonte sozinha.

Como instalar:
- Windows: clique com o botão direito em cada arquivo .ttf e escolha "Instalar".
- Mac: clique duas vezes no arquivo .ttf e depois em "Instalar fonte".
- Canva e outros editores on-line: envie os arquivos .ttf na área de fontes da marca.
- Celular: use um aplicativo de edição que aceite fontes próprias e importe os arquivos .ttf.

Use o negrito (Bold) nos títulos e o regular no texto. Itálico, só para destacar uma palavra.
"""
ORIGIN = """
É a {source} com o zero sem barra, o mesmo das peças do kit; o resto da fonte não muda. Nos
programas, ela aparece com o nome {family}.
"""


def font_family(project: Project) -> str:
    """Return the family name of the fonts the kit draws with and offers (the plain-zero copies)."""
    return plainzero.family_name(Path(project.typeface.path("regular")).read_bytes())


def font_zip_path(project: Project) -> str:
    """Return the site path of the font package's ZIP."""
    return f"{GENERATED}/fonte-{font_family(project).lower().replace(' ', '-')}.zip"


def font_zip(project: Project) -> tuple[str, bytes]:
    """Return the package's fonts as the kit draws them (plain zero) and the licence, as a ZIP for own pieces."""
    typo, short = project.brand.model.typography, project.brand.model.identity.short_name
    folder = fonts.package_dir(typo.package)
    drawn = [Path(fonts.drawn(str(p))) for p in sorted(folder.rglob("*")) if p.suffix.lower() in fonts.FONT_SUFFIXES]
    files = {p.name: p.read_bytes() for p in drawn}
    licence = next((p for p in (folder / "LICENSE", folder / "OFL.txt") if p.is_file()), None)
    if licence is not None:
        files["OFL.txt"] = licence.read_bytes()
    family = font_family(project)
    origin = ORIGIN.format(source=typo.family, family=family) if family != typo.family else ""
    files["LEIA-ME.txt"] = FONT_GUIDE.format(family=family, short=short, origin=origin).encode()
    path = font_zip_path(project)
    return path, bundle.make_zip(Path(path).stem, files, DATE)


def site_files(project: Project) -> dict[str, bytes]:
    """Return the site's generated brand files: favicon, header logo and the font package."""
    out = {f"{GENERATED}/{name}": mark(project, side, inverse) for name, (side, inverse) in MARKS.items()}
    path, data = font_zip(project)
    out[path] = data
    return out
