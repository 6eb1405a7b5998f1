"""The make-your-own kit: signature files of every variant, campaign marks, the site's brand marks, the fonts.

The signature lockup is laid out by the same code as on every piece (layout.lockups) at the size it has on an
A4 poster, with the brand's clear space around it, and drawn by the backends: vector PDF/X-1a in the brand's
CMYK, SVG with the text in outlines, PNG at 300 dpi.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from cimpskit.core import fonts, paths, plainzero
from cimpskit.core.scene import Image, Line, Page, Paint, PrintSetup, Rect, Scene, Text
from cimpskit.inputs.model import Campaign, Format
from cimpskit.inputs.project import Project
from cimpskit.layout import identity, lockups
from cimpskit.layout.frame import Frame, shift
from cimpskit.layout.preflight import scene_findings
from cimpskit.plan.jobs import Job
from cimpskit.plan.planner import jobs_for, variants
from cimpskit.produce import bundle, cache
from cimpskit.produce.context import Context
from cimpskit.produce.result import SignatureFiles
from cimpskit.render import raster
from cimpskit.render.svg import render_svg

KINDS = ("svg", "pdf", "png")
"""The kinds of signature file, in the order pages list them."""
SHEET = (210.0, 297.0)
"""The lockup is drawn at the size it has on an A4 poster (the smallest poster of the catalogue)."""
DPI = 300
DATE = dt.date(2026, 1, 1)
"""The date the PDFs carry: fixed, so the files change only when the drawing does."""


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
    inks = tuple((c.hex.upper(), c.ink) for c in brand.palette)
    rules = brand.print
    setup = PrintSetup(
        DPI, DATE, inks, tuple(rules.print_black), rules.black_text_below_pt, rules.output_condition,
        rules.output_condition_name,
    )  # fmt: skip
    sheet = _format(project, *SHEET, 12.0)
    return [
        dataclasses.replace(j, format=sheet, print_setup=setup, contacts=(), preview=False, url="", short_url="")
        for j in jobs_for(project, sample)
    ]


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
    short = project.brand.model.identity.short_name
    return {kind: paths.signature(slug, short, kind) for kind in KINDS}


def draw(project: Project, job: Job) -> cache.Drawn:
    """Check and draw one variant's lockup in every kind; a finding here is a bug (pieces prove the same lockup)."""
    made, checked = scene(project, job)
    names = file_names(project, job.municipality)
    return _drawn(project, made, checked, names, f"assinatura de {job.municipality_name}")


def produce(project: Project, manifest: cache.Manifest, out: Path, force: bool) -> list[SignatureFiles]:
    """Write the signature files of every variant, and the mark of every approved campaign, whose drawing changed;
    return them all (marks keyed 'marcas/<slug>')."""
    version = cache.version("signatures", project.typeface)
    found = {j.municipality: j for j in jobs(project)}
    tasks = [cache.Task(slug, cache.job_digest(found[slug], version), found[slug]) for slug in variants(project)]
    made, _ = cache.produce(tasks, manifest.signatures, out, lambda todo: (draw(project, j) for j in todo), force=force)
    marks = {f"{paths.MARKS}/{j.campaign}": j for j in mark_jobs(project)}
    tasks = [cache.Task(key, cache.job_digest(job, version), job) for key, job in marks.items()]

    def marks_of(todo: list[Job]) -> Iterator[cache.Drawn]:
        return (draw_mark(project, j) for j in todo)

    made |= cache.produce(tasks, manifest.signatures, out, marks_of, force=force)[0]
    manifest.signatures = {k: v for k, v in manifest.signatures.items() if k in found or k in marks}
    return [SignatureFiles(key, files) for key, files in made.items()]


def mark_jobs(project: Project) -> list[Job]:
    """Return one job per approved campaign (its regional variant) on an A4-sized print format."""
    sheet = _format(project, *SHEET, 12.0)
    setup = jobs(project)[-1].print_setup
    out = []
    for loaded in project.campaigns:
        campaign = loaded.model
        if campaign.status != "approved":
            continue
        job = next(j for j in jobs_for(project, campaign) if j.municipality == paths.REGIONAL)
        out.append(dataclasses.replace(job, format=sheet, print_setup=setup))
    return out


def mark_scene(project: Project, job: Job) -> tuple[Scene, Job]:
    """Lay out a campaign's mark as on its pieces (at the size it has on an A4 poster), on the campaign's colour with
    half its height of clear space around it."""
    f = Frame(job, 1.0)
    lockup = identity.lockup(f, 1e9)
    clear = lockup.height / 2
    fmt = _format(project, round(lockup.width + 2 * clear, 3), round(lockup.height + 2 * clear, 3), clear * 0.999)
    ground = job.paint("background")
    page = Page("frente", (Rect(0, 0, fmt.width, fmt.height, ground), *identity.place(f, lockup, clear, clear)))
    title = f"Marca da campanha — {job.campaign_title}"
    made = Scene("mm", fmt.width, fmt.height, 0.0, (page,), title, job.print_setup)
    return made, dataclasses.replace(job, format=fmt)


def draw_mark(project: Project, job: Job) -> cache.Drawn:
    """Check and draw one campaign's mark in every kind."""
    made, checked = mark_scene(project, job)
    names = {kind: paths.campaign_mark(job.campaign, kind) for kind in KINDS}
    return _drawn(project, made, checked, names, f"marca de {job.campaign_title}")


def _drawn(project: Project, made: Scene, checked: Job, names: dict[str, str], what: str) -> cache.Drawn:
    """Check a lockup's scene and draw it in every kind (a finding here is a bug: pieces prove the same lockup)."""
    problems = [f.message for f in scene_findings(checked, made) if f.severity == "error"]
    if problems:
        raise RuntimeError(f"{what}: " + "; ".join(problems))
    root = project.root
    px = round(made.width / 25.4 * DPI)
    from cimpskit.render.pdf import render_pdf  # reportlab, loaded only when a signature is drawn

    return {
        "svg": (names["svg"], render_svg(made, root)),
        "pdf": (names["pdf"], render_pdf(made, root, PurePosixPath(names["pdf"]).stem, marks=False)),
        "png": (names["png"], raster.encode(raster.draw_page(made, made.pages[0], root, px), "png")),
    }


MARKS = {"favicon.png": (64, False), "logo.png": (96, True)}
"""The site's brand marks: the tab icon (white name on the primary colour) and the header logo (inverted)."""
MARK_TEXT = 0.27
"""The short name's size as a share of the mark's side (five capitals fill about four fifths of it)."""


def _paint(project: Project, name: str) -> Paint:
    """Return the paint of a palette colour."""
    colour = project.colour(name)
    return Paint(colour.name, colour.hex, colour.ink)


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
    return paths.generated_file(f"fonte-{font_family(project).lower().replace(' ', '-')}.zip")


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


def files(ctx: Context) -> dict[str, bytes]:
    """Return the site's generated brand files: favicon, header logo and the font package."""
    project = ctx.project
    out = {paths.generated_file(name): mark(project, side, inverse) for name, (side, inverse) in MARKS.items()}
    path, data = font_zip(project)
    out[path] = data
    return out
