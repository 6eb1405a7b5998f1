"""Resolve campaign × municipality × format into frozen, self-contained render jobs."""

from __future__ import annotations

import datetime as dt
import re

from cimpskit.core import paths
from cimpskit.core.paths import REGIONAL
from cimpskit.core.scene import Paint, PrintSetup
from cimpskit.inputs.logos import CONSORTIUM_LOGO
from cimpskit.inputs.model import CONTACT_LABELS, Campaign, Format
from cimpskit.inputs.project import Project
from cimpskit.inputs.visuals import VISUALS_DIR
from cimpskit.plan.jobs import ContactLine, Hotline, Job, Regional, Signature


def public_name(campaign: Campaign) -> str:
    """Return the campaign's short name in citizen page addresses."""
    return paths.public_name(campaign.slug, campaign.public_slug)


def citizen_path(campaign: Campaign, municipality: str) -> str:
    """Return the path of a citizen page under the public address."""
    return paths.citizen_path(public_name(campaign), municipality)


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


def _signature(project: Project, role: str, title: str, subtitle: str, key: str, short: str | None = None):
    """Return one signature, with its logo when the project has a verified file for it (never an invented one)."""
    logo = project.logos.get(key)
    if logo is None:
        return Signature(role, title, subtitle, None, short_title=short)
    size = (logo.width, logo.height)
    return Signature(role, title, subtitle, logo.rel, logo.aspect, logo.digest, size, short_title=short)


def _signatures(project: Project, slug: str) -> tuple[Signature, ...]:
    """Return the signatures in brand order (consortium only for the regional variant)."""
    brand = project.brand.model
    name = "\n".join(brand.signature.consortium_lines) or brand.identity.signature
    consortium = _signature(project, "consorcio", brand.identity.short_name, name, CONSORTIUM_LOGO)
    if slug == REGIONAL:
        return (consortium,)
    muni = project.municipality(slug)
    own = _signature(project, "municipio", muni.name, muni.secretariat, slug, muni.short_name)
    by_role = {"consorcio": consortium, "municipio": own}
    return tuple(by_role[r] for r in brand.signature.order)


MONTHS = "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split()
YEAR_SUFFIX = re.compile(r"\s+(19|20)\d\d$")


def campaign_mark(campaign: Campaign) -> tuple[str, str | None]:
    """Return the campaign mark's name and line: as written, else the short name without the year and the first
    key date ('18 de Maio': the day's name is a proper name)."""
    name = campaign.mark.name or campaign.texts.kicker or YEAR_SUFFIX.sub("", campaign.title)
    line = campaign.mark.line
    if line is None and campaign.key_dates:
        day = campaign.key_dates[0].date
        line = f"{day.day} de {MONTHS[day.month - 1].capitalize()}"
    return name, line


def mark_fields(campaign: Campaign) -> tuple[str, str]:
    """Return the campaign fields the mark's name and line come from (where an editor shortens them)."""
    name = "mark.name" if campaign.mark.name else "texts.kicker" if campaign.texts.kicker else "title"
    return name, "mark.line" if campaign.mark.line else "key_dates"


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
        out.append((role, Paint(colour.name, colour.hex, colour.ink)))
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
    inks = tuple((c.hex.upper(), c.ink) for c in project.brand.model.palette)
    return PrintSetup(
        fmt.dpi or 300,
        file_date(project, campaign),
        inks,
        tuple(rules.print_black),
        rules.black_text_below_pt,
        rules.output_condition,
        rules.output_condition_name,
        rules.reversed_text_min_pt,
    )


def _names(project: Project, campaign: Campaign) -> tuple[str, ...]:
    """Return the proper names of a campaign's pieces: municipalities, services, hotline, consortium."""
    munis = project.municipalities.model.municipalities
    names = [m.name for m in munis] + [m.short_name for m in munis if m.short_name]
    names += list(CONTACT_LABELS.values()) + list(project.brand.model.typography.keep_together)
    if campaign.hotline:
        names.append(campaign.hotline.name)
    return tuple(sorted(set(names)))


def variants(project: Project) -> list[str]:
    """Return the municipality slugs of every campaign's variants, regional last."""
    return [m.slug for m in project.municipalities.model.municipalities] + [REGIONAL]


def jobs_for(project: Project, campaign: Campaign, formats: list[str] | None = None) -> list[Job]:
    """Return the jobs of one campaign, for every variant and format (the campaign's, or the given ones), without
    their standard yet."""
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
        for fmt_name in campaign.formats if formats is None else formats:
            fmt = project.format(fmt_name)
            out.append(
                Job(
                    campaign=campaign.slug,
                    campaign_title=campaign.title,
                    municipality=slug,
                    municipality_name=name,
                    format=fmt,
                    composition=campaign.composition,
                    mark=campaign_mark(campaign),
                    mark_fields=mark_fields(campaign),
                    key_line=campaign.texts.key_line,
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
                    clear_space=brand.signature.clear_space,
                    face=face,
                    roles=roles,
                    paints=paints,
                    url=url,
                    short_url=url.split("://", 1)[-1].rstrip("/"),
                    draft=campaign.status == "draft",
                    preview=preview,
                    hashtags=tuple(campaign.hashtags),
                    what_to_expect=campaign.hotline.what_to_expect if campaign.hotline else None,
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
