"""Resolve campaign × municipality × format into frozen, self-contained render jobs."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage
from pydantic import BaseModel

from . import fonts
from .model import CONTACT_LABELS, Campaign, Format
from .project import Project
from .scene import Paint

REGIONAL = "regional"
CODE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class ContactLine:
    """A local contact as printed: label, value and whether it is confirmed."""

    label: str
    value: str
    verified: bool


@dataclass(frozen=True)
class Signature:
    """One signature of the co-branding pair."""

    role: str
    title: str
    subtitle: str
    logo: str | None
    logo_aspect: float = 0.0


@dataclass(frozen=True)
class Job:
    """Everything needed to lay out and render one asset, and nothing else."""

    campaign: str
    campaign_title: str
    municipality: str
    municipality_name: str
    format: Format
    headline: str
    body: str
    call_to_action: str
    hotline: str | None
    contacts: tuple[ContactLine, ...]
    all_contacts: tuple[ContactLine, ...]
    signatures: tuple[Signature, ...]
    clear_space: float
    min_signature: float
    separator: bool
    line_heights: tuple[tuple[str, float], ...]
    paints: tuple[tuple[str, Paint], ...]
    url: str
    short_url: str
    draft: bool
    hashtags: tuple[str, ...]

    @property
    def stem(self) -> str:
        """Return the output path without extension."""
        name = f"{self.campaign}-{self.municipality}-{self.format.name}"
        return f"{self.campaign}/{self.municipality}/{name}"

    def paint(self, role: str) -> Paint:
        """Return the paint for a colour role."""
        return dict(self.paints)[role]

    def line_height(self, role: str) -> float:
        """Return the line height factor of a type role."""
        return dict(self.line_heights)[role]


def _contact_line(label: str, phone: str | None, address: str | None, verified: bool) -> ContactLine:
    """Format one contact, marking unconfirmed data."""
    value = phone or address or "telefone"
    return ContactLine(label, value if verified else f"{value} a confirmar", verified)


def _contacts(project: Project, campaign: Campaign, slug: str) -> tuple[tuple, tuple]:
    """Return the campaign's contacts and all contacts of one municipality."""
    if slug == REGIONAL:
        kinds = " ou ".join(CONTACT_LABELS[k] for k in campaign.contacts)
        line = ContactLine("Procure no seu município", kinds, True) if kinds else None
        return ((line,) if line else ()), ()
    muni = project.municipality(slug)
    by_kind = {c.kind: c for c in muni.contacts}
    every = tuple(_contact_line(c.name, c.phone, c.address, c.verified) for c in muni.contacts)
    chosen = tuple(
        _contact_line(by_kind[k].name, by_kind[k].phone, by_kind[k].address, by_kind[k].verified)
        for k in campaign.contacts
        if k in by_kind
    )
    return chosen, every


def _signatures(project: Project, slug: str) -> tuple[Signature, ...]:
    """Return the signatures in brand order (consortium only for the regional variant)."""
    brand = project.brand.model
    consortium = Signature("consorcio", brand.identity.short_name, brand.identity.signature, None)
    if slug == REGIONAL:
        return (consortium,)
    muni = project.municipality(slug)
    logo, aspect = None, 0.0
    if muni.logo:
        logo = f"brand/logos/{muni.logo}"
        with PILImage.open(project.root / logo) as img:
            aspect = img.width / img.height
    own = Signature("municipio", muni.name, muni.secretariat, logo, aspect)
    by_role = {"consorcio": consortium, "municipio": own}
    return tuple(by_role[r] for r in brand.signature.order)


def _paints(project: Project, campaign: Campaign) -> tuple[tuple[str, Paint], ...]:
    """Resolve the campaign's colour roles, plus the signature band, to paints."""
    roles = campaign.colors.model_dump()
    sig = project.brand.model.signature
    mark = project.brand.model.draft_mark
    roles |= {"footer": sig.background, "footer_text": sig.text, "draft": mark.background, "draft_text": mark.text}
    out = []
    for role, name in sorted(roles.items()):
        colour = project.colour(name)
        out.append((role, Paint(colour.name, colour.hex, tuple(colour.cmyk))))
    return tuple(out)


def variants(project: Project, campaign: Campaign, only: str | None = None) -> list[str]:
    """Return the municipality slugs of a campaign's variants, regional last."""
    slugs = [m.slug for m in project.municipalities.model.municipalities] + [REGIONAL]
    return [s for s in slugs if only in (None, s)]


def jobs_for(project: Project, campaign: Campaign, municipality: str | None = None) -> list[Job]:
    """Return the jobs of one campaign, for every variant and format."""
    brand = project.brand.model
    site = brand.identity.site_url.rstrip("/") + "/"
    url = f"{site}campanhas/{campaign.slug}/"
    hotline = None
    if campaign.hotline:
        h = campaign.hotline
        hotline = f"{h.name}: {h.note}" if h.note else h.name
    paints = _paints(project, campaign)
    line_heights = tuple((k, v.line_height) for k, v in sorted(brand.typography.roles.items()))
    out = []
    for slug in variants(project, campaign, municipality):
        contacts, every = _contacts(project, campaign, slug)
        signatures = _signatures(project, slug)
        name = brand.identity.short_name if slug == REGIONAL else project.municipality(slug).name
        for fmt_name in campaign.formats:
            fmt = project.format(fmt_name)
            out.append(
                Job(
                    campaign=campaign.slug,
                    campaign_title=campaign.title,
                    municipality=slug,
                    municipality_name=name,
                    format=fmt,
                    headline=campaign.texts.headline,
                    body=campaign.texts.body,
                    call_to_action=campaign.texts.call_to_action,
                    hotline=hotline,
                    contacts=contacts,
                    all_contacts=every,
                    signatures=signatures,
                    clear_space=brand.signature.clear_space,
                    min_signature=(
                        brand.signature.min_height_px if fmt.medium == "screen" else brand.signature.min_height_mm
                    ),
                    separator=brand.signature.separator,
                    line_heights=line_heights,
                    paints=paints,
                    url=url,
                    short_url=url.split("://", 1)[-1].rstrip("/"),
                    draft=campaign.status == "draft",
                    hashtags=tuple(campaign.hashtags),
                )
            )
    return out


@dataclass(frozen=True)
class Plan:
    """Every job of a build, with the campaigns they belong to."""

    jobs: tuple[Job, ...]
    campaigns: tuple[str, ...]


def make_plan(project: Project, drafts: bool, campaign: str | None, municipality: str | None) -> Plan:
    """Plan the jobs of every published (or, with drafts, every) campaign."""
    chosen = [
        c.model
        for c in project.campaigns
        if (drafts or c.model.status == "approved") and campaign in (None, c.model.slug)
    ]
    jobs = [job for c in chosen for job in jobs_for(project, c, municipality)]
    return Plan(tuple(jobs), tuple(c.slug for c in chosen))


# Modules whose code shapes an asset's bytes; site, CLI and validation changes re-render nothing.
RENDER_CODE = ("plan.py", "layout.py", "scene.py", "fonts.py", "assets.py", "accessibility.py", "bundle.py", "render")


def code_version() -> str:
    """Return a digest of the source of every module that shapes an asset's bytes."""
    h = hashlib.sha256()
    paths = [
        p
        for name in RENDER_CODE
        for p in ([CODE_DIR / name] if name.endswith(".py") else (CODE_DIR / name).rglob("*.py"))
    ]
    for path in sorted(paths):
        h.update(path.relative_to(CODE_DIR).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _plain(value: object) -> object:
    """Turn the pydantic models inside a job into canonical JSON data for hashing."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    raise TypeError(f"cannot hash {type(value).__name__} in a job")


def job_digest(job: Job, root: Path, versions: str, logos: dict[str, str] | None = None) -> str:
    """Return the content digest of a job: its data, logo bytes, fonts and code.

    Pass one `logos` dict for a whole build so each logo file is read and hashed once.
    """
    logos = {} if logos is None else logos
    h = hashlib.sha256(versions.encode())
    h.update(json.dumps(dataclasses.asdict(job), sort_keys=True, default=_plain).encode())
    for sig in job.signatures:
        if sig.logo:
            if sig.logo not in logos:
                logos[sig.logo] = hashlib.sha256((root / sig.logo).read_bytes()).hexdigest()
            h.update(logos[sig.logo].encode())
    return h.hexdigest()


def versions() -> str:
    """Return the code and font digests joined, for job digests."""
    return f"{code_version()}:{fonts.digest()}"
