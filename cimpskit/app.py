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
from cimpskit.plan.jobs import Job, Plan
from cimpskit.plan.planner import file_date, public_folder
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
from cimpskit.produce.options import BuildOptions
from cimpskit.produce.result import BuildResult, Bundle, Counts, Kit, OutFile, Piece, RoundFiles
from cimpskit.render.assets import Rendered, render_job
from cimpskit.site import citizen
from cimpskit.site import pages as site

STAGING = ".staging"
GENERATED_FOLDERS = ("campanhas", "municipios", "assets/generated", "dados")


IN_FLIGHT = 4
"""Chunks of jobs handed to each worker ahead of the one being collected: enough to keep workers busy, few enough
that finished files never pile up in the parent (what it holds of rendered files stays bounded however many jobs
there are)."""


def _render(args: tuple[list[Job], Path]) -> list[Rendered]:
    """Render a chunk of jobs (worker entry point)."""
    jobs, root = args
    return [render_job(job, root) for job in jobs]


def render_all(jobs: list[Job], root: Path, workers: int) -> Iterator[Rendered]:
    """Lay out and render jobs across processes with a progress bar, yielding results in job order."""
    bar = tqdm(total=len(jobs), desc="peças", unit="peça", file=sys.stderr, disable=None, leave=False)
    try:
        if workers <= 1 or len(jobs) <= 1:
            for job in jobs:
                yield render_job(job, root)
                bar.update()
            return
        size = max(1, min(16, len(jobs) // (workers * 8)))
        chunks = (jobs[i : i + size] for i in range(0, len(jobs), size))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            pending: deque = deque()
            for chunk in chunks:
                pending.append(pool.submit(_render, (chunk, root)))
                if len(pending) >= workers * IN_FLIGHT:
                    yield from _collect(pending.popleft(), bar)
            while pending:
                yield from _collect(pending.popleft(), bar)
    finally:
        bar.close()


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


def versioned(job: Job) -> bool:
    """Tell whether a job makes print files for the shop, which carry a version in their names."""
    return job.format.medium == "print" and not (job.preview or job.draft) and job.checks


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


def produce_pieces(
    project: Project, plan: Plan, manifest: cache.Manifest, out: Path, opts: BuildOptions, history: versions.History
) -> tuple[list[Piece], Counts, list]:
    """Render what changed (staged, promoted only when every asset succeeded); return every piece.

    Final print pieces get the version of their bytes from the history (which this records new versions in).
    """
    code = cache.versions(project.typeface)
    digests = {job.stem: cache.job_digest(job, code) for job in plan.jobs}
    reused = {} if opts.force else {j.stem: manifest.fresh(j.stem, digests[j.stem], out) for j in plan.jobs}
    for job in plan.jobs:
        known = reused.get(job.stem)
        if known and versioned(job) and _version(history, job.stem, known.files) != known.version:
            reused[job.stem] = None  # the history was changed by hand: render again under the right name
    todo = [j for j in plan.jobs if not reused.get(j.stem)]
    staging = out / STAGING
    discard(staging)
    failed, warned, fresh = [], [], {}
    for job, result in zip(todo, render_all(todo, project.root, opts.jobs or os.cpu_count() or 1), strict=True):
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
        fresh[job.stem] = Piece(
            job.stem,
            job.campaign,
            job.municipality,
            job.format.name,
            digests[job.stem],
            medium=job.format.medium,
            preview=job.preview,
            draft=job.draft,
            files=files,
            alts=result.alts,
            captions=result.captions,
            version=number,
        )
    if failed:
        discard(staging)
        raise KitError(aggregate(project, failed + warned))
    promote(staging, out)
    pieces = [reused.get(j.stem) or fresh[j.stem] for j in plan.jobs]
    return pieces, Counts(rendered=len(todo), reused=len(plan.jobs) - len(todo)), warned


def _draw_ficha(args: tuple[ficha.Sheet, str, str, dict[str, str]]) -> dict[str, tuple[str, bytes]]:
    """Draw one ficha técnica (worker entry point)."""
    return ficha.ficha_files(*args)


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
    made = ficha.outfiles(known)
    return made if all((out / f.path).is_file() for f in made.values()) else {}


def print_orders(project: Project, pieces: list[Piece], history: versions.History) -> dict[int, printorder.PrintOrder]:
    """Plan the print order of every year the built campaigns run in."""
    built = {p.campaign for p in pieces}
    campaigns = [c.model for c in project.campaigns if c.model.slug in built]
    years = sorted({c.period.start.year for c in campaigns})
    return {y: printorder.print_order(project, campaigns, pieces, y, history) for y in years}


def produce_fichas(
    project: Project, pieces: list[Piece], manifest: cache.Manifest, out: Path, opts: BuildOptions, history
) -> tuple[list[Piece], int]:
    """Write the ficha técnica of every final print piece whose data changed; return the pieces with their fichas."""
    face = project.typeface
    fonts_digest, regular, bold = fonts.digest(face), str(face.path("regular")), str(face.path("bold"))
    orders = print_orders(project, pieces, history)
    made: dict[str, dict[str, OutFile]] = {}
    todo, digests = [], {}
    for piece in filter(printorder.printable, pieces):
        year = next(c.model.period.start.year for c in project.campaigns if c.model.slug == piece.campaign)
        sheet = ficha.sheet(project, ficha.line_of(orders[year], piece), orders[year])
        digests[piece.stem] = ficha.sheet_digest(sheet, fonts_digest)
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


def produce_rounds(
    project: Project, pieces: list[Piece], out: Path, opts: BuildOptions, history: versions.History
) -> list[RoundFiles]:
    """Write the order sheet, CSV and ZIP of every print round whose campaigns were all built."""
    if opts.municipality:
        return []
    face = project.typeface
    fonts_pair = (str(face.path("regular")), str(face.path("bold")))
    by_key = {(p.campaign, p.municipality, p.format): p for p in pieces}
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
    plan = make_plan(project, opts.drafts, opts.campaign, opts.municipality)
    manifest = cache.load_manifest(out)
    history = versions.load(root)
    pieces, counts, warned = produce_pieces(project, plan, manifest, out, opts, history)
    write_atomic(root / versions.HISTORY_FILE, versions.to_bytes(history))
    pieces, sheets = produce_fichas(project, pieces, manifest, out, opts, history)
    manifest.pieces.update({p.stem: p for p in pieces})
    made, written = produce_bundles(project, pieces, manifest, out, opts.force)
    rounds = produce_rounds(project, pieces, out, opts, history)
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
        names |= {f.path for r in rounds for f in r.files.values()}
        keep = {f.path for p in manifest.pieces.values() for f in p.files.values()} | names | {cache.MANIFEST}
        removed = len(remove_stale(out, keep))
    write_atomic(out / cache.MANIFEST, manifest.to_bytes())
    counts = Counts(counts.rendered, counts.reused, written, removed, sheets)
    result = BuildResult(
        tuple(pieces),
        tuple(made),
        plan.campaigns,
        opts.drafts,
        counts,
        tuple(kit_list),
        tuple(signatures),
        tuple(rounds),
    )
    result = dataclasses.replace(result, history=tuple(sorted(history.items())))
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
    files.update(printorder.files(project, campaigns, list(result.pieces), dict(result.history)))
    return files


def write_generated(project: Project, result: BuildResult, today: dt.date) -> None:
    """Write the generated site files under docs/ and remove generated files that no longer exist."""
    docs = project.root / "docs"
    files = generated_files(project, result, today)
    write_tree(docs, files)
    for folder in (*GENERATED_FOLDERS, public_folder(project).rstrip("/")):
        prefix = f"{folder}/"
        remove_stale(docs / folder, {k[len(prefix) :] for k in files if k.startswith(prefix)})
