"""The build: a thin orchestrator over producers (assets, bundles, site pages, calendar, procurement)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tqdm import tqdm

from cimpskit.core import fonts
from cimpskit.core.errors import KitError, UsageError
from cimpskit.core.paths import REGIONAL
from cimpskit.core.writer import discard, promote, remove_stale, stage, write_atomic, write_tree
from cimpskit.inputs.project import Project
from cimpskit.layout.planned import make_plan
from cimpskit.layout.preflight import aggregate
from cimpskit.plan.jobs import Plan
from cimpskit.plan.planner import file_date, public_folder
from cimpskit.plan.series import AnyJob, MotionJob, SeriesJob
from cimpskit.produce import brandkit, cache, calendar, kits, pending, printorder, procurement, timeline
from cimpskit.produce import bundle as bundles
from cimpskit.produce.options import BuildOptions
from cimpskit.produce.result import BuildResult, Bundle, Counts, Kit, OutFile, Piece
from cimpskit.render.assets import Rendered, render_job
from cimpskit.site import citizen
from cimpskit.site import pages as site

STAGING = ".staging"
GENERATED_FOLDERS = ("campanhas", "municipios", "assets/generated", "dados")


IN_FLIGHT = 4
"""Chunks of jobs handed to each worker ahead of the one being collected: enough to keep workers busy, few enough
that finished files never pile up in the parent (what it holds of rendered files stays bounded however many jobs
there are)."""


def _render(args: tuple[list[AnyJob], Path]) -> list[Rendered]:
    """Render a chunk of jobs (worker entry point)."""
    jobs, root = args
    return [render_job(job, root) for job in jobs]


def render_all(jobs: list[AnyJob], root: Path, workers: int) -> Iterator[Rendered]:
    """Lay out and render jobs across processes with a progress bar, yielding results in job order."""
    bar = tqdm(total=len(jobs), desc="peças", unit="peça", file=sys.stderr, disable=None, leave=False)
    try:
        if workers <= 1 or len(jobs) <= 1:
            for job in jobs:
                yield render_job(job, root)
                bar.update()
            return
        size = max(1, min(16, len(jobs) // (workers * 8)))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            pending: deque = deque()
            for chunk in _chunks(jobs, size):
                pending.append(pool.submit(_render, (chunk, root)))
                if len(pending) >= workers * IN_FLIGHT:
                    yield from _collect(pending.popleft(), bar)
            while pending:
                yield from _collect(pending.popleft(), bar)
    finally:
        bar.close()


def _chunks(jobs: list[AnyJob], size: int) -> Iterator[list[AnyJob]]:
    """Cut jobs into chunks of size, a video always alone (it costs as much as a chunk of pieces)."""
    chunk: list[AnyJob] = []
    for job in jobs:
        if isinstance(job, MotionJob):
            yield [job]
            continue
        chunk.append(job)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _collect(future, bar) -> Iterator[Rendered]:
    """Yield the results of one chunk, in job order, advancing the progress bar."""
    for result in future.result():
        yield result
        bar.update()


def check_selection(project: Project, opts: BuildOptions) -> None:
    """Refuse a --campaign or --municipality that names nothing (a usage error, not a data error)."""
    slugs = {c.model.slug: c.model for c in project.campaigns}
    if opts.campaign and opts.campaign not in slugs:
        known = ", ".join(sorted(slugs))
        raise UsageError(f"campanha '{opts.campaign}' não existe em campaigns/ (campanhas: {known})")
    if opts.campaign and slugs[opts.campaign].status == "draft" and not opts.drafts:
        raise UsageError(f"campanha '{opts.campaign}' é rascunho: use --drafts para gerar uma prévia")
    munis = {m.slug for m in project.municipalities.model.municipalities} | {REGIONAL}
    if opts.municipality and opts.municipality not in munis:
        raise UsageError(f"município '{opts.municipality}' não existe em brand/municipalities.yml")


def series_kind(job: AnyJob) -> str:
    """Return the series kind of a job's piece ('video' for a video), empty for a piece of a campaign's formats."""
    if isinstance(job, SeriesJob):
        return job.kind
    return "video" if isinstance(job, MotionJob) else ""


def produce_pieces(
    project: Project, plan: Plan, manifest: cache.Manifest, out: Path, opts: BuildOptions
) -> tuple[list[Piece], Counts, list]:
    """Render what changed (staged, promoted only when every asset succeeded); return every piece."""
    versions = cache.versions(project.typeface)
    every = plan.every()
    digests = {job.stem: cache.job_digest(job, versions) for job in every}
    reused = {} if opts.force else {j.stem: manifest.fresh(j.stem, digests[j.stem], out) for j in every}
    # Videos first: the longest jobs start early, so no core waits alone for one at the end.
    todo = [*(j for j in plan.videos if not reused.get(j.stem))]
    todo += [j for j in (*plan.jobs, *plan.series) if not reused.get(j.stem)]
    staging = out / STAGING
    discard(staging)
    failed, warned, fresh = [], [], {}
    for job, result in zip(todo, render_all(todo, project.root, opts.jobs or os.cpu_count() or 1), strict=True):
        if result.findings:
            (failed if result.failed else warned).append((job, list(result.findings)))
        if result.failed or failed:
            continue
        stage(staging, out, {path: data for path, data in result.files.values()})
        files = {role: OutFile.of(path, data) for role, (path, data) in result.files.items()}
        fresh[job.stem] = Piece(
            job.stem,
            job.campaign,
            job.municipality,
            job.name,
            digests[job.stem],
            medium=job.format.medium,
            preview=job.preview,
            draft=job.draft,
            files=files,
            alts=result.alts,
            captions=result.captions,
            label=job.label,
            series=series_kind(job),
        )
    if failed:
        discard(staging)
        raise KitError(aggregate(project, failed + warned))
    promote(staging, out)
    pieces = [reused.get(j.stem) or fresh[j.stem] for j in every]
    return pieces, Counts(rendered=len(todo), reused=len(every) - len(todo)), warned


def _draw_ficha(args: tuple[printorder.Sheet, str, str, dict[str, str]]) -> dict[str, tuple[str, bytes]]:
    """Draw one ficha técnica (worker entry point)."""
    return printorder.ficha_files(*args)


def draw_fichas(todo: list[tuple], workers: int) -> Iterator[dict[str, tuple[str, bytes]]]:
    """Draw fichas across processes, yielding their files in order."""
    if workers <= 1 or len(todo) <= 1:
        yield from map(_draw_ficha, todo)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_draw_ficha, todo, chunksize=max(1, min(16, len(todo) // (workers * 8))))


def _known_fichas(manifest: cache.Manifest, stem: str, digest: str, out: Path) -> dict[str, OutFile]:
    """Return the remembered ficha files of a piece when they came from this digest and are all there."""
    known = manifest.fichas.get(stem)
    if not known or known["digest"] != digest:
        return {}
    made = printorder.outfiles(known)
    return made if all((out / f.path).is_file() for f in made.values()) else {}


def produce_fichas(
    project: Project, pieces: list[Piece], manifest: cache.Manifest, out: Path, opts: BuildOptions
) -> tuple[list[Piece], int]:
    """Write the ficha técnica of every final print piece whose data changed; return the pieces with their fichas."""
    face = project.typeface
    fonts_digest, regular, bold = fonts.digest(face), str(face.path("regular")), str(face.path("bold"))
    places = printorder.destinations(project)
    made: dict[str, dict[str, OutFile]] = {}
    todo, digests = [], {}
    for piece in filter(printorder.printable, pieces):
        sheet = printorder.sheet(project, piece, places)
        digests[piece.stem] = printorder.sheet_digest(sheet, fonts_digest)
        made[piece.stem] = {} if opts.force else _known_fichas(manifest, piece.stem, digests[piece.stem], out)
        if not made[piece.stem]:
            todo.append((piece.stem, (sheet, regular, bold, printorder.ficha_paths(piece))))
    workers = opts.jobs or os.cpu_count() or 1
    for (stem, _), drawn in zip(todo, draw_fichas([args for _, args in todo], workers), strict=True):
        for path, data in drawn.values():
            write_atomic(out / path, data)
        made[stem] = {role: OutFile.of(path, data) for role, (path, data) in drawn.items()}
        record = {role: [f.path, f.size, f.sha256] for role, f in sorted(made[stem].items())}
        manifest.fichas[stem] = {"digest": digests[stem], "files": record}
    result = []
    for piece in pieces:
        files = {role: f for role, f in piece.files.items() if role not in printorder.ROLES} | made.get(piece.stem, {})
        result.append(dataclasses.replace(piece, files=files) if files != piece.files else piece)
    return result, len(todo)


def produce_bundles(
    project: Project, pieces: list[Piece], manifest: cache.Manifest, out: Path, force: bool
) -> tuple[list[Bundle], int]:
    """Write the ZIP of every campaign × municipality whose pieces changed; return every bundle."""
    campaigns = {c.model.slug: c.model for c in project.campaigns}
    dates = {slug: file_date(project, c) for slug, c in campaigns.items()}
    names = {m.slug: m.name for m in project.municipalities.model.municipalities}
    names[REGIONAL] = "versão regional (consórcio)"
    result, written = [], 0
    for key, (digest, members) in bundles.plan_bundles(pieces, dates).items():
        rel = bundles.bundle_path(*key)
        known = manifest.bundles.get(rel)
        if not force and known and known["digest"] == digest and (out / rel).is_file():
            result.append(Bundle(key[0], key[1], OutFile(rel, known["size"], known["sha256"])))
            continue
        title = f"{campaigns[key[0]].title} — {names[key[1]]}"
        made, data = bundles.build_bundle(out, key, members, dates[key[0]], title)
        write_atomic(out / rel, data)
        manifest.bundles[rel] = {"digest": digest, "size": made.file.size, "sha256": made.file.sha256}
        result.append(made)
        written += 1
    return result, written


def produce_kits(
    project: Project, pieces: list[Piece], manifest: cache.Manifest, out: Path, force: bool
) -> tuple[list[Kit], int]:
    """Write the ZIP of every municipality (all its campaigns) whose campaign bundles changed; return every kit."""
    campaigns = {c.model.slug: c.model for c in project.campaigns}
    dates = {slug: file_date(project, c) for slug, c in campaigns.items()}
    munis = {m.slug: m.name for m in project.municipalities.model.municipalities}
    result, written = [], 0
    for slug, (digest, by_campaign) in kits.plan_kits(bundles.plan_bundles(pieces, dates), list(munis)).items():
        rel = kits.kit_path(slug)
        known = manifest.bundles.get(rel)
        if not force and known and known["digest"] == digest and (out / rel).is_file():
            result.append(Kit(slug, OutFile(rel, known["size"], known["sha256"]), tuple(by_campaign)))
            continue
        titles = {c: campaigns[c].title for c in by_campaign}
        made, data = kits.build_kit(out, slug, munis[slug], by_campaign, titles, max(dates[c] for c in by_campaign))
        write_atomic(out / rel, data)
        manifest.bundles[rel] = {"digest": digest, "size": made.file.size, "sha256": made.file.sha256}
        result.append(made)
        written += 1
    return result, written


def build(project: Project, opts: BuildOptions) -> tuple[BuildResult, list]:
    """Plan, render, bundle and write; return the build result and the warnings found on the way."""
    check_selection(project, opts)
    root = project.root
    out = opts.out_dir(root)
    plan = make_plan(project, opts.drafts, opts.campaign, opts.municipality, videos=opts.videos)
    manifest = cache.load_manifest(out)
    pieces, counts, warned = produce_pieces(project, plan, manifest, out, opts)
    pieces, sheets = produce_fichas(project, pieces, manifest, out, opts)
    manifest.pieces.update({p.stem: p for p in pieces})
    made, written = produce_bundles(project, pieces, manifest, out, opts.force)
    removed, kit_list, signatures = 0, [], []
    if opts.full:
        kit_list, kits_written = produce_kits(project, pieces, manifest, out, opts.force)
        signatures = brandkit.produce(project, manifest, out, opts.force)
        written += kits_written
        current = {p.stem for p in pieces}
        manifest.pieces = {k: v for k, v in manifest.pieces.items() if k in current}
        with_fichas = {p.stem for p in pieces if printorder.FICHA in p.files}
        manifest.fichas = {k: v for k, v in manifest.fichas.items() if k in with_fichas}
        names = {b.file.path for b in made} | {k.file.path for k in kit_list}
        manifest.bundles = {k: v for k, v in manifest.bundles.items() if k in names}
        names |= {f.path for s in signatures for f in s.files.values()}
        keep = {f.path for p in manifest.pieces.values() for f in p.files.values()} | names | {cache.MANIFEST}
        removed = len(remove_stale(out, keep))
    write_atomic(out / cache.MANIFEST, manifest.to_bytes())
    counts = Counts(counts.rendered, counts.reused, written, removed, sheets)
    result = BuildResult(
        tuple(pieces), tuple(made), plan.campaigns, opts.drafts, counts, tuple(kit_list), tuple(signatures)
    )
    if opts.writes_site(root):
        write_generated(project, result, opts.today)
    return result, warned


def approved(project: Project) -> list:
    """Return the approved campaigns (the ones the pending-items board looks at)."""
    return [c.model for c in project.campaigns if c.model.status == "approved"]


def generated_files(project: Project, result: BuildResult, today: dt.date) -> dict[str, bytes]:
    """Return every generated file of the site: pages, brand CSS, calendar feeds, sheets, citizen pages."""

    campaigns = site.published(project, result)
    files = site.pages(project, result, today)
    files.update(brandkit.site_files(project))
    files.update(calendar.files(project, campaigns))
    files.update(timeline.files(project, campaigns, today))
    files.update(procurement.files(project, campaigns))
    files.update(pending.files(project, approved(project), today))
    public = public_folder(project)
    files.update({public + rel: data for rel, data in citizen.pages(project, campaigns).items()})
    files.update(printorder.files(project, campaigns, list(result.pieces)))
    return files


def write_generated(project: Project, result: BuildResult, today: dt.date) -> None:
    """Write the generated site files under docs/ and remove generated files that no longer exist."""
    docs = project.root / "docs"
    files = generated_files(project, result, today)
    write_tree(docs, files)
    for folder in (*GENERATED_FOLDERS, public_folder(project).rstrip("/")):
        prefix = f"{folder}/"
        remove_stale(docs / folder, {k[len(prefix) :] for k in files if k.startswith(prefix)})
