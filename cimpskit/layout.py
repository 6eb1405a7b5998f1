"""Lay out one job into a Scene of positioned elements, in the format's units."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import segno

from . import fonts
from .plan import Job, Signature
from .scene import QR, Image, Line, Page, Paint, Rect, Scene, Text

PT_MM = 25.4 / 72
SCREEN_DISPLAY_WIDTH = 400
ROLE_SIZES = {"kicker": 0.038, "headline": 0.095, "body": 0.045, "cta": 0.058, "small": 0.033}
# Layout roles drawn in a brand type role (brand/brand.yml typography.roles decides weight and leading).
BRAND_ROLES = {"kicker": "highlight", "cta": "highlight", "label": "highlight"}
SCALES = [1.3 - i * 0.05 for i in range(21)]


@dataclass(frozen=True)
class Overflow:
    """Text that does not fit even at the minimum size."""

    field: str
    amount: float
    unit: str
    page: str


class FitError(Exception):
    """Raised when a job's text cannot fit its format."""

    def __init__(self, overflows: list[Overflow]):
        super().__init__(overflows)
        self.overflows = overflows


@dataclass(frozen=True)
class Block:
    """Wrapped lines of one text field at one size, ready to place."""

    lines: tuple[str, ...]
    font: str
    weight: str
    size: float
    pitch: float
    field: str
    too_wide: float = 0.0

    @property
    def height(self) -> float:
        """Return the block's height from first ascender to last descender."""
        if not self.lines:
            return 0.0
        return (
            fonts.ascent(self.font, self.size)
            + fonts.descent(self.font, self.size)
            + self.pitch * (len(self.lines) - 1)
        )

    def width(self) -> float:
        """Return the width of the widest line."""
        return max((fonts.width(line, self.font, self.size) for line in self.lines), default=0.0)


class Frame:
    """Geometry helpers for one job: units, sizes and text placement."""

    def __init__(self, job: Job, scale: float):
        fmt = job.format
        self.job, self.fmt = job, fmt
        self.w, self.h, self.m, self.bleed = fmt.width, fmt.height, fmt.safe_margin, fmt.bleed
        self.base = min(fmt.width, fmt.height * 1.2)
        self.min_size = fmt.min_text * PT_MM if fmt.medium == "print" else fmt.min_text
        self.sizes = {role: max(self.min_size, k * self.base * scale) for role, k in ROLE_SIZES.items()}
        self.at_minimum = all(v <= self.min_size for v in self.sizes.values())

    def size_pt(self, size: float) -> float:
        """Convert a size in format units to the point size a reader sees."""
        if self.fmt.medium == "print":
            return size / PT_MM
        return size * 0.75 * SCREEN_DISPLAY_WIDTH / self.fmt.width

    def block(self, text: str, role: str, field: str, width: float, size: float | None = None) -> Block:
        """Wrap text for a layout role into a block no wider than width, in its brand type role's font."""
        brand_role = BRAND_ROLES.get(role, role)
        font, weight = self.job.font(brand_role), self.job.weight(brand_role)
        size = size or self.sizes.get(role, self.sizes["small"])
        lines, too_wide = wrap(text, font, size, width)
        return Block(tuple(lines), font, weight, size, size * self.job.line_height(brand_role), field, too_wide)

    def place(self, block: Block, x: float, y: float, fg: Paint, bg: Paint, right: float | None = None) -> list[Text]:
        """Place a block with its top at y; right-align to `right` when given."""
        out = []
        baseline = y + fonts.ascent(block.font, block.size)
        for line in block.lines:
            lx = right - fonts.width(line, block.font, block.size) if right is not None else x
            out.append(
                Text(
                    lx,
                    baseline,
                    line,
                    block.font,
                    block.weight,
                    block.size,
                    fg,
                    bg,
                    self.size_pt(block.size),
                    block.field,
                )
            )
            baseline += block.pitch
        return out

    def full_rect(self, y0: float, y1: float, paint: Paint) -> Rect:
        """Return a band across the whole width, bleed included."""
        return Rect(-self.bleed, y0, self.w + 2 * self.bleed, y1 - y0, paint)


def wrap(text: str, font: str, size: float, width: float) -> tuple[list[str], float]:
    """Greedily wrap text into lines; return them and how far the widest word overflows."""
    lines: list[str] = []
    too_wide = 0.0
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split():
            too_wide = max(too_wide, fonts.width(word, font, size) - width)
            candidate = f"{current} {word}".strip()
            if current and fonts.width(candidate, font, size) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        if current:
            lines.append(current)
    return lines, max(0.0, too_wide)


def wrap_url(url: str, font: str, size: float, width: float) -> list[str]:
    """Wrap a URL at slashes so each line fits width."""
    parts = url.replace("/", "/\n").split("\n")
    lines, current = [], ""
    for part in parts:
        if current and fonts.width(current + part, font, size) > width:
            lines.append(current)
            current = part
        else:
            current += part
    return lines + ([current] if current else [])


@lru_cache(maxsize=64)
def qr_modules(url: str) -> tuple[tuple[bool, ...], ...]:
    """Return the QR modules for url, quiet zone included."""
    code = segno.make(url, error="m", micro=False)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix_iter(scale=1, border=4))


def signature_band(f: Frame) -> tuple[list, float]:
    """Lay out the co-branding band at the bottom; return its elements and top edge."""
    job = f.job
    sh = max(job.min_signature, 0.07 * f.base)
    clear = sh * job.clear_space
    fg, bg = job.paint("footer_text"), job.paint("footer")
    n = len(job.signatures)
    slot = (f.w - 2 * f.m - (n - 1) * 2 * clear) / n
    parts = [_signature(f, sig, sh, slot) for sig in job.signatures]
    content_h = max(h for _, h in parts)
    top = f.h - f.m - content_h - clear
    elements: list = [f.full_rect(top, f.h + f.bleed, bg)]
    x = f.m
    for i, (draw, _) in enumerate(parts):
        used, placed = draw(x, top + clear, fg, bg)
        elements += placed
        x += used
        if i < n - 1:
            x += clear
            if job.separator:
                elements.append(Line(x, top + clear, x, top + clear + content_h, max(f.min_size / 12, 0.2), fg))
            x += clear
    return elements, top


def _signature(f: Frame, sig: Signature, sh: float, slot: float):
    """Return a drawer for one signature and its height."""
    if sig.logo:
        w = min(slot, sh * sig.logo_aspect)
        h = w / sig.logo_aspect

        def draw_logo(x, y, fg, bg):
            return w, [Image(x, y, w, h, sig.logo)]

        return draw_logo, h
    title = f.block(sig.title, "label", f"assinatura.{sig.role}", slot, size=max(f.min_size, sh * 0.42))
    subtitle = f.block(sig.subtitle, "small", f"assinatura.{sig.role}", slot, size=max(f.min_size, sh * 0.2))
    gap = subtitle.size * 0.3

    def draw_text(x, y, fg, bg):
        placed = f.place(title, x, y, fg, bg) + f.place(subtitle, x, y + title.height + gap, fg, bg)
        return max(title.width(), subtitle.width()), placed

    return draw_text, title.height + gap + subtitle.height


def draft_band(f: Frame) -> tuple[list, float]:
    """Draw the RASCUNHO band at the top of a draft; return elements and its bottom."""
    if not f.job.draft:
        return [], f.m
    text = f.block("RASCUNHO — NÃO PUBLICAR", "kicker", "rascunho", f.w - 2 * f.m)
    bottom = f.m + text.height + f.m * 0.5
    fg, bg = f.job.paint("draft_text"), f.job.paint("draft")
    return [f.full_rect(-f.bleed, bottom, bg), *f.place(text, f.m, f.m, fg, bg)], bottom + f.m * 0.5


def stack(f: Frame, blocks: list[Block], x: float, y: float, fg: Paint, bg: Paint, gap: float) -> tuple[list, float]:
    """Place blocks one under another; return elements and the bottom edge."""
    out: list = []
    for block in blocks:
        if not block.lines:
            continue
        out += f.place(block, x, y, fg, bg)
        y += block.height + gap
    return out, y - gap if out else y


def stack_height(blocks: list[Block], gap: float) -> float:
    """Return the height of blocks stacked with gap between them."""
    present = [b for b in blocks if b.lines]
    return sum(b.height for b in present) + gap * max(0, len(present) - 1)


def qr_column(f: Frame, right: float, y: float, text_fg: Paint, text_bg: Paint) -> tuple[list, float, float]:
    """Place the QR code and its URL right-aligned; return elements, width and height."""
    q = 0.2 * f.base
    job = f.job
    url = f.block(job.short_url, "small", "url", f.w - 2 * f.m)
    url = replace(url, lines=tuple(wrap_url(job.short_url, url.font, url.size, f.w - 2 * f.m)), too_wide=0.0)
    size = url.size
    fg, bg = job.paint("footer_text"), job.paint("footer")
    modules = qr_modules(job.url)
    elements: list = [QR(right - q, y, q, modules, fg, bg)]
    elements += f.place(url, 0, y + q + size * 0.4, text_fg, text_bg, right=right)
    return elements, q, q + size * 0.4 + url.height


def fit(job: Job, compose, name: str) -> Page:
    """Compose a page at the largest scale at which every text fits (binary search), or raise FitError."""
    lo, hi = 0, len(SCALES) - 1
    best = None
    while lo <= hi:
        mid = (lo + hi) // 2
        elements, overflows = compose(Frame(job, SCALES[mid]))
        if overflows:
            lo = mid + 1
        else:
            best = elements
            hi = mid - 1
    if best is not None:
        return Page(name, tuple(best))
    raise FitError(compose(Frame(job, SCALES[-1]))[1])


def _width_overflows(blocks: list[Block], unit: str, page: str) -> list[Overflow]:
    """Report blocks holding a word wider than their column."""
    return [Overflow(b.field, b.too_wide, unit, page) for b in blocks if b.too_wide > 0]


@dataclass(frozen=True)
class _Action:
    """The call-to-action box and the local contacts, measured for one column width."""

    cta: list[Block]
    contacts: list[Block]
    pad: float
    gap: float

    @property
    def band_h(self) -> float:
        """Return the height of the call-to-action box."""
        return stack_height(self.cta, self.pad * 0.5) + 2 * self.pad


def _front(f: Frame) -> tuple[list, list[Overflow]]:
    """Compose the front page at one scale; return elements and any overflow."""
    job = f.job
    landscape = f.w > f.h * 1.3
    inner = f.w - 2 * f.m
    left_w, right_w = (inner * 0.56, inner * 0.38) if landscape else (inner, inner)
    fg, bg = job.paint("text"), job.paint("background")
    draft, top = draft_band(f)
    footer, footer_top = signature_band(f)
    gap = f.sizes["body"] * 0.9
    pad = f.sizes["cta"] * 0.6
    box_w = right_w - (2 * pad if landscape else 0)
    head = [
        f.block(job.campaign_title.upper(), "kicker", "title", left_w),
        f.block(job.headline, "headline", "texts.headline", left_w),
        f.block(job.body, "body", "texts.body", left_w),
    ]
    cta = [f.block(job.call_to_action, "cta", "texts.call_to_action", box_w)]
    if job.hotline:
        cta.append(f.block(job.hotline, "small", "hotline", box_w))
    qr = f.fmt.medium == "print"
    contacts = _contact_blocks(f, job.contacts, right_w - (0.2 * f.base + gap if qr else 0))
    action = _Action(cta, contacts, pad, gap)
    overflows = _width_overflows(head + cta + contacts, f.fmt.unit, "frente")
    bottom = footer_top - gap
    if landscape:
        panel, head_limit, over = _side_panel(f, action, f.m + inner * 0.62, right_w, top, bottom)
        if over > 0:
            overflows.append(Overflow("texts.call_to_action", over, f.fmt.unit, "frente"))
    else:
        panel, head_limit = _bottom_band(f, action, bottom, qr)
    head_elements, head_bottom = stack(f, head, f.m, top, fg, bg, gap)
    if head_bottom > head_limit:
        field = max(head[1:], key=lambda b: b.height).field
        overflows.append(Overflow(field, head_bottom - head_limit, f.fmt.unit, "frente"))
    background = Rect(-f.bleed, -f.bleed, f.w + 2 * f.bleed, f.h + 2 * f.bleed, bg)
    return [background, *panel, *head_elements, *footer, *draft], overflows


def _side_panel(f: Frame, a: _Action, x: float, w: float, top: float, bottom: float) -> tuple[list, float, float]:
    """Landscape: the action box and contacts in a right column; return elements, head limit, overflow."""
    job = f.job
    contacts_h = _contacts_height(f, a.contacts)
    panel_h = a.band_h + a.gap + contacts_h
    panel_top = max(top, (top + bottom - panel_h) / 2)
    acc = job.paint("accent")
    out: list = [Rect(x, panel_top, w, a.band_h, acc)]
    out += stack(f, a.cta, x + a.pad, panel_top + a.pad, job.paint("accent_text"), acc, a.pad * 0.5)[0]
    out += _place_contacts(f, a.contacts, x, panel_top + a.band_h + a.gap, job.paint("text"), job.paint("background"))
    return out, bottom, panel_top + panel_h - bottom


def _bottom_band(f: Frame, a: _Action, bottom: float, qr: bool) -> tuple[list, float]:
    """Portrait: a full-width action band above the contacts (and QR); return elements and head limit."""
    job = f.job
    fg, bg = job.paint("text"), job.paint("background")
    row_h = _contacts_height(f, a.contacts)
    qr_elements: list = []
    if qr:
        qr_elements, _, qr_h = qr_column(f, f.w - f.m, 0, fg, bg)
        row_h = max(row_h, qr_h)
    row_top = bottom - row_h
    band_top = row_top - a.gap - a.band_h
    acc = job.paint("accent")
    out: list = [f.full_rect(band_top, band_top + a.band_h, acc)]
    out += stack(f, a.cta, f.m, band_top + a.pad, job.paint("accent_text"), acc, a.pad * 0.5)[0]
    out += _place_contacts(f, a.contacts, f.m, row_top, fg, bg)
    out += [_shift(e, row_top) for e in qr_elements]
    return out, band_top - a.gap


def _shift(element, dy: float):
    """Move an element down by dy."""
    return replace(element, y=element.y + dy)


def _contact_blocks(f: Frame, contacts, width: float) -> list[Block]:
    """Return label and value blocks for each contact line."""
    out = []
    for contact in contacts:
        out.append(f.block(contact.label, "label", f"contato.{contact.kind}", width, size=f.sizes["small"]))
        out.append(f.block(contact.value, "small", f"contato.{contact.kind}", width))
    return out


def _contact_gap(f: Frame, index: int) -> float:
    """Return the gap after block index: small within a contact, wider between contacts."""
    return f.sizes["small"] * (0.15 if index % 2 == 0 else 0.6)


def _contacts_height(f: Frame, blocks: list[Block]) -> float:
    """Return the height _place_contacts will use."""
    return sum(b.height for b in blocks) + sum(_contact_gap(f, i) for i in range(len(blocks) - 1))


def _place_contacts(f: Frame, blocks: list[Block], x: float, y: float, fg: Paint, bg: Paint) -> list:
    """Stack contact blocks, with a wider gap between contacts than within one."""
    out: list = []
    for i, block in enumerate(blocks):
        out += f.place(block, x, y, fg, bg)
        y += block.height + _contact_gap(f, i)
    return out


def _back(f: Frame) -> tuple[list, list[Overflow]]:
    """Compose the back page at one scale; return elements and any overflow."""
    job, unit = f.job, f.fmt.unit
    inner = f.w - 2 * f.m
    light, dark = job.paint("footer"), job.paint("footer_text")
    elements: list = [Rect(-f.bleed, -f.bleed, f.w + 2 * f.bleed, f.h + 2 * f.bleed, light)]
    draft, top = draft_band(f)
    footer, footer_top = signature_band(f)
    gap = f.sizes["body"] * 0.8
    where = "no seu município" if job.municipality == "regional" else f"em {job.municipality_name}"
    heading = [
        f.block(job.campaign_title.upper(), "kicker", "title", inner),
        f.block(f"Onde procurar ajuda {where}", "headline", "verso.titulo", inner, size=f.sizes["cta"]),
    ]
    band_bottom = top + stack_height(heading, gap * 0.5) + f.m
    bg = job.paint("background")
    elements.append(f.full_rect(-f.bleed, band_bottom, bg))
    elements += stack(f, heading, f.m, top, job.paint("text"), bg, gap * 0.5)[0]
    contacts = _contact_blocks(f, job.all_contacts or job.contacts, inner)
    y = band_bottom + gap
    elements += _place_contacts(f, contacts, f.m, y, dark, light)
    y += _contacts_height(f, contacts) + gap
    cta = [f.block(job.call_to_action, "cta", "texts.call_to_action", inner)]
    if job.hotline:
        cta.append(f.block(job.hotline, "small", "hotline", inner))
    pad = f.sizes["cta"] * 0.6
    band_h = stack_height(cta, pad * 0.5) + 2 * pad
    acc = job.paint("accent")
    qr_elements, _, qr_h = qr_column(f, f.w - f.m, 0, dark, light)
    qr_top = footer_top - gap - qr_h
    band_top = qr_top - gap - band_h
    elements.append(f.full_rect(band_top, band_top + band_h, acc))
    elements += stack(f, cta, f.m, band_top + pad, job.paint("accent_text"), acc, pad * 0.5)[0]
    elements += [_shift(e, qr_top) for e in qr_elements]
    overflows = _width_overflows(heading + contacts + cta, unit, "verso")
    if y > band_top:
        overflows.append(Overflow("contatos do município", y - band_top, unit, "verso"))
    return elements + footer + draft, overflows


def layout(job: Job) -> Scene:
    """Lay out every page of a job into a Scene."""
    pages = [fit(job, _front, "frente")]
    if job.format.sides == 2:
        pages.append(fit(job, _back, "verso"))
    fmt = job.format
    title = f"{job.campaign_title} — {job.municipality_name} — {fmt.label}"
    return Scene(fmt.unit, fmt.width, fmt.height, fmt.bleed, tuple(pages), title)
