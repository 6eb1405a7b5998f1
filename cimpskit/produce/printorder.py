"""The print order of a year, in units: every planned print run, ready to order or waiting (why, and who acts).

One line per campaign × print item × buyer (each municipality and the consortium's regional run). A line is ready
when its files are final (contacts confirmed), its quantity is known and its buyer, empenho and delivery data are
complete; otherwise it waits, with every missing datum and who must send it. Units are counted once: planned =
ready + waiting, and a line whose quantity is unknown counts apart (never as zero). Lines are grouped in print
rounds: the campaigns whose print order is due the same day go to the shop together.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import PurePosixPath

from cimpskit.core import paths
from cimpskit.core.paths import MANUAL, REGIONAL
from cimpskit.inputs.model import Campaign, Party
from cimpskit.inputs.project import Project
from cimpskit.plan.planner import variant_contacts
from cimpskit.produce import purchase, versions
from cimpskit.produce.calendar import print_deadlines
from cimpskit.produce.context import Context
from cimpskit.produce.procurement import table_csv
from cimpskit.produce.purchase import Drop, Need, Recipient
from cimpskit.produce.result import Piece
from cimpskit.render.assets import TRIM_BLEED
from cimpskit.render.marks import page_size_mm

FICHA, FICHA_CSV = "ficha", "ficha-csv"
ROLES = (FICHA, FICHA_CSV)
READY, WAITING = "pronto para pedir", "aguardando"


def printable(piece: Piece) -> bool:
    """Tell whether a piece goes to the print shop: a print piece of a campaign whose contacts are confirmed."""
    return piece.medium == "print" and not piece.preview and not piece.draft and piece.campaign != MANUAL


def ficha_paths(piece: Piece) -> dict[str, str]:
    """Return where the ficha's PDF and CSV live, next to the print file and named with its version."""
    stem = f"{piece.stem}-v{piece.version}" if piece.version else piece.stem
    return {FICHA: f"{stem}.ficha.pdf", FICHA_CSV: f"{stem}.ficha.csv"}


@dataclass(frozen=True)
class PrintFile:
    """One print file as the order and the ficha name it: version, checksum and the versions it replaces."""

    role: str
    name: str
    sha256: str
    page_mm: tuple[float, float]
    marks: bool
    previous: tuple[tuple[int, str], ...] = ()
    """Older versions of this file, newest first: (version, SHA-256)."""


@dataclass(frozen=True)
class OrderLine:
    """One planned print run: campaign × item × buyer, its units, files and what it still waits for."""

    campaign: str
    campaign_slug: str
    format: str
    piece: str
    item: str
    unit: str
    municipality: str
    municipality_slug: str
    quantity: int | None
    drops: tuple[Drop, ...]
    order_by: dt.date | None
    deliver_by: dt.date | None
    buyer: Party
    empenho: str | None
    who: str
    version: int
    files: tuple[PrintFile, ...]
    ficha: str
    needs: tuple[Need, ...]

    @property
    def ready(self) -> bool:
        """Tell whether nothing is missing for this line to be ordered."""
        return not self.needs

    @property
    def pending(self) -> int:
        """Return 1 when the quantity is still to be informed, else 0 (a count that columns can sum)."""
        return int(self.quantity is None)

    @property
    def units(self) -> int:
        """Return the known units (0 while the quantity is unknown: counted apart, in `pending`)."""
        return self.quantity or 0

    def reason(self) -> str:
        """Say what the line waits for, need by need (who must send it is in `waiting_on`)."""
        return "; ".join(dict.fromkeys(n.what for n in self.needs))

    def waiting_on(self) -> str:
        """Say who must act, each once."""
        return "; ".join(dict.fromkeys(n.who for n in self.needs))


@dataclass(frozen=True)
class Tally:
    """Units of one item (in one group): planned = ready + waiting; lines whose quantity is unknown apart."""

    item: str
    unit: str
    planned: int
    ready: int
    waiting: int
    unknown: int


@dataclass(frozen=True)
class Round:
    """One print round: the lines whose order is due the same day, sent to the shop as one order."""

    year: int
    ata: str
    ata_title: str
    order_by: dt.date
    deliver_by: dt.date | None
    campaigns: tuple[str, ...]
    lines: tuple[OrderLine, ...]
    needs: tuple[Need, ...]
    """What the year's ata still lacks: no order can go out before it is complete."""

    @property
    def id(self) -> str:
        """Return the round's name in file names: its order date."""
        return self.order_by.isoformat()

    @property
    def ready(self) -> tuple[OrderLine, ...]:
        """Return the lines that go to the shop in this order."""
        return tuple(x for x in self.lines if x.ready)

    @property
    def waiting(self) -> tuple[OrderLine, ...]:
        """Return the lines left out of this order until their data is complete."""
        return tuple(x for x in self.lines if not x.ready)

    @property
    def can_send(self) -> bool:
        """Tell whether the order can go to the shop: the ata complete and at least one line ready."""
        return not self.needs and bool(self.ready)

    @property
    def complete(self) -> bool:
        """Tell whether every planned line of the round is ready and the ata is complete."""
        return not self.needs and all(x.ready for x in self.lines)


@dataclass(frozen=True)
class PrintOrder:
    """The print order of a year for the shared ata: every planned line, its rounds and what the ata lacks."""

    year: int
    ata: str
    ata_title: str
    lines: tuple[OrderLine, ...]
    rounds: tuple[Round, ...]
    needs: tuple[Need, ...]

    @property
    def waiting(self) -> tuple[OrderLine, ...]:
        """Return the lines that wait for something."""
        return tuple(x for x in self.lines if not x.ready)


def tally(lines: list[OrderLine] | tuple[OrderLine, ...]) -> list[Tally]:
    """Add up lines per item, in order of first appearance."""
    items = list(dict.fromkeys((x.item, x.unit) for x in lines))
    out = []
    for item, unit in items:
        mine = [x for x in lines if x.item == item]
        ready = sum(x.units for x in mine if x.ready)
        waiting = sum(x.units for x in mine if not x.ready)
        out.append(Tally(item, unit, ready + waiting, ready, waiting, sum(x.pending for x in mine)))
    return out


def by_destination(order: PrintOrder) -> list[tuple[str, list[Tally]]]:
    """Add up the year's lines per buyer (municipalities in the file's order, then the consortium) and item."""
    names = list(dict.fromkeys(x.municipality_slug for x in order.lines))
    regional = [REGIONAL] if REGIONAL in names else []
    order_ = [n for n in names if n != REGIONAL] + regional
    return [(slug, tally([x for x in order.lines if x.municipality_slug == slug])) for slug in order_]


def _files(piece: Piece, fmt, history: versions.History) -> tuple[PrintFile, ...]:
    """Describe a final piece's print files: names, checksums, page sizes and the versions they replace."""
    out = []
    old = versions.previous(history, PurePosixPath(piece.stem).name, piece.version)
    for role, kind in versions.VERSIONED_ROLES.items():
        f = piece.files.get(role)
        if f is None:
            continue
        marks = role != TRIM_BLEED
        page = page_size_mm(fmt.width, fmt.height, fmt.bleed, marks=marks)
        before = tuple((v.number, dict(v.sha256)[kind]) for v in old if kind in dict(v.sha256))
        out.append(PrintFile(role, PurePosixPath(f.path).name, f.sha256, page, marks, before))
    return tuple(out)


def _contact_needs(project: Project, campaign: Campaign, slug: str) -> list[Need]:
    """Return the contacts a municipality must confirm before its piece of this campaign is final."""
    contacts, _ = variant_contacts(project, campaign, slug)
    munis = project.municipalities.model.municipalities
    i = next(n for n, m in enumerate(munis) if m.slug == slug)
    muni = munis[i]
    out = []
    for line in contacts:
        if line.verified:
            continue
        j = next(n for n, c in enumerate(muni.contacts) if c.kind.value == line.kind)
        what = f"confirmar {line.label}: telefone, endereço, horário e quem confirmou"
        loc = ("municipalities", i, "contacts", j)
        who = f"{muni.name} ({muni.secretariat})"
        out.append(Need(who, what, "contato", project.municipalities.doc.path, loc, slug))
    return out


def _line(
    project: Project,
    loaded,
    fmt_name: str,
    r: Recipient,
    piece: Piece | None,
    history: versions.History,
    ata_path: str | None,
    built: bool,
) -> OrderLine:
    """Describe one planned print run and everything it still waits for (without pieces: from the data alone)."""
    campaign = loaded.model
    fmt = project.format(fmt_name)
    spec = fmt.spec()
    quantity = campaign.print_quantities.get(fmt_name, {}).get(r.slug)
    deadlines = print_deadlines(project, campaign, None)
    needs: list[Need] = []
    if piece is None and built:
        what = f"gerar os arquivos de {fmt.label} ({campaign.title}): build_assets.py build"
        needs.append(Need(purchase.CONSORTIUM_WHO, what, "ata", loaded.doc.path, (), r.slug))
    elif r.slug != REGIONAL and variant_contacts(project, campaign, r.slug)[1]:
        needs += _contact_needs(project, campaign, r.slug)
    if quantity is None:
        what = f"quantidade de {fmt.label} ({campaign.title})"
        loc = ("print_quantities", fmt_name)
        needs.append(Need(r.who, what, "quantidade", loaded.doc.path, loc, r.slug))
    needs += purchase.recipient_needs(r, ata_path)
    final = piece is not None and printable(piece)
    ficha = piece.files.get(FICHA) if piece else None
    return OrderLine(
        campaign=campaign.title,
        campaign_slug=campaign.slug,
        format=fmt_name,
        piece=fmt.label,
        item=spec.item,
        unit=spec.unit,
        municipality=r.name,
        municipality_slug=r.slug,
        quantity=quantity,
        drops=purchase.split(quantity, r.deliveries),
        order_by=deadlines.order if deadlines else None,
        deliver_by=deadlines.delivery if deadlines else None,
        buyer=r.buyer,
        empenho=r.empenho,
        who=r.who,
        version=piece.version if piece and final else 0,
        files=_files(piece, fmt, history) if piece and final else (),
        ficha=PurePosixPath(ficha.path).name if ficha else "",
        needs=tuple(needs),
    )


def print_order(
    project: Project,
    campaigns: list[Campaign],
    pieces: list[Piece] | None,
    year: int,
    history: versions.History | None = None,
) -> PrintOrder:
    """Plan the year's print order: every approved campaign × print item × buyer, ready or waiting, by round.

    Without pieces (`check`), the order is judged from the data alone: no file names, no missing files.
    """
    by_key = {(p.campaign, p.municipality, p.format): p for p in pieces or [] if not p.series}
    ata = purchase.print_ata(project, year)
    buyers = purchase.recipients(project, ata.model if ata else None)
    chosen = {c.slug for c in campaigns}
    lines = []
    loaded = [c for c in project.campaigns if c.model.slug in chosen and c.model.status == "approved"]
    for c in sorted(loaded, key=lambda c: (c.model.period.start, c.model.slug)):
        if c.model.period.start.year != year:
            continue
        for fmt in c.model.formats:
            if project.format(fmt).print is None:
                continue
            for slug, r in buyers.items():
                piece = by_key.get((c.model.slug, slug, fmt))
                where = ata.doc.path if ata else None
                lines.append(_line(project, c, fmt, r, piece, history or {}, where, pieces is not None))
    needs = tuple(purchase.ata_needs(project, year))
    slug = ata.model.slug if ata else f"impressos-{year}"
    title = ata.model.title if ata else f"Impressos das campanhas {year}"
    rounds = []
    for day in sorted({x.order_by for x in lines if x.order_by}):
        mine = tuple(x for x in lines if x.order_by == day)
        titles = tuple(dict.fromkeys(x.campaign for x in mine))
        last = max((x.deliver_by for x in mine if x.deliver_by), default=None)
        rounds.append(Round(year, slug, title, day, last, titles, mine, needs))
    return PrintOrder(year, slug, title, tuple(lines), tuple(rounds), needs)


def all_needs(order: PrintOrder) -> list[Need]:
    """Return every distinct missing datum of the order: the ata's first, then the lines', each once."""
    out = list(order.needs) + [n for x in order.lines for n in x.needs]
    return list(dict.fromkeys(out))


def check_report(project: Project) -> list[str]:
    """Return what is missing before each year's print order can go out, located for editors (for `check`)."""
    approved = [c.model for c in project.campaigns if c.model.status == "approved"]
    out = []
    for year in sorted({c.period.start.year for c in approved}):
        order = print_order(project, approved, None, year)
        found = all_needs(order)
        if not found:
            out.append(f"pedido à gráfica {year}: completo, nada pendente")
            continue
        ready = sum(x.ready for x in order.lines)
        out.append(
            f"pedido à gráfica {year}: {ready} de {len(order.lines)} linha(s) prontas; faltam {len(found)} dado(s) "
            "antes de enviar (não é erro: nunca invente um dado; preencha quando for confirmado):"
        )
        out += [f"{_located(project, n)}: pendente: {n.text()}" for n in found]
    return out


def _located(project: Project, need: Need) -> str:
    """Return 'path:line:col' of where a missing datum is registered."""
    docs = [project.brand.doc, project.municipalities.doc] + [c.doc for c in project.campaigns]
    doc = next((d for d in docs + [a.doc for a in project.atas] if d.path == need.path), None)
    line, col = doc.position(need.loc) if doc else (1, 1)
    return f"{need.path}:{line}:{col}"


def order_paths(year: int) -> dict[str, str]:
    """Return the site paths of a year's print order files by kind."""
    base = paths.data_file(f"pedido-impressos-{year}")
    kinds = {
        "lines": ".csv",
        "totals": "-totais.csv",
        "destinations": "-destinos.csv",
        "waiting": "-aguardando.csv",
        "needs": "-pendencias.csv",
        "json": ".json",
    }
    return {kind: base + suffix for kind, suffix in kinds.items()}


def municipality_path(year: int, municipality: str) -> str:
    """Return the site path of one municipality's print order of a year."""
    return paths.data_file(f"pedido-impressos-{year}-{municipality}.csv")


def date_br(value: dt.date | None) -> str:
    """Format a date as a Brazilian spreadsheet reads it (dd/mm/aaaa), or empty."""
    return f"{value:%d/%m/%Y}" if value else ""


def units_text(quantity: int | None, unit: str) -> str:
    """Return a quantity as people read it: '7.000 unidades', '1 unidade', or 'pendente' (never zero)."""
    if quantity is None:
        return "pendente"
    amount = f"{quantity:,}".replace(",", ".")
    return f"{amount} {unit}" if unit != "unidade" else f"{amount} unidade{'s' if quantity != 1 else ''}"


def volume_label(x: OrderLine, drop: Drop) -> str:
    """Return the label of every volume of a line delivered at one address (the shop notes the count per volume)."""
    return label_text(x.municipality, drop, x.campaign, x.piece, x.version, x.empenho, x.unit)


def label_text(
    destination: str, drop: Drop, campaign: str, piece: str, version: int, empenho: str | None, unit: str
) -> str:
    """Say what the label of every volume of one delivery reads."""
    return (
        f"{destination} · {drop.address} · {campaign} · {piece} v{version} · empenho {empenho or 'pendente'} · "
        f"{units_text(drop.units, unit)} nesta entrega; anotar quantas neste volume"
    )


def drops_text(x: OrderLine) -> str:
    """Say where a line is delivered and how many units at each address."""
    parts = []
    for d in x.drops:
        amount = "quantidade pendente" if d.units is None else f"{d.units} {x.unit}"
        extra = ", ".join(v for v in (d.contact, d.hours) if v)
        parts.append(f"{d.address}{f' ({extra})' if extra else ''}: {amount}")
    return "; ".join(parts)


LINE_COLUMNS = [
    "Pedido à gráfica até",
    "Entrega até",
    "Campanha",
    "Peça",
    "Item da ata",
    "Unidade",
    "Destino",
    "Quantidade",
    "Sem quantidade",
    "Situação",
    "Quem deve enviar",
    "O que falta",
    "Comprador",
    "CNPJ do comprador",
    "Nota de empenho",
    "Entregas",
    "Versão",
    "Arquivo",
    "SHA-256",
    "Arquivo sem marcas",
    "SHA-256 sem marcas",
    "Versões anteriores (SHA-256)",
    "Ficha técnica",
]


def _file_cells(x: OrderLine) -> list:
    """Return the version, both print files with their checksums, and the versions they replace."""
    marked = next((f for f in x.files if f.marks), None)
    plain = next((f for f in x.files if not f.marks), None)
    older = [f"v{n} {f.name}: {sha}" for f in x.files for n, sha in f.previous]
    return [
        x.version or None,
        marked.name if marked else "",
        marked.sha256 if marked else "",
        plain.name if plain else "",
        plain.sha256 if plain else "",
        "; ".join(older),
    ]


def line_row(x: OrderLine) -> list:
    """Return one order line as a spreadsheet row."""
    return [
        *(date_br(x.order_by), date_br(x.deliver_by), x.campaign, x.piece, x.item, x.unit, x.municipality),
        *(x.quantity, x.pending, READY if x.ready else WAITING, x.waiting_on(), x.reason()),
        *(x.buyer.name or "", x.buyer.cnpj or "", x.empenho or "", drops_text(x)),
        *_file_cells(x),
        x.ficha,
    ]


def lines_csv(lines: tuple[OrderLine, ...] | list[OrderLine]) -> bytes:
    """Return order lines, one row each: summing Quantidade gives the planned units, never counting twice."""
    return table_csv(LINE_COLUMNS, [line_row(x) for x in lines])


TOTAL_COLUMNS = ["Item da ata", "Unidade", "Previsto", "Pronto para pedir", "Aguardando", "Linhas sem quantidade"]


def totals_csv(order: PrintOrder) -> bytes:
    """Return the year's units per item: planned = ready + waiting; lines without a quantity apart."""
    rows = [[t.item, t.unit, t.planned, t.ready, t.waiting, t.unknown] for t in tally(order.lines)]
    return table_csv(TOTAL_COLUMNS, rows)


def destinations_csv(order: PrintOrder) -> bytes:
    """Return the year's units per buyer and item (the municipalities and the consortium)."""
    names = {x.municipality_slug: x.municipality for x in order.lines}
    rows = [
        [names[slug], t.item, t.unit, t.planned, t.ready, t.waiting, t.unknown]
        for slug, tallies in by_destination(order)
        for t in tallies
    ]
    return table_csv(["Destino", *TOTAL_COLUMNS], rows)


WAITING_COLUMNS = [
    "Campanha",
    "Peça",
    "Item da ata",
    "Destino",
    "Unidades",
    "Pendentes",
    "Quem deve enviar",
    "O que falta",
]


def waiting_csv(order: PrintOrder) -> bytes:
    """Return the lines that wait, with their units, who must act and what they must send."""
    rows = [
        [x.campaign, x.piece, x.item, x.municipality, x.quantity, x.pending, x.waiting_on(), x.reason()]
        for x in order.waiting
    ]
    return table_csv(WAITING_COLUMNS, rows)


def place(project: Project, need: Need) -> str:
    """Say where a missing datum is registered: 'file, linha N'."""
    docs = [project.brand.doc, project.municipalities.doc] + [c.doc for c in project.campaigns]
    docs += [a.doc for a in project.atas]
    doc = next((d for d in docs if d.path == need.path), None)
    if doc is None:
        return need.path
    return f"{need.path}, linha {doc.position(need.loc)[0]}"


def needs_csv(project: Project, order: PrintOrder) -> bytes:
    """Return who must send what before the year's orders can go out, each datum once, and where to register it."""
    rows = [[n.who, n.what, purchase.KINDS[n.kind], place(project, n)] for n in all_needs(order)]
    return table_csv(["Quem deve enviar", "O que falta", "Tipo", "Onde registrar"], rows)


def _json_need(n: Need) -> dict:
    """Return one missing datum as plain data."""
    return {"who": n.who, "what": n.what, "kind": n.kind, "file": n.path, "owner": n.owner}


def _json_line(x: OrderLine) -> dict:
    """Return one order line as plain data; an unknown quantity is null, never zero."""
    return {
        "round": x.order_by.isoformat() if x.order_by else None,
        "campaign": x.campaign_slug,
        "campaign_title": x.campaign,
        "format": x.format,
        "item": x.item,
        "unit": x.unit,
        "municipality": x.municipality_slug,
        "municipality_name": x.municipality,
        "quantity": x.quantity,
        "ready": x.ready,
        "order_by": x.order_by.isoformat() if x.order_by else None,
        "deliver_by": x.deliver_by.isoformat() if x.deliver_by else None,
        "buyer": {"name": x.buyer.name, "cnpj": x.buyer.cnpj},
        "empenho": x.empenho,
        "deliveries": [dataclasses.asdict(d) for d in x.drops],
        "version": x.version or None,
        "files": [
            {"name": f.name, "sha256": f.sha256, "previous": [{"version": n, "sha256": s} for n, s in f.previous]}
            for f in x.files
        ],
        "ficha": x.ficha or None,
        "needs": [_json_need(n) for n in x.needs],
    }


def order_json(order: PrintOrder) -> bytes:
    """Return the print order as JSON: lines, totals per item and per buyer, rounds and what the ata lacks."""
    data = {
        "year": order.year,
        "ata": order.ata,
        "title": f"Pedido de impressos {order.year}",
        "lines": [_json_line(x) for x in order.lines],
        "totals": [dataclasses.asdict(t) for t in tally(order.lines)],
        "destinations": {slug: [dataclasses.asdict(t) for t in ts] for slug, ts in by_destination(order)},
        "rounds": [
            {
                "id": r.id,
                "order_by": r.order_by.isoformat(),
                "campaigns": list(r.campaigns),
                "can_send": r.can_send,
                "complete": r.complete,
            }
            for r in order.rounds
        ],
        "needs": [_json_need(n) for n in order.needs],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()


def by_municipality(order: PrintOrder) -> dict[str, list[tuple[OrderLine, bool]]]:
    """Group the order's lines by buyer, each marked ready (True) or waiting (False)."""
    out: dict[str, list[tuple[OrderLine, bool]]] = {}
    for x in order.lines:
        out.setdefault(x.municipality_slug, []).append((x, x.ready))
    return out


def files(ctx: Context) -> dict[str, bytes]:
    """Return the print order files of every published campaign year, under the site's data folder."""
    pieces = [p for p in ctx.result.pieces if not p.series]  # the series are screen pieces: never printed
    return order_files(ctx.project, ctx.campaigns, pieces, dict(ctx.result.history))


def order_files(
    project: Project, campaigns: list[Campaign], pieces: list[Piece], history: versions.History | None = None
) -> dict[str, bytes]:
    """Return the print order files of every campaign year (and each municipality's), under the site's data folder."""
    out = {}
    for year in sorted({c.period.start.year for c in campaigns}):
        order = print_order(project, campaigns, pieces, year, history)
        paths = order_paths(year)
        out[paths["lines"]] = lines_csv(order.lines)
        out[paths["totals"]] = totals_csv(order)
        out[paths["destinations"]] = destinations_csv(order)
        out[paths["waiting"]] = waiting_csv(order)
        out[paths["needs"]] = needs_csv(project, order)
        out[paths["json"]] = order_json(order)
        grouped = by_municipality(order)
        for muni in project.municipalities.model.municipalities:
            mine = [x for x, _ in grouped.get(muni.slug, [])]
            out[municipality_path(year, muni.slug)] = lines_csv(mine)
    return out
