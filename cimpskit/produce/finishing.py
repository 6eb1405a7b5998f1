"""Finishing as drawings for the ficha técnica: format and bleed with dimensions, a banner's pockets, sticks and
cord, and a two-sided piece's back orientation. Measures come from the format data, never from the drawing."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from cimpskit.inputs.model import Format
from cimpskit.produce.procurement import number

INK, MUTED, CUT, WOOD, PAPER = (colors.HexColor(h) for h in ("#1F2328", "#57606A", "#A8430C", "#8B5A2B", "#F4F6F8"))
HEIGHT = 78 * mm
"""Height of a drawing on the ficha: room for the piece, its dimension lines and labels."""
FONT_SIZE = 7.5
ARROW = 1.4 * mm
METHODS = {
    "offset": "Offset, em chapas CMYK, com imposição em folha (tiragem grande)",
    "digital": "Impressão digital em folha (toner ou jato de tinta), tiragem curta",
    "grande-formato": "Impressão digital em grande formato (jato de tinta solvente, ecossolvente, látex ou UV) em lona",
}
"""The print method of each format, in the words a print shop uses."""
BACKS = {
    "cabeca-com-cabeca": "cabeça com cabeça: o verso na mesma orientação da frente (vira-se pela lateral, como a "
    "página de um livro)",
    "cabeca-com-pe": "cabeça com pé: o verso de ponta-cabeça em relação à frente (vira-se por baixo, como um "
    "calendário de parede)",
}


def hanging_text(fmt: Format) -> str:
    """Say a banner's pockets, sticks and cord with every measure, and the height left visible."""
    h = fmt.hanging()
    visible = fmt.height - 2 * h.pocket
    return (
        f"bolsa de {_mm(h.pocket)} em cima e embaixo, dobrada para trás dentro do formato final e fechada com solda "
        f"eletrônica ou costura (à escolha da gráfica), na margem de segurança, sem texto; altura visível depois das "
        f"bolsas: {_mm(visible)}; {h.stick}, {_mm(h.stick_length)}, um em cada bolsa; {h.cord}, {_mm(h.cord_length)}"
    )


def _mm(value: float) -> str:
    """Format a measure like '800 mm'."""
    return f"{number(value)} mm"


def _arrow(x: float, y: float, dx: float, dy: float) -> Polygon:
    """Return a small filled arrow head at (x, y) pointing along (dx, dy) (a unit direction)."""
    px, py = -dy, dx
    points = [x, y, x - dx * ARROW + px * ARROW / 2, y - dy * ARROW + py * ARROW / 2]
    points += [x - dx * ARROW - px * ARROW / 2, y - dy * ARROW - py * ARROW / 2]
    return Polygon(points, fillColor=INK, strokeColor=None)


def dimension(x1: float, y1: float, x2: float, y2: float, label: str, *, side: float = 0.0) -> Group:
    """Return a dimension line between two points with arrow heads and its label beside the middle."""
    g = Group()
    g.add(Line(x1, y1, x2, y2, strokeColor=INK, strokeWidth=0.5))
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 or 1.0
    dx, dy = (x2 - x1) / length, (y2 - y1) / length
    g.add(_arrow(x2, y2, dx, dy))
    g.add(_arrow(x1, y1, -dx, -dy))
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    if abs(dy) > abs(dx):  # vertical: the label to the side, upright
        anchor = "end" if side < 0 else "start"
        g.add(String(mx + (side or 1.5 * mm), my - FONT_SIZE / 3, label, fontSize=FONT_SIZE, textAnchor=anchor))
    else:
        g.add(String(mx, my + (side or 1.5 * mm), label, fontSize=FONT_SIZE, textAnchor="middle"))
    return g


def _label(x: float, y: float, text: str, anchor: str = "start", colour=INK) -> String:
    """Return a note in the drawing's type."""
    return String(x, y, text, fontSize=FONT_SIZE, textAnchor=anchor, fillColor=colour)


def _piece(d: Drawing, x: float, y: float, w: float, h: float, title: str, fmt: Format, scale: float) -> None:
    """Draw a piece at its trim with the bleed dashed around it, its size dimensioned."""
    b = fmt.bleed * scale
    d.add(
        Rect(
            x - b, y - b, w + 2 * b, h + 2 * b, fillColor=None, strokeColor=CUT, strokeWidth=0.5, strokeDashArray=[2, 2]
        )
    )
    d.add(Rect(x, y, w, h, fillColor=PAPER, strokeColor=INK, strokeWidth=0.8))
    d.add(_label(x + w / 2, y + h / 2, title, "middle", MUTED))
    d.add(dimension(x, y - b - 4 * mm, x + w, y - b - 4 * mm, _mm(fmt.width), side=-3.5 * mm))
    d.add(dimension(x - b - 4 * mm, y, x - b - 4 * mm, y + h, _mm(fmt.height), side=-1.5 * mm))


def drawing(fmt: Format, width: float, font: str) -> Drawing:
    """Return the format's finishing drawing for a ficha of this width (points), its words in the given font."""
    if fmt.print and fmt.print.hanging:
        d = _banner(fmt, width)
    elif fmt.sides == 2:
        d = _two_sided(fmt, width)
    else:
        d = _flat(fmt, width)
    _set_font(d, font)
    return d


def _set_font(node, font: str) -> None:
    """Set the font of every string of a drawing."""
    for child in getattr(node, "contents", []):
        if isinstance(child, String):
            child.fontName = font
        _set_font(child, font)


def _flat(fmt: Format, width: float) -> Drawing:
    """Draw a one-sided piece: trim, bleed, sizes."""
    d = Drawing(width, HEIGHT)
    scale = (HEIGHT - 16 * mm) / fmt.height
    w, h = fmt.width * scale, fmt.height * scale
    x, y = 30 * mm, 10 * mm
    _piece(d, x, y, w, h, "frente", fmt, scale)
    d.add(_label(x + w + 8 * mm, y + h - 2 * mm, f"sangria de {_mm(fmt.bleed)} (tracejado), cortada no refile"))
    d.add(_label(x + w + 8 * mm, y + h - 6.5 * mm, "verso em branco"))
    return d


def _two_sided(fmt: Format, width: float) -> Drawing:
    """Draw front and back side by side, each with an arrow to its top, and say how the back turns."""
    d = Drawing(width, HEIGHT)
    scale = (HEIGHT - 20 * mm) / fmt.height
    w, h = fmt.width * scale, fmt.height * scale
    x, y = 30 * mm, 10 * mm
    _piece(d, x, y, w, h, "FRENTE (página 1)", fmt, scale)
    back_x = x + w + 30 * mm
    b = fmt.bleed * scale
    d.add(
        Rect(
            back_x - b,
            y - b,
            w + 2 * b,
            h + 2 * b,
            fillColor=None,
            strokeColor=CUT,
            strokeWidth=0.5,
            strokeDashArray=[2, 2],
        )
    )
    d.add(Rect(back_x, y, w, h, fillColor=PAPER, strokeColor=INK, strokeWidth=0.8))
    d.add(_label(back_x + w / 2, y + h / 2, "VERSO (página 2)", "middle", MUTED))
    upside_down = fmt.spec().back == "cabeca-com-pe"
    for left, down in ((x, False), (back_x, upside_down)):
        mid = left + w / 2
        top, bottom = (y + h - 3 * mm, y + h - 11 * mm) if not down else (y + 3 * mm, y + 11 * mm)
        d.add(Line(mid, bottom, mid, top, strokeColor=CUT, strokeWidth=0.8))
        d.add(_arrow(mid, top, 0, 1 if not down else -1))
        d.add(_label(mid + 1.5 * mm, (top + bottom) / 2, "topo", colour=CUT))
    turn = "borda lateral" if not upside_down else "borda de baixo"
    d.add(_label((x + w + back_x) / 2, y + h / 2 + 5 * mm, "vira pela", "middle"))
    d.add(_label((x + w + back_x) / 2, y + h / 2 + 1.5 * mm, turn, "middle"))
    d.add(_arrow(back_x - 3 * mm, y + h / 2 - 1.5 * mm, 1, 0))
    d.add(
        Line(
            x + w + 3 * mm,
            y + h / 2 - 1.5 * mm,
            back_x - 3 * mm,
            y + h / 2 - 1.5 * mm,
            strokeColor=INK,
            strokeWidth=0.5,
        )
    )
    name = BACKS[fmt.spec().back or "cabeca-com-cabeca"].split(":")[0]
    d.add(_label(back_x + w + 8 * mm, y + h - 2 * mm, f"verso {name}"))
    return d


def _banner(fmt: Format, width: float) -> Drawing:
    """Draw a banner with its pockets, a stick in each and the cord on the top one, and a section of a pocket."""
    hang = fmt.hanging()
    d = Drawing(width, HEIGHT)
    cord_rise = 10 * mm
    scale = (HEIGHT - 24 * mm - cord_rise) / fmt.height
    w, h = fmt.width * scale, fmt.height * scale
    x, y = 34 * mm, 18 * mm
    d.add(Rect(x, y, w, h, fillColor=PAPER, strokeColor=INK, strokeWidth=0.8))
    pocket = hang.pocket * scale
    for fold in (y + h - pocket, y + pocket):
        d.add(Line(x, fold, x + w, fold, strokeColor=CUT, strokeWidth=0.6, strokeDashArray=[2, 1.5]))
    over = (hang.stick_length - fmt.width) / 2 * scale
    for stick_y in (y + h - pocket / 2, y + pocket / 2):
        d.add(Rect(x - over, stick_y - 0.9 * mm, w + 2 * over, 1.8 * mm, fillColor=WOOD, strokeColor=None))
    top = y + h - pocket / 2
    peak = (x + w / 2, top + cord_rise)
    for end in (x - over, x + w + over):
        d.add(Line(end, top, *peak, strokeColor=INK, strokeWidth=0.6))
    d.add(_label(peak[0] + 3 * mm, peak[1] - 2 * mm, f"cordão {_mm(hang.cord_length)}"))
    d.add(_label(x + w / 2, y + h / 2, "arte", "middle", MUTED))
    d.add(dimension(x, y - 5 * mm, x + w, y - 5 * mm, _mm(fmt.width), side=-3.5 * mm))
    d.add(
        dimension(x - over, y - 12 * mm, x + w + over, y - 12 * mm, f"bastão {_mm(hang.stick_length)}", side=-3.5 * mm)
    )
    d.add(dimension(x - 5 * mm, y, x - 5 * mm, y + h, _mm(fmt.height), side=-1.5 * mm))
    d.add(_label(x - 6.5 * mm, y + h / 2 - 5 * mm, f"(visível: {_mm(fmt.height - 2 * hang.pocket)})", "end"))
    _pocket_section(d, x + w + over + 30 * mm, y + h - 2 * mm, hang.pocket)
    return d


def _pocket_section(d: Drawing, x: float, top: float, pocket: float) -> None:
    """Draw the section of the top pocket (not to scale): the banner folded back around the stick, joined below."""
    depth = 22 * mm
    d.add(_label(x - 6 * mm, top + 4 * mm, "corte da bolsa de cima (sem escala)"))
    d.add(Line(x, top - depth - 14 * mm, x, top, strokeColor=INK, strokeWidth=1.2))  # the banner, art facing left
    d.add(Line(x, top, x + 5 * mm, top, strokeColor=INK, strokeWidth=1.2))
    d.add(Line(x + 5 * mm, top, x + 5 * mm, top - depth, strokeColor=INK, strokeWidth=1.2))  # folded back
    d.add(Circle(x + 2.5 * mm, top - 4 * mm, 1.8 * mm, fillColor=WOOD, strokeColor=None))
    d.add(Line(x - 1 * mm, top - depth, x + 6 * mm, top - depth, strokeColor=CUT, strokeWidth=1.5))
    d.add(_label(x + 8 * mm, top - depth - 1 * mm, "solda ou costura (à escolha da gráfica)"))
    d.add(_label(x + 8 * mm, top - 5 * mm, "bastão dentro da bolsa"))
    d.add(_label(x - 2 * mm, top - depth - 10 * mm, "frente (arte)", "end"))
    d.add(dimension(x - 4 * mm, top - depth, x - 4 * mm, top, f"bolsa {_mm(pocket)}", side=-1.5 * mm))
