"""Resolve campaign × municipality × format into frozen, self-contained render jobs."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from . import fonts
from .model import CONTACT_LABELS, Campaign, Format
from .project import Project
from .scene import Paint

REGIONAL = "regional"


@dataclass(frozen=True)
class ContactLine:
    """A local contact as printed: label, value and whether it is confirmed."""

    kind: str
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
    logo_digest: str = ""
    logo_pixels: tuple[int, int] = (0, 0)


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
    face: tuple[str, str]
    roles: tuple[tuple[str, str, float], ...]
    paints: tuple[tuple[str, Paint], ...]
    url: str
    short_url: str
    draft: bool
    hashtags: tuple[str, ...]
    checks: bool = True
    """False only for the brand manual's "wrong" examples, drawn on purpose against the rules."""

    @property
    def stem(self) -> str:
        """Return the output path without extension."""
        name = f"{self.campaign}-{self.municipality}-{self.format.name}"
        return f"{self.campaign}/{self.municipality}/{name}"

    def paint(self, role: str) -> Paint:
        """Return the paint for a colour role."""
        return dict(self.paints)[role]

    def line_height(self, role: str) -> float:
        """Return the line height factor of a brand type role."""
        return next(lh for name, _, lh in self.roles if name == role)

    def font(self, role: str) -> str:
        """Return the font file of a brand type role (its weight decides regular or bold)."""
        weight = next(w for name, w, _ in self.roles if name == role)
        return str(fonts.typeface(*self.face).path(weight))

    def weight(self, role: str) -> str:
        """Return the weight of a brand type role."""
        return next(w for name, w, _ in self.roles if name == role)


def _contact_line(contact) -> ContactLine:
    """Format one contact, marking unconfirmed data."""
    value = contact.phone or contact.address or "telefone"
    shown = value if contact.verified else f"{value} a confirmar"
    return ContactLine(contact.kind.value, contact.name, shown, contact.verified)


def _contacts(project: Project, campaign: Campaign, slug: str) -> tuple[tuple, tuple]:
    """Return the campaign's contacts and all contacts of one municipality."""
    if slug == REGIONAL:
        kinds = " ou ".join(CONTACT_LABELS[k] for k in campaign.contacts)
        line = ContactLine("regional", "Procure no seu município", kinds, True) if kinds else None
        return ((line,) if line else ()), ()
    muni = project.municipality(slug)
    by_kind = {c.kind: c for c in muni.contacts}
    every = tuple(_contact_line(c) for c in muni.contacts)
    chosen = tuple(_contact_line(by_kind[k]) for k in campaign.contacts if k in by_kind)
    return chosen, every


def _signatures(project: Project, slug: str) -> tuple[Signature, ...]:
    """Return the signatures in brand order (consortium only for the regional variant)."""
    brand = project.brand.model
    consortium = Signature("consorcio", brand.identity.short_name, brand.identity.signature, None)
    if slug == REGIONAL:
        return (consortium,)
    muni = project.municipality(slug)
    own = Signature("municipio", muni.name, muni.secretariat, None)
    logo = project.logos.get(slug)
    if logo:
        own = Signature(
            "municipio", muni.name, muni.secretariat, logo.rel, logo.aspect, logo.digest, (logo.width, logo.height)
        )
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
    roles = tuple((k, v.weight, v.line_height) for k, v in sorted(brand.typography.roles.items()))
    face = (brand.typography.package, brand.typography.family)
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
                    face=face,
                    roles=roles,
                    paints=paints,
                    url=url,
                    short_url=url.split("://", 1)[-1].rstrip("/"),
                    draft=campaign.status == "draft",
                    hashtags=tuple(campaign.hashtags),
                )
            )
    return out


MANUAL = "manual"


def example_jobs(project: Project) -> list[Job]:
    """Return the brand manual's right-and-wrong examples as ordinary jobs of the sample text."""
    manual = project.brand.model.manual
    out = []
    for example in manual.examples if manual else []:
        sample = Campaign(
            slug=MANUAL,
            title=manual.sample.title,
            purpose=manual.sample.title,
            status="approved",
            period={"start": "2000-01-01", "end": "2000-01-01"},
            texts=manual.sample.texts,
            colors=example.colors,
            formats=[example.format],
        )
        job = jobs_for(project, sample, REGIONAL)[0]
        out.append(dataclasses.replace(job, municipality=example.name, checks=example.right))
    return out


@dataclass(frozen=True)
class Plan:
    """Every job of a build, with the campaigns they belong to (brand manual examples under MANUAL)."""

    jobs: tuple[Job, ...]
    campaigns: tuple[str, ...]


def make_plan(project: Project, drafts: bool, campaign: str | None, municipality: str | None) -> Plan:
    """Plan the jobs of every published (or, with drafts, every) campaign; a full build adds the manual's examples."""
    chosen = [
        c.model
        for c in project.campaigns
        if (drafts or c.model.status == "approved") and campaign in (None, c.model.slug)
    ]
    jobs = [job for c in chosen for job in jobs_for(project, c, municipality)]
    if campaign is None and municipality is None:
        jobs += example_jobs(project)
    return Plan(tuple(jobs), tuple(c.slug for c in chosen))
