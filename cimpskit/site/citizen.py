"""Citizen stage: the public page behind every printed QR code, per campaign × municipality (static HTML, no script)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from cimpskit.core import contrast
from cimpskit.core.paths import REGIONAL
from cimpskit.inputs.model import CONTACT_LABELS, Campaign, Contact, ContactKind, Municipality
from cimpskit.produce.context import Context
from cimpskit.inputs.project import Project
from cimpskit.plan.planner import citizen_path, public_folder, public_name, services_phrase
from cimpskit.site.pages import TEMPLATES

MAP_SEARCH = "https://www.openstreetmap.org/search?query="
WHATSAPP = "https://wa.me/"
COUNTRY = "55"
LOCAL_DIGITS = (10, 11)
"""Digits of a Brazilian number with its area code: 10 for fixed lines, 11 for mobiles."""
WHITE = "#FFFFFF"
UF_BY_IBGE = {
    "11": "RO", "12": "AC", "13": "AM", "14": "RR", "15": "PA", "16": "AP", "17": "TO",
    "21": "MA", "22": "PI", "23": "CE", "24": "RN", "25": "PB", "26": "PE", "27": "AL", "28": "SE", "29": "BA",
    "31": "MG", "32": "ES", "33": "RJ", "35": "SP", "41": "PR", "42": "SC", "43": "RS",
    "50": "MS", "51": "MT", "52": "GO", "53": "DF",
}  # fmt: skip
"""State of a municipality from the first two digits of its IBGE code (for map searches)."""


@dataclass(frozen=True)
class Theme:
    """Colours of one page, as hex: header band, hotline button, body text and background, links."""

    band: str
    band_text: str
    button: str
    button_text: str
    text: str
    background: str
    link: str


@dataclass(frozen=True)
class Call:
    """The campaign's national hotline as the page shows it."""

    name: str
    href: str
    note: str | None
    what_to_expect: str | None
    accessibility: str | None


@dataclass(frozen=True)
class Service:
    """A confirmed local service, every link ready to follow."""

    name: str
    phone: str | None = None
    tel: str | None = None
    whatsapp: str | None = None
    whatsapp_href: str | None = None
    email: str | None = None
    address: str | None = None
    map_href: str | None = None
    hours: str | None = None


SERVICE_ABOUT = {
    ContactKind.cras: "É a porta de entrada da assistência social: orientação às famílias, acompanhamento e o "
    "Cadastro Único.",
    ContactKind.creas: "Atende pessoas e famílias em situação de violência, abuso, trabalho infantil ou abandono.",
    ContactKind.conselho_tutelar: "Protege os direitos de crianças e adolescentes: recebe denúncias e toma "
    "providências.",
    ContactKind.cadastro_unico: "É onde se faz e se atualiza o Cadastro Único, em geral no CRAS.",
}
"""What each local service does, in one plain sentence (docs: the services named on materials in the design)."""
DISQUE_100 = ("Disque 100", "100", "Denúncias de violação de direitos humanos: ligação gratuita e anônima, 24 horas.")
"""The national human-rights hotline (Disque 100), for the services that take reports of violence."""
REPORTS = (ContactKind.conselho_tutelar, ContactKind.creas)
"""Services whose reports the Disque 100 also takes, when a campaign names no hotline of its own."""
DISQUE_SOCIAL = (
    "Disque Social 121",
    "121",
    "Dúvidas sobre o Cadastro Único, o Bolsa Família e outros programas sociais do governo federal: ligação "
    "gratuita.",
)
"""The federal social-programmes line (Ministério do Desenvolvimento e Assistência Social)."""
SOCIAL = (ContactKind.cadastro_unico,)
"""Services whose questions the Disque Social 121 also answers, when no report service is pending."""


@dataclass(frozen=True)
class Unconfirmed:
    """A local service whose data the municipality has not confirmed: what it is and where to look for it."""

    kind: ContactKind
    name: str
    about: str
    map_href: str


@dataclass(frozen=True)
class Link:
    """One entry of a page's list of links."""

    text: str
    href: str
    detail: str = ""


def environment() -> Environment:
    """Return the Jinja environment of the citizen pages (HTML, autoescaped)."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def national(number: str) -> str | None:
    """Return a Brazilian number with area code as 55 + digits, or None (short hotlines, 0800, foreign)."""
    digits = re.sub(r"\D", "", number)
    if digits.startswith(COUNTRY) and len(digits) - len(COUNTRY) in LOCAL_DIGITS:
        return digits
    if len(digits) in LOCAL_DIGITS and not digits.startswith("0"):
        return COUNTRY + digits
    return None


def tel_href(number: str) -> str:
    """Return the tel: link of a number: +55 and area code for local numbers, the digits as dialled otherwise."""
    full = national(number)
    return f"tel:+{full}" if full else "tel:" + re.sub(r"[^\d+]", "", number)


def whatsapp_href(number: str) -> str | None:
    """Return the wa.me link of a Brazilian mobile or fixed number, or None when it cannot be one."""
    full = national(number)
    return WHATSAPP + full if full else None


def map_href(address: str, muni: Municipality) -> str:
    """Return an OpenStreetMap search for an address in its city (and state, from the IBGE code)."""
    place = ", ".join(p for p in (address, muni.name, UF_BY_IBGE.get(muni.ibge[:2])) if p)
    return MAP_SEARCH + quote(place, safe="")


def service(contact: Contact, muni: Municipality) -> Service:
    """Return what the page shows of a confirmed contact."""
    return Service(
        name=contact.name,
        phone=contact.phone,
        tel=tel_href(contact.phone) if contact.phone else None,
        whatsapp=contact.whatsapp,
        whatsapp_href=whatsapp_href(contact.whatsapp) if contact.whatsapp else None,
        email=contact.email,
        address=contact.address,
        map_href=map_href(contact.address, muni) if contact.address else None,
        hours=contact.hours,
    )


def local_services(muni: Municipality, campaign: Campaign) -> tuple[list[Service], list[Unconfirmed]]:
    """Return the campaign's confirmed services in a municipality and those not confirmed yet."""
    by_kind = {c.kind: c for c in muni.contacts}
    confirmed, pending = [], []
    for kind in campaign.contacts:
        contact = by_kind.get(kind)
        if contact and contact.verified:
            confirmed.append(service(contact, muni))
        elif contact:
            pending.append(unconfirmed(contact, muni))
    return confirmed, pending


def unconfirmed(contact: Contact, muni: Municipality) -> Unconfirmed:
    """Describe a service without confirmed data: its name, what it does and a map search for it in the city."""
    label = CONTACT_LABELS[contact.kind]
    place = ", ".join(p for p in (label, muni.name, UF_BY_IBGE.get(muni.ibge[:2])) if p)
    return Unconfirmed(contact.kind, contact.name, SERVICE_ABOUT[contact.kind], MAP_SEARCH + quote(place, safe=""))


def fallback_call(campaign: Campaign, pending: list[Unconfirmed]) -> Call | None:
    """Return the national line for a campaign without a hotline of its own whose local services are unconfirmed.

    The Disque 100 when a pending service takes reports of violence, else the Disque Social 121 when a pending
    service is the Cadastro Único; never a local number that nobody confirmed.
    """
    if campaign.hotline:
        return None
    kinds = {p.kind for p in pending}
    for line, services in ((DISQUE_100, REPORTS), (DISQUE_SOCIAL, SOCIAL)):
        if kinds & set(services):
            name, number, note = line
            return Call(name, tel_href(number), note, None, None)
    return None


def call(campaign: Campaign) -> Call | None:
    """Return the hotline block of a campaign, or None without a hotline."""
    h = campaign.hotline
    if h is None:
        return None
    name = h.name if h.number in h.name else f"{h.name}: {h.number}"
    return Call(name, tel_href(h.number), h.note, h.what_to_expect, h.accessibility)


def current(campaigns: list[Campaign]) -> list[Campaign]:
    """Return the approved campaigns the public addresses show: the latest per public name, in calendar order."""
    latest: dict[str, Campaign] = {}
    for c in campaigns:
        seen = latest.get(public_name(c))
        if c.status == "approved" and (seen is None or (c.period.start, c.slug) > (seen.period.start, seen.slug)):
            latest[public_name(c)] = c
    return sorted(latest.values(), key=lambda c: (c.period.start, c.slug))


def theme(project: Project, campaign: Campaign | None) -> Theme:
    """Return a page's colours: the campaign's band and button, or the site's primary colour on index pages.

    Body text and background are the signature pair (checked 4.5:1); links take the site's primary colour
    when it keeps 4.5:1 on that background, else the text colour.
    """
    brand = project.brand.model
    hex_of = {c.name: c.hex for c in brand.palette}
    if campaign:
        roles = (campaign.colors.background, campaign.colors.text, campaign.colors.accent, campaign.colors.accent_text)
        band, band_text, button, button_text = (hex_of[name] for name in roles)
    else:
        band = button = hex_of[brand.site.primary]
        band_text = button_text = WHITE
    text, background = hex_of[brand.signature.text], hex_of[brand.signature.background]
    link = hex_of[brand.site.primary]
    if contrast.contrast(link, background) < contrast.NORMAL_TEXT_MIN:
        link = text
    return Theme(band, band_text, button, button_text, text, background, link)


def _up(path: str) -> str:
    """Return the relative prefix from a page back to the public folder's root."""
    return "../" * path.count("/")


class Renderer:
    """Render citizen pages with the context every page shares (footer, public address)."""

    def __init__(self, project: Project):
        """Keep the project, the template environment and the shared context."""
        identity = project.brand.model.identity
        channel = identity.channel
        self.project = project
        self.env = environment()
        self.public = identity.public_url.rstrip("/") + "/"
        self.footer = {
            "name": identity.name,
            "short_name": identity.short_name,
            "channel": channel,
            "href": channel if "://" in channel else f"https://{channel}",
        }

    def render(self, template: str, path: str, campaign: Campaign | None, **context) -> bytes:
        """Render one page at path (under the public folder) and return its bytes."""
        page = self.env.get_template(template).render(
            up=_up(path),
            canonical=self.public + path.removesuffix("index.html"),
            theme=theme(self.project, campaign),
            footer=self.footer,
            **context,
        )
        return page.encode()


def _campaign_page(r: Renderer, campaign: Campaign, muni: Municipality) -> bytes:
    """Return the page of one campaign in one municipality."""
    path = citizen_path(campaign, muni.slug) + "index.html"
    confirmed, pending = local_services(muni, campaign)
    return r.render(
        "cidadao-campanha.html.j2",
        path,
        campaign,
        c=campaign,
        city=muni.name,
        call=call(campaign) or fallback_call(campaign, pending),
        services=confirmed,
        unconfirmed=pending,
        regional=citizen_path(campaign, REGIONAL),
        home=f"{muni.slug}/",
    )


def _regional_page(r: Renderer, campaign: Campaign, munis: list[Municipality]) -> bytes:
    """Return the regional page of a campaign: the hotline and a link to every municipality's page."""
    path = citizen_path(campaign, REGIONAL) + "index.html"
    kinds = services_phrase([CONTACT_LABELS[k] for k in campaign.contacts])
    cities = [Link(m.name, citizen_path(campaign, m.slug)) for m in munis]
    return r.render(
        "cidadao-regional.html.j2", path, campaign, c=campaign, call=call(campaign), kinds=kinds, cities=cities
    )


def _municipality_index(r: Renderer, muni: Municipality, campaigns: list[Campaign]) -> bytes:
    """Return a municipality's list of current campaigns."""
    links = [Link(c.title, citizen_path(c, muni.slug), c.texts.headline) for c in campaigns]
    return r.render("cidadao-municipio.html.j2", f"{muni.slug}/index.html", None, city=muni.name, links=links)


def _index(r: Renderer, campaigns: list[Campaign], munis: list[Municipality]) -> bytes:
    """Return the public root: every current campaign and every municipality."""
    links = [Link(c.title, citizen_path(c, REGIONAL), c.texts.headline) for c in campaigns]
    cities = [Link(m.name, f"{m.slug}/") for m in munis]
    return r.render("cidadao-inicio.html.j2", "index.html", None, links=links, cities=cities)


def files(ctx: Context) -> dict[str, bytes]:
    """Return every citizen page of the published campaigns, keyed by its path under docs/."""
    public = public_folder(ctx.project)
    return {public + rel: data for rel, data in pages(ctx.project, ctx.campaigns).items()}


def pages(project: Project, campaigns: list[Campaign]) -> dict[str, bytes]:
    """Return every citizen page keyed by its path under the public folder; drafts never get one."""
    renderer = Renderer(project)
    shown = current(campaigns)
    munis = list(project.municipalities.model.municipalities)
    files = {}
    for campaign in shown:
        files[citizen_path(campaign, REGIONAL) + "index.html"] = _regional_page(renderer, campaign, munis)
        for muni in munis:
            files[citizen_path(campaign, muni.slug) + "index.html"] = _campaign_page(renderer, campaign, muni)
    for muni in munis:
        files[f"{muni.slug}/index.html"] = _municipality_index(renderer, muni, shown)
    files["index.html"] = _index(renderer, shown, munis)
    return files
