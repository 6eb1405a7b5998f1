"""The ficha técnica as a one-page A4 PDF (reportlab platypus): the drawing backend of printorder's Sheet.

Imported only where fichas are drawn (the build's ficha workers), so `check` and no-op builds never load reportlab.
"""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from cimpskit.produce import cache
from cimpskit.produce.printorder import FICHA, FICHA_CSV, Sheet, colours_text, date_br, ficha_csv, size_text
from cimpskit.produce.procurement import number
from cimpskit.render.pdf import font_name

MARGIN = 16 * mm
"""Page margin of the ficha: room for an office printer's unprintable edge."""
LABEL_WIDTH = 52 * mm
"""Width of the label column: the longest label ('Arquivo com marcas de corte') on one line."""
INK, RULE, SHADE, ALERT, ALERT_EDGE = (
    colors.HexColor(h) for h in ("#1F2328", "#8C959F", "#EEF1F4", "#FFF3E6", "#A8430C")
)


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    """Return the ficha's paragraph styles in the brand typeface."""
    base = ParagraphStyle("base", fontName=regular, fontSize=9.5, leading=12.5, textColor=INK)
    return {
        "kicker": ParagraphStyle("kicker", base, fontSize=9, textColor=RULE),
        "title": ParagraphStyle("title", base, fontName=bold, fontSize=17, leading=21, spaceAfter=2 * mm),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=11, leading=14),
        "section": ParagraphStyle("section", base, fontName=bold, fontSize=11, leading=14),
        "label": ParagraphStyle("label", base, fontName=bold),
        "value": base,
        "hash": ParagraphStyle("hash", base, fontSize=8.5, leading=11),
        "alert": ParagraphStyle("alert", base, fontName=bold),
        "note": ParagraphStyle("note", base, fontSize=8.5, leading=11, spaceAfter=1.5 * mm),
    }


def _esc(text: str) -> str:
    """Escape text for a reportlab paragraph."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(title: str, rows: list[tuple[str, str, str]], st: dict[str, ParagraphStyle]) -> Table:
    """Return one section of the ficha: a heading row, then label and value rows."""
    data = [[Paragraph(_esc(title), st["section"]), ""]]
    data += [[Paragraph(_esc(label), st["label"]), Paragraph(_esc(value), st[style])] for label, value, style in rows]
    table = Table(data, colWidths=[LABEL_WIDTH, A4[0] - 2 * MARGIN - LABEL_WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), st["value"].fontName),
                ("SPAN", (0, 0), (1, 0)),
                ("BACKGROUND", (0, 0), (1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _quantity_text(s: Sheet) -> str:
    """Return the quantity as people read it: '7.000 unidades', or 'pendente' (never zero)."""
    if s.pending:
        return "pendente (quantidade ainda não informada)"
    amount = f"{s.quantity:,}".replace(",", ".")
    return f"{amount} {s.unit}" if s.unit != "unidade" else f"{amount} unidade{'s' if s.quantity != 1 else ''}"


def _order_rows(s: Sheet) -> list[tuple[str, str, str]]:
    """Return the order section: item, quantity, deadlines and delivery."""
    missing = "a combinar com o consórcio (ainda não cadastrado)"
    return [
        ("Item da ata", s.item, "value"),
        ("Quantidade", _quantity_text(s), "value"),
        ("Pedido à gráfica até", date_br(s.order_by) or "—", "value"),
        ("Entrega até", date_br(s.deliver_by) or "—", "value"),
        ("Endereço de entrega", s.delivery_address or missing, "value"),
        ("Contato na entrega", s.delivery_contact or "—", "value"),
        ("Horário de recebimento", s.delivery_hours or "—", "value"),
    ]


def _spec_rows(s: Sheet) -> list[tuple[str, str, str]]:
    """Return the specification section: paper, colours, finishing, sizes and pages."""
    return [
        ("Papel ou suporte", s.paper, "value"),
        ("Cores", colours_text(s.colors), "value"),
        ("Acabamento", s.finishing, "value"),
        ("Formato final (refile)", size_text(s.trim_mm), "value"),
        ("Sangria", f"{number(s.bleed_mm)} mm em cada lado", "value"),
        ("Páginas", "2 (frente e verso)" if s.pages == 2 else str(s.pages), "value"),
    ]


SIZE_NOTE = " (formato final + sangria)"


def _file_rows(s: Sheet) -> list[tuple[str, str, str]]:
    """Return the files section: PDF standard, output condition and each file's name, page size and SHA-256."""
    rows = [("Padrão", f"{s.standard}, fontes embutidas, cores CMYK", "value")]
    rows.append(("Condição de saída", f"{s.condition} — {s.condition_name}", "value"))
    for f in s.files:
        what = "com marcas de corte" if f.marks else "sem marcas"
        page = size_text(f.page_mm) + (" (formato final + sangria + marcas)" if f.marks else SIZE_NOTE)
        rows += [
            (f"Arquivo {what}", f.name, "value"),
            ("Tamanho da página", page, "value"),
            ("SHA-256", f.sha256, "hash"),
        ]
    return rows


def _alert(s: Sheet, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Return the box that lists what is missing before ordering, if anything."""
    problems = s.problems()
    if not problems:
        return []
    width = A4[0] - 2 * MARGIN
    data = [[Paragraph("Antes de enviar à gráfica:", st["alert"])]]
    data += [[Paragraph("• " + _esc(p), st["value"])] for p in problems]
    box = Table(data, colWidths=[width])
    look = [("FONT", (0, 0), (-1, -1), st["value"].fontName), ("BACKGROUND", (0, 0), (-1, -1), ALERT)]
    box.setStyle(TableStyle([*look, ("BOX", (0, 0), (-1, -1), 1, ALERT_EDGE)]))
    return [box, Spacer(1, 4 * mm)]


def _story(s: Sheet, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Return the ficha's content, top to bottom."""
    gap = Spacer(1, 4 * mm)
    status = (
        "RASCUNHO — não enviar à gráfica"
        if s.draft
        else ("Falta completar o pedido" if s.problems() else "Pronta para a gráfica")
    )
    story: list[Flowable] = [
        Paragraph(f"Kit de Campanhas CIMPS · Ficha técnica de impressão · {status}", st["kicker"]),
        Paragraph(_esc(f"{s.piece} — {s.municipality}"), st["title"]),
        Paragraph(_esc(f"Campanha: {s.campaign}"), st["subtitle"]),
        gap,
        *_alert(s, st),
        _table("Pedido", _order_rows(s), st),
        gap,
        _table("Especificação", _spec_rows(s), st),
        gap,
        _table("Arquivos para a gráfica", _file_rows(s), st),
        gap,
    ]
    notes = [
        f"Os arquivos levam a data da reunião que aprovou a campanha ({date_br(s.issued)}); uma nova versão "
        "muda o SHA-256. Confira cada arquivo com <i>sha256sum</i> (o pacote ZIP traz a lista SHA256SUMS).",
        "A gráfica pode conferir o PDF/X-1a com o Preflight do Acrobat Pro, o callas pdfToolbox ou o Enfocus "
        "PitStop. Cada município tem a sua ficha, com a sua quantidade e o seu endereço de entrega; o consórcio "
        "tem o pedido consolidado de todos.",
    ]
    return story + [Paragraph(n, st["note"]) for n in notes]


def ficha_pdf(s: Sheet, regular: str, bold: str) -> bytes:
    """Return the ficha técnica as a one-page A4 PDF in the brand typeface (an office document, not PDF/X)."""
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
        title=f"Ficha técnica — {s.campaign} — {s.municipality} — {s.piece}",
        author="CIMPS — Consórcio Intermunicipal de Políticas Sociais",
        creator="Kit de Campanhas CIMPS",
        subject=f"Ficha técnica de impressão: {s.item}",
        lang="pt-BR",
        initialFontName=st["value"].fontName,
    )
    frame = (A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN)
    doc.build([KeepInFrame(*frame, _story(s, st), mode="shrink")])
    return buf.getvalue()


def ficha_files(sheet_: Sheet, regular: str, bold: str, paths: dict[str, str]) -> cache.Drawn:
    """Return the ficha's files by role: (path under the downloads folder, bytes)."""
    return {FICHA: (paths[FICHA], ficha_pdf(sheet_, regular, bold)), FICHA_CSV: (paths[FICHA_CSV], ficha_csv(sheet_))}
