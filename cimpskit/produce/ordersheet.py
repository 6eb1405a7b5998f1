"""The order a print shop receives for one print round: an order sheet (PDF and CSV) and a ZIP with the files.

The sheet says everything the shop needs to quote and produce without calling back: the purchase data, every
item with its specification, the quantities per delivery address with the label of each volume, every file with
its version and SHA-256, and the deadlines. Lines that still wait for data are listed apart, as not to produce.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePosixPath

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from cimpskit.inputs.project import Project
from cimpskit.produce import finishing
from cimpskit.produce.bundle import make_zip
from cimpskit.produce.ficha import (
    INK,
    MARGIN,
    PENDING,
    RULE,
    SHADE,
    Terms,
    alert,
    colours_text,
    esc,
    purchase_rows,
    section,
    size_text,
)
from cimpskit.produce.ficha import _styles as styles
from cimpskit.produce.printorder import FICHA, FICHA_CSV, OrderLine, Round, date_br, tally, volume_label
from cimpskit.produce.procurement import number, table_csv
from cimpskit.produce.purchase import grouped
from cimpskit.produce.result import OutFile, Piece
from cimpskit.render.pdf import font_name

FOLDER = "pedidos"
PAGE = landscape(A4)
GUIDE = "LEIA-ME.txt"


def paths(r: Round) -> dict[str, str]:
    """Return where a round's order sheet, its CSV and its ZIP live under the downloads folder."""
    base = f"{FOLDER}/{r.ata}/pedido-{r.ata}-{r.id}"
    return {"pdf": f"{base}.pdf", "csv": f"{base}.csv", "zip": f"{base}.zip"}


@dataclass(frozen=True)
class Spec:
    """One piece of the round as the shop reads its specification."""

    campaign: str
    piece: str
    item: str
    text: str


def _spec(project: Project, x: OrderLine) -> Spec:
    """Describe a line's item: paper, colours, method, finishing, sizes, pages and the back's orientation."""
    fmt = project.format(x.format)
    p = fmt.spec()
    parts = [p.paper, colours_text(p.colors), finishing.METHODS[p.method], p.finishing]
    parts.append(f"formato final {size_text((fmt.width, fmt.height))}, sangria {number(fmt.bleed)} mm")
    if p.hanging:
        parts.append(finishing.hanging_text(fmt) + " (desenho na ficha)")
    if fmt.sides == 2:
        parts.append("frente e verso, " + finishing.BACKS[p.back or "cabeca-com-cabeca"].split(":")[0])
    if p.packing:
        parts.append(p.packing)
    return Spec(x.campaign, x.piece, x.item, "; ".join(parts))


def _packing(t: Terms) -> str:
    """Say how the order is packed: volumes apart per destination and address with their labels, and the ata's rule."""
    rule = "Volumes separados por destino e por endereço de entrega, cada um com a etiqueta da sua entrega"
    return f"{rule}; {t.packing}" if t.packing else rule


def status(r: Round) -> str:
    """Say in one line whether the order can go to the shop."""
    if r.complete:
        return "Pedido completo: pronto para enviar à gráfica"
    if r.can_send:
        return "Pedido parcial: só as linhas prontas vão à gráfica; as outras aguardam (lista no fim)"
    return "NÃO ENVIAR À GRÁFICA: pedido incompleto"


def missing(r: Round) -> list[str]:
    """Return who must send what before this round is complete: one sentence per person or body."""
    return grouped(list(r.needs) + [n for x in r.lines for n in x.needs])


def _grid(data: list[list], widths: list[float], st, *, header: bool = True) -> Table:
    """Return a table with a shaded heading row and thin rules, its cells as paragraphs."""
    cells = [[c if isinstance(c, Flowable) else Paragraph(esc(str(c)), st["value"]) for c in row] for row in data]
    if header:
        cells[0] = [Paragraph(esc(str(c)), st["label"]) for c in data[0]]
    table = Table(cells, colWidths=widths, repeatRows=1 if header else 0)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), st["value"].fontName),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _units(n: int | None, unit: str) -> str:
    """Say a quantity in a table cell: '1.500' or 'pendente'."""
    return PENDING if n is None else f"{n:,}".replace(",", ".") + ("" if unit == "unidade" else f" {unit}")


def _totals(r: Round, st, width: float) -> Table:
    """Return the round's units per item: planned, in this order, waiting, and lines without a quantity."""
    data = [["Item da ata", "Previsto", "Neste pedido", "Aguardando", "Linhas sem quantidade"]]
    for t in tally(r.lines):
        data.append(
            [t.item, _units(t.planned, t.unit), _units(t.ready, t.unit), _units(t.waiting, t.unit), str(t.unknown)]
        )
    return _grid(data, [width * 0.44, *(width * 0.14,) * 4], st)


def _items(project: Project, r: Round, st, width: float) -> Table:
    """Return one row per piece of the round: campaign, piece, ata item and its full specification."""
    seen = list(dict.fromkeys(_spec(project, x) for x in r.lines))
    data = [["Campanha", "Peça", "Item da ata", "Especificação"]]
    data += [[s.campaign, s.piece, s.item, s.text] for s in seen]
    return _grid(data, [width * 0.15, width * 0.13, width * 0.2, width * 0.52], st)


def _deliveries(lines: tuple[OrderLine, ...], st, width: float) -> Table:
    """Return the quantities per delivery address, with buyer, empenho, who receives, hours and the volume label."""
    data = [["Destino e comprador", "Peça e arquivo", "Quantidade", "Endereço de entrega", "Etiqueta de cada volume"]]
    for x in lines:
        buyer = f"{x.municipality}: {x.buyer.name or PENDING}, CNPJ {x.buyer.cnpj or PENDING}"
        buyer += f", empenho {x.empenho or PENDING}"
        marked = next((f.name for f in x.files if f.marks), "")
        piece = Paragraph(f"{esc(x.campaign)} — {esc(x.piece)}<br/>{esc(marked)}", st["hash"])
        for d in x.drops:
            where = f"{d.address}. Recebe: {d.contact or PENDING}. Horário: {d.hours or PENDING}"
            data.append([buyer, piece, _units(d.units, x.unit), where, volume_label(x, d)])
        if not x.drops:
            data.append([buyer, piece, _units(x.quantity, x.unit), "endereço pendente", ""])
    return _grid(data, [width * 0.22, width * 0.2, width * 0.08, width * 0.25, width * 0.25], st)


def _runs(lines: tuple[OrderLine, ...], st, width: float) -> Table:
    """Return the run of every file: one artwork per destination, its total units and how many addresses."""
    data = [["Arquivo (com marcas de corte)", "Peça", "Destino", "Tiragem", "Entregas"]]
    for x in lines:
        marked = next((f.name for f in x.files if f.marks), "")
        data.append([marked, x.piece, x.municipality, _units(x.quantity, x.unit), str(len(x.drops))])
    return _grid(data, [width * 0.42, width * 0.18, width * 0.2, width * 0.1, width * 0.1], st)


def _file_list(lines: tuple[OrderLine, ...], fichas: dict[str, OutFile], st, width: float) -> Table:
    """Return every file of the ready lines: name with version, SHA-256 and the versions each replaces."""
    data = [["Peça e destino", "Arquivo e SHA-256"]]
    for x in lines:
        what = f"{x.campaign} — {x.piece} — {x.municipality} (versão {x.version})"
        for f in x.files:
            older = "".join(f"<br/>substitui a versão {n}: {sha}" for n, sha in f.previous)
            data.append([what, _file_cell(f.name, f.sha256, older, st)])
        for ficha in (fichas.get(x.ficha), fichas.get(x.ficha.replace(".pdf", ".csv"))):
            if ficha:
                data.append([what, _file_cell(PurePosixPath(ficha.path).name, ficha.sha256, "", st)])
    return _grid(data, [width * 0.3, width * 0.7], st)


def _file_cell(name: str, sha: str, older: str, st) -> Paragraph:
    """Return a file's name on one line and its SHA-256 (and the versions it replaces) under it."""
    return Paragraph(f"{esc(name)}<br/>SHA-256: {esc(sha)}{older}", st["hash"])


def _waiting(lines: tuple[OrderLine, ...], st, width: float) -> Table:
    """Return the lines left out of the order: piece, destination, units, who must act and what they must send."""
    data = [["Peça", "Destino", "Quantidade", "Quem deve enviar", "O que falta"]]
    for x in lines:
        data.append(
            [f"{x.campaign} — {x.piece}", x.municipality, _units(x.quantity, x.unit), x.waiting_on(), x.reason()]
        )
    return _grid(data, [width * 0.17, width * 0.12, width * 0.09, width * 0.17, width * 0.45], st)


def order_pdf(
    project: Project, r: Round, t: Terms, fichas: dict[str, OutFile], regular: str, bold: str, files: dict[str, str]
) -> bytes:
    """Return the round's order sheet: purchase data, items, quantities per address, files and what waits."""
    st = styles(font_name(regular), font_name(bold))
    width = PAGE[0] - 2 * MARGIN
    gap = Spacer(1, 3 * mm)
    ready, waiting = r.ready, r.waiting
    title = f"Pedido à gráfica — {r.ata_title} — rodada de {date_br(r.order_by)}"
    deadlines = [
        ("Campanhas", ", ".join(r.campaigns), "value"),
        ("Pedido à gráfica até", date_br(r.order_by), "value"),
        ("Entrega até", date_br(r.deliver_by), "value"),
        ("Embalagem", _packing(t), "value"),
        (
            "Arquivos deste pedido",
            f"{PurePosixPath(files['zip']).name}: PDF/X-1a, fichas, este pedido, SHA256SUMS",
            "value",
        ),
    ]
    story: list[Flowable] = [
        Paragraph(f"Kit de Campanhas CIMPS · Pedido de impressão · {esc(status(r))}", st["kicker"]),
        Paragraph(esc(title), st["title"]),
        gap,
        *alert("Antes de enviar à gráfica, falta (quem deve enviar: o quê):", missing(r), st, width),
        section("Compra e prazos", purchase_rows(t) + deadlines, st, width),
        gap,
        Paragraph("Quantidades por item", st["section"]),
        _totals(r, st, width),
        gap,
        Paragraph("Itens e especificações", st["section"]),
        _items(project, r, st, width),
        gap,
    ]
    if ready:
        story += [Paragraph("Tiragem por arquivo", st["section"]), _runs(ready, st, width), gap]
        story += [Paragraph("Entregas deste pedido (por endereço)", st["section"]), _deliveries(ready, st, width), gap]
        story += [Paragraph("Arquivos (versão e SHA-256 de cada um)", st["section"])]
        story.append(_file_list(ready, fichas, st, width))
    else:
        story.append(Paragraph("Nenhuma linha pronta: nada a produzir nesta rodada ainda.", st["value"]))
    if waiting:
        story += [gap, Paragraph("Aguardando — não produzir", st["section"]), _waiting(waiting, st, width)]
    note = (
        "Cada volume leva a etiqueta da sua entrega. Os arquivos PDF/X-1a (condição FOGRA39, cores CMYK sem cor "
        "especial, Trapped: False — o trapping fica com a gráfica) têm sangria e marcas de corte; os -sem-marcas.pdf "
        "são a mesma arte com a página do formato final mais a sangria. Confira o pacote com sha256sum -c "
        "SHA256SUMS. Dúvidas sobre os arquivos: o contato técnico acima."
    )
    story += [gap, Paragraph(esc(note), st["note"])]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        invariant=1,
        title=title,
        author="CIMPS — Consórcio Intermunicipal de Políticas Sociais",
        creator="Kit de Campanhas CIMPS",
        subject=f"Pedido de impressão: {', '.join(r.campaigns)}",
        lang="pt-BR",
        initialFontName=st["value"].fontName,
    )
    doc.build(story, onFirstPage=_footer(st, title), onLaterPages=_footer(st, title))
    return buf.getvalue()


def _footer(st, title: str):
    """Return a page decoration that prints the order's title and the page number at the foot of each page."""

    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(st["value"].fontName, 7.5)
        canvas.setFillColor(INK)
        canvas.drawString(MARGIN, MARGIN / 2, title)
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN / 2, f"página {doc.page}")
        canvas.restoreState()

    return draw


CSV_COLUMNS = [
    "Rodada (pedido até)",
    "Entrega até",
    "Situação",
    "Campanha",
    "Peça",
    "Item da ata",
    "Especificação",
    "Destino",
    "Comprador",
    "CNPJ do comprador",
    "Nota de empenho",
    "Endereço de entrega",
    "Quem recebe",
    "Horário de recebimento",
    "Quantidade",
    "Sem quantidade",
    "Unidade",
    "Etiqueta de cada volume",
    "Versão",
    "Arquivo",
    "SHA-256",
    "Arquivo sem marcas",
    "SHA-256 sem marcas",
    "Ficha técnica",
    "SHA-256 da ficha",
    "Quem deve enviar",
    "O que falta",
]


def _pair(f) -> list[str]:
    """Return a print file's name and SHA-256 cells (empty when absent)."""
    return [f.name, f.sha256] if f else ["", ""]


def order_csv(project: Project, r: Round, fichas: dict[str, OutFile]) -> bytes:
    """Return the round's order as a spreadsheet: one row per line and delivery address (Quantidade sums to the
    planned units, never twice); lines that wait are in it with what they wait for."""
    rows = []
    for x in r.lines:
        spec = _spec(project, x).text
        marked = next((f for f in x.files if f.marks), None)
        plain = next((f for f in x.files if not f.marks), None)
        ficha = fichas.get(x.ficha)
        files = [x.version or None, *_pair(marked), *_pair(plain)]
        files += [PurePosixPath(ficha.path).name, ficha.sha256] if ficha else ["", ""]
        head = [date_br(r.order_by), date_br(x.deliver_by), "neste pedido" if x.ready else "aguardando"]
        head += [x.campaign, x.piece, x.item, spec, x.municipality]
        head += [x.buyer.name or "", x.buyer.cnpj or "", x.empenho or ""]
        drops = x.drops or ()
        if not drops:
            rows.append([*head, "", "", "", x.quantity, x.pending, x.unit, "", *files, x.waiting_on(), x.reason()])
        for d in drops:
            cells = [d.address, d.contact or "", d.hours or "", d.units, int(d.units is None), x.unit]
            rows.append([*head, *cells, volume_label(x, d), *files, x.waiting_on(), x.reason()])
    return table_csv(CSV_COLUMNS, rows)


def guide(r: Round, files: dict[str, str]) -> str:
    """Return the ZIP's LEIA-ME: what the order is, its status and what each folder holds."""
    lines = [f"Pedido à gráfica — {r.ata_title} — rodada de {date_br(r.order_by)}", "", status(r) + ".", ""]
    lines.append(f"{PurePosixPath(files['pdf']).name}: o pedido (dados de compra, itens, entregas, arquivos, prazos).")
    lines.append(f"{PurePosixPath(files['csv']).name}: o mesmo pedido em planilha (uma linha por entrega).")
    lines.append("arquivos/: os PDF/X-1a das linhas deste pedido, com a versão no nome (-v1, -v2…).")
    lines.append("fichas/: a ficha técnica de cada arquivo (PDF e CSV), com o desenho do formato e do acabamento.")
    lines.append("SHA256SUMS: confira a integridade com `sha256sum -c SHA256SUMS`.")
    if not r.complete:
        lines += ["", "Falta antes de enviar:"] + [f"- {m}" for m in missing(r)]
    return "\n".join(lines) + "\n"


def members(out_dir, r: Round, pieces: dict[tuple[str, str, str], Piece]) -> dict[str, bytes]:
    """Return the print files and fichas of the round's ready lines by their name inside the ZIP."""
    files = {}
    for x in r.ready:
        piece = pieces[(x.campaign_slug, x.municipality_slug, x.format)]
        for role, f in piece.files.items():
            name = PurePosixPath(f.path).name
            if role in ("main", "trim-bleed"):
                files[f"arquivos/{name}"] = (out_dir / f.path).read_bytes()
            elif role in (FICHA, FICHA_CSV):
                files[f"fichas/{name}"] = (out_dir / f.path).read_bytes()
    return files


def round_files(
    project: Project,
    r: Round,
    t: Terms,
    pieces: dict[tuple[str, str, str], Piece],
    out_dir,
    fonts: tuple[str, str],
) -> dict[str, bytes]:
    """Return a round's order sheet, its CSV and its ZIP by path under the downloads folder."""
    where = paths(r)
    fichas = {PurePosixPath(p.files[FICHA].path).name: p.files[FICHA] for p in pieces.values() if FICHA in p.files}
    pdf = order_pdf(project, r, t, fichas, *fonts, where)
    csv = order_csv(project, r, fichas)
    top = PurePosixPath(where["zip"]).stem
    inside = members(out_dir, r, pieces)
    inside[PurePosixPath(where["pdf"]).name] = pdf
    inside[PurePosixPath(where["csv"]).name] = csv
    inside[GUIDE] = guide(r, where).encode()
    return {where["pdf"]: pdf, where["csv"]: csv, where["zip"]: make_zip(top, inside, r.order_by)}
