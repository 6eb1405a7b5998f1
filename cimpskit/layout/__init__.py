"""Lay out one job into a Scene of positioned elements, in the format's units, on its campaign's standard."""

from __future__ import annotations

from cimpskit.core.scene import Overflow, Page, Scene
from cimpskit.layout import compose, series
from cimpskit.layout.frame import Frame
from cimpskit.layout.proof import stamp
from cimpskit.layout.standard import standard, standardize
from cimpskit.plan.series import AnyJob, MotionJob, SeriesJob

__all__ = ["FitError", "Overflow", "layout", "standardize"]


class FitError(Exception):
    """Raised when a job's text cannot fit its format even at the smallest type scale."""

    def __init__(self, overflows: list[Overflow]):
        super().__init__(overflows)
        self.overflows = overflows


def layout(job: AnyJob) -> Scene:
    """Lay out every page of a job on its standard (computed from the job alone when it has none); a video's scene
    is its still piece's."""
    if isinstance(job, MotionJob):
        job = job.still
    if isinstance(job, SeriesJob):
        return _series(job)
    std = job.standard or standard([job])
    if std.overflows:
        raise FitError(list(std.overflows))
    f = Frame(job, std.scale)
    marks = stamp(f)
    pages = [Page("frente", tuple(compose.front(f, std)[0] + marks))]
    if job.format.sides == 2:
        pages.append(Page("verso", tuple(compose.back(f, std)[0] + marks)))
    fmt = job.format
    title = f"{job.campaign_title} — {job.municipality_name} — {fmt.label}"
    return Scene(fmt.unit, fmt.width, fmt.height, fmt.bleed, tuple(pages), title, job.print_setup)


def _series(job: SeriesJob) -> Scene:
    """Lay out a series piece on its standard."""
    std = job.standard or series.standard([job])
    if std.overflows:
        raise FitError(list(std.overflows))
    return series.scene(job, std)
