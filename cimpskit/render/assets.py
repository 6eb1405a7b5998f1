"""Render stage: one job in, every file of that asset out (as bytes by role), or its findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from cimpskit.core.paths import PieceFiles, page_role
from cimpskit.layout.motion import timeline
from cimpskit.layout.preflight import Finding, job_findings
from cimpskit.plan import series_words, words
from cimpskit.plan.jobs import Job
from cimpskit.plan.series import AnyJob, MotionJob, SeriesJob

TRIM_BLEED = "trim-bleed"
"""Role of the print copy without marks (page = trim + bleed), made when the format asks for it."""
CAPTION_ROLES = (("caption", "instagram"), ("facebook", "facebook"), ("whatsapp", "whatsapp"))
"""Caption files of a screen piece: role and network."""
LARGE_WIDTH = 1080
"""Width of the larger WebP of a print page that the site's gallery shows full size (as wide as a screen piece)."""


@dataclass(frozen=True)
class Rendered:
    """The files of one asset by role (role → (relative path, bytes)), or the findings that stopped it."""

    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    alts: tuple[str, ...] = ()
    captions: dict[str, str] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """Tell whether an error (not a warning) stopped the asset."""
        return any(f.severity == "error" for f in self.findings)


def _views(scene, root: Path, page: int) -> tuple[bytes, bytes]:
    """Return the small preview and the larger WebP of one print page, drawn once at the larger size."""
    from PIL import Image

    from cimpskit.render import raster

    large = raster.draw_page(scene, scene.pages[page], root, LARGE_WIDTH)
    size = (raster.PREVIEW_WIDTH, round(scene.height * raster.PREVIEW_WIDTH / scene.width))
    small = large.resize(size, Image.Resampling.BOX)
    return raster.encode(small, "webp"), raster.encode(large, "webp")


def render_job(job: AnyJob, root: Path) -> Rendered:
    """Lay out and draw one job after checking what it would draw; return its files by role."""
    if isinstance(job, SeriesJob):
        return _series(job, root)
    if isinstance(job, MotionJob):
        return _motion(job, root)
    return _piece(job, root)


def _series(job: SeriesJob, root: Path) -> Rendered:
    """Draw a series piece: each page's PNG and preview (a carousel's cards numbered); alt text from each drawn
    page, captions like the campaign's pieces."""
    from cimpskit.render import raster

    scene, findings = job_findings(job)
    if scene is None or any(f.severity == "error" for f in findings):
        return Rendered(findings=tuple(findings))
    names = job.files
    drawn: dict[str, tuple[str, bytes]] = {}
    many = len(scene.pages) > 1
    for number, page in enumerate(scene.pages, 1):
        for role, data in zip(("main", "preview"), raster.page_files(scene, page, root), strict=True):
            path = names.page_file(role, number) if many else names.file(role)
            drawn[page_role(role, number)] = (path, data)
    alts = tuple(series_words.alt_text(page, job.job.visual_alt) for page in scene.pages)
    captions = series_words.captions(job, alts[0])
    return Rendered(_words(drawn, names, alts, captions), tuple(findings), alts, captions)


def _words(
    drawn: dict[str, tuple[str, bytes]], names: PieceFiles, alts: tuple[str, ...], captions: dict[str, str]
) -> dict[str, tuple[str, bytes]]:
    """Add a piece's alt texts (one line per page) and its caption files to its drawn files; return all by role."""
    files = dict(drawn)
    files["alt"] = (names.file("alt"), "".join(a + "\n" for a in alts).encode())
    for role, net in CAPTION_ROLES:
        files[role] = (names.file(role), captions[net].encode())
    return dict(sorted(files.items()))


def _motion(job: MotionJob, root: Path) -> Rendered:
    """Animate a still piece into an MP4 with its poster frame (the site's preview); alt text and captions are the
    still's (the video ends on it)."""
    from cimpskit.render import motion

    scene, findings = job_findings(job.still)
    if scene is None or any(f.severity == "error" for f in findings):
        return Rendered(findings=tuple(findings))
    names = job.files
    video, large, small = motion.video_files(scene, timeline(scene), root)
    drawn = {
        "main": (names.file("main"), video),
        "preview-large": (names.file("preview-large"), large),
        "preview": (names.file("preview"), small),
    }
    alts = (words.alt_text(scene, 0, job.still.visual_alt),)
    captions = words.captions(job.still, alts[0])
    return Rendered(_words(drawn, names, alts, captions), tuple(findings), alts, captions)


def _piece(job: Job, root: Path) -> Rendered:
    """Lay out and draw one piece of the campaign's formats."""
    from cimpskit.render import raster

    scene, findings = job_findings(job)
    if not job.checks:
        findings = [f for f in findings if f.kind not in ("drawn", "geometry")]
    if scene is None or any(f.severity == "error" for f in findings):
        return Rendered(findings=tuple(findings))
    names = job.files
    files: dict[str, tuple[str, bytes]] = {}
    if job.format.medium == "screen":
        png, small = raster.screen_files(scene, root)
        drawn = {"main": png, "preview": small}
    else:
        from cimpskit.render.pdf import render_pdf, render_proof

        if job.preview or job.draft:
            drawn = {"main": render_proof(scene, root, names.name)}
        else:
            drawn = {"main": render_pdf(scene, root, names.name)}
        if job.format.print and job.format.print.trim_bleed_copy and not job.preview:
            name = PurePosixPath(names.file(TRIM_BLEED)).stem
            drawn[TRIM_BLEED] = render_pdf(scene, root, name, marks=False)
        drawn["preview"], drawn["preview-large"] = _views(scene, root, 0)
        if len(scene.pages) > 1:
            drawn["preview-back"], drawn["preview-large-back"] = _views(scene, root, 1)
    alts = tuple(words.alt_text(scene, page, job.visual_alt) for page in range(len(scene.pages)))
    drawn["alt"] = "".join(a + "\n" for a in alts).encode()
    captions = {}
    if job.format.medium == "screen" and job.checks:
        captions = words.captions(job, alts[0])
        for role, net in CAPTION_ROLES:
            drawn[role] = captions[net].encode()
    files = {role: (names.file(role), data) for role, data in sorted(drawn.items())}
    return Rendered(files, tuple(findings), alts, captions)
