"""Render stage: one job in, every file of that asset out (as bytes), or its failures."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import accessibility
from .layout import FitError, layout
from .plan import Job


@dataclass(frozen=True)
class Failure:
    """Why an asset could not be produced: the field and what went wrong."""

    field: str
    message: str


@dataclass(frozen=True)
class Rendered:
    """The files of one asset (relative path → bytes), or the failures that stopped it."""

    files: dict[str, bytes] = field(default_factory=dict)
    failures: tuple[Failure, ...] = ()
    alt: str = ""
    caption: str = ""


def _over(amount: float, unit: str) -> str:
    """Format an overflow amount like '12,5 mm'."""
    return f"{amount:.1f}".replace(".", ",") + f" {unit}"


def render_job(job: Job, root: Path) -> Rendered:
    """Lay out and draw one job; check its accessibility; return its files."""
    from .render import raster

    try:
        scene = layout(job)
    except FitError as exc:
        failures = tuple(
            Failure(o.field, f"texto não cabe ({o.page}): passa {_over(o.amount, o.unit)} mesmo no tamanho mínimo")
            for o in exc.overflows
        )
        return Rendered(failures=failures)
    found = accessibility.scene_problems(scene, job.format.min_text, job.format.medium)
    if found:
        return Rendered(failures=tuple(Failure(f, m) for f, m in found))
    files = {}
    if job.format.medium == "screen":
        files[f"{job.stem}.png"], files[f"{job.stem}.webp"] = raster.screen_files(scene, root)
    else:
        from .render.pdf import render_pdf

        files[f"{job.stem}.pdf"] = render_pdf(scene, root)
        files[f"{job.stem}.webp"] = raster.preview(scene, root)
        if len(scene.pages) > 1:
            files[f"{job.stem}-verso.webp"] = raster.preview(scene, root, 1)
    alt = accessibility.alt_text(job)
    files[f"{job.stem}.alt.txt"] = (alt + "\n").encode()
    cap = ""
    if job.format.medium == "screen":
        cap = accessibility.caption(job)
        files[f"{job.stem}.legenda.txt"] = cap.encode()
    return Rendered(files, alt=alt, caption=cap)
