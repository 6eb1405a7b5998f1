"""The geometric proof of a laid-out scene: no collisions, inside the safe area and the platform zones."""

from __future__ import annotations

from dataclasses import dataclass

from cimpskit.core import fonts
from cimpskit.core.scene import QR, Image, Line, Page, Rect, Reserved, Scene, Text, Visual
from cimpskit.inputs.model import Format
from cimpskit.layout.text import ink

SIGNATURE_FIELDS = ("assinatura", "canal")
"""Fields of the logo bar (a crop zone may leave them out: see PlatformZone.covers_signature)."""
MIN_GAP = 0.2
"""Two blocks must stay at least this share of the format's minimum text size apart."""
EPS = 1e-6
LABELS = {
    "title": "nome da campanha",
    "texts.headline": "título",
    "texts.body": "texto de apoio",
    "texts.call_to_action": "chamada",
    "hotline": "canal de atendimento",
    "hotline.note": "observação do canal de atendimento",
    "visual": "ilustração",
    "qr": "código QR",
    "url": "endereço impresso",
    "logo": "brasão",
    "canal": "canal do consórcio",
    "verso.titulo": "título do verso",
    "rascunho": "faixa RASCUNHO",
    "previa": "faixa PRÉVIA",
    "exemplo": "faixa EXEMPLO ERRADO",
    "marca": "marca da campanha",
    "texts.key_line": "frase-chave",
    "data": "data em destaque",
    "hero": "destaque",
    "adesivo": "espaço do adesivo de link",
}


@dataclass(frozen=True)
class Box:
    """The bounding box of one block on a page, with what it is."""

    x0: float
    y0: float
    x1: float
    y1: float
    field: str
    text: bool
    overlay: bool = False
    kind: str = ""
    """'visual' (may reach the page's edge), 'panel' (a filled box that holds its own text), or ''."""

    def contains(self, other: Box) -> bool:
        """Tell whether other lies inside this box."""
        return (
            self.x0 <= other.x0 + EPS
            and self.y0 <= other.y0 + EPS
            and self.x1 >= other.x1 - EPS
            and self.y1 >= other.y1 - EPS
        )

    def distance(self, other: Box) -> float:
        """Return the gap between two boxes (negative when they overlap)."""
        dx = max(other.x0 - self.x1, self.x0 - other.x1)
        dy = max(other.y0 - self.y1, self.y0 - other.y1)
        return max(dx, dy)


def label(field: str) -> str:
    """Name a field the way the piece's editor knows it."""
    if field.startswith("contato"):
        return "contatos"
    if field.startswith("assinatura"):
        return "assinatura"
    return LABELS.get(field, field)


def _extent(t: Text) -> tuple[float, float]:
    """Return how far a line reaches above and below its baseline: the font's ascent and descent, or its ink."""
    if t.tight:
        return ink(t.text, t.font, t.size)
    return fonts.ascent(t.font, t.size), fonts.descent(t.font, t.size)


def _text_box(lines: list[Text]) -> Box:
    """Return the box of a block's lines, from the first ascender to the last descender (ink for tight lines)."""
    x0 = min(t.x for t in lines)
    x1 = max(t.x + fonts.width(t.text, t.font, t.size) for t in lines)
    y0 = min(t.y - _extent(t)[0] for t in lines)
    y1 = max(t.y + _extent(t)[1] for t in lines)
    return Box(x0, y0, x1, y1, lines[0].field, True, lines[0].overlay)


def _visual_box(e: Visual, aspect: float) -> Box:
    """Return the box of the drawing contained and centred in its frame."""
    w = min(e.w, e.h * aspect)
    h = w / aspect
    x0, y0 = e.x + (e.w - w) / 2, e.y + (e.h - h) / 2
    return Box(x0, y0, x0 + w, y0 + h, e.field, False, kind="visual")


def boxes(page: Page) -> list[Box]:
    """Return the content boxes of a page: text blocks, logo, key visual, QR code, divider."""
    groups: dict[str, list[Text]] = {}
    out: list[Box] = []
    for e in page.elements:
        if isinstance(e, Text):
            groups.setdefault(e.group or f"{e.field}@{e.y}", []).append(e)
        elif isinstance(e, Image):
            out.append(Box(e.x, e.y, e.x + e.w, e.y + e.h, e.field, False))
        elif isinstance(e, QR):
            q = e.quiet
            out.append(Box(e.x + q, e.y + q, e.x + e.size - q, e.y + e.size - q, e.field, False))
        elif isinstance(e, Visual):
            out.append(_visual_box(e, e.aspect))
        elif isinstance(e, Line):
            out.append(Box(min(e.x1, e.x2), min(e.y1, e.y2), max(e.x1, e.x2), max(e.y1, e.y2), e.field, False))
        elif isinstance(e, Rect) and e.field:
            out.append(Box(e.x, e.y, e.x + e.w, e.y + e.h, e.field, False, kind="panel"))
        elif isinstance(e, Reserved):
            out.append(Box(e.x, e.y, e.x + e.w, e.y + e.h, e.field, False))
    return [_text_box(lines) for lines in groups.values()] + out


def _holds(a: Box, b: Box) -> bool:
    """Tell whether box a is a filled panel (a tier of the mark, the key line's box) and b part of the same block
    (its own text, the other tier), or a panel holding b whole."""
    return a.kind == "panel" and (a.field == b.field or a.contains(b))


def _stamped(a: Box, b: Box) -> bool:
    """Tell whether a is the RASCUNHO / PRÉVIA stamp of the top margin and b a key visual that reaches the page's
    edge there (only art that bleeds off the edge enters the margin): the stamp crosses it on its own band."""
    return a.overlay and b.kind == "visual"


def _unit(value: float, fmt: Format) -> str:
    """Format a distance in the format's unit, the Brazilian way."""
    return f"{value:.1f}".replace(".", ",") + f" {fmt.unit}"


def violations(scene: Scene, fmt: Format) -> list[tuple[str, str]]:
    """Check every page: safe area, platform zone, gaps between blocks, and what each text really sits on."""
    out: list[tuple[str, str]] = []
    min_size = fmt.min_text * 25.4 / 72 if fmt.medium == "print" else fmt.min_text
    gap = MIN_GAP * min_size
    for page in scene.pages:
        found = boxes(page)
        out += _inside(found, fmt, page.name)
        for i, a in enumerate(found):
            for b in found[i + 1 :]:
                if _holds(a, b) or _holds(b, a) or _stamped(a, b) or _stamped(b, a):
                    continue
                d = a.distance(b)
                if d >= gap - EPS:
                    continue
                if d < 0:
                    msg = f"'{label(a.field)}' e '{label(b.field)}' se sobrepõem ({page.name})"
                else:
                    what = f"'{label(a.field)}' e '{label(b.field)}'"
                    msg = f"{what} ficam a {_unit(d, fmt)} (mínimo {_unit(gap, fmt)}, {page.name})"
                out.append((a.field, msg))
        out += _grounds(page)
    return out


def _inside(found: list[Box], fmt: Format, page: str) -> list[tuple[str, str]]:
    """Keep content inside the safe area and text out of the platform's covered bands."""
    out = []
    m, zone = fmt.safe_margin, fmt.platform_zone
    for b in found:
        if b.overlay:
            continue
        if zone and zone.circle and not _in_circle(b, fmt):
            out.append((b.field, f"'{label(b.field)}' sai do círculo da foto de perfil: {zone.reason} ({page})"))
        if b.kind == "visual":
            out += _visual_inside(b, fmt, page)
            continue
        if b.x0 < m - EPS or b.y0 < m - EPS or b.x1 > fmt.width - m + EPS or b.y1 > fmt.height - m + EPS:
            out.append((b.field, f"'{label(b.field)}' sai da área de segurança de {_unit(m, fmt)} ({page})"))
        elif (
            zone
            and b.text
            and (zone.covers_signature or not b.field.startswith(SIGNATURE_FIELDS))
            and (
                b.x0 < zone.left - EPS
                or b.x1 > fmt.width - zone.right + EPS
                or b.y0 < zone.top - EPS
                or b.y1 > fmt.height - zone.bottom + EPS
            )
        ):
            out.append((b.field, f"'{label(b.field)}' entra na faixa coberta pela plataforma: {zone.reason} ({page})"))
    return out


def _in_circle(b: Box, fmt: Format) -> bool:
    """Tell whether a box lies inside the format's inscribed circle, kept the safe margin from its edge."""
    cx, cy = fmt.width / 2, fmt.height / 2
    r = min(fmt.width, fmt.height) / 2 - fmt.safe_margin
    return all((x - cx) ** 2 + (y - cy) ** 2 <= r * r + EPS for x in (b.x0, b.x1) for y in (b.y0, b.y1))


def _visual_inside(b: Box, fmt: Format, page: str) -> list[tuple[str, str]]:
    """Keep the key visual on the page: inside the safe area, or reaching an edge of the page (and its bleed in
    print) on purpose, never stopping in the margin."""
    m, edge = fmt.safe_margin, fmt.bleed
    out = []
    for low, high, size in ((b.x0, b.x1, fmt.width), (b.y0, b.y1, fmt.height)):
        if low < -edge - EPS or high > size + edge + EPS:
            out.append((b.field, f"'{label(b.field)}' sai da página ({page})"))
        elif (EPS - edge < low < m - EPS) or (size - m + EPS < high < size + edge - EPS):
            out.append((b.field, f"'{label(b.field)}' sai da área de segurança de {_unit(m, fmt)} ({page})"))
    return out


def _grounds(page: Page) -> list[tuple[str, str]]:
    """Prove that each text block sits entirely on the colour its contrast was checked against."""
    out, rects = [], []
    groups: dict[str, list[Text]] = {}
    for e in page.elements:
        if isinstance(e, Rect):
            rects.append(e)
        elif isinstance(e, Text):
            if e.group not in groups:
                groups[e.group] = []
                groups[e.group].append(e)
                box = _text_box([e])
                under = _ground(rects, box)
                if under is None or under.paint != e.background:
                    where = under.paint.name if under else "duas cores"
                    out.append((e.field, f"'{label(e.field)}' está sobre '{where}', não sobre '{e.background.name}'"))
    return out


def _ground(rects: list[Rect], b: Box) -> Rect | None:
    """Return the topmost rectangle under the whole box, or None when the box straddles two."""
    for r in reversed(rects):
        covers = r.x <= b.x0 + EPS and r.y <= b.y0 + EPS and r.x + r.w >= b.x1 - EPS and r.y + r.h >= b.y1 - EPS
        if covers:
            return r
        touches = r.x < b.x1 and r.x + r.w > b.x0 and r.y < b.y1 and r.y + r.h > b.y0
        if touches:
            return None
    return None


def empty_bands(page: Page, height: float) -> list[tuple[float, float]]:
    """Return the horizontal bands of a page, edge to edge, that hold no content at all (top to bottom)."""
    spans = sorted((max(0.0, b.y0), min(height, b.y1)) for b in boxes(page) if not b.overlay)
    out, reach = [], 0.0
    for y0, y1 in spans:
        if y0 > reach:
            out.append((reach, y0))
        reach = max(reach, y1)
    if reach < height:
        out.append((reach, height))
    return out
