"""One standard per campaign × format: zones sized for the most demanding variant, one type scale for all."""

from __future__ import annotations

import dataclasses
import re

from cimpskit.core.scene import Overflow, Standard
from cimpskit.layout import compose, compositions, lockups
from cimpskit.layout.frame import SCALES, Frame
from cimpskit.plan.jobs import Job

SENTENCE_END = re.compile(r"[.!?;:](?=\s)")
"""A sentence ending inside a line (the headline should break there instead)."""
SENTENCE_GIVE = 0.25
"""The type may shrink this much below its largest fitting size so that a headline breaks between sentences."""
ZONE_MAX = 0.34
"""The contacts zone may take at most this share of the page height."""


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
    if "qr" in fmt.blocks or fmt.sides == 2:
        lockup = max(lockups.qr_side(f) for f in frames)
        width, job = _worst([(lockups.qr_row_width(f, lockup), f.job) for f in frames])
        if width > f0.inner:
            overflows.append(Overflow("url", width - f0.inner, unit, "frente", job.municipality))
    name_col, job = _worst([(lockups.name_column(f), f.job) for f in frames])
    limit = lockups.NAME_COLUMN_MAX * (f0.sig_right - f0.sig_left)
    if name_col > limit:
        excess = name_col - limit
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
    std = Standard(
        scale=1.0,
        zone=zone,
        lockup=lockup if "qr" in fmt.blocks else 0.0,
        name_column=name_col,
        signature=signature,
        back_lockup=lockup,
        label_column=label_col,
    )
    if fmt.sides == 2:
        for f in frames:
            g = compose.back_frame(f, std)
            spare = compose.back_spare(g, std)
            if spare < 0:
                overflows.append(Overflow("contatos", -spare, unit, "verso", f.job.municipality))
    return std, overflows


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
    for share in _shares(job):
        trial = dataclasses.replace(base, visual_min=share)
        best = _largest_scale(job, trial)
        if best is not None and (SCALES[best] >= SCALE_FOR_VISUAL or share <= compositions.VISUAL_MIN):
            scale, _ = _sentence_scale(job, trial, best)
            return dataclasses.replace(trial, scale=scale)
    return dataclasses.replace(base, scale=SCALES[-1], overflows=tuple(_fits(job, base, SCALES[-1])))


SCALE_FOR_VISUAL = 0.65
"""The key visual grows to its composition's target only while the type keeps at least this scale."""
SHARE_STEP = 0.03


def _shares(job: Job) -> list[float]:
    """Return the visual's least shares tried, from its composition's target down to the 25 % every piece keeps."""
    spec = compositions.LANDSCAPE if job.format.landscape else compositions.COMPOSITIONS[job.composition]
    target = max((r.target for r in spec.rows if isinstance(r, compositions.Split)), default=compositions.VISUAL_MIN)
    shares, share = [], min(target, compositions.VISUAL_MAX)
    while share > compositions.VISUAL_MIN + 1e-9:
        shares.append(round(share, 3))
        share -= SHARE_STEP
    return shares + [compositions.VISUAL_MIN]


def _sentence_scale(job: Job, std: Standard, best: int) -> tuple[float, bool]:
    """Return the largest scale, within SENTENCE_GIVE of the best, at which the headline breaks exactly between its
    sentences (one sentence a line); and whether it found one (else the best scale, marked False)."""
    if not SENTENCE_END.search(job.headline.rstrip()[:-1] or ""):
        return SCALES[best], True
    floor = SCALES[best] * (1 - SENTENCE_GIVE)
    for index in range(best, len(SCALES)):
        if SCALES[index] < floor:
            break
        lines = compose.headline_lines(Frame(job, SCALES[index]), dataclasses.replace(std, scale=SCALES[index]))
        ends = [line.rstrip()[-1:] in ".!?;:" for line in lines[:-1]]
        if all(ends) and all(not SENTENCE_END.search(line.rstrip()[:-1]) for line in lines):
            return SCALES[index], True
    return SCALES[best], False


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
