"""One standard per campaign × format: zones sized for the most demanding variant, one type scale for all."""

from __future__ import annotations

import dataclasses

from ..plan import Job
from ..scene import Overflow, Standard
from . import compose, lockups
from .frame import SCALES, Frame

ZONE_MAX = 0.34
"""The contacts zone may take at most this share of the page height."""
NAME_COLUMN_MAX = 0.58
"""The municipality column of the signature may take at most this share of the text width."""


def _worst(values: list[tuple[float, Job]]) -> tuple[float, Job]:
    """Return the largest measure and the job it came from."""
    return max(values, key=lambda item: item[0])


def measure(jobs: list[Job]) -> tuple[Standard, list[Overflow]]:
    """Size the fixed zones for the most demanding variant; report variant data too big for them."""
    frames = [Frame(j, 1.0) for j in jobs]
    f0 = frames[0]
    fmt, unit = f0.fmt, f0.fmt.unit
    overflows: list[Overflow] = []
    lockup = 0.0
    if "qr" in fmt.blocks:
        lockup = lockups.qr_side(f0)
        width, job = _worst([(lockups.qr_row_width(f), f.job) for f in frames])
        if width > f0.inner:
            overflows.append(Overflow("url", width - f0.inner, unit, "frente", job.municipality))
    name_col, job = _worst([(lockups.name_column(f), f.job) for f in frames])
    if name_col > NAME_COLUMN_MAX * f0.inner:
        excess = name_col - NAME_COLUMN_MAX * f0.inner
        overflows.append(Overflow("assinatura.municipio", excess, unit, "frente", job.municipality))
    signature = max(lockups.signature_height(f, name_col) for f in frames)
    zone = 0.0
    label_col = max(lockups.label_column(f) for f in frames)
    if "contacts" in fmt.blocks:
        heights = []
        for f in frames:
            rows = lockups.contact_rows(f, label_col)
            heights.append((lockups.rows_height(f, rows), f.job))
            overflows += [
                Overflow(b.field, b.too_wide, unit, "frente", f.job.municipality)
                for row in rows
                for b in row
                if b is not None and b.too_wide > 0
            ]
        zone, job = _worst(heights)
        if zone > ZONE_MAX * f0.h:
            field = "contato.regional" if job.regional else f"contato.{job.contacts[-1].kind}"
            overflows.append(Overflow(field, zone - ZONE_MAX * f0.h, unit, "frente", job.municipality))
    back = 0.0
    if fmt.sides == 2:
        back = max(lockups.pairs_height(f, lockups.back_blocks(f, f.inner)) for f in frames)
    return Standard(1.0, zone, lockup, name_col, signature, back, label_col), overflows


def _fits(job: Job, std: Standard, scale: float) -> list[Overflow]:
    """Return the overflows of the campaign's own texts at one scale (empty when everything fits)."""
    f = Frame(job, scale)
    found = compose.front(f, std)[1]
    if job.format.sides == 2:
        found += compose.back(f, std)[1]
    return found


def standard(jobs: list[Job]) -> Standard:
    """Return the standard of one campaign × format from all its variants: the largest scale at which all fit."""
    base, overflows = measure(jobs)
    if overflows:
        return dataclasses.replace(base, scale=SCALES[-1], overflows=tuple(overflows))
    job = jobs[-1]
    for roomy in (True, False):
        found = []
        for arrangement in ("top", "side"):
            trial = dataclasses.replace(base, arrangement=arrangement, roomy_visual=roomy)
            best = _largest_scale(job, trial)
            if best is not None:
                found.append((SCALES[best], arrangement == "top", trial))
        if found:
            scale, _, trial = max(found, key=lambda item: (item[0], item[1]))
            return dataclasses.replace(trial, scale=scale)
    std = dataclasses.replace(base, scale=SCALES[-1], roomy_visual=False)
    return dataclasses.replace(std, overflows=tuple(_fits(job, std, SCALES[-1])))


def _largest_scale(job: Job, std: Standard) -> int | None:
    """Return the index of the largest scale at which the campaign's texts fit, by halving."""
    lo, hi, best = 0, len(SCALES) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        if _fits(job, dataclasses.replace(std, scale=SCALES[mid]), SCALES[mid]):
            lo = mid + 1
        else:
            best, hi = mid, mid - 1
    return best


def standardize(jobs: list[Job]) -> list[Job]:
    """Attach to every job the standard of its campaign × format, computed once from all its variants."""
    groups: dict[tuple[str, str], list[Job]] = {}
    for job in jobs:
        groups.setdefault((job.campaign, job.format.name), []).append(job)
    standards = {key: standard(group) for key, group in groups.items()}
    return [dataclasses.replace(j, standard=standards[(j.campaign, j.format.name)]) for j in jobs]
