"""Resolve campaign × municipality × format into frozen, self-contained render jobs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from . import fonts
from .model import CONTACT_LABELS, Campaign, Format
from .project import Project
from .scene import Paint, PrintSetup, Standard

REGIONAL = "regional"
MANUAL = "manual"


@dataclass(frozen=True)
class ContactLine:
    """A local service contact as the pieces show it, and whether the municipality confirmed it."""

    kind: str
    label: str
    service: str
    phone: str | None = None
    whatsapp: str | None = None
    email: str | None = None
    address: str | None = None
    hours: str | None = None
    verified: bool = False


@dataclass(frozen=True)
class Regional:
    """What the regional variant shows instead of local contacts: the seven municipalities and the consortium."""

    heading: str
    municipalities: tuple[str, ...]
    channel_label: str
    channel: str


@dataclass(frozen=True)
class Hotline:
    """A national channel as printed."""

    name: str
    number: str
    note: str | None


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
    kicker: str
    """The campaign's name as printed at the top of the pieces (its short name, else its title)."""
    kicker_field: str
    """The campaign file's field that name comes from (for fit messages)."""
    municipality: str
    municipality_name: str
    format: Format
    headline: str
    body: str
    call_to_action: str
    hotline: Hotline | None
    contacts: tuple[ContactLine, ...]
    regional: Regional | None
    signatures: tuple[Signature, ...]
    min_signature: float
    separator: bool
    face: tuple[str, str]
    roles: tuple[tuple[str, str, float], ...]
    paints: tuple[tuple[str, Paint], ...]
    url: str
    short_url: str
    draft: bool
    preview: bool
    """True when a municipal contact shown is not confirmed: the piece carries the PRÉVIA mark and is not printed."""
    hashtags: tuple[str, ...]
    visual: str | None
    visual_digest: str
    visual_aspect: float
    visual_alt: str | None
    where: str
    """The flyer back's heading before the place, like 'Onde procurar ajuda'."""
    names: tuple[str, ...]
    """Proper names that are never broken across lines."""
    print_setup: PrintSetup | None = None
    """Resolution, date, inks and print-black rule of print formats."""
    checks: bool = True
    """False only for the brand manual's "wrong" examples, drawn on purpose against the rules."""
    standard: Standard | None = None
    """The campaign × format standard shared by all variants (set by layout.standardize)."""

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
        return _font_file(self.face, self.weight(role))

    def weight(self, role: str) -> str:
        """Return the weight of a brand type role."""
        return next(w for name, w, _ in self.roles if name == role)


@lru_cache(maxsize=16)
def _font_file(face: tuple[str, str], weight: str) -> str:
    """Return the font file of a typeface and weight, looked up once."""
    return str(fonts.typeface(*face).path(weight))


def public_name(campaign: Campaign) -> str:
    """Return the campaign's short name in citizen page addresses: public_slug, or the slug without its year."""
    if campaign.public_slug:
        return campaign.public_slug
    head, _, year = campaign.slug.rpartition("-")
    return head if head and year.isdigit() and len(year) == 4 else campaign.slug


def citizen_path(campaign: Campaign, municipality: str) -> str:
    """Return the path of a citizen page under the public address: '<municipality>/<campaign>/' or '<campaign>/'."""
    name = public_name(campaign)
    return f"{name}/" if municipality == REGIONAL else f"{municipality}/{name}/"


def public_folder(project: Project) -> str:
    """Return the folder of the built site that serves public_url ('c/' when it lies under site_url)."""
    identity = project.brand.model.identity
    site, public = identity.site_url.rstrip("/") + "/", identity.public_url.rstrip("/") + "/"
    return public[len(site) :] if public.startswith(site) and public != site else "publico/"


def _contact_line(contact) -> ContactLine:
    """Copy a municipality's contact into what a piece shows."""
    return ContactLine(
        contact.kind.value,
        contact.name,
        CONTACT_LABELS[contact.kind],
        contact.phone,
        contact.whatsapp,
        contact.email,
        contact.address,
        contact.hours,
        contact.verified,
    )


def variant_contacts(project: Project, campaign: Campaign, slug: str) -> tuple[tuple[ContactLine, ...], bool]:
    """Return the contacts a municipal variant shows and whether it is a preview.

    All contacts confirmed: a final piece. Some not confirmed: a preview showing them all, unless the
    municipality chose to publish with its confirmed contacts only (then a final piece without the others).
    """
    muni = project.municipality(slug)
    by_kind = {c.kind: c for c in muni.contacts}
    chosen = [_contact_line(by_kind[k]) for k in campaign.contacts if k in by_kind]
    if all(c.verified for c in chosen):
        return tuple(chosen), False
    if muni.publish_verified_only:
        return tuple(c for c in chosen if c.verified), False
    return tuple(chosen), True


SERVICE_PHRASES = {"Cadastro Único": "posto do Cadastro Único"}
"""How a sentence names a service that is not a place by itself."""


def services_phrase(labels: list[str]) -> str:
    """Join service names as a sentence says them: 'o CRAS', 'o CREAS ou o CRAS', 'o A, o B ou o C'."""
    named = [f"o {SERVICE_PHRASES.get(label, label)}" for label in labels]
    return " ou ".join(named) if len(named) < 3 else ", ".join(named[:-1]) + " ou " + named[-1]


def _regional(project: Project, campaign: Campaign) -> Regional:
    """Return the regional variant's list of municipalities and the consortium's channel."""
    kinds = [CONTACT_LABELS[k] for k in campaign.contacts]
    identity = project.brand.model.identity
    heading = (
        f"Procure {services_phrase(kinds)} da sua cidade" if kinds else "Procure a assistência social da sua cidade"
    )
    names = tuple(m.name for m in project.municipalities.model.municipalities)
    return Regional(heading, names, identity.short_name, identity.channel)


def _signatures(project: Project, slug: str) -> tuple[Signature, ...]:
    """Return the signatures in brand order (consortium only for the regional variant)."""
    brand = project.brand.model
    name = "\n".join(brand.signature.consortium_lines) or brand.identity.signature
    consortium = Signature("consorcio", brand.identity.short_name, name, None)
    if slug == REGIONAL:
        subtitle = f"{name}\n{brand.identity.channel}"
        return (Signature("consorcio", brand.identity.short_name, subtitle, None),)
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
    """Resolve the campaign's colour roles, plus the signature band and the marks, to paints."""
    roles = campaign.colors.model_dump()
    sig = project.brand.model.signature
    mark = project.brand.model.draft_mark
    clash = mark.background == campaign.colors.background
    band, ink = (mark.alternate_background, mark.alternate_text) if clash else (mark.background, mark.text)
    roles |= {"footer": sig.background, "footer_text": sig.text, "draft": band, "draft_text": ink}
    out = []
    for role, name in sorted(roles.items()):
        colour = project.colour(name)
        out.append((role, Paint(colour.name, colour.hex, tuple(colour.cmyk))))
    return tuple(out)


def file_date(project: Project, campaign: Campaign) -> dt.date:
    """Return the date print files and bundles carry: the approving meeting's, else the campaign's start."""
    if campaign.approval:
        meeting = next((m for m in project.meetings.model.meetings if m.id == campaign.approval.meeting), None)
        if meeting:
            return meeting.date
    return campaign.period.start


def _print_setup(project: Project, campaign: Campaign, fmt: Format) -> PrintSetup | None:
    """Return what the print backend needs for a print format (None on screen)."""
    if fmt.medium != "print":
        return None
    rules = project.brand.model.print
    inks = tuple((c.hex.upper(), tuple(c.cmyk)) for c in project.brand.model.palette)
    return PrintSetup(
        fmt.dpi or 300,
        file_date(project, campaign),
        inks,
        tuple(rules.print_black),
        rules.black_text_below_pt,
        rules.output_condition,
        rules.output_condition_name,
    )


def _names(project: Project, campaign: Campaign) -> tuple[str, ...]:
    """Return the proper names of a campaign's pieces: municipalities, services, hotline, consortium."""
    names = [m.name for m in project.municipalities.model.municipalities]
    names += list(CONTACT_LABELS.values()) + list(project.brand.model.typography.keep_together)
    if campaign.hotline:
        names.append(campaign.hotline.name)
    return tuple(sorted(set(names)))


def variants(project: Project) -> list[str]:
    """Return the municipality slugs of every campaign's variants, regional last."""
    return [m.slug for m in project.municipalities.model.municipalities] + [REGIONAL]


def jobs_for(project: Project, campaign: Campaign) -> list[Job]:
    """Return the jobs of one campaign, for every variant and format (without their standard yet)."""
    from .visual import VISUALS_DIR

    brand = project.brand.model
    public = brand.identity.public_url.rstrip("/") + "/"
    hotline = None
    if campaign.hotline:
        h = campaign.hotline
        hotline = Hotline(h.name, h.number, h.note)
    paints = _paints(project, campaign)
    roles = tuple((k, v.weight, v.line_height) for k, v in sorted(brand.typography.roles.items()))
    face = (brand.typography.package, brand.typography.family)
    visual = f"{VISUALS_DIR}/{campaign.visual}" if campaign.visual else None
    names = _names(project, campaign)
    regional = _regional(project, campaign)
    out = []
    for slug in variants(project):
        contacts, preview = ((), False) if slug == REGIONAL else variant_contacts(project, campaign, slug)
        signatures = _signatures(project, slug)
        name = brand.identity.short_name if slug == REGIONAL else project.municipality(slug).name
        url = public + citizen_path(campaign, slug)
        for fmt_name in campaign.formats:
            fmt = project.format(fmt_name)
            out.append(
                Job(
                    campaign=campaign.slug,
                    campaign_title=campaign.title,
                    kicker=campaign.texts.kicker or campaign.title,
                    kicker_field="texts.kicker" if campaign.texts.kicker else "title",
                    municipality=slug,
                    municipality_name=name,
                    format=fmt,
                    headline=campaign.texts.headline,
                    body=campaign.texts.body,
                    call_to_action=campaign.texts.call_to_action,
                    hotline=hotline,
                    contacts=contacts,
                    regional=regional if slug == REGIONAL else None,
                    signatures=signatures,
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
                    preview=preview,
                    hashtags=tuple(campaign.hashtags),
                    visual=visual,
                    visual_digest=project.visuals.get(visual, ("", 1.0))[0] if visual else "",
                    visual_aspect=project.visuals.get(visual, ("", 1.0))[1] if visual else 1.0,
                    visual_alt=campaign.visual_alt,
                    where=campaign.texts.where,
                    names=names,
                    print_setup=_print_setup(project, campaign, fmt),
                )
            )
    return out


def example_jobs(project: Project) -> list[Job]:
    """Return the brand manual's right-and-wrong examples as ordinary jobs, each on its own standard.

    An example draws the sample text or its own (a headline too long); a "text too small" example shrinks the
    campaign's type below the format's minimum by its text_scale.
    """
    from .layout import standardize

    manual = project.brand.model.manual
    out = []
    for example in manual.examples if manual else []:
        sample = Campaign(
            slug=MANUAL,
            title=manual.sample.title,
            purpose=manual.sample.title,
            status="approved",
            period={"start": "2000-01-01", "end": "2000-01-01"},
            texts=example.texts or manual.sample.texts,
            colors=example.colors,
            formats=[example.format],
        )
        job = next(j for j in jobs_for(project, sample) if j.municipality == REGIONAL)
        [job] = standardize([dataclasses.replace(job, municipality=example.name, checks=example.right)])
        out.append(_shrunk(job, example.text_scale) if example.text_scale else job)
    return out


def _shrunk(job: Job, factor: float) -> Job:
    """Shrink a job's campaign type by factor, lowering the format's minimum so the frame allows it."""
    fmt = job.format.model_copy(update={"min_text": job.format.min_text * factor})
    return dataclasses.replace(
        job, format=fmt, standard=dataclasses.replace(job.standard, scale=job.standard.scale * factor)
    )


@dataclass(frozen=True)
class Plan:
    """Every job of a build, with the campaigns they belong to (brand manual examples under MANUAL)."""

    jobs: tuple[Job, ...]
    campaigns: tuple[str, ...]


def make_plan(project: Project, drafts: bool, campaign: str | None, municipality: str | None) -> Plan:
    """Plan every published (or, with drafts, every) campaign; standards always see every variant.

    A full build adds the brand manual's examples.
    """
    from .layout import standardize

    chosen = [
        c.model
        for c in project.campaigns
        if (drafts or c.model.status == "approved") and campaign in (None, c.model.slug)
    ]
    jobs = standardize([job for c in chosen for job in jobs_for(project, c)])
    jobs = [j for j in jobs if municipality in (None, j.municipality)]
    if campaign is None and municipality is None:
        jobs += example_jobs(project)
    return Plan(tuple(jobs), tuple(c.slug for c in chosen))
