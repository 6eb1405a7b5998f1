"""Site stage: generated pages and brand CSS of the guideline site (returned as bytes).

The site is a view over the build result: every link, size, alt text and caption comes from it; nothing here
plans jobs or reads an asset file.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from cimpskit.core import contrast, fonts, paths
from cimpskit.core.paths import MANUAL, REGIONAL
from cimpskit.inputs.model import CONTACT_LABELS, Campaign, Format, Municipality
from cimpskit.plan.series import FEED, FRAME, MOTION, SERIES_KINDS
from cimpskit.inputs.project import Project
from cimpskit.produce.context import Context
from cimpskit.inputs.schema import schema_for
from cimpskit.plan.planner import file_date
from cimpskit.produce import brandkit, calendar, pending, printorder, procurement, purchase, timeline
from cimpskit.produce.result import BuildResult, OutFile, Piece, SignatureFiles
from cimpskit.render.raster import PREVIEW_WIDTH
from cimpskit.site import links, now

TEMPLATES = Path(__file__).parent / "templates"
MONTHS = "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split()
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
NETWORKS = {
    "instagram": ("Legenda para Instagram", "Copiar legenda", "para Instagram"),
    "facebook": ("Legenda para Facebook", "Copiar legenda", "para Facebook"),
    "whatsapp": ("Texto para WhatsApp", "Copiar texto", "para WhatsApp"),
}
"""Per network: the caption's heading, its copy button's words and what screen readers hear after them."""
STATUS = {"em-andamento": "Em andamento", "proxima": "Próxima", "encerrada": "Encerrada"}
OG_FORMAT = "landscape"
"""The format whose regional PNG (1200 × 630) is a page's link preview image."""


def md(text: str) -> str:
    """Escape user text so Markdown and HTML in it render literally."""
    return MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def lines_html(text: str) -> str:
    """Escape text for raw HTML and keep its line breaks as characters (shown by white-space: pre-wrap)."""
    return html.escape(str(text)).replace("\n", "&#10;")


def date_pt(value: dt.date) -> str:
    """Format a date as '18 de maio de 2026'."""
    return f"{value.day} de {MONTHS[value.month - 1]} de {value.year}"


def span_pt(start: dt.date, end: dt.date) -> str:
    """Format a date range briefly: '1 a 31 de maio de 2026', '1 de julho a 31 de agosto de 2026'."""
    if start == end:
        return date_pt(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} a {date_pt(end)}"
    if start.year == end.year:
        return f"{start.day} de {MONTHS[start.month - 1]} a {date_pt(end)}"
    return f"{date_pt(start)} a {date_pt(end)}"


def size_pt(num: int) -> str:
    """Format a byte count the Brazilian way, like '1,2 MB'."""
    for unit, factor in (("MB", 1_000_000), ("kB", 1_000)):
        if num >= factor:
            return f"{num / factor:.1f}".replace(".", ",") + f" {unit}"
    return f"{num} B"


def number_pt(value: float) -> str:
    """Format a quantity the Brazilian way: '7.000', '2,5'."""
    whole = f"{int(value):,}".replace(",", ".")
    return whole if float(value).is_integer() else whole + f"{value % 1:.2f}"[1:].rstrip("0").replace(".", ",")


def plural_pt(word: str) -> str:
    """Return the plural of a unit name by the common Portuguese rules ('unidade' → 'unidades', 'jogo' → 'jogos')."""
    if word.endswith(("a", "e", "i", "o", "u")):
        return word + "s"
    if word.endswith(("r", "z", "s")):
        return word + ("es" if not word.endswith("s") else "")
    if word.endswith("m"):
        return word[:-1] + "ns"
    if word.endswith("l"):
        return word[:-1] + "is"
    return word


def quantity_pt(value: float, unit: str) -> str:
    """Format a quantity with its unit in the right number: '1 unidade', '2.050 unidades'."""
    return f"{number_pt(value)} {unit if value == 1 else plural_pt(unit)}"


def environment() -> Environment:
    """Return the Jinja environment for page templates."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(md=md, date_pt=date_pt, size=size_pt, e=html.escape, lines=lines_html, number=number_pt)
    env.filters["quantity"] = quantity_pt
    env.filters["lacking"] = now.lacking
    env.filters["json"] = lambda v: json.dumps(v, ensure_ascii=False)
    env.globals.update(span=span_pt, status_label=STATUS, networks=NETWORKS, zip=zip)
    return env


def doc_of(page: str) -> str:
    """Return the way from a generated page's file to docs/, for Markdown links ('../' for municipios/x.md)."""
    return "../" * page.count("/")


@dataclass(frozen=True)
class Download:
    """One downloadable file as the site lists it: its path from the site root, type and size."""

    href: str
    kind: str
    size: int


def _download(f: OutFile) -> Download:
    """Return a download link for a file under the downloads folder."""
    return Download(f.url, f.kind, f.size)


@dataclass(frozen=True)
class View:
    """One page of a piece in the gallery: thumbnail, full-size image, alt text and side."""

    thumb: str
    full: str
    alt: str
    side: str
    width: int
    height: int


@dataclass(frozen=True)
class Card:
    """One piece as the hub and campaign pages show it: label in plain words, views, download and texts."""

    id: str
    label: str
    medium: str
    spec: str
    main: Download
    views: tuple[View, ...]
    alt: str
    preview: bool
    ficha: Download | None
    ficha_csv: Download | None
    plain: Download | None
    pages: tuple[Download, ...] = ()
    """Every page's own file when a piece has several (the carousel's cards), in order."""
    captions: dict[str, str] = field(default_factory=dict)
    """A series piece's own captions by network (the format pieces share their variant's)."""


@dataclass(frozen=True)
class Variant:
    """Every piece of one campaign for one municipality (or the regional version), as cards."""

    campaign: str
    slug: str
    name: str
    cards: tuple[Card, ...]
    bundle: Download
    captions: dict[str, str]
    preview: bool
    series: tuple[Card, ...] = ()
    """The series' pieces and videos, each with its own captions."""
    missing: tuple[str, ...] = ()
    """What a preview lacks to become final, one line per contact ('Conselho Tutelar: telefone, …')."""

    @property
    def key(self) -> str:
        """Return the id prefix of this variant's elements on a page."""
        return f"{self.campaign}-{self.slug}"


def label(fmt: Format) -> str:
    """Return a format's name in the words of the people who use it."""
    return fmt.site_label or fmt.label


SERIES_SPECS = {"video": "vídeo MP4, sem som", "moldura": "PNG com o centro transparente"}
"""What a series piece's size is followed by, where it is not a plain image."""
SERIES_SIDE = "Cartão"
"""The name of a carousel's page under its thumbnail."""


def spec(fmt: Format, series: str = "") -> str:
    """Describe a format's size (and paper, in print; a video's or a frame's kind) in one short phrase."""
    if fmt.medium == "screen":
        size = f"{fmt.width:g} × {fmt.height:g} px"
        return f"{size}, {SERIES_SPECS[series]}" if series in SERIES_SPECS else size
    paper = f", {fmt.print.paper}" if fmt.print else ""
    return f"{fmt.width:g} × {fmt.height:g} mm{paper}"


def _views(piece: Piece, fmt: Format) -> tuple[View, ...]:
    """Return the gallery views of a piece, front before back, each with its own alt text."""
    thumbs, fulls = piece.previews(), piece.full_views() or piece.previews()
    sides: tuple[str, ...] = ("Frente", "Verso") if len(thumbs) > 1 else ("",)
    if piece.series and len(thumbs) > 1:
        sides = tuple(f"{SERIES_SIDE} {k}" for k in range(1, len(thumbs) + 1))
    height = round(PREVIEW_WIDTH * fmt.height / fmt.width)
    return tuple(
        View(t.url, f.url, alt, side, PREVIEW_WIDTH, height)
        for t, f, alt, side in zip(thumbs, fulls, piece.alts, sides, strict=False)
    )


def card(piece: Piece, fmt: Format) -> Card:
    """Describe one piece for the site."""
    optional = {role: _download(piece.files[role]) if role in piece.files else None for role in printorder.ROLES}
    plain = piece.files.get("trim-bleed")
    pages = piece.page_files("main") if piece.series else []
    return Card(
        id=f"{piece.campaign}-{piece.municipality}-{piece.format}",
        label=piece.label or label(fmt),
        medium=piece.medium,
        spec=spec(fmt, piece.series),
        main=_download(piece.main),
        views=_views(piece, fmt),
        alt="\n\n".join(piece.alts),
        preview=piece.preview,
        ficha=optional[printorder.FICHA],
        ficha_csv=optional[printorder.FICHA_CSV],
        plain=_download(plain) if plain else None,
        pages=tuple(_download(f) for f in pages) if len(pages) > 1 else (),
        captions=piece.captions if piece.series else {},
    )


def names(project: Project) -> dict[str, str]:
    """Return every variant's name by slug: the municipalities, then the regional version."""
    out = {m.slug: m.name for m in project.municipalities.model.municipalities}
    out[REGIONAL] = "Regional (consórcio)"
    return out


def variants(project: Project, result: BuildResult, found: Index, campaign: Campaign) -> list[Variant]:
    """Collect the pieces of one campaign per municipality, regional last."""
    formats = {f.name: f for f in project.formats.model.formats}
    out = []
    for slug, name in names(project).items():
        pieces = found.get((campaign.slug, slug), [])
        if not pieces:
            continue
        own = [p for p in pieces if not p.series]
        captions = next((p.captions for p in own if p.captions), {})
        cards = tuple(card(p, formats[p.format]) for p in own)
        series = tuple(card(p, formats[series_format(p)]) for p in sorted_series(pieces))
        bundle = _download(result.bundle(campaign.slug, slug).file)
        preview = any(p.preview for p in pieces)
        lacking = missing(project, campaign, slug) if preview else ()
        out.append(Variant(campaign.slug, slug, name, cards, bundle, captions, preview, series, lacking))
    return out


def series_format(piece: Piece) -> str:
    """Return the catalogue format a series piece or video is made on."""
    if piece.series == "video":
        return MOTION[piece.format]
    return FRAME if piece.series == "moldura" else FEED


def sorted_series(pieces: list[Piece]) -> list[Piece]:
    """Return a variant's series pieces as the hub lists them: videos first, then the series in its order."""
    order = ("video", *SERIES_KINDS)
    return sorted((p for p in pieces if p.series), key=lambda p: order.index(p.series))


def missing(project: Project, campaign: Campaign, slug: str) -> tuple[str, ...]:
    """Say what a municipality must still confirm for a campaign's pieces to be final, one line per contact."""
    if slug == REGIONAL:
        return ()
    return tuple(c.text for c in now.to_confirm(project, [campaign], slug))


def by_relevance(campaigns: list[Campaign], today: dt.date) -> list[Campaign]:
    """Order campaigns as people look for them: running, then next, then ended (the latest first)."""
    rank = {"em-andamento": 0, "proxima": 1, "encerrada": 2}

    def key(c: Campaign) -> tuple:
        state = calendar.status(c, today)
        when = -c.period.end.toordinal() if state == "encerrada" else c.period.start.toordinal()
        return rank[state], when

    return sorted(campaigns, key=key)


def brand_css(project: Project) -> str:
    """Return CSS custom properties and helpers generated from the brand standard."""
    brand = project.brand.model
    colours = {c.name: c.hex for c in brand.palette}
    family = json.dumps(project.typeface.family)
    lines = [":root, [data-md-color-scheme] {"]
    lines += [f"  --cimps-{name}: {hex_};" for name, hex_ in colours.items()]
    lines += [
        f"  --cimps-primary: var(--cimps-{brand.site.primary});",
        f"  --cimps-accent: var(--cimps-{brand.site.accent});",
        f"  --cimps-ink: var(--cimps-{brand.signature.text});",
        f"  --md-primary-fg-color: var(--cimps-{brand.site.primary});",
        f"  --md-primary-fg-color--light: var(--cimps-{brand.site.primary});",
        f"  --md-primary-fg-color--dark: var(--cimps-{brand.site.primary});",
        f"  --md-accent-fg-color: var(--cimps-{brand.site.accent});",
        f"  --md-typeset-a-color: var(--cimps-{brand.site.primary});",
        f"  --md-text-font: {family};",
        "}",
    ]
    for weight, path in project.typeface.files:
        kind = "opentype" if path.endswith(".otf") else "truetype"
        lines += [
            "@font-face {",
            f"  font-family: {family};",
            f'  src: url("fonts/{Path(path).name}") format("{kind}");',
            f"  font-weight: {fonts.WEIGHTS[weight]};",
            "  font-display: swap;",
            "}",
        ]
    lines += [f".swatch-{name} {{ background: var(--cimps-{name}); }}" for name in colours]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Pair:
    """A text colour on a background colour with its contrast and where the rules allow it."""

    text: object
    background: object
    ratio: str
    verdict: str


def _verdict(ratio: float) -> str:
    """Say where a contrast ratio is allowed: 'passa', 'só texto grande' or 'não passa'."""
    if ratio >= contrast.NORMAL_TEXT_MIN:
        return "passa"
    return "só texto grande" if ratio >= contrast.LARGE_TEXT_MIN else "não passa"


def contrast_pairs(project: Project) -> list[Pair]:
    """Return every text/background pair of the palette (background by background) with its verdict."""
    palette = project.brand.model.palette
    out = []
    for bg in palette:
        for fg in palette:
            ratio = contrast.contrast(fg.hex, bg.hex)
            out.append(Pair(fg, bg, contrast.ratio_text(ratio), "—" if fg is bg else _verdict(ratio)))
    return out


def _schema_rows(name: str) -> list[dict]:
    """Flatten a JSON Schema into reference rows: key path, type, required, description."""
    schema = schema_for(name)
    defs = schema.get("$defs", {})
    rows: list[dict] = []

    def resolve(node: dict) -> dict:
        if "$ref" in node:
            return defs[node["$ref"].rsplit("/", 1)[1]]
        for key in ("anyOf", "allOf"):
            for option in node.get(key, []):
                target = resolve(option)
                if target.get("type") == "object" or "$ref" in option:
                    return target
        return node

    def kind(node: dict) -> str:
        if "enum" in node:
            return " ou ".join(str(v) for v in node["enum"])
        options = node.get("anyOf")
        if options:
            return " ou ".join(kind(resolve(o)) for o in options if o.get("type") != "null") + " (opcional)"
        return {
            "string": "texto",
            "integer": "número inteiro",
            "number": "número",
            "boolean": "true/false",
            "array": "lista",
            "object": "mapa",
        }.get(node.get("type", ""), node.get("format", "valor"))

    def walk(node: dict, prefix: str) -> None:
        node = resolve(node)
        required = set(node.get("required", []))
        for key, prop in node.get("properties", {}).items():
            path = f"{prefix}.{key}" if prefix else key
            target = resolve(prop)
            rows.append(
                {
                    "path": path,
                    "type": "data AAAA-MM-DD"
                    if target.get("format") == "date"
                    else kind(prop if "anyOf" in prop else target),
                    "required": key in required,
                    "description": prop.get("description") or target.get("description", ""),
                }
            )
            if target.get("type") == "object" and "properties" in target:
                walk(target, path)
            items = target.get("items")
            if items and resolve(items).get("properties"):
                walk(resolve(items), f"{path}[]")

    walk(schema, "")
    return rows


def front_matter(meta: dict) -> str:
    """Return a page's YAML front matter (JSON values are valid YAML), read by the theme for link previews."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items() if value]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _og(project: Project, found: Index, campaign: Campaign | None, variant: str = REGIONAL) -> dict:
    """Return the link preview image of a campaign (a variant's landscape PNG, else the regional one), its size and
    alt text. A preview piece (marked PRÉVIA) never represents a page: the regional version does."""
    piece = None
    for slug in dict.fromkeys((variant, REGIONAL)):
        pieces = found.get((campaign.slug, slug), []) if campaign else []
        piece = next((p for p in pieces if p.format == OG_FORMAT and not p.preview), None)
        if piece:
            break
    if piece is None:
        return {}
    fmt = project.format(OG_FORMAT)
    image = {"image": piece.main.url, "image_alt": piece.alts[0]}
    return image | {"image_width": int(fmt.width), "image_height": int(fmt.height)}


@dataclass(frozen=True)
class News:
    """One dated line of the 'what's new' page (Markdown), with its link."""

    date: dt.date
    text: str
    link: str = ""


def news(project: Project, campaigns: list[Campaign], today: dt.date) -> list[News]:
    """Return what happened, from the data's dates: approvals, meetings, campaigns, confirmed contacts."""
    meetings = {m.id: m for m in project.meetings.model.meetings}
    out = []
    for c in campaigns:
        link = f"campanhas/{c.slug}.md"
        if c.approval and c.approval.meeting in meetings:
            out.append(News(meetings[c.approval.meeting].date, f"Campanha aprovada: **{md(c.title)}**", link))
        out.append(News(c.period.start, f"Começou a campanha **{md(c.title)}**", link))
        out.append(News(c.period.end, f"Terminou a campanha **{md(c.title)}**", link))
    for m in meetings.values():
        if m.confirmed:
            out.append(News(m.date, md(m.title), "calendario.md"))
    for muni in project.municipalities.model.municipalities:
        for ct in muni.contacts:
            if ct.verification:
                what = f"{md(muni.name)} confirmou os dados do {CONTACT_LABELS[ct.kind]}"
                out.append(News(ct.verification.date, what, f"municipios/{muni.slug}.md"))
    return sorted((n for n in out if n.date <= today), key=lambda n: (n.date, n.text), reverse=True)


def ahead(project: Project, campaigns: list[Campaign], today: dt.date, days: int = 90) -> list[calendar.Event]:
    """Return the calendar's events in the next days (meetings, production steps, campaign starts)."""
    limit = today + dt.timedelta(days=days)
    return [e for e in calendar.events(project, campaigns) if today <= e.start <= limit and e.kind != "vedacao"]


def _latest(dates: list[dt.date], today: dt.date) -> dt.date | None:
    """Return the latest of some dates that is not in the future."""
    past = [d for d in dates if d <= today]
    return max(past, default=None)


def feeds(project: Project) -> list[links.Subscribe]:
    """Return every calendar feed with its links per calendar app: the region's, then each municipality's."""
    short = project.brand.model.identity.short_name
    return [
        links.subscribe(
            label,
            path,
            calendar.subscribe_url(project, path),
            calendar.feed_url(project, path),
            f"{short} — {label}",
        )
        for label, path in calendar.feed_paths(project)
    ]


@dataclass(frozen=True)
class OrderItem:
    """One print item of a municipality's order: piece, quantity, dates and whether it waits for contacts."""

    campaign: str
    campaign_slug: str
    label: str
    item: str
    unit: str
    quantity: int | None
    order_by: dt.date | None
    deliver_by: dt.date | None
    ordered: bool
    ficha: Download | None
    ficha_csv: Download | None
    waiting: str = ""
    """What the item waits for, who must send it (empty when ready to order)."""


Orders = dict[int, dict[str, list[tuple[printorder.OrderLine, bool]]]]
"""Each year's print order grouped by municipality (lines marked as ordered or waiting)."""


def orders(project: Project, campaigns: list[Campaign], result: BuildResult) -> Orders:
    """Consolidate the print order of every year once, grouped by municipality."""
    years = sorted({c.period.start.year for c in campaigns})
    pieces = list(result.pieces)
    history = dict(result.history)
    return {
        y: printorder.by_municipality(printorder.print_order(project, campaigns, pieces, y, history)) for y in years
    }


def order_items(project: Project, index: Index, grouped: Orders, slug: str) -> list[OrderItem]:
    """Return a municipality's print order of every year, from the consolidated order the print shop gets."""
    out = []
    for year in sorted(grouped):
        for x, ordered in grouped[year].get(slug, []):
            fmt = project.format(x.format)
            piece = next(p for p in index[(x.campaign_slug, slug)] if p.format == fmt.name)
            c = card(piece, fmt)
            dates = (x.order_by, x.deliver_by)
            line = (x.campaign, x.campaign_slug, c.label, x.item, x.unit, x.quantity)
            out.append(OrderItem(*line, *dates, ordered, c.ficha, c.ficha_csv, x.reason()))
    return out


def by_campaign(items: list[OrderItem]) -> list[tuple[str, str, list[OrderItem]]]:
    """Group order items by campaign (title, slug, items), keeping the order's sequence."""
    out: dict[str, list[OrderItem]] = {}
    for item in items:
        out.setdefault(item.campaign_slug, []).append(item)
    return [(found[0].campaign, slug, found) for slug, found in out.items()]


def next_order(items: list[OrderItem], today: dt.date) -> str | None:
    """Return the campaign whose print order is due next (on or after today), if any."""
    due = [(i.order_by, i.campaign_slug) for i in items if i.order_by and i.order_by >= today]
    return min(due)[1] if due else None


@dataclass(frozen=True)
class OrderNote:
    """The print order a final print piece belongs to, as its card names it."""

    year: int
    amount: str
    """The quantity in words ('100 unidades'), or that it is still pending."""
    line: printorder.OrderLine


def order_notes(project: Project, grouped: Orders, slug: str) -> dict[str, OrderNote]:
    """Return, by card id, the print order line of each print piece of a municipality (the card shows it only on
    final pieces), saying when the line still waits for purchase data."""
    formats = {f.print.item: f.name for f in project.formats.model.formats if f.print}
    out = {}
    for year, by_muni in grouped.items():
        for x, ordered in by_muni.get(slug, []):
            unit = "quantidade pendente" if x.quantity is None else quantity_pt(x.quantity, x.unit)
            if not ordered:
                unit += " (aguardando)"
            out[f"{x.campaign_slug}-{slug}-{formats[x.item]}"] = OrderNote(year, unit, x)
    return out


Index = dict[tuple[str, str], list[Piece]]
"""The build result's pieces by campaign × variant, in plan order."""


@dataclass(frozen=True)
class Site:
    """What every page template may use: the data, the build result's views and the day the site describes."""

    project: Project
    result: BuildResult
    today: dt.date
    campaigns: list[Campaign]
    variants: dict[str, list[Variant]]
    index: Index

    def common(self) -> dict:
        """Return the template values every page shares."""
        project = self.project
        return {
            "brand": project.brand.model,
            "campaigns": self.campaigns,
            "relevant": by_relevance(self.campaigns, self.today),
            "status": {c.slug: calendar.status(c, self.today) for c in self.campaigns},
            "formats": {f.name: f for f in project.formats.model.formats},
            "municipalities": project.municipalities.model.municipalities,
            "labels": CONTACT_LABELS,
            "drafts": self.result.drafts,
            "regional": REGIONAL,
            "meetings": {m.id: m for m in project.meetings.model.meetings},
            "today": self.today,
            "feedback": project.brand.model.identity.feedback,
            "now": now.now(project, self.campaigns, self.today),
            "months": MONTHS,
            "window": now.WINDOW_DAYS,
            "week": now.WEEK_DAYS,
            "week_delta": dt.timedelta(days=now.WEEK_DAYS),
            "soon_text": now.describe,
            "next_meeting": calendar.next_meeting(project, self.today),
        }

    def lead(self) -> Campaign | None:
        """Return the campaign whose picture represents the site: the running one, else the next, else the latest."""
        relevant = by_relevance(self.campaigns, self.today)
        return relevant[0] if relevant else None

    def approvals(self) -> list[dt.date]:
        """Return the dates of the approving meetings of the published campaigns."""
        return [file_date(self.project, c) for c in self.campaigns if c.approval]


def _render(env: Environment, site: Site, template: str, page: str, meta: dict, **values) -> tuple[str, bytes]:
    """Render one page with its front matter; return its path under docs/ and its bytes."""
    meta = {"description": meta.get("description"), **_og(site.project, site.index, site.lead()), **meta}
    updated = meta.get("updated")
    if isinstance(updated, dt.date):
        meta["updated"] = updated.isoformat()
    body = env.get_template(template).render(
        **(site.common() | values),
        doc=doc_of(page),
        updated=updated if isinstance(updated, dt.date) else None,
        mail=feedback_mail(site.project, page),
    )
    return page, (front_matter(meta) + body).encode()


FEEDBACK_SUBJECT = "Kit de campanhas: sugestão ou problema"


def page_url(project: Project, page: str) -> str:
    """Return the published address of a generated page (its path under docs/)."""
    path = page.removesuffix(".md").removesuffix("index")
    path = path if not path or path.endswith("/") else path + "/"
    return project.brand.model.identity.site_url.rstrip("/") + "/" + path


def feedback_mail(project: Project, page: str) -> links.Mail | None:
    """Return the prepared feedback e-mail of a page (None when the brand names no feedback channel)."""
    feedback = project.brand.model.identity.feedback
    if feedback is None:
        return None
    body = f"Página: {page_url(project, page)}\n\nO que aconteceu ou o que você sugere:\n\n\nSeu nome e município:\n"
    return links.Mail(links.mailto(feedback.email, FEEDBACK_SUBJECT, body), feedback.email)


def contacts_mail(project: Project, muni: Municipality) -> str:
    """Return a prepared e-mail with a municipality's contacts to confirm or correct, field by field."""
    feedback = project.brand.model.identity.feedback
    lines = [f"Município: {muni.name}", "Quem confirma (nome, cargo e setor):", "Data da confirmação:", ""]
    for ct in muni.contacts:
        lines += [f"{CONTACT_LABELS[ct.kind]} — {ct.name}"]
        lines += [f"{name.capitalize()}: {getattr(ct, key) or ''}" for key, name in now.CONTACT_FIELDS]
        lines += [""]
    subject = f"Contatos confirmados de {muni.name} para o kit de campanhas"
    return links.mailto(feedback.email if feedback else None, subject, "\n".join(lines))


def _campaign_pages(env: Environment, site: Site) -> dict[str, bytes]:
    """Return the campaigns' index and one page per campaign (regional pieces, municipalities, captions)."""
    latest = _latest(site.approvals(), site.today)
    out = dict([_render(env, site, "campanhas.md.j2", "campanhas/index.md", {"updated": latest})])
    for c in site.campaigns:
        meta = {"description": c.purpose, "updated": file_date(site.project, c), **_og(site.project, site.index, c)}
        vs = site.variants[c.slug]
        regional = next((v for v in vs if v.slug == REGIONAL), None)
        path, data = _render(
            env, site, "campanha.md.j2", f"campanhas/{c.slug}.md", meta, c=c, variants=vs, main=regional
        )
        out[path] = data
    return out


def _hub(env: Environment, site: Site, muni: Municipality, grouped: Orders) -> tuple[str, bytes]:
    """Return a municipality's hub: every campaign's pieces, 'download all', signature files, print order."""
    project, result = site.project, site.result
    own = {c.slug: next((v for v in site.variants[c.slug] if v.slug == muni.slug), None) for c in site.campaigns}
    kit = result.kit(muni.slug)
    sig = result.signature(muni.slug)
    feed = next(f for f in feeds(project) if f.path.endswith(f"-{muni.slug}.ics"))
    meta = {
        "description": f"Peças das campanhas regionais com a assinatura de {muni.name}: baixar, legendas e pedido.",
        "updated": site.today,
        **_og(project, site.index, site.lead(), muni.slug),
    }
    years = sorted(grouped)
    order = order_items(project, site.index, grouped, muni.slug)
    moment = now.now(project, site.campaigns, site.today, muni.slug)
    values = {
        "proof": _sample_proof(moment.ended, own),
        "m": muni,
        "own": own,
        "kit": _download(kit.file) if kit else None,
        "signature": _signature(sig) if sig else {},
        "order": order,
        "order_groups": by_campaign(order),
        "order_csv": [(y, printorder.municipality_path(y, muni.slug)) for y in years],
        "orders": order_notes(project, grouped, muni.slug),
        "feed": feed,
        "now": moment,
        "ended_slugs": [c.slug for c in moment.ended],
        "open_order": next_order(order, site.today),
        "contacts_mail": contacts_mail(project, muni),
    }
    return _render(env, site, "municipio.md.j2", f"municipios/{muni.slug}.md", meta, **values)


def _sample_proof(ended: tuple[Campaign, ...], own: dict[str, Variant | None]) -> tuple[Campaign, Card] | None:
    """Return the latest ended campaign's first print proof of a municipality: what its unconfirmed contacts look like."""
    for c in ended:
        variant = own.get(c.slug)
        for card in variant.cards if variant else ():
            if card.medium == "print" and card.preview:
                return c, card
    return None


def _signature(sig: SignatureFiles) -> dict[str, Download]:
    """Return a variant's signature files as downloads, in the order pages list the kinds (never the cache's)."""
    return {kind: _download(sig.files[kind]) for kind in brandkit.KINDS}


def _identity(env: Environment, site: Site) -> tuple[str, bytes]:
    """Return the identity page: make-your-own kit (font, signatures, rules, right and wrong), palette, formats."""
    project, result = site.project, site.result
    path = brandkit.font_zip_path(project)
    known = names(project)
    sigs = [(known[s.municipality], _signature(s)) for s in result.signatures if s.municipality in known]
    titles = {f"{paths.MARKS}/{c.model.slug}": c.model.title for c in project.campaigns}
    marks = [(titles[s.municipality], _signature(s)) for s in result.signatures if s.municipality in titles]
    values = {
        "marks": marks,
        "pairs": contrast_pairs(project),
        "examples": manual_pairs(examples(project, result)),
        "font_zip": path,
        "font_family": brandkit.font_family(project),
        "signatures": sigs,
        "windows": project.electoral.model.windows,
    }
    meta = {"description": "Regras da marca do CIMPS e o kit para fazer a sua peça: fonte, assinaturas, exemplos."}
    return _render(env, site, "identidade-visual.md.j2", "identidade-visual.md", meta, **values)


def _calendar(env: Environment, site: Site) -> tuple[str, bytes]:
    """Return the calendar page: next meeting, subscriptions, the year's picture and the table."""
    project, today = site.project, site.today
    events = calendar.events(project, site.campaigns)
    years = sorted({c.period.start.year for c in site.campaigns})
    values = {
        "months": _months(events),
        "kinds": calendar.KINDS,
        "feeds": feeds(project),
        "next_meeting": calendar.next_meeting(project, today),
        "pictures": [(y, timeline.path(y, timeline.WIDE), timeline.path(y, timeline.NARROW)) for y in years],
        "summary": calendar.summary,
    }
    meetings = [m.date for m in project.meetings.model.meetings]
    meta: dict[str, object] = {"description": "Campanhas, prazos dos impressos e reuniões da Câmara Técnica; assine no celular."}
    meta["updated"] = _latest(meetings + site.approvals(), today)
    return _render(env, site, "calendario.md.j2", "calendario.md", meta, **values)


def _procurement(env: Environment, site: Site) -> tuple[str, bytes]:
    """Return the shared-procurement page (its files are written by the procurement and print order producers)."""

    found = procurement.consolidations(site.project, site.campaigns)
    years = sorted({c.period.start.year for c in site.campaigns})
    pieces, history = list(site.result.pieces), dict(site.result.history)
    orders = [printorder.print_order(site.project, site.campaigns, pieces, y, history) for y in years]
    rounds = {r.id: {k: _download(f) for k, f in r.files.items()} for r in site.result.rounds}
    values = {
        "consolidations": [(c, procurement.totals(c), procurement.paths(c)) for c in found],
        "print_orders": [
            (o, printorder.order_paths(o.year), printorder.tally(o.lines), purchase.grouped(printorder.all_needs(o)))
            for o in orders
        ],
        "round_files": rounds,
    }
    meta: dict[str, object] = {"description": "Demanda somada dos municípios para as atas compartilhadas, com planilhas para baixar."}
    meta["updated"] = _latest(site.approvals(), site.today)
    return _render(env, site, "compras.md.j2", "compras.md", meta, **values)


def _pending(env: Environment, site: Site) -> tuple[str, bytes]:
    """Return the pending-items board (its CSV is written by the pending producer)."""

    board = pending.board(site.project, site.today)
    meta = {"description": "O que cada município ainda precisa enviar ao consórcio, com prazo.", "updated": site.today}
    values = {"board": board, "kinds": pending.KINDS}
    return _render(env, site, "pendencias.md.j2", "pendencias.md", meta, **values)


def _news(env: Environment, site: Site) -> tuple[str, bytes]:
    """Return the 'what's new' page, from the data's dates."""
    found = news(site.project, site.campaigns, site.today)
    values = {"news": found, "ahead": ahead(site.project, site.campaigns, site.today), "summary": calendar.summary}
    meta: dict[str, object] = {"description": "O que mudou no kit: campanhas aprovadas, reuniões, contatos confirmados e o que vem."}
    meta["updated"] = found[0].date if found else None
    return _render(env, site, "novidades.md.j2", "novidades.md", meta, **values)


def files(ctx: Context) -> dict[str, bytes]:
    """Return every generated page and asset of the site, keyed by path under docs/."""
    env = environment()
    project, result, today, campaigns, found = ctx.project, ctx.result, ctx.today, ctx.campaigns, ctx.pieces
    vs = {c.slug: variants(project, result, found, c) for c in campaigns}
    site = Site(project, result, today, campaigns, vs, found)
    latest = _latest(site.approvals(), today)
    home = {"description": project.brand.model.identity.name + ": peças prontas das campanhas regionais."}
    files = dict(
        [
            _render(env, site, "index.md.j2", "index.md", {**home, "updated": today}),
            _identity(env, site),
            _render(env, site, "contribuir.md.j2", "contribuir.md", {}, reference=_schema_rows("campaign")),
            _render(env, site, "municipios.md.j2", "municipios/index.md", {"updated": latest}),
            _calendar(env, site),
            _pending(env, site),
            _procurement(env, site),
            _news(env, site),
        ]
    )
    files.update(_campaign_pages(env, site))
    grouped = orders(project, campaigns, result)
    files.update(dict(_hub(env, site, m, grouped) for m in project.municipalities.model.municipalities))
    files[paths.generated_file("brand.css")] = brand_css(project).encode()
    for _, path in project.typeface.files:
        files[paths.generated_file(f"fonts/{Path(path).name}")] = Path(path).read_bytes()
    return files


def _months(events) -> list[tuple[str, list]]:
    """Group events by the month they start in, as ('Maio de 2026', events)."""
    out: dict[tuple[int, int], list] = {}
    for e in events:
        out.setdefault((e.start.year, e.start.month), []).append(e)
    return [(f"{MONTHS[m - 1].capitalize()} de {y}", items) for (y, m), items in sorted(out.items())]


@dataclass(frozen=True)
class Example:
    """One right-or-wrong example of the brand manual, drawn by the generator."""

    name: str
    label: str
    right: bool
    ratio: str
    fails: bool
    """Whether the example's text pair is below the contrast the generator asks for."""
    image: str
    alt: str
    width: int
    height: int
    rule: str | None
    correct: str | None
    colours: tuple[str, ...] = ()
    """The example's background, text, accent and accent text colours (a pair differs in them or not)."""


def examples(project: Project, result: BuildResult) -> list[Example]:
    """Describe the manual's examples with the contrast of their text pair and their drawn preview."""
    manual = project.brand.model.manual
    out = []
    for example in manual.examples if manual else []:
        piece = result.piece(MANUAL, example.name, example.format)
        fg, bg = project.colour(example.colors.text), project.colour(example.colors.background)
        ratio = contrast.contrast(fg.hex, bg.hex)
        [view] = _views(piece, project.format(example.format))[:1]
        fails = ratio < contrast.NORMAL_TEXT_MIN
        colours = tuple(example.colors.model_dump().values())
        out.append(
            Example(
                example.name, example.label, example.right, contrast.ratio_text(ratio), fails, view.thumb, view.alt,
                view.width, view.height, example.rule, example.correct, colours,
            )  # fmt: skip
        )
    return out


def manual_pairs(found: list[Example]) -> list[tuple[Example, Example | None]]:
    """Pair every wrong example with the right one that fixes it (None when it names none)."""
    right = {e.name: e for e in found if e.right}
    return [(e, right.get(e.correct) if e.correct else None) for e in found if not e.right]
