"""The ficha técnica of one final print piece: order, purchase data, specification, finishing drawing and files."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from cimpskit.inputs.model import Format, Hanging
from cimpskit.inputs.project import Project
from cimpskit.plan.planner import file_date
from cimpskit.produce import cache, finishing, printorder, purchase
from cimpskit.produce.printorder import FICHA, FICHA_CSV, OrderLine, PrintFile, date_br
from cimpskit.produce.procurement import number
from cimpskit.produce.procurement import table_csv as to_csv
from cimpskit.produce.purchase import Drop
from cimpskit.produce.result import OutFile, Piece
from cimpskit.render.marks import PDFX_VERSION
from cimpskit.render.pdf import font_name

MARGIN = 16 * mm
"""Page margin of the ficha: room for an office printer's unprintable edge."""
LABEL_WIDTH = 52 * mm
"""Width of the label column: the longest label ('Arquivo com marcas de corte') on one line."""
INK, RULE, SHADE, ALERT, ALERT_EDGE = (
    colors.HexColor(h) for h in ("#1F2328", "#8C959F", "#EEF1F4", "#FFF3E6", "#A8430C")
)
PENDING = "pendente"


@dataclass(frozen=True)
class Terms:
    """The ata's purchase data as the ficha and the order sheet print it (None: still pending)."""

    ata_title: str
    ata_number: str | None
    process_number: str | None
    manager: str
    manager_cnpj: str | None
    supplier: str | None
    supplier_cnpj: str | None
    technical_contact: str | None
    proof: str | None
    tolerance: str | None
    packing: str | None


def terms(project: Project, year: int) -> Terms:
    """Gather a year's print ata purchase data (every field None while pending)."""
    found = purchase.print_ata(project, year)
    brand = project.brand.model
    p = found.model.purchase if found else None
    contact = None
    if p and p.technical_contact.complete:
        c = p.technical_contact
        contact = " · ".join(v for v in (c.name, c.phone, c.email) if v)
    proof = None
    if p and p.proof.kind and p.proof.days is not None:
        kind = "digital (PDF enviado pela gráfica)" if p.proof.kind == "digital" else "impressa (prova de cor)"
        proof = f"Prova {kind}, aprovada pelo contato técnico em até {p.proof.days} dia(s) útil(eis), antes da tiragem"
    tolerance = None
    if p and p.tolerance_percent is not None:
        tolerance = (
            "Entregar exatamente a quantidade pedida"
            if p.tolerance_percent == 0
            else f"Até {number(p.tolerance_percent)} % para mais ou para menos; paga-se a quantidade entregue"
        )
    return Terms(
        ata_title=found.model.title if found else f"Impressos das campanhas {year}",
        ata_number=p.ata_number if p else None,
        process_number=p.process_number if p else None,
        manager=brand.buyer.name or brand.identity.name,
        manager_cnpj=brand.buyer.cnpj,
        supplier=p.supplier.name if p else None,
        supplier_cnpj=p.supplier.cnpj if p else None,
        technical_contact=contact,
        proof=proof,
        tolerance=tolerance,
        packing=p.packing if p else None,
    )


@dataclass(frozen=True)
class Sheet:
    """Everything the ficha técnica of one print item of one final piece says."""

    campaign: str
    campaign_slug: str
    municipality: str
    fmt: Format
    piece: str
    item: str
    paper: str
    colors: str
    finishing: str
    method: str
    back: str | None
    hanging: Hanging | None
    packing: str | None
    unit: str
    trim_mm: tuple[float, float]
    bleed_mm: float
    pages: int
    quantity: int | None
    drops: tuple[Drop, ...]
    buyer: str | None
    buyer_cnpj: str | None
    empenho: str | None
    order_by: dt.date | None
    deliver_by: dt.date | None
    standard: str
    condition: str
    condition_name: str
    version: int
    files: tuple[PrintFile, ...]
    terms: Terms
    issued: dt.date
    needs: tuple[str, ...]
    """What is missing before this item can be ordered, in words (its line's and the ata's)."""

    @property
    def pending(self) -> bool:
        """Tell whether the quantity is still to be informed (never the same as zero)."""
        return self.quantity is None

    def label(self, drop: Drop) -> str:
        """Return the label of every volume delivered at one address (the same as the order sheet's)."""
        return printorder.label_text(
            self.municipality, drop, self.campaign, self.piece, self.version, self.empenho, self.unit
        )


def sheet(project: Project, line: OrderLine, order: printorder.PrintOrder) -> Sheet:
    """Gather the ficha técnica of one final print piece from its order line and the year's purchase data."""
    loaded = next(c for c in project.campaigns if c.model.slug == line.campaign_slug)
    fmt: Format = project.format(line.format)
    spec, rules = fmt.spec(), project.brand.model.print
    needs = purchase.grouped((*order.needs, *line.needs))
    return Sheet(
        campaign=line.campaign,
        campaign_slug=line.campaign_slug,
        municipality=line.municipality,
        fmt=fmt,
        piece=fmt.label,
        item=spec.item,
        paper=spec.paper,
        colors=spec.colors,
        finishing=spec.finishing,
        method=finishing.METHODS[spec.method],
        back=spec.back,
        hanging=spec.hanging,
        packing=spec.packing,
        unit=spec.unit,
        trim_mm=(fmt.width, fmt.height),
        bleed_mm=fmt.bleed,
        pages=fmt.sides,
        quantity=line.quantity,
        drops=line.drops,
        buyer=line.buyer.name,
        buyer_cnpj=line.buyer.cnpj,
        empenho=line.empenho,
        order_by=line.order_by,
        deliver_by=line.deliver_by,
        standard=PDFX_VERSION,
        condition=rules.output_condition,
        condition_name=rules.output_condition_name,
        version=line.version,
        files=line.files,
        terms=terms(project, order.year),
        issued=file_date(project, loaded.model),
        needs=tuple(needs),
    )


def sheet_digest(s: Sheet, version: str) -> str:
    """Return the content key of a ficha: its data and its version (the code that draws it, the brand font)."""
    return cache.content_key(version, s)


def colours_text(code: str) -> str:
    """Explain a colours code such as 4x0 in words."""
    names = {"0": "sem impressão", "1": "1 cor", "4": "4 cores (CMYK)"}
    front, back = (names.get(side, f"{side} cores") for side in code.split("x"))
    return f"{code} (frente: {front}; verso: {back})"


def size_text(size: tuple[float, float]) -> str:
    """Format a width × height in millimetres the Brazilian way."""
    return f"{number(size[0])} × {number(size[1])} mm"


def quantity_text(quantity: int | None, unit: str) -> str:
    """Return a quantity as people read it: '7.000 unidades', or 'pendente' (never zero)."""
    if quantity is None:
        return "pendente (quantidade ainda não informada)"
    return printorder.units_text(quantity, unit)


def drop_text(s: Sheet, d: Drop) -> str:
    """Say one delivery: units, address, who receives and when."""
    units = quantity_text(d.units, s.unit) if d.units is not None else "quantidade pendente"
    share = f" ({d.share} %)" if len(s.drops) > 1 else ""
    return f"{units}{share} em {d.address}; recebe: {d.contact or PENDING}; horário: {d.hours or PENDING}"


SHEET_COLUMNS = [
    "Campanha",
    "Destino",
    "Peça",
    "Item da ata",
    "Papel",
    "Cores",
    "Acabamento",
    "Processo de impressão",
    "Orientação do verso",
    "Unidade",
    "Largura final (mm)",
    "Altura final (mm)",
    "Sangria (mm)",
    "Páginas",
    "Quantidade",
    "Quantidade a informar",
    "Entregas",
    "Comprador",
    "CNPJ do comprador",
    "Nota de empenho",
    "Ata de registro de preços",
    "Processo",
    "Órgão gerenciador",
    "CNPJ do órgão gerenciador",
    "Gráfica",
    "CNPJ da gráfica",
    "Contato técnico",
    "Prova",
    "Tolerância de quantidade",
    "Embalagem",
    "Pedido à gráfica até",
    "Entrega até",
    "Padrão do PDF",
    "Condição de saída",
    "Versão",
    "Arquivo",
    "Largura da página (mm)",
    "Altura da página (mm)",
    "SHA-256",
    "Arquivo sem marcas",
    "Largura da página sem marcas (mm)",
    "Altura da página sem marcas (mm)",
    "SHA-256 sem marcas",
    "Versões anteriores (SHA-256)",
    "Situação",
    "O que falta",
]


def _file_cells(f: PrintFile | None) -> list:
    """Return the name, page width, page height and SHA-256 cells of a print file (empty when absent)."""
    return [f.name, f.page_mm[0], f.page_mm[1], f.sha256] if f else ["", None, None, ""]


def _or_pending(value: str | None) -> str:
    """Return a value, or 'pendente' when it is still missing."""
    return value or PENDING


def ficha_csv(s: Sheet) -> bytes:
    """Return the ficha técnica as a one-row CSV (the same header for every item, so fichas can be stacked)."""
    marked = next((f for f in s.files if f.marks), None)
    plain = next((f for f in s.files if not f.marks), None)
    t = s.terms
    older = "; ".join(f"v{n} {f.name}: {sha}" for f in s.files for n, sha in f.previous)
    row = [
        *(s.campaign, s.municipality, s.piece, s.item, s.paper, s.colors, _finishing_text(s), s.method),
        finishing.BACKS[s.back].split(":")[0] if s.back else "",
        *(s.unit, s.trim_mm[0], s.trim_mm[1], s.bleed_mm, s.pages, s.quantity, "sim" if s.pending else "não"),
        " | ".join(drop_text(s, d) for d in s.drops) or PENDING,
        *(_or_pending(s.buyer), _or_pending(s.buyer_cnpj), _or_pending(s.empenho)),
        *(_or_pending(t.ata_number), _or_pending(t.process_number), t.manager, _or_pending(t.manager_cnpj)),
        *(_or_pending(t.supplier), _or_pending(t.supplier_cnpj), _or_pending(t.technical_contact)),
        *(_or_pending(t.proof), _or_pending(t.tolerance), _packing_text(s)),
        *(date_br(s.order_by), date_br(s.deliver_by), s.standard, f"{s.condition} — {s.condition_name}"),
        s.version,
        *_file_cells(marked),
        *_file_cells(plain),
        older,
        "pronta para a gráfica" if not s.needs else "aguardando",
        "; ".join(s.needs),
    ]
    return to_csv(SHEET_COLUMNS, [row])


def _finishing_text(s: Sheet) -> str:
    """Say the finishing, with a banner's measures."""
    h = s.hanging
    if h is None:
        return s.finishing
    return f"{s.finishing}: {finishing.hanging_text(s.fmt)}"


def _packing_text(s: Sheet) -> str:
    """Say how the item is packed: the format's rule, the ata's note, and volumes apart per buyer and address."""
    parts = [s.packing or "", s.terms.packing or ""]
    parts.append("volumes separados por destino e por endereço de entrega, cada um com a etiqueta abaixo")
    return "; ".join(p for p in parts if p)


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    """Return the ficha's paragraph styles in the brand typeface."""
    base = ParagraphStyle("base", fontName=regular, fontSize=9, leading=11.5, textColor=INK)
    return {
        "kicker": ParagraphStyle("kicker", base, fontSize=8.5, textColor=RULE),
        "title": ParagraphStyle("title", base, fontName=bold, fontSize=16, leading=20, spaceAfter=1.5 * mm),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=10.5, leading=13),
        "section": ParagraphStyle("section", base, fontName=bold, fontSize=10.5, leading=13),
        "label": ParagraphStyle("label", base, fontName=bold),
        "value": base,
        "hash": ParagraphStyle("hash", base, fontSize=8, leading=10),
        "alert": ParagraphStyle("alert", base, fontName=bold),
        "note": ParagraphStyle("note", base, fontSize=8, leading=10, spaceAfter=1.2 * mm),
    }


def esc(text: str) -> str:
    """Escape text for a reportlab paragraph."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def section(title: str, rows: list[tuple[str, str, str]], st: dict[str, ParagraphStyle], width: float) -> Table:
    """Return one section of a document: a heading row, then label and value rows."""
    data = [[Paragraph(esc(title), st["section"]), ""]]
    data += [[Paragraph(esc(label), st["label"]), Paragraph(esc(value), st[style])] for label, value, style in rows]
    table = Table(data, colWidths=[LABEL_WIDTH, width - LABEL_WIDTH], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), st["value"].fontName),
                ("SPAN", (0, 0), (1, 0)),
                ("BACKGROUND", (0, 0), (1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ]
        )
    )
    return table


def alert(title: str, items: list[str], st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    """Return a box that lists what is missing, if anything."""
    if not items:
        return []
    data = [[Paragraph(esc(title), st["alert"])]]
    data += [[Paragraph("• " + esc(p), st["value"])] for p in items]
    box = Table(data, colWidths=[width])
    look = [("FONT", (0, 0), (-1, -1), st["value"].fontName), ("BACKGROUND", (0, 0), (-1, -1), ALERT)]
    box.setStyle(TableStyle([*look, ("BOX", (0, 0), (-1, -1), 1, ALERT_EDGE)]))
    return [box, Spacer(1, 3 * mm)]


def _order_rows(s: Sheet) -> list[tuple[str, str, str]]:
    """Return the order section: item, quantity, deliveries with labels, buyer, empenho and deadlines."""
    rows = [
        ("Item da ata", s.item, "value"),
        ("Quantidade", quantity_text(s.quantity, s.unit), "value"),
        ("Pedido à gráfica até", date_br(s.order_by) or "—", "value"),
        ("Entrega até", date_br(s.deliver_by) or "—", "value"),
        ("Comprador", f"{_or_pending(s.buyer)} — CNPJ {_or_pending(s.buyer_cnpj)}", "value"),
        ("Nota de empenho", _or_pending(s.empenho), "value"),
    ]
    if not s.drops:
        rows.append(("Entrega", "endereço de entrega pendente (ainda não cadastrado)", "value"))
    for i, d in enumerate(s.drops, 1):
        rows.append((f"Entrega {i}" if len(s.drops) > 1 else "Entrega", drop_text(s, d), "value"))
        rows.append(("Etiqueta de cada volume", s.label(d), "value"))
    return rows


def purchase_rows(t: Terms) -> list[tuple[str, str, str]]:
    """Return the purchase section: ata, process, manager, supplier, technical contact, proof and tolerance."""
    return [
        ("Ata de registro de preços", f"{t.ata_title} — nº {_or_pending(t.ata_number)}", "value"),
        ("Processo", _or_pending(t.process_number), "value"),
        ("Órgão gerenciador", f"{t.manager} — CNPJ {_or_pending(t.manager_cnpj)}", "value"),
        ("Gráfica", f"{_or_pending(t.supplier)} — CNPJ {_or_pending(t.supplier_cnpj)}", "value"),
        ("Contato técnico", _or_pending(t.technical_contact), "value"),
        ("Prova", _or_pending(t.proof), "value"),
        ("Tolerância de quantidade", _or_pending(t.tolerance), "value"),
        ("Faturamento", BILLING, "value"),
    ]


BILLING = "Uma nota fiscal por comprador, com o CNPJ e o número da nota de empenho de cada entrega"


def _spec_rows(s: Sheet) -> list[tuple[str, str, str]]:
    """Return the specification section: paper, colours, method, finishing, sizes, pages and packing."""
    rows = [
        ("Papel ou suporte", s.paper, "value"),
        ("Cores", colours_text(s.colors), "value"),
        ("Processo de impressão", s.method, "value"),
        ("Acabamento", _finishing_text(s), "value"),
        ("Formato final (refile)", size_text(s.trim_mm), "value"),
        ("Sangria", f"{number(s.bleed_mm)} mm em cada lado", "value"),
        ("Páginas", "2 (frente e verso)" if s.pages == 2 else str(s.pages), "value"),
    ]
    if s.back:
        rows.append(("Orientação do verso", finishing.BACKS[s.back], "value"))
    rows.append(("Embalagem", _packing_text(s), "value"))
    return rows


def file_rows(s: Sheet) -> list[tuple[str, str, str]]:
    """Return the files section: standard, output condition, version, and each file's name, page and SHA-256."""
    rows = [("Padrão", f"{s.standard}, fontes embutidas, cores CMYK sem cor especial, sem trapping", "value")]
    rows.append(("Condição de saída", f"{s.condition} — {s.condition_name}", "value"))
    rows.append(("Versão", f"{s.version}" + (" (primeira versão)" if s.version == 1 else ""), "value"))
    for f in s.files:
        what = "com marcas de corte" if f.marks else "sem marcas"
        page = size_text(f.page_mm) + (
            " (formato final + sangria + marcas)" if f.marks else " (formato final + sangria)"
        )
        rows += [
            (f"Arquivo {what}", f.name, "value"),
            ("Tamanho da página", page, "value"),
            ("SHA-256", f.sha256, "hash"),
        ]
        for n, sha in f.previous:
            rows.append((f"Substitui a versão {n}", sha, "hash"))
    return rows


def _story(s: Sheet, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Return the ficha's content, top to bottom."""
    width = A4[0] - 2 * MARGIN
    gap = Spacer(1, 3 * mm)
    status = "Falta completar o pedido" if s.needs else "Pronta para a gráfica"
    drawing_title = "Formato e acabamento"
    story: list[Flowable] = [
        Paragraph(f"Kit de Campanhas CIMPS · Ficha técnica de impressão · {status}", st["kicker"]),
        Paragraph(esc(f"{s.piece} — {s.municipality} — versão {s.version}"), st["title"]),
        Paragraph(esc(f"Campanha: {s.campaign}"), st["subtitle"]),
        gap,
        *alert("Antes de enviar à gráfica, falta:", list(s.needs), st, width),
        section("Pedido", _order_rows(s), st, width),
        gap,
        section("Compra", purchase_rows(s.terms), st, width),
        gap,
        section("Especificação", _spec_rows(s), st, width),
        gap,
        KeepTogether([Paragraph(drawing_title, st["section"]), finishing.drawing(s.fmt, width, st["value"].fontName)]),
        gap,
        section("Arquivos para a gráfica", file_rows(s), st, width),
        gap,
    ]
    notes = [
        f"Os arquivos levam a data da reunião que aprovou a campanha ({date_br(s.issued)}). Cada nova versão de um "
        "arquivo muda o número no nome (-v2, -v3…) e o SHA-256; a ficha diz qual versão ele substitui. Confira cada "
        "arquivo com <i>sha256sum</i> (o pacote ZIP traz a lista SHA256SUMS).",
        "A gráfica pode conferir o PDF/X-1a com o Preflight do Acrobat Pro, o callas pdfToolbox ou o Enfocus "
        "PitStop. Cada destino tem a sua ficha, com a sua quantidade e os seus endereços de entrega; o pedido da "
        "rodada reúne todos.",
    ]
    return story + [Paragraph(n, st["note"]) for n in notes]


def ficha_pdf(s: Sheet, regular: str, bold: str) -> bytes:
    """Return the ficha técnica as an A4 PDF in the brand typeface (an office document, not PDF/X)."""
    st = _styles(font_name(regular), font_name(bold))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        invariant=1,
        title=f"Ficha técnica — {s.campaign} — {s.municipality} — {s.piece} — versão {s.version}",
        author="CIMPS — Consórcio Intermunicipal de Políticas Sociais",
        creator="Kit de Campanhas CIMPS",
        subject=f"Ficha técnica de impressão: {s.item}",
        lang="pt-BR",
        initialFontName=st["value"].fontName,
    )
    doc.build(_story(s, st))
    return buf.getvalue()


def ficha_files(sheet_: Sheet, regular: str, bold: str, paths: dict[str, str]) -> dict[str, tuple[str, bytes]]:
    """Return the ficha's files by role: (path under the downloads folder, bytes)."""
    return {FICHA: (paths[FICHA], ficha_pdf(sheet_, regular, bold)), FICHA_CSV: (paths[FICHA_CSV], ficha_csv(sheet_))}


def outfiles(known: dict) -> dict[str, OutFile]:
    """Rebuild the ficha's files from the manifest's record."""
    return {role: OutFile(*values) for role, values in known["files"].items()}


def line_of(order: printorder.PrintOrder, piece: Piece) -> OrderLine:
    """Return the order line of a final print piece."""
    return next(
        x
        for x in order.lines
        if (x.campaign_slug, x.municipality_slug, x.format) == (piece.campaign, piece.municipality, piece.format)
    )
