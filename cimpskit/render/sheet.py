"""Contact sheet: every format × variant of one campaign in one labelled image, to review a campaign at a glance."""

from __future__ import annotations

from PIL import Image, ImageDraw

from cimpskit.core import fonts
from cimpskit.inputs.project import Project
from cimpskit.layout import FitError, layout
from cimpskit.layout.planned import make_plan
from cimpskit.plan.jobs import Job
from cimpskit.render import raster

CELL_HEIGHT = 260
"""Height of every thumbnail, in pixels; widths follow each format's proportions."""
GAP = 16
LABEL = 22
MARGIN = 24
INK, PAPER, GRID = "#1F2328", "#FFFFFF", "#E6E6E6"


def _columns(jobs: list[Job]) -> list[tuple[str, int]]:
    """Return the sheet's columns: every format's page (the back of two-sided formats gets its own column)."""
    seen: dict[tuple[str, int], None] = {}
    for job in jobs:
        for page in range(job.format.sides):
            seen[(job.format.name, page)] = None
    return list(seen)


def _thumbnail(job: Job, page: int, root, face: fonts.Typeface) -> Image.Image:
    """Draw one page of a job at the sheet's height, or a grey box saying why it could not be laid out."""
    width = round(CELL_HEIGHT * job.format.width / job.format.height)
    try:
        scene = layout(job)
    except FitError:
        box = Image.new("RGB", (width, CELL_HEIGHT), GRID)
        ImageDraw.Draw(box).text((8, 8), "texto não cabe", fill=INK, font=_font(face, "bold", 14))
        return box
    img = raster.draw_page(scene, scene.pages[page], root, width)
    return img if img.height == CELL_HEIGHT else img.resize((width, CELL_HEIGHT), Image.Resampling.BOX)


def _font(face: fonts.Typeface, weight: str, size: int):
    """Return the brand typeface at a size (labels use the same typeface as the pieces)."""
    return fonts.pil_font(str(face.path(weight)), size)


def contact_sheet(project: Project, campaign: str) -> Image.Image:
    """Return the contact sheet of one campaign (drafts included): one row per variant, one column per page."""
    jobs = [j for j in make_plan(project, True, campaign, None).jobs if j.campaign == campaign]
    columns = _columns(jobs)
    widths = {
        col: max(round(CELL_HEIGHT * j.format.width / j.format.height) for j in jobs if j.format.name == col[0])
        for col in columns
    }
    rows = list(dict.fromkeys((j.municipality, j.municipality_name) for j in jobs))
    name_w = 200
    width = MARGIN * 2 + name_w + sum(widths.values()) + GAP * len(columns)
    height = MARGIN * 2 + LABEL * 2 + (CELL_HEIGHT + GAP) * len(rows)
    sheet = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(sheet)
    face = project.typeface
    title = next(j.campaign_title for j in jobs)
    draw.text((MARGIN, MARGIN), f"{title} — folha de contato", fill=INK, font=_font(face, "bold", 18))
    x = MARGIN + name_w
    by_key = {(j.municipality, j.format.name): j for j in jobs}
    for col in columns:
        job = next(j for j in jobs if j.format.name == col[0])
        label = job.format.label.split(" (")[0] + (" — verso" if col[1] else "")
        font = _font(face, "regular", 13)
        while label and draw.textlength(label, font=font) > widths[col]:
            label = label[:-2] + "…"
        draw.text((x, MARGIN + LABEL), label, fill=INK, font=font)
        y = MARGIN + LABEL * 2
        for slug, _ in rows:
            sheet.paste(_thumbnail(by_key[(slug, col[0])], col[1], project.root, face), (x, y))
            y += CELL_HEIGHT + GAP
        x += widths[col] + GAP
    y = MARGIN + LABEL * 2
    for _, name in rows:
        draw.text((MARGIN, y + CELL_HEIGHT // 2), name, fill=INK, font=_font(face, "bold", 15))
        y += CELL_HEIGHT + GAP
    return sheet
