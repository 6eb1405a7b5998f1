"""Everything but the pixels: lay out every job, check what would be drawn, and report once per field."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from cimpskit.core.errors import Problem, Severity
from cimpskit.core.paths import REGIONAL
from cimpskit.core.scene import Image, Scene
from cimpskit.inputs.glyphs import CAMPAIGN_TEXT_FIELDS
from cimpskit.inputs.model import Campaign
from cimpskit.inputs.project import BRAND_FILE, FORMATS_FILE, MUNICIPALITIES_FILE, Loaded, Project
from cimpskit.inputs.sources import Document, Loc
from cimpskit.layout import FitError, geometry, layout, series, standardize
from cimpskit.layout.knockout import knockout_problems
from cimpskit.layout.legibility import far_problems, scene_problems
from cimpskit.layout.planned import example_jobs
from cimpskit.layout.proof import stamp_problems
from cimpskit.plan.jobs import Job
from cimpskit.plan.planner import jobs_for
from cimpskit.plan.series import AnyJob, SeriesJob, series_jobs

PT_MM = 25.4 / 72


@dataclass(frozen=True)
class Finding:
    """One problem a job's layout showed, before it is grouped with the same problem in other jobs."""

    field: str
    kind: str
    message: str
    amount: float = 0.0
    severity: Severity = "error"
    unit: str = ""
    municipality: str | None = None
    """The variant whose data is at fault, when it is not the job's own."""


def _over(amount: float, unit: str) -> str:
    """Format an overflow amount like '12,5 mm'."""
    return f"{amount:.1f}".replace(".", ",") + f" {unit}"


def fit_findings(exc: FitError) -> list[Finding]:
    """Turn a layout overflow into findings, one per field and page."""
    return [
        Finding(o.field, "fit", f"texto não cabe ({o.page})", o.amount, unit=o.unit, municipality=o.municipality)
        for o in exc.overflows
    ]


def scene_findings(job: AnyJob, scene: Scene) -> list[Finding]:
    """Check a laid-out scene: its geometry, contrast and minimum size of every text, resolution of every logo."""
    drawn = scene_problems(scene, job.format.min_text, job.format.medium)
    if job.format.reading_distance:
        drawn += far_problems(scene, job.format.reading_distance)
    out = [Finding(f, "geometry", m) for f, m in geometry.violations(scene, job.format)]
    out += [Finding(f, "geometry", m) for f, m in stamp_problems(scene)]
    out += [Finding(f, "drawn", m) for f, m in drawn]
    if isinstance(job, Job) and job.format.medium == "print" and scene.print is not None:
        out += [Finding(f, "drawn", m) for f, m in knockout_problems(scene, scene.print, job.font("headline"))]
    if isinstance(job, Job) and job.format.medium == "print":  # the series and the videos are screen pieces
        for page in scene.pages:
            for e in page.elements:
                if isinstance(e, Image):
                    out += _logo_findings(job, e)
    return out


def _logo_findings(job: Job, e: Image) -> list[Finding]:
    """Check that a logo has enough pixels for its printed size (the format's dpi; below half of it is an error)."""
    sig = next(s for s in job.signatures if s.logo == e.path)
    dpi = sig.logo_pixels[1] / (e.h / 25.4)
    need = job.format.dpi or 300
    if dpi >= need:
        return []
    severity: Severity = "error" if dpi < need / 2 else "warning"
    msg = (
        f"o logo {e.path} fica com {dpi:.0f} dpi impresso com {e.h:.0f} mm de altura (o formato pede {need} dpi): "
        f"envie um PNG com pelo menos {round(need * e.h / 25.4)} px de altura"
    )
    return [Finding("logo", "logo", msg, severity=severity)]


def job_findings(job: AnyJob) -> tuple[Scene | None, list[Finding]]:
    """Lay out one job and return its scene (None when text does not fit) and its findings."""
    try:
        scene = layout(job)
    except FitError as exc:
        return None, fit_findings(exc)
    return scene, scene_findings(job, scene)


SERIES_FIELDS = {"carousel": "carousel", "evento": "events", "data": "key_dates"}
"""Series fields ('carousel.2.text', 'evento.0.place', 'data.0') and the campaign file's list they point into."""
SERIES_KEYS = {"data": "label", "evento": "title"}
"""The key a series field without one points at."""


def _series_location(field: str) -> tuple | None:
    """Return the campaign file's key path of a series field, or None for any other field."""
    parts = field.split(".")
    if parts[0] not in SERIES_FIELDS or len(parts) < 2 or not parts[1].isdigit():
        return None
    key = parts[2] if len(parts) > 2 else SERIES_KEYS.get(parts[0])
    return (SERIES_FIELDS[parts[0]], int(parts[1])) + ((key,) if key else ())


def locate(project: Project, job: AnyJob, finding: Finding) -> tuple[Document, Loc]:
    """Return the document and key path an editor must change for a finding of a job."""
    campaign = next(c for c in project.campaigns if c.model.slug == job.campaign)
    field, slug = finding.field, finding.municipality or job.municipality
    if field in CAMPAIGN_TEXT_FIELDS:
        return campaign.doc, CAMPAIGN_TEXT_FIELDS[field]
    series = _series_location(field)
    if series is not None:
        return campaign.doc, series
    campaign_keys: dict[str, Loc] = {
        "contatos.titulo": ("texts", "where"),
        "serie.arraste": ("carousel",),
        "marca": ("mark",),
        "key_dates": ("key_dates", 0, "date"),
        "verso.ligacao": ("hotline", "what_to_expect"),
        "hotline": ("hotline",),
        "rascunho": ("status",),
        "visual": ("visual",),
        "contato.regional": ("contacts",),
    }
    if field in campaign_keys:
        return campaign.doc, campaign_keys[field]
    brand_keys: dict[str, Loc] = {
        "canal": ("identity", "channel"),
        "qr": ("identity", "public_url"),
        "url": ("identity", "public_url"),
    }
    brand_keys["assinatura.consorcio"] = ("identity", "signature")
    if field in brand_keys or slug == REGIONAL:
        return project.brand.doc, brand_keys.get(field, ("identity", "signature"))
    munis = project.municipalities
    i = next(n for n, m in enumerate(munis.model.municipalities) if m.slug == slug)
    muni = munis.model.municipalities[i]
    if field.startswith("contato."):
        kind = field.split(".", 1)[1]
        j = next((n for n, ct in enumerate(muni.contacts) if ct.kind.value == kind), None)
        return munis.doc, ("municipalities", i, "contacts", j) if j is not None else ("municipalities", i, "contacts")
    if field in ("contatos", "previa"):
        return munis.doc, ("municipalities", i, "contacts")
    if field == "logo":
        return munis.doc, ("municipalities", i, "logo")
    return munis.doc, ("municipalities", i, "name")


def _names(items: list[str], every: list[str], all_label: str) -> str:
    """List names, or say 'all' when every one is there."""
    return all_label if len(items) == len(every) and len(every) > 1 else ", ".join(items)


def aggregate(project: Project, found: list[tuple[AnyJob, list[Finding]]]) -> list[Problem]:
    """Group the same problem across formats and municipalities into one located message (the series' pieces
    apart from the campaign's formats; their fit problems on the campaign's texts left out where the formats already
    report texts that do not fit)."""
    groups: dict[tuple[str, Loc, str, str, bool], list[tuple[AnyJob, Finding]]] = {}
    for job, findings in found:
        for finding in findings:
            doc, loc = locate(project, job, finding)
            text = finding.message if finding.kind != "fit" else ""
            key = (doc.path, loc, finding.kind, text, isinstance(job, SeriesJob))
            groups.setdefault(key, []).append((job, finding))
    said = {(path, loc, kind, text) for path, loc, kind, text, in_series in groups if not in_series}
    crowded = {path for path, _, kind, _, in_series in groups if kind == "fit" and not in_series}
    shared = set(CAMPAIGN_TEXT_FIELDS.values())
    out = []
    for (path, loc, kind, text, in_series), items in groups.items():
        if in_series and ((path, loc, kind, text) in said or (kind == "fit" and path in crowded and loc in shared)):
            continue  # the formats already ask to shorten the campaign's texts, which the series sets too
        doc = _doc(project, path)
        jobs = [j for j, f in items if f.municipality in (None, j.municipality)] or [j for j, _ in items]
        message = _fit_message(project, items) if kind == "fit" else items[0][1].message
        severity: Severity = "error" if any(f.severity == "error" for _, f in items) else "warning"
        out.append(doc.problem(loc, f"{message} — {_where(project, jobs)}", severity))
    return sorted(out)


def _doc(project: Project, path: str) -> Document:
    """Return the loaded document whose path is path."""
    docs = [project.brand.doc, project.municipalities.doc] + [c.doc for c in project.campaigns]
    return next(d for d in docs if d.path == path)


def _where(project: Project, jobs: list[AnyJob]) -> str:
    """Describe the formats (or the series' pieces) and variants a grouped problem affects."""
    variants = list(dict.fromkeys(j.municipality_name for j in jobs))
    campaign = jobs[0].campaign
    every = list(dict.fromkeys(j.municipality_name for j in jobs_for(project, _campaign(project, campaign))))
    versions = _names(variants, every, "todas")
    if isinstance(jobs[0], SeriesJob):
        pieces = ", ".join(dict.fromkeys(j.label for j in jobs))
        return f"peça(s) da série: {pieces}; versões: {versions}"
    formats = list(dict.fromkeys(j.format.label for j in jobs))
    every_format = [project.format(f).label for f in _campaign(project, campaign).formats]
    fmt_text = _names(formats, every_format, "todos os formatos")
    return f"formato(s): {fmt_text}; versões: {versions}"


def _campaign(project: Project, slug: str) -> Campaign:
    """Return a campaign model by slug."""
    return next(c.model for c in project.campaigns if c.model.slug == slug)


def _fit_message(project: Project, items: list[tuple[AnyJob, Finding]]) -> str:
    """Say how much a field overflows and, for campaign texts, how many characters to cut."""
    job, worst = max(items, key=lambda item: item[1].amount)
    own = job if isinstance(job, Job) and worst.field in CAMPAIGN_TEXT_FIELDS else None
    cut = chars_to_cut(own, worst.field) if own else None
    label = job.label if isinstance(job, SeriesJob) else job.format.label
    amount = _over(worst.amount, worst.unit)
    if worst.field == "assinatura.municipio" and worst.municipality not in (None, REGIONAL):
        muni = project.municipality(worst.municipality)
        name = muni.name
        if muni.short_name:
            return f"o nome curto de {name} não cabe na assinatura: passa {amount} no formato {label}"
        return (
            f"o nome de {name} não cabe na assinatura (passa {amount} no formato {label}): informe um "
            "nome curto em 'short_name', usado onde o nome oficial não cabe"
        )
    if worst.field == "url":
        return (
            f"o endereço impresso ao lado do código QR não cabe na linha: passa {amount} no formato "
            f"{label}; use um endereço público mais curto"
        )
    if own and cut and cut >= len(_job_text(own, worst.field).strip()):
        return (
            f"{worst.message}: nem sem este texto a peça fecha (passa {amount} no formato {label}); "
            "encurte os outros textos da frente (marca, título, frase-chave)"
        )
    if cut:
        return f"{worst.message}: corte cerca de {cut} caracteres (passa {amount} no formato {label})"
    return f"{worst.message}: passa {amount} no formato {label}, mesmo no tamanho mínimo"


def chars_to_cut(job: Job, field: str) -> int:
    """Find, by halving, how many characters must go from the end of a field for the job to fit."""
    text = _job_text(job, field)
    words = text.split()
    lo, hi = 0, len(words) - 1

    def fits(n: int) -> bool:
        trial = _with_text(job, field, " ".join(words[:n]) or "…")
        try:
            layout(trial)
        except FitError as exc:
            return all(o.field != field for o in exc.overflows)
        return True

    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid - 1
    return len(text) - len(" ".join(words[:lo]))


def _job_text(job: Job, field: str) -> str:
    """Return the text a job sets for a campaign field of CAMPAIGN_TEXT_FIELDS."""
    texts = {"title": job.mark[0], "texts.kicker": job.mark[0], "mark.name": job.mark[0], "mark.line": job.mark[1]}
    texts |= {"texts.headline": job.headline, "texts.body": job.body, "texts.call_to_action": job.call_to_action}
    texts |= {"texts.key_line": job.key_line, "hotline.note": job.hotline.note if job.hotline else None}
    return texts.get(field) or ""


def _with_text(job: Job, field: str, text: str) -> Job:
    """Return the job with the text of one campaign field replaced, laid out on no shared standard."""
    match field:
        case "title" | "texts.kicker" | "mark.name":
            job = dataclasses.replace(job, mark=(text, job.mark[1]))
        case "mark.line":
            job = dataclasses.replace(job, mark=(job.mark[0], text))
        case "texts.headline":
            job = dataclasses.replace(job, headline=text)
        case "texts.body":
            job = dataclasses.replace(job, body=text)
        case "texts.call_to_action":
            job = dataclasses.replace(job, call_to_action=text)
        case "texts.key_line":
            job = dataclasses.replace(job, key_line=text)
        case "hotline.note" if job.hotline:
            job = dataclasses.replace(job, hotline=dataclasses.replace(job.hotline, note=text))
    return dataclasses.replace(job, standard=None)


def campaign_problems(project: Project, loaded: Loaded[Campaign]) -> list[Problem]:
    """Lay out every job of one campaign on its standard and report what would fail, once per field."""
    found: list[tuple[AnyJob, list[Finding]]] = []
    jobs: list[AnyJob] = [*standardize(jobs_for(project, loaded.model))]
    jobs += series.standardize(series_jobs(project, loaded.model))
    for job in jobs:
        _, findings = job_findings(job)
        if findings:
            found.append((job, findings))
    return aggregate(project, found)


def project_problems(project: Project, problems: list[Problem]) -> list[Problem]:
    """Lay out every campaign whose inputs loaded without errors; report text fit, contrast, sizes, glyphs, logos."""
    bad = {p.path for p in problems if p.severity == "error"}
    if bad & {BRAND_FILE, FORMATS_FILE, MUNICIPALITIES_FILE}:
        return []
    out = manual_problems(project)
    for loaded in project.campaigns:
        if loaded.doc.path not in bad:
            out += campaign_problems(project, loaded)
    return out


def manual_problems(project: Project) -> list[Problem]:
    """Lay out the brand manual's examples; report what would stop one being drawn, at that example."""
    manual = project.brand.model.manual
    names = [e.name for e in manual.examples] if manual else []
    out = []
    for job in example_jobs(project):
        _, findings = job_findings(job)
        kept = [f for f in findings if job.checks or f.kind not in ("drawn", "geometry")]
        at = ("manual", "examples", names.index(job.municipality))
        messages = dict.fromkeys(f"{f.message}: {geometry.label(f.field)}" for f in kept if f.severity == "error")
        out += [project.brand.doc.problem(at, f"exemplo do manual não pode ser desenhado: {m}") for m in messages]
    return out
