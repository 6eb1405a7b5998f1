"""The build command: validate, plan, render in parallel with a content cache, then write."""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from tqdm import tqdm

from . import plan as planning
from .assets import Rendered, render_job
from .bundle import make_zip
from .cache import MANIFEST, Entry, Manifest, load_manifest
from .cli import report
from .errors import KitError, Problem, errors_only
from .project import Project
from .validate import check_project
from .writer import discard, promote, remove_stale, stage, write_atomic, write_tree

DEFAULT_OUT = "docs/downloads"
STAGING = ".staging"


@dataclass
class Summary:
    """Counts reported at the end of a build."""

    rendered: int = 0
    reused: int = 0
    failed: int = 0
    bundles: int = 0
    removed: int = 0
    unverified: dict[str, list[str]] = field(default_factory=dict)


def _render(args: tuple[planning.Job, Path]) -> Rendered:
    """Render one job (worker entry point)."""
    job, root = args
    return render_job(job, root)


def render_all(jobs: list[planning.Job], root: Path, workers: int) -> Iterator[Rendered]:
    """Render jobs across processes with a progress bar, yielding results in job order."""
    bar = tqdm(total=len(jobs), desc="peças", unit="peça", file=sys.stderr, disable=None, leave=False)
    try:
        if workers <= 1 or len(jobs) <= 1:
            for job in jobs:
                yield render_job(job, root)
                bar.update()
            return
        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = max(1, len(jobs) // (workers * 8))
            for result in pool.map(_render, [(j, root) for j in jobs], chunksize=chunk):
                yield result
                bar.update()
    finally:
        bar.close()


def _field_loc(field_name: str) -> tuple:
    """Turn a layout field name like 'texts.headline' or 'contacts[1]' into a YAML key path."""
    loc: list = []
    for part in field_name.replace("]", "").split("."):
        name, _, index = part.partition("[")
        loc.append(name)
        if index:
            loc.append(int(index))
    return tuple(loc)


def failure_problems(project: Project, failed: list[tuple[planning.Job, Rendered]]) -> list[Problem]:
    """Locate every render failure in its campaign file."""
    docs = {c.model.slug: c.doc for c in project.campaigns}
    out = []
    for job, result in failed:
        doc = docs[job.campaign]
        for failure in result.failures:
            where = (
                f"campanha {job.campaign}, município {job.municipality}, "
                f"formato {job.format.name}, campo {failure.field}"
            )
            out.append(doc.problem(_field_loc(failure.field), f"{failure.message} — {where}"))
    return out


def _bundles(plan: planning.Plan, manifest: Manifest) -> dict[str, tuple[str, list[str]]]:
    """Return, for every campaign × municipality, its bundle path, digest and member files."""
    members: dict[str, list[str]] = {}
    digests: dict[str, hashlib._Hash] = {}
    for job in plan.jobs:
        rel = str(PurePosixPath(job.stem).parent / f"{job.campaign}-{job.municipality}.zip")
        entry = manifest.jobs[job.stem]
        members.setdefault(rel, []).extend(f for f in entry.files if not f.endswith(".webp"))
        digests.setdefault(rel, hashlib.sha256()).update(f"{job.stem}:{entry.digest}\n".encode())
    return {rel: (digests[rel].hexdigest(), sorted(files)) for rel, files in members.items()}


def _unverified(project: Project, plan: planning.Plan) -> dict[str, list[str]]:
    """List, per municipality, the unconfirmed contacts that appear on this build's assets."""
    found: dict[str, set[str]] = {}
    for job in plan.jobs:
        lines = job.contacts + (job.all_contacts if job.format.sides == 2 else ())
        for contact in lines:
            if not contact.verified:
                label = contact.label.removesuffix(f" de {job.municipality_name}")
                found.setdefault(job.municipality_name, set()).add(label)
    return {k: sorted(v) for k, v in sorted(found.items())}


def _selection(project: Project, args: argparse.Namespace) -> None:
    """Check --campaign and --municipality against the data."""
    problems = []
    slugs = {c.model.slug: c.model for c in project.campaigns}
    if args.campaign and args.campaign not in slugs:
        problems.append(f"campanha '{args.campaign}' não existe em campaigns/")
    elif args.campaign and slugs[args.campaign].status == "draft" and not args.drafts:
        problems.append(f"campanha '{args.campaign}' é rascunho: use --drafts para gerar uma prévia")
    munis = {m.slug for m in project.municipalities.model.municipalities} | {planning.REGIONAL}
    if args.municipality and args.municipality not in munis:
        problems.append(f"município '{args.municipality}' não existe em brand/municipalities.yml")
    if problems:
        raise KitError([Problem("build_assets.py", 1, 1, p) for p in problems])


def run_build(args: argparse.Namespace) -> int:
    """Run the whole build and print its summary."""
    root = args.root
    project, problems = check_project(root)
    if errors_only(problems) or (args.strict and problems):
        return report(problems, args.strict)
    report(problems, strict=False)
    _selection(project, args)
    out = args.out or root / DEFAULT_OUT
    the_plan = planning.make_plan(project, args.drafts, args.campaign, args.municipality)
    summary, status = build_assets(project, the_plan, out, args)
    if status:
        return status
    print(
        f"peças: {summary.rendered} geradas, {summary.reused} reaproveitadas, {summary.failed} com falha; "
        f"pacotes ZIP: {summary.bundles} atualizados; arquivos removidos: {summary.removed}",
        file=sys.stderr,
    )
    for name, labels in summary.unverified.items():
        print(f"contatos a confirmar em {name}: {', '.join(labels)}", file=sys.stderr)
    return 0


def build_assets(project: Project, plan: planning.Plan, out: Path, args: argparse.Namespace) -> tuple[Summary, int]:
    """Render what changed, write files atomically, rebuild bundles and remove stale outputs."""
    summary = Summary()
    manifest = load_manifest(out)
    versions = planning.versions()
    logos: dict[str, str] = {}
    digests = {job.stem: planning.job_digest(job, project.root, versions, logos) for job in plan.jobs}
    todo = [j for j in plan.jobs if args.force or not manifest.fresh(j.stem, digests[j.stem], out)]
    summary.reused = len(plan.jobs) - len(todo)
    staging = out / STAGING
    discard(staging)
    failed, entries = [], {}
    for job, result in zip(todo, render_all(todo, project.root, args.jobs or os.cpu_count() or 1), strict=True):
        if result.failures:
            failed.append((job, result))
        elif not failed:
            stage(staging, out, result.files)
            entries[job.stem] = Entry(digests[job.stem], sorted(result.files), result.alt, result.caption)
    if failed:
        discard(staging)
        summary.failed = len(failed)
        return summary, report(failure_problems(project, failed), strict=False) or 1
    promote(staging, out)
    manifest.jobs.update(entries)
    summary.rendered = len(todo)
    bundles = _bundles(plan, manifest)
    for rel, (digest, members) in bundles.items():
        if not args.force and manifest.bundles.get(rel) == digest and (out / rel).is_file():
            continue
        files = {PurePosixPath(m).name: (out / m).read_bytes() for m in members}
        write_atomic(out / rel, make_zip(files))
        manifest.bundles[rel] = digest
        summary.bundles += 1
    full = not (args.campaign or args.municipality)
    current = {j.stem for j in plan.jobs}
    if full:
        manifest.jobs = {k: v for k, v in manifest.jobs.items() if k in current}
        manifest.bundles = {k: v for k, v in manifest.bundles.items() if k in bundles}
    keep = {f for e in manifest.jobs.values() for f in e.files} | set(manifest.bundles) | {MANIFEST}
    summary.removed = len(remove_stale(out, keep)) if full else 0
    write_atomic(out / MANIFEST, manifest.to_bytes())
    summary.unverified = _unverified(project, plan)
    if full and out.resolve() == (project.root / DEFAULT_OUT).resolve():
        write_site(project, plan, manifest, out, args.drafts)
    return summary, 0


def write_site(project: Project, plan: planning.Plan, manifest: Manifest, out: Path, drafts: bool) -> None:
    """Write the generated pages under docs/ and remove generated pages that no longer exist."""
    from .site import DATA_DIR, GENERATED_ASSETS, pages

    docs = project.root / "docs"
    files = pages(project, plan, manifest, out, drafts)
    write_tree(docs, files)
    for folder in ("campanhas", "municipios", GENERATED_ASSETS, DATA_DIR):
        prefix = f"{folder}/"
        remove_stale(docs / folder, {k[len(prefix) :] for k in files if k.startswith(prefix)})
