"""What the print shop gets: a ficha técnica per print item and the consolidated print order of the year."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import PurePosixPath

from cimpskit.core import paths
from cimpskit.core.paths import MANUAL, REGIONAL
from cimpskit.inputs.model import Campaign, Delivery
from cimpskit.inputs.project import BRAND_FILE, MUNICIPALITIES_FILE, Project
from cimpskit.plan.planner import file_date
from cimpskit.produce import cache
from cimpskit.produce.calendar import print_deadlines
from cimpskit.produce.context import Context
from cimpskit.produce.procurement import number
from cimpskit.produce.procurement import table_csv as to_csv
from cimpskit.produce.result import Piece
from cimpskit.render.assets import TRIM_BLEED
from cimpskit.render.marks import PDFX_VERSION, page_size_mm

FICHA, FICHA_CSV = "ficha", "ficha-csv"
ROLES = (FICHA, FICHA_CSV)
WAITING = "aguardando confirmação de contatos"


@dataclass(frozen=True)
class SheetFile:
    """One print file as the ficha names it."""

    name: str
    sha256: str
    page_mm: tuple[float, float]
    marks: bool


@dataclass(frozen=True)
class Sheet:
    """Everything the ficha técnica of one print item of one final piece says."""

    campaign: str
    campaign_file: str
    municipality: str
    municipality_slug: str
    piece: str
    format: str
    item: str
    paper: str
    colors: str
    finishing: str
    unit: str
    trim_mm: tuple[float, float]
    bleed_mm: float
    pages: int
    quantity: int | None
    delivery_address: str | None
    delivery_contact: str | None
    delivery_hours: str | None
    delivery_file: str
    order_by: dt.date | None
    deliver_by: dt.date | None
    standard: str
    condition: str
    condition_name: str
    files: tuple[SheetFile, ...]
    issued: dt.date
    draft: bool

    @property
    def pending(self) -> bool:
        """Tell whether the quantity is still to be informed (never the same as zero)."""
        return self.quantity is None

    def problems(self) -> list[str]:
        """Return what must be fixed before the order goes to the print shop, in Portuguese."""
        out = []
        if self.draft:
            out.append("campanha em rascunho: não envie à gráfica antes da aprovação da Câmara Técnica")
        if self.pending:
            out.append(
                f"quantidade ainda não informada por {self.municipality}: peça ao município e registre no kit "
                "antes de fazer o pedido"
            )
        if self.delivery_address is None:
            out.append(
                f"endereço de entrega de {self.municipality} ainda não cadastrado: combine com o município e "
                "registre no kit antes de fazer o pedido"
            )
        return out


def printable(piece: Piece) -> bool:
    """Tell whether a piece goes to the print shop: a print piece of a campaign whose contacts are confirmed."""
    return piece.medium == "print" and not piece.preview and piece.campaign != MANUAL


def ficha_paths(piece: Piece) -> dict[str, str]:
    """Return where the ficha's PDF and CSV live under the downloads folder, next to the print file."""
    return {role: piece.names.file(role) for role in ROLES}


@dataclass(frozen=True)
class Destination:
    """Who receives a variant's print run: its name on the papers, delivery address and the file that holds it."""

    name: str
    delivery: Delivery | None
    source: str


def destinations(project: Project) -> dict[str, Destination]:
    """Return the destination of every variant by slug (built once, so lookups stay linear at any scale)."""
    out = {
        m.slug: Destination(m.name, m.delivery, MUNICIPALITIES_FILE)
        for m in project.municipalities.model.municipalities
    }
    brand = project.brand.model
    out[REGIONAL] = Destination(f"{brand.identity.short_name} (versão regional)", brand.delivery, BRAND_FILE)
    return out


def quantity(campaign: Campaign, fmt: str, slug: str) -> int | None:
    """Return the quantity a variant orders of a print format, or None while pending."""
    return campaign.print_quantities.get(fmt, {}).get(slug)


def _sheet_files(piece: Piece, width: float, height: float, bleed: float) -> tuple[SheetFile, ...]:
    """Describe the print file with marks and, when made, the copy without marks."""
    out = []
    for role, marks in (("main", True), (TRIM_BLEED, False)):
        f = piece.files.get(role)
        if f is not None:
            page = page_size_mm(width, height, bleed, marks=marks)
            out.append(SheetFile(PurePosixPath(f.path).name, f.sha256, page, marks))
    return tuple(out)


def sheet(project: Project, piece: Piece, places: dict[str, Destination] | None = None) -> Sheet:
    """Gather the ficha técnica of one final print piece from the project and the piece's files."""
    campaign = next(c for c in project.campaigns if c.model.slug == piece.campaign)
    fmt = project.format(piece.format)
    spec, rules = fmt.print, project.brand.model.print
    if spec is None:
        raise ValueError(f"{fmt.name} is not a print format: it has no ficha")
    place = (places or destinations(project))[piece.municipality]
    delivery = place.delivery
    regional = piece.municipality == REGIONAL
    deadlines = print_deadlines(project, campaign.model, None if regional else piece.municipality)
    return Sheet(
        campaign=campaign.model.title,
        campaign_file=campaign.doc.path,
        municipality=place.name,
        municipality_slug=piece.municipality,
        piece=fmt.label,
        format=fmt.name,
        item=spec.item,
        paper=spec.paper,
        colors=spec.colors,
        finishing=spec.finishing,
        unit=spec.unit,
        trim_mm=(fmt.width, fmt.height),
        bleed_mm=fmt.bleed,
        pages=fmt.sides,
        quantity=quantity(campaign.model, fmt.name, piece.municipality),
        delivery_address=delivery.address if delivery else None,
        delivery_contact=delivery.contact if delivery else None,
        delivery_hours=delivery.hours if delivery else None,
        delivery_file=place.source,
        order_by=deadlines.order if deadlines else None,
        deliver_by=deadlines.delivery if deadlines else None,
        standard=PDFX_VERSION,
        condition=rules.output_condition,
        condition_name=rules.output_condition_name,
        files=_sheet_files(piece, fmt.width, fmt.height, fmt.bleed),
        issued=file_date(project, campaign.model),
        draft=piece.draft,
    )


def sheet_digest(sheet: Sheet, version: str) -> str:
    """Return the content key of a ficha: its data and its version (this module's code, the brand font's bytes)."""
    return cache.content_key(version, sheet)


def date_br(value: dt.date | None) -> str:
    """Format a date as a Brazilian spreadsheet reads it (dd/mm/aaaa), or empty."""
    return f"{value:%d/%m/%Y}" if value else ""


def colours_text(code: str) -> str:
    """Explain a colours code such as 4x0 in words."""
    names = {"0": "sem impressão", "1": "1 cor", "4": "4 cores (CMYK)"}
    front, back = (names.get(side, f"{side} cores") for side in code.split("x"))
    return f"{code} (frente: {front}; verso: {back})"


def size_text(size: tuple[float, float]) -> str:
    """Format a width × height in millimetres the Brazilian way."""
    return f"{number(size[0])} × {number(size[1])} mm"


SHEET_COLUMNS = [
    "Campanha",
    "Município",
    "Peça",
    "Item da ata",
    "Papel",
    "Cores",
    "Acabamento",
    "Unidade",
    "Largura final (mm)",
    "Altura final (mm)",
    "Sangria (mm)",
    "Páginas",
    "Quantidade",
    "Quantidade pendente",
    "Endereço de entrega",
    "Contato na entrega",
    "Horário de recebimento",
    "Pedido à gráfica até",
    "Entrega até",
    "Padrão do PDF",
    "Condição de saída",
    "Arquivo",
    "Largura da página (mm)",
    "Altura da página (mm)",
    "SHA-256",
    "Arquivo sem marcas",
    "Largura da página sem marcas (mm)",
    "Altura da página sem marcas (mm)",
    "SHA-256 sem marcas",
    "Situação",
    "Pendências",
]


def _file_cells(f: SheetFile | None) -> list:
    """Return the name, page width, page height and SHA-256 cells of a print file (empty when absent)."""
    return [f.name, f.page_mm[0], f.page_mm[1], f.sha256] if f else ["", None, None, ""]


def ficha_csv(s: Sheet) -> bytes:
    """Return the ficha técnica as a one-row CSV (the same header for every item, so fichas can be stacked)."""
    marked = next((f for f in s.files if f.marks), None)
    plain = next((f for f in s.files if not f.marks), None)
    row = [
        *(s.campaign, s.municipality, s.piece, s.item, s.paper, s.colors, s.finishing, s.unit),
        *(s.trim_mm[0], s.trim_mm[1], s.bleed_mm, s.pages, s.quantity, "sim" if s.pending else "não"),
        *(s.delivery_address, s.delivery_contact, s.delivery_hours, date_br(s.order_by), date_br(s.deliver_by)),
        *(s.standard, f"{s.condition} — {s.condition_name}", *_file_cells(marked), *_file_cells(plain)),
        "rascunho" if s.draft else "final",
        "; ".join(s.problems()),
    ]
    return to_csv(SHEET_COLUMNS, [row])


@dataclass(frozen=True)
class OrderLine:
    """One final piece (or one waiting for contacts) in the print order: campaign × item × municipality."""

    campaign: str
    campaign_slug: str
    item: str
    unit: str
    municipality: str
    municipality_slug: str
    quantity: int | None
    order_by: dt.date | None
    deliver_by: dt.date | None
    delivery_address: str | None
    files: tuple[str, ...]
    sha256: str
    ficha: str

    @property
    def pending(self) -> int:
        """Return 1 when the quantity is still to be informed, else 0 (a count that columns can sum)."""
        return int(self.quantity is None)


@dataclass(frozen=True)
class ItemTotal:
    """The year's total of one ata item over the final pieces; previews are counted apart, never summed in."""

    item: str
    unit: str
    quantity: int
    pending: int
    lines: int
    waiting: int


@dataclass(frozen=True)
class PrintOrder:
    """The consolidated print order of a year for the shared ata."""

    year: int
    lines: tuple[OrderLine, ...]
    waiting: tuple[OrderLine, ...]
    totals: tuple[ItemTotal, ...]


def _line(project: Project, campaign: Campaign, piece: Piece, place: Destination) -> OrderLine:
    """Describe one print piece as a line of the print order."""
    spec = project.format(piece.format).print
    if spec is None:
        raise ValueError(f"{piece.format} is not a print format: it is in no print order")
    delivery = place.delivery
    deadlines = print_deadlines(project, campaign, None if piece.municipality == REGIONAL else piece.municipality)
    roles = () if piece.preview else ("main", TRIM_BLEED)  # a preview's PDF is marked PRÉVIA: never a print file
    names = tuple(PurePosixPath(piece.files[r].path).name for r in roles if r in piece.files)
    ficha = piece.files.get(FICHA)
    return OrderLine(
        campaign.title,
        campaign.slug,
        spec.item,
        spec.unit,
        place.name,
        piece.municipality,
        quantity(campaign, piece.format, piece.municipality),
        deadlines.order if deadlines else None,
        deadlines.delivery if deadlines else None,
        delivery.address if delivery else None,
        names,
        "" if piece.preview else piece.main.sha256,
        PurePosixPath(ficha.path).name if ficha else "",
    )


def _totals(lines: list[OrderLine], waiting: list[OrderLine]) -> tuple[ItemTotal, ...]:
    """Add up the final lines per ata item, in order of first appearance, and count the waiting ones."""
    items = list(dict.fromkeys([(x.item, x.unit) for x in (*lines, *waiting)]))
    out = []
    for item, unit in items:
        mine = [x for x in lines if x.item == item]
        out.append(
            ItemTotal(
                item,
                unit,
                sum(x.quantity or 0 for x in mine),
                sum(x.pending for x in mine),
                len(mine),
                sum(1 for x in waiting if x.item == item),
            )
        )
    return tuple(out)


def print_order(project: Project, campaigns: list[Campaign], pieces: list[Piece], year: int) -> PrintOrder:
    """Consolidate the year's print pieces: final ones into the order, previews apart; drafts never."""
    by_key = {(p.campaign, p.municipality, p.format): p for p in pieces}
    places = destinations(project)
    lines: list[OrderLine] = []
    waiting: list[OrderLine] = []
    for campaign in sorted(campaigns, key=lambda c: (c.period.start, c.slug)):
        if campaign.period.start.year != year:
            continue
        for fmt in campaign.formats:
            for slug, place in places.items():
                piece = by_key.get((campaign.slug, slug, fmt))
                if piece is None or piece.medium != "print" or piece.draft:
                    continue
                (waiting if piece.preview else lines).append(_line(project, campaign, piece, place))
    return PrintOrder(year, tuple(lines), tuple(waiting), _totals(lines, waiting))


def order_paths(year: int) -> dict[str, str]:
    """Return the site paths of a year's print order files by kind: detail, totals, waiting and JSON."""
    base = paths.data_file(f"pedido-impressos-{year}")
    kinds = {"lines": ".csv", "totals": "-totais.csv", "waiting": "-aguardando.csv", "json": ".json"}
    return {kind: base + suffix for kind, suffix in kinds.items()}


LINE_COLUMNS = [
    "Campanha",
    "Item da ata",
    "Unidade",
    "Município",
    "Quantidade",
    "Pendentes",
    "Pedido à gráfica até",
    "Entrega até",
    "Endereço de entrega",
    "Arquivos",
    "SHA-256",
    "Ficha técnica",
]
TOTAL_COLUMNS = ["Item da ata", "Unidade", "Quantidade", "Pendentes", "Pedidos", "Aguardando confirmação de contatos"]
WAITING_COLUMNS = ["Campanha", "Item da ata", "Unidade", "Município", "Quantidade prevista", "Pendentes", "Situação"]


def lines_csv(order: PrintOrder) -> bytes:
    """Return the order's detail: one row per final piece, so summing Quantidade gives the order's total."""
    rows = [
        [
            *(x.campaign, x.item, x.unit, x.municipality, x.quantity, x.pending),
            *(date_br(x.order_by), date_br(x.deliver_by), x.delivery_address or "", ", ".join(x.files)),
            *(x.sha256, x.ficha),
        ]
        for x in order.lines
    ]
    return to_csv(LINE_COLUMNS, rows)


def totals_csv(order: PrintOrder) -> bytes:
    """Return the order's totals per ata item (final pieces only; previews counted in their own column)."""
    rows = [[t.item, t.unit, t.quantity, t.pending, t.lines, t.waiting] for t in order.totals]
    return to_csv(TOTAL_COLUMNS, rows)


def waiting_csv(order: PrintOrder) -> bytes:
    """Return the pieces left out of the order until their municipality confirms its contacts."""
    rows = [[x.campaign, x.item, x.unit, x.municipality, x.quantity, x.pending, WAITING] for x in order.waiting]
    return to_csv(WAITING_COLUMNS, rows)


def _json_line(x: OrderLine) -> dict:
    """Return one order line as plain data; a pending quantity is null, never zero."""
    return {
        "campaign": x.campaign_slug,
        "campaign_title": x.campaign,
        "item": x.item,
        "unit": x.unit,
        "municipality": x.municipality_slug,
        "municipality_name": x.municipality,
        "quantity": x.quantity,
        "pending": bool(x.pending),
        "order_by": x.order_by.isoformat() if x.order_by else None,
        "deliver_by": x.deliver_by.isoformat() if x.deliver_by else None,
        "delivery_address": x.delivery_address,
        "files": list(x.files),
        "sha256": x.sha256 or None,
        "ficha": x.ficha or None,
    }


def order_json(order: PrintOrder) -> bytes:
    """Return the print order as JSON: final lines, per-item totals and the pieces waiting apart."""
    data = {
        "year": order.year,
        "title": f"Pedido de impressos {order.year}",
        "lines": [_json_line(x) for x in order.lines],
        "totals": [dataclasses.asdict(t) for t in order.totals],
        "waiting": [_json_line(x) | {"reason": WAITING} for x in order.waiting],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()


def municipality_path(year: int, municipality: str) -> str:
    """Return the site path of one municipality's print order of a year."""
    return paths.data_file(f"pedido-impressos-{year}-{municipality}.csv")


MUNICIPALITY_COLUMNS = [
    "Campanha",
    "Item da ata",
    "Unidade",
    "Quantidade",
    "Pendentes",
    "Pedido à gráfica até",
    "Entrega até",
    "Endereço de entrega",
    "Situação",
    "Ficha técnica",
]


def by_municipality(order: PrintOrder) -> dict[str, list[tuple[OrderLine, bool]]]:
    """Group the order's lines by municipality, each marked as in the order (True) or waiting (False)."""
    out: dict[str, list[tuple[OrderLine, bool]]] = {}
    for lines, ordered in ((order.lines, True), (order.waiting, False)):
        for x in lines:
            out.setdefault(x.municipality_slug, []).append((x, ordered))
    return out


def municipality_csv(lines: list[tuple[OrderLine, bool]]) -> bytes:
    """Return one municipality's print order: its final pieces (in the order) and those waiting, told apart."""
    rows = [
        [
            *(x.campaign, x.item, x.unit, x.quantity, x.pending, date_br(x.order_by), date_br(x.deliver_by)),
            *(x.delivery_address or "", "no pedido" if ordered else WAITING, x.ficha),
        ]
        for x, ordered in lines
    ]
    return to_csv(MUNICIPALITY_COLUMNS, rows)


def files(ctx: Context) -> dict[str, bytes]:
    """Return the print order files of every published campaign year, under the site's data folder."""
    return order_files(ctx.project, ctx.campaigns, list(ctx.result.pieces))


def order_files(project: Project, campaigns: list[Campaign], pieces: list[Piece]) -> dict[str, bytes]:
    """Return the print order files of every campaign year (and each municipality's), under the site's data folder."""
    out = {}
    for year in sorted({c.period.start.year for c in campaigns}):
        order = print_order(project, campaigns, pieces, year)
        paths = order_paths(year)
        out[paths["lines"]] = lines_csv(order)
        out[paths["totals"]] = totals_csv(order)
        out[paths["waiting"]] = waiting_csv(order)
        out[paths["json"]] = order_json(order)
        grouped = by_municipality(order)
        for muni in project.municipalities.model.municipalities:
            out[municipality_path(year, muni.slug)] = municipality_csv(grouped.get(muni.slug, []))
    return out
