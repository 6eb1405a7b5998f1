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

from cimpskit.core.errors import KitError, UsageError
from cimpskit.core.paths import REGIONAL
from cimpskit.core.writer import discard, promote, remove_files, remove_stale, stage, write_atomic, write_tree
from cimpskit.inputs.project import Project
from cimpskit.layout.planned import make_plan
from cimpskit.layout.preflight import Finding, aggregate
from cimpskit.plan.jobs import Job, Plan
from cimpskit.plan.planner import file_date, public_folder
from cimpskit.plan.series import AnyJob, MotionJob, SeriesJob
from cimpskit.produce import (
    brandkit,
    cache,
    calendar,
    ficha,
    kits,
    ordersheet,
    pending,
    printorder,
    procurement,
    timeline,
    versions,
)
from cimpskit.produce import bundle as bundles
from cimpskit.produce.context import Context
from cimpskit.produce.options import BuildOptions
from cimpskit.produce.result import BuildResult, Bundle, Counts, Kit, OutFile, Piece, RoundFiles, SignatureFiles
from cimpskit.render.assets import Rendered, render_job
from cimpskit.render.raster import keep_buffers
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
    keep_buffers()
    return [render_job(job, root) for job in jobs]


def render_all(jobs: list[AnyJob], root: Path, workers: int) -> Iterator[Rendered]:
    """Lay out and render jobs across processes with a progress bar, yielding results in job order."""
    bar = tqdm(total=len(jobs), desc="peças", unit="peça", file=sys.stderr, disable=None, leave=False)
    try:
        if workers <= 1 or len(jobs) <= 1:
            keep_buffers()
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


def versioned(job: AnyJob) -> bool:
    """Tell whether a job makes print files for the shop, which carry a version in their names."""
    return isinstance(job, Job) and job.format.medium == "print" and not (job.preview or job.draft) and job.checks


def _version(history: versions.History, stem: str, files: dict[str, OutFile]) -> int:
    """Return the version of a final print piece's files (recording a new one when their bytes changed)."""
    shas = {kind: files[role].sha256 for role, kind in versions.VERSIONED_ROLES.items() if role in files}
    return versions.assign(history, Path(stem).name, shas)


def _with_version(files: dict[str, tuple[str, bytes]], number: int) -> dict[str, tuple[str, bytes]]:
    """Rename a final print piece's print files with their version number."""
    return {
        role: (versions.versioned(path, number), data) if role in versions.VERSIONED_ROLES else (path, data)
        for role, (path, data) in files.items()
    }


def series_kind(job: AnyJob) -> str:
    """Return the series kind of a job's piece ('video' for a video), empty for a piece of a campaign's formats."""
    if isinstance(job, SeriesJob):
        return job.kind
    return "video" if isinstance(job, MotionJob) else ""


def produce_pieces(
    project: Project, plan: Plan, manifest: cache.Manifest, out: Path, opts: BuildOptions, history: versions.History
) -> tuple[list[Piece], Counts, list]:
    """Render what changed (staged, promoted only when every asset succeeded); return every piece.

    Final print pieces get the version of their bytes from the history (which this records new versions in).
    """
    version = cache.version("pieces", project.typeface)
    tasks = [cache.Task(job.stem, cache.job_digest(job, version), job) for job in plan.every()]
    reused, todo = cache.split(tasks, manifest.pieces, out, opts.force)
    for task in [t for t in tasks if t.key in reused]:
        known = reused[task.key]
        if versioned(task.work) and _version(history, task.key, known.files) != known.version:
            del reused[task.key]  # the history was changed by hand: render again under the right name
            todo.append(task)
    # Videos first: the longest jobs start early, so no core waits alone for one at the end.
    todo.sort(key=lambda t: not isinstance(t.work, MotionJob))
    staging = out / STAGING
    discard(staging)
    failed: list[tuple[AnyJob, list[Finding]]] = []
    warned: list[tuple[AnyJob, list[Finding]]] = []
    fresh: dict[str, Piece] = {}
    jobs = [t.work for t in todo]
    for task, result in zip(todo, render_all(jobs, project.root, opts.jobs or os.cpu_count() or 1), strict=True):
        job = task.work
        if result.findings:
            (failed if result.failed else warned).append((job, list(result.findings)))
        if result.failed or failed:
            continue
        rendered, number = result.files, 0
        if versioned(job):
            number = _version(history, job.stem, {r: OutFile.of(p, d) for r, (p, d) in rendered.items()})
            rendered = _with_version(rendered, number)
        stage(staging, out, {path: data for path, data in rendered.values()})
        files = {role: OutFile.of(path, data) for role, (path, data) in rendered.items()}
        fresh[task.key] = Piece(
            task.key,
            job.campaign,
            job.municipality,
            job.name,
            task.digest,
            medium=job.format.medium,
            preview=job.preview,
            draft=job.draft,
            files=files,
            alts=result.alts,
            captions=result.captions,
            version=number,
            label=job.label,
            series=series_kind(job),
        )
    if failed:
        discard(staging)
        raise KitError(aggregate(project, failed + warned))
    promote(staging, out)
    pieces = [reused.get(t.key) or fresh[t.key] for t in tasks]
    return pieces, Counts(rendered=len(todo), reused=len(reused)), warned


def _draw_ficha(args: tuple[ficha.Sheet, str, str, dict[str, str]]) -> cache.Drawn:
    """Draw one ficha técnica (worker entry point)."""
    return ficha.ficha_files(*args)


def draw_fichas(todo: list[tuple], workers: int) -> Iterator[cache.Drawn]:
    """Draw fichas across processes, yielding their files in order."""
    if workers <= 1 or len(todo) <= 1:
        yield from map(_draw_ficha, todo)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_draw_ficha, todo, chunksize=max(1, min(16, len(todo) // (workers * 8))))


def print_orders(project: Project, pieces: list[Piece], history: versions.History) -> dict[int, printorder.PrintOrder]:
    """Plan the print order of every year the built campaigns run in (from the pieces of the campaigns' formats)."""
    pieces = [p for p in pieces if not p.series]
    built = {p.campaign for p in pieces}
    campaigns = [c.model for c in project.campaigns if c.model.slug in built]
    years = sorted({c.period.start.year for c in campaigns})
    return {y: printorder.print_order(project, campaigns, pieces, y, history) for y in years}


def produce_fichas(
    project: Project,
    pieces: list[Piece],
    manifest: cache.Manifest,
    out: Path,
    opts: BuildOptions,
    history: versions.History,
) -> tuple[list[Piece], int]:
    """Write the ficha técnica of every final print piece whose data changed; return the pieces with their fichas."""
    face = project.typeface
    version = cache.version("fichas", face)
    regular, bold = str(face.path("regular")), str(face.path("bold"))
    orders = print_orders(project, pieces, history)
    years = {c.model.slug: c.model.period.start.year for c in project.campaigns}
    tasks = []
    for piece in filter(printorder.printable, pieces):
        order = orders[years[piece.campaign]]
        sheet = ficha.sheet(project, ficha.line_of(order, piece), order)
        work = (sheet, regular, bold, printorder.ficha_paths(piece))
        tasks.append(cache.Task(piece.stem, ficha.sheet_digest(sheet, version), work))
    workers = opts.jobs or os.cpu_count() or 1
    made, drawn = cache.produce(tasks, manifest.fichas, out, lambda todo: draw_fichas(todo, workers), force=opts.force)
    result = []
    for piece in pieces:
        files = {role: f for role, f in piece.files.items() if role not in printorder.ROLES} | made.get(piece.stem, {})
        result.append(dataclasses.replace(piece, files=files) if files != piece.files else piece)
    return result, drawn


def produce_rounds(
    project: Project, pieces: list[Piece], out: Path, opts: BuildOptions, history: versions.History
) -> list[RoundFiles]:
    """Write the order sheet, CSV and ZIP of every print round whose campaigns were all built."""
    if opts.municipality:
        return []
    face = project.typeface
    fonts_pair = (str(face.path("regular")), str(face.path("bold")))
    by_key = {(p.campaign, p.municipality, p.format): p for p in pieces if not p.series}
    approved = [c.model for c in project.campaigns if c.model.status == "approved"]
    result = []
    for year, order in print_orders(project, pieces, history).items():
        whole = printorder.print_order(project, approved, [], year)
        every = {r.id: set(r.campaigns) for r in whole.rounds}
        terms = ficha.terms(project, year)
        for r in order.rounds:
            if set(r.campaigns) != every.get(r.id):
                continue  # a --campaign build that left out a campaign of this round
            made = ordersheet.round_files(project, r, terms, by_key, out, fonts_pair)
            for path, data in made.items():
                write_atomic(out / path, data)
            files = {kind: OutFile.of(path, made[path]) for kind, path in ordersheet.paths(r).items()}
            result.append(RoundFiles(year, r.id, r.order_by, r.campaigns, r.can_send, r.complete, files))
    return result


def _titles(project: Project) -> tuple[dict[str, str], dict[str, dt.date], dict[str, str]]:
    """Return every campaign's title and file date, and every variant's name on its ZIP, by slug."""
    campaigns = {c.model.slug: c.model for c in project.campaigns}
    dates = {slug: file_date(project, c) for slug, c in campaigns.items()}
    names = {m.slug: m.name for m in project.municipalities.model.municipalities}
    names[REGIONAL] = "versão regional (consórcio)"
    return {slug: c.title for slug, c in campaigns.items()}, dates, names


def produce_bundles(
    project: Project, pieces: list[Piece], manifest: cache.Manifest, out: Path, force: bool
) -> tuple[list[Bundle], int]:
    """Write the ZIP of every campaign × variant whose pieces changed; return every bundle."""
    titles, dates, names = _titles(project)
    groups = bundles.groups(pieces)
    tasks = [
        cache.Task(f"{c}/{m}", bundles.digest(dates[c], members), (c, m, members)) for (c, m), members in groups.items()
    ]

    def make(todo: list[tuple[str, str, list[Piece]]]) -> Iterator[cache.Drawn]:
        for c, m, members in todo:
            yield bundles.draw(out, (c, m), members, dates[c], f"{titles[c]} — {names[m]}")

    made, written = cache.produce(tasks, manifest.bundles, out, make, force=force)
    return [Bundle(c, m, made[f"{c}/{m}"][bundles.ZIP]) for c, m in groups], written


def produce_kits(
    project: Project, pieces: list[Piece], manifest: cache.Manifest, out: Path, force: bool
) -> tuple[list[Kit], int]:
    """Write the ZIP of every municipality (all its campaigns) whose campaign ZIPs changed; return every kit."""
    titles, dates, names = _titles(project)
    groups = bundles.groups(pieces)
    keys = {key: bundles.digest(dates[key[0]], members) for key, members in groups.items()}
    munis = [m.slug for m in project.municipalities.model.municipalities]
    planned = kits.plan_kits(groups, keys, munis)
    tasks = [cache.Task(slug, digest, (slug, own)) for slug, (digest, own) in planned.items()]

    def make(todo: list[tuple[str, dict[str, list[Piece]]]]) -> Iterator[cache.Drawn]:
        for slug, own in todo:
            date = max(dates[c] for c in own)
            yield kits.draw(out, slug, names[slug], own, {c: titles[c] for c in own}, date)

    made, written = cache.produce(tasks, manifest.kits, out, make, force=force)
    return [Kit(slug, made[slug][bundles.ZIP], tuple(own)) for slug, (_, own) in planned.items()], written


def in_scope(opts: BuildOptions, campaign: str, municipality: str) -> bool:
    """Tell whether a campaign × variant is one this build rebuilt (a full build rebuilds them all)."""
    return opts.campaign in (None, campaign) and opts.municipality in (None, municipality)


def forget_stale(manifest: cache.Manifest, pieces: list[Piece], made: list[Bundle], opts: BuildOptions) -> None:
    """Forget what this build's scope no longer makes: its pieces, their fichas and its ZIPs that left the plan."""
    current = {p.stem for p in pieces}
    manifest.pieces = {
        k: p for k, p in manifest.pieces.items() if k in current or not in_scope(opts, p.campaign, p.municipality)
    }
    manifest.fichas = {
        k: v for k, v in manifest.fichas.items() if printorder.FICHA in getattr(manifest.pieces.get(k), "files", {})
    }
    zips = {f"{b.campaign}/{b.municipality}" for b in made}
    manifest.bundles = {k: v for k, v in manifest.bundles.items() if k in zips or not in_scope(opts, *k.split("/"))}


def build(project: Project, opts: BuildOptions) -> tuple[BuildResult, list]:
    """Plan, render, bundle and write; return the build result and the warnings found on the way."""
    check_selection(project, opts)
    root = project.root
    out = opts.out_dir(root)
    plan = make_plan(project, opts.drafts, opts.campaign, opts.municipality, videos=opts.videos)
    manifest = cache.load_manifest(out)
    before = manifest.files()
    history = versions.load(root)
    pieces, counts, warned = produce_pieces(project, plan, manifest, out, opts, history)
    write_atomic(root / versions.HISTORY_FILE, versions.to_bytes(history))
    pieces, sheets = produce_fichas(project, pieces, manifest, out, opts, history)
    manifest.pieces.update({p.stem: p for p in pieces})
    made, written = produce_bundles(project, pieces, manifest, out, opts.force)
    rounds = produce_rounds(project, pieces, out, opts, history)
    kit_list: list[Kit] = []
    signatures: list[SignatureFiles] = []
    if opts.full:
        kit_list, kits_written = produce_kits(project, pieces, manifest, out, opts.force)
        signatures = brandkit.produce(project, manifest, out, opts.force)
        written += kits_written
        manifest.kits = {k: v for k, v in manifest.kits.items() if k in {kit.municipality for kit in kit_list}}
    forget_stale(manifest, pieces, made, opts)
    kept = manifest.files()
    rounds_files = {f.path for r in rounds for f in r.files.values()}
    if opts.full:
        removed = remove_stale(out, kept | rounds_files | {cache.MANIFEST})
    else:
        removed = remove_files(out, before - kept)
    record = manifest.to_bytes()
    write_atomic(out / cache.MANIFEST, record, durable=True)
    counts = Counts(counts.rendered, counts.reused, written, len(removed), sheets)
    result = BuildResult(
        tuple(pieces),
        tuple(made),
        plan.campaigns,
        opts.drafts,
        counts,
        tuple(kit_list),
        tuple(signatures),
        rounds=tuple(rounds),
        history=tuple(sorted(history.items())),
    )
    made_files = [f for p in pieces for f in p.files.values()] + [b.file for b in made] + [k.file for k in kit_list]
    made_files += [f for s in signatures for f in s.files.values()] + [f for r in rounds for f in r.files.values()]
    outputs = {str(out / f.path): f.size for f in made_files} | {str(out / cache.MANIFEST): len(record)}
    if opts.writes_site(root):
        docs = root / "docs"
        outputs |= {
            str(docs / rel): size for rel, size in write_generated(Context(project, result, opts.today)).items()
        }
    return dataclasses.replace(result, outputs=outputs), warned


PRODUCERS = (
    site.files,
    brandkit.files,
    calendar.files,
    timeline.files,
    procurement.files,
    pending.files,
    citizen.files,
    printorder.files,
)
"""Every producer of the site's generated files: `(ctx) -> {path under docs/: bytes}`."""


def generated_files(ctx: Context) -> dict[str, bytes]:
    """Return every generated file of the site: pages, brand files, calendar, sheets, citizen pages, print order."""
    files: dict[str, bytes] = {}
    for producer in PRODUCERS:
        files.update(producer(ctx))
    return files


def write_generated(ctx: Context) -> dict[str, int]:
    """Write the generated site files under docs/, remove generated files that no longer exist; return each
    written file's size by path under docs/."""
    docs = ctx.project.root / "docs"
    files = generated_files(ctx)
    write_tree(docs, files)
    for folder in (*GENERATED_FOLDERS, public_folder(ctx.project).rstrip("/")):
        prefix = f"{folder}/"
        remove_stale(docs / folder, {k[len(prefix) :] for k in files if k.startswith(prefix)})
    return {rel: len(data) for rel, data in files.items()}
