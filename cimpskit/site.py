"""Site stage: generated Markdown pages and brand CSS for the guideline site (returned as bytes)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import accessibility, fonts
from .model import CONTACT_LABELS, Campaign
from .plan import MANUAL, REGIONAL
from .project import Project
from .result import BuildResult, OutFile
from .schema import schema_for

TEMPLATES = Path(__file__).parent / "templates"
DATA_DIR = "dados"
DOWNLOADS = "downloads"
GENERATED_ASSETS = "assets/generated"
MONTHS = "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split()
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def md(text: str) -> str:
    """Escape user text so Markdown and HTML in it render literally."""
    return MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


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


def fence(text: str) -> str:
    """Wrap text in a fenced code block longer than any backtick run inside it."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks} text\n{text.rstrip()}\n{ticks}"


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
    env.filters.update(md=md, date_pt=date_pt, size=size_pt, fence=fence, e=html.escape)
    env.globals["span"] = span_pt
    return env


@dataclass(frozen=True)
class Download:
    """One downloadable file as the site lists it."""

    href: str
    kind: str
    size: int


@dataclass(frozen=True)
class Variant:
    """Every file of one campaign for one municipality, as the build result describes them."""

    slug: str
    name: str
    files: dict[str, Download]
    bundle: Download
    previews: dict[str, list[str]]
    alts: dict[str, str]
    caption: str
    preview: bool = False
    """Some contact is not confirmed: the pieces carry the PRÉVIA mark and the print files are not released."""


def _download(f: OutFile) -> Download:
    """Return a download link for a file under the downloads folder."""
    return Download(f"{DOWNLOADS}/{f.path}", f.kind, f.size)


def _variants(project: Project, result: BuildResult, campaign: Campaign) -> list[Variant]:
    """Collect the downloads of one campaign per municipality, regional last."""
    names = {m.slug: m.name for m in project.municipalities.model.municipalities}
    names[REGIONAL] = project.brand.model.identity.short_name
    out = []
    for slug in [*names]:
        pieces = result.pieces_of(campaign.slug, slug)
        if not pieces:
            continue
        caption = next((p.captions["instagram"] for p in pieces if "instagram" in p.captions), "")
        out.append(
            Variant(
                slug,
                names[slug],
                {p.format: _download(p.main) for p in pieces},
                _download(result.bundle(campaign.slug, slug).file),
                {p.format: [f"{DOWNLOADS}/{f.path}" for f in p.previews()] for p in pieces},
                {p.format: p.alts[0] for p in pieces},
                caption,
                any(p.preview for p in pieces),
            )
        )
    return out


def published(project: Project, result: BuildResult) -> list[Campaign]:
    """Return the campaigns of the build result, in calendar order."""
    campaigns = [c.model for c in project.campaigns if c.model.slug in result.campaigns]
    return sorted(campaigns, key=lambda c: (c.period.start, c.slug))


def brand_css(project: Project) -> str:
    """Return CSS custom properties and helpers generated from the brand standard."""
    brand = project.brand.model
    colours = {c.name: c.hex for c in brand.palette}
    family = json.dumps(project.typeface.family)
    lines = [":root {"]
    lines += [f"  --cimps-{name}: {hex_};" for name, hex_ in colours.items()]
    lines += [
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


def _contrast_matrix(project: Project) -> list[dict]:
    """Return every text/background pair of the palette with its ratio and verdict."""
    palette = project.brand.model.palette
    rows = []
    for bg in palette:
        cells = []
        for fg in palette:
            ratio = accessibility.contrast(fg.hex, bg.hex)
            if ratio >= 4.5:
                verdict = "passa"
            elif ratio >= 3:
                verdict = "só texto grande"
            else:
                verdict = "não passa"
            cells.append({"fg": fg, "ratio": accessibility.ratio_text(ratio), "verdict": verdict, "same": fg is bg})
        rows.append({"bg": bg, "cells": cells})
    return rows


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


def pages(project: Project, result: BuildResult, today: dt.date) -> dict[str, bytes]:
    """Return every generated page and asset of the site, keyed by path under docs/."""
    env = environment()
    campaigns = published(project, result)
    formats = {f.name: f for f in project.formats.model.formats}
    variants = {c.slug: _variants(project, result, c) for c in campaigns}
    munis = project.municipalities.model.municipalities
    common = {
        "brand": project.brand.model,
        "campaigns": campaigns,
        "formats": formats,
        "municipalities": munis,
        "labels": CONTACT_LABELS,
        "drafts": result.drafts,
        "regional": REGIONAL,
        "meetings": {m.id: m for m in project.meetings.model.meetings},
    }
    files: dict[str, str | bytes] = {
        "index.md": env.get_template("index.md.j2").render(**common),
        "identidade-visual.md": env.get_template("identidade-visual.md.j2").render(
            **common, matrix=_contrast_matrix(project), examples=_examples(project, result)
        ),
        "contribuir.md": env.get_template("contribuir.md.j2").render(**common, reference=_schema_rows("campaign")),
        "campanhas/index.md": env.get_template("campanhas.md.j2").render(**common),
        "municipios/index.md": env.get_template("municipios.md.j2").render(**common),
        f"{GENERATED_ASSETS}/brand.css": brand_css(project),
    }
    for campaign in campaigns:
        files[f"campanhas/{campaign.slug}.md"] = env.get_template("campanha.md.j2").render(
            **common, c=campaign, variants=variants[campaign.slug]
        )
    files["calendario.md"] = _calendar_page(env, project, campaigns, common)
    files["pendencias.md"] = _pending_page(env, project, today, common)
    files["compras.md"] = _procurement_page(env, project, campaigns, common)
    for muni in munis:
        own = {c.slug: next(v for v in variants[c.slug] if v.slug == muni.slug) for c in campaigns}
        files[f"municipios/{muni.slug}.md"] = env.get_template("municipio.md.j2").render(**common, m=muni, own=own)
    out_files = {k: v.encode() if isinstance(v, str) else v for k, v in files.items()}
    for _, path in project.typeface.files:
        out_files[f"{GENERATED_ASSETS}/fonts/{Path(path).name}"] = Path(path).read_bytes()
    return out_files


def _months(events) -> list[tuple[str, list]]:
    """Group events by the month they start in, as ('maio de 2026', events)."""
    out: dict[tuple[int, int], list] = {}
    for e in events:
        out.setdefault((e.start.year, e.start.month), []).append(e)
    return [(f"{MONTHS[m - 1].capitalize()} de {y}", items) for (y, m), items in sorted(out.items())]


def _calendar_page(env: Environment, project: Project, campaigns: list[Campaign], common: dict) -> str:
    """Return the calendar page (its feeds are written by the calendar producer)."""
    from . import calendar

    regional = calendar.events(project, campaigns)
    feeds = calendar.feed_paths(project)
    return env.get_template("calendario.md.j2").render(
        **common, months=_months(regional), kinds=calendar.KINDS, feeds=feeds, data_dir=DATA_DIR
    )


def _pending_page(env: Environment, project: Project, today: dt.date, common: dict) -> str:
    """Return the pending-items board (its CSV is written by the pending producer)."""
    from . import pending

    approved = [c.model for c in project.campaigns if c.model.status == "approved"]
    board = pending.items(project, approved, today)
    return env.get_template("pendencias.md.j2").render(
        **common, board=board, kinds=pending.KINDS, today=today, data_dir=DATA_DIR
    )


def _procurement_page(env: Environment, project: Project, campaigns: list[Campaign], common: dict) -> str:
    """Return the shared-procurement page (its CSV and JSON are written by the procurement producer)."""
    from . import printorder, procurement

    consolidations = procurement.consolidations(project, campaigns)
    years = sorted({c.period.start.year for c in campaigns})
    orders = [(year, printorder.order_paths(year)) for year in years]
    return env.get_template("compras.md.j2").render(
        **common, consolidations=consolidations, print_orders=orders, data_dir=DATA_DIR
    )


@dataclass(frozen=True)
class Example:
    """One right-or-wrong example of the brand manual, drawn by the generator."""

    label: str
    right: bool
    ratio: str
    image: str


def _examples(project: Project, result: BuildResult) -> list[Example]:
    """Describe the manual's examples with the contrast of their text pair and their drawn preview."""
    manual = project.brand.model.manual
    out = []
    for example in manual.examples if manual else []:
        piece = result.piece(MANUAL, example.name, example.format)
        fg, bg = project.colour(example.colors.text), project.colour(example.colors.background)
        ratio = accessibility.ratio_text(accessibility.contrast(fg.hex, bg.hex))
        out.append(Example(example.label, example.right, ratio, f"{DOWNLOADS}/{piece.previews()[0].path}"))
    return out
