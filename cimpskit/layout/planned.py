"""The plan of a build: every job on its campaign × format standard, and the brand manual's examples."""

from __future__ import annotations

import dataclasses

from cimpskit.core.paths import MANUAL, REGIONAL
from cimpskit.inputs.model import Campaign
from cimpskit.inputs.project import Project
from cimpskit.layout import series
from cimpskit.layout.standard import standardize
from cimpskit.plan.jobs import Job, Plan
from cimpskit.plan.planner import jobs_for
from cimpskit.plan.series import motion_jobs, series_jobs


def example_jobs(project: Project) -> list[Job]:
    """Return the brand manual's right-and-wrong examples as ordinary jobs, each on its own standard.

    An example draws the sample text or its own (a headline too long); a "text too small" example shrinks the
    campaign's type below the format's minimum by its text_scale.
    """
    manual = project.brand.model.manual
    if manual is None:
        return []
    out = []
    for example in manual.examples:
        sample = Campaign(
            slug=MANUAL,
            title=manual.sample.title,
            purpose=manual.sample.title,
            status="approved",
            period={"start": "2000-01-01", "end": "2000-01-01"},
            texts=example.texts or manual.sample.texts,
            colors=example.colors,
            formats=[example.format],
        )
        job = next(j for j in jobs_for(project, sample) if j.municipality == REGIONAL)
        [job] = standardize([dataclasses.replace(job, municipality=example.name, checks=example.right)])
        out.append(_shrunk(job, example.text_scale) if example.text_scale else job)
    return out


def _shrunk(job: Job, factor: float) -> Job:
    """Shrink a job's campaign type by factor, lowering the format's minimum so the frame allows it."""
    if job.standard is None:
        raise ValueError(f"{job.stem}: only a job on its standard can be shrunk")
    fmt = job.format.model_copy(update={"min_text": job.format.min_text * factor})
    return dataclasses.replace(
        job, format=fmt, standard=dataclasses.replace(job.standard, scale=job.standard.scale * factor)
    )


def make_plan(
    project: Project, drafts: bool, campaign: str | None, municipality: str | None, *, videos: bool = True
) -> Plan:
    """Plan every published (or, with drafts, every) campaign: its pieces, its series and its videos; standards
    always see every variant. A full build adds the brand manual's examples; videos=False leaves the videos out.
    """
    chosen = [
        c.model
        for c in project.campaigns
        if (drafts or c.model.status == "approved") and campaign in (None, c.model.slug)
    ]
    jobs = standardize([job for c in chosen for job in jobs_for(project, c)])
    extra = series.standardize([job for c in chosen for job in series_jobs(project, c)])
    clips = motion_jobs(jobs) if videos else []
    jobs = [j for j in jobs if municipality in (None, j.municipality)]
    extra = [j for j in extra if municipality in (None, j.municipality)]
    clips = [j for j in clips if municipality in (None, j.municipality)]
    if campaign is None and municipality is None:
        jobs += example_jobs(project)
    return Plan(tuple(jobs), tuple(c.slug for c in chosen), tuple(extra), tuple(clips))
