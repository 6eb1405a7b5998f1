"""Fixed lockups every variant shares in shape: signature, contacts, QR and URL, the hero, the marks."""

from __future__ import annotations

from dataclasses import replace

from cimpskit.core import qrcode
from cimpskit.core.scene import QR, Image, Line, Paint, Text
from cimpskit.layout.frame import Frame, stack, stack_height
from cimpskit.layout.text import Block
from cimpskit.plan.jobs import ContactLine, Job, Signature

SUBTITLE_LINE = 0.5
"""The municipality's secretariat stays on one line when that keeps its column within half the width."""
TITLE_RATIO = 1.25
"""Signature titles (municipality, consortium) are this much larger than small text."""
CLEAR = 1.1
"""Clear space on each side of the signature's divider, in spacing units."""
LOGO_MAX_ASPECT = 1.5
"""A coat of arms may be at most one and a half times as wide as its slot is tall."""
QR_SHARE = 0.1
"""A printed QR code's modules span a tenth of the page width, and never less than QR_SMALL_MM / QR_LARGE_MM."""
QR_SMALL_MM, QR_LARGE_MM, QR_LARGE_FROM_MM = 18.0, 22.0, 200.0
NO_BREAK_WIDTH = 1e9
SEPARATOR = "\u00a0· "
"""Between listed names: the dot stays at the end of a line, never at the start of the next."""


# Signature --------------------------------------------------------------------------------------------


def _title_size(f: Frame) -> float:
    """Return the size of signature titles."""
    return f._round(f.small * TITLE_RATIO)


def _logo_side(f: Frame) -> float:
    """Return the height of a coat of arms in the signature: as tall as the title and a line of small text."""
    return max(f.job.min_signature, (_title_size(f) + f.small * 1.25) * 1.2)


def _logo_box(f: Frame, sig: Signature) -> tuple[float, float]:
    """Return the logo's width and height: its slot's height, and at most LOGO_MAX_ASPECT times as wide."""
    side = _logo_side(f)
    width = side * min(sig.logo_aspect, LOGO_MAX_ASPECT)
    return width, width / sig.logo_aspect


def _municipal(job: Job) -> Signature | None:
    """Return the municipality's signature of a job, if it has one."""
    return next((s for s in job.signatures if s.role == "municipio"), None)


def name_column(f: Frame) -> float:
    """Return the width this variant's municipality column needs: coat of arms (if any) and the unbroken name."""
    sig = _municipal(f.job)
    if sig is None:
        return 0.0
    title = f.block(sig.title, "label", "assinatura.municipio", NO_BREAK_WIDTH, size=_title_size(f))
    subtitle = f.block(sig.subtitle, "small", "assinatura.municipio", NO_BREAK_WIDTH)
    logo = _logo_box(f, sig)[0] + f.unit if sig.logo else 0.0
    one_line = logo + max(title.width(), subtitle.width()) + f.small * 0.01
    return one_line if one_line <= SUBTITLE_LINE * f.inner else logo + title.width()


def _signature_blocks(f: Frame, sig: Signature, width: float) -> list[Block]:
    """Return the title and subtitle blocks of one signature."""
    field = f"assinatura.{sig.role}"
    return [
        f.block(sig.title, "label", field, width, size=_title_size(f)),
        f.block(_subtitle(f, sig, width), "small", field, width),
    ]


def _subtitle(f: Frame, sig: Signature, width: float) -> str:
    """Return a signature's subtitle: its decided lines, or one line on a landscape piece when that fits (a
    horizontal lockup keeps the signature band low; the consortium's channel follows a separator)."""
    lines = sig.subtitle.split("\n")
    if not f.fmt.landscape or len(lines) < 2:
        return sig.subtitle
    channel = f.job.regional.channel if f.job.regional else None
    joined = " ".join(lines[:-1]) + SEPARATOR + lines[-1] if lines[-1] == channel else " ".join(lines)
    fits = f.block(joined, "small", f"assinatura.{sig.role}", NO_BREAK_WIDTH).width() <= width
    return joined if fits else sig.subtitle


def signature_height(f: Frame, name_col: float) -> float:
    """Return the height of this variant's signature lockup."""
    heights = []
    for sig, _, width in _columns(f, name_col):
        blocks = _signature_blocks(f, sig, width)
        text_h = stack_height(blocks, f.small * 0.25)
        heights.append(max(text_h, _logo_side(f) if sig.logo else 0.0))
    return max(heights)


def _columns(f: Frame, name_col: float) -> list[tuple[Signature, float, float]]:
    """Return each signature with its x and text width: municipality column, divider, consortium."""
    clear = f.unit * CLEAR
    out, x = [], f.left
    for sig in f.job.signatures:
        if sig.role == "municipio":
            logo = _logo_box(f, sig)[0] + f.unit if sig.logo else 0.0
            out.append((sig, x, name_col - logo))
            x += name_col + 2 * clear
        else:
            out.append((sig, x, f.right - x))
    return out


def signature(f: Frame, name_col: float, y: float, height: float, fg: Paint, bg: Paint) -> list:
    """Draw the signature lockup with its top at y: the divider at the same x in every variant."""
    out: list = []
    clear = f.unit * CLEAR
    for sig, x, width in _columns(f, name_col):
        text_x = x
        if sig.logo:
            w, h = _logo_box(f, sig)
            out.append(Image(x, y + (_logo_side(f) - h) / 2, w, h, sig.logo, bg))
            text_x = x + w + f.unit
        out += stack(f, _signature_blocks(f, sig, width), text_x, y, fg, bg, f.small * 0.25)[0]
        if sig.role == "municipio" and f.job.separator and len(f.job.signatures) > 1:
            divider = x + name_col + clear
            out.append(Line(divider, y, divider, y + height, max(f.small / 14, 0.25 if f.fmt.unit == "mm" else 1), fg))
    return out


# Contacts ---------------------------------------------------------------------------------------------


def compact_value(contact: ContactLine, medium: str) -> str:
    """Return what a piece's front says under a contact's name: phone (or WhatsApp), and the address in print."""
    if not contact.verified:
        return "telefone a confirmar"
    parts = [contact.phone or (f"WhatsApp {contact.whatsapp}" if contact.whatsapp else "")]
    if medium == "print" and contact.address:
        parts.append(contact.address)
    return " · ".join(p for p in parts if p) or contact.address or ""


Row = tuple[Block | None, Block]
"""A contact row: the service's name in the label column and its details beside it (no label: full width)."""


def contact_size(f: Frame) -> float:
    """Return the size of the front's contact rows: larger when no national hotline leads the piece, because then
    the local phone is the number people need."""
    return f.small if f.job.hotline else f._round(f.small * LOCAL_LEAD)


LOCAL_LEAD = TITLE_RATIO
"""Without a national hotline, the front's local contacts are as large as the signature titles (never larger:
the municipality's name stays the heaviest line of the panel)."""


def label_column(f: Frame) -> float:
    """Return the width this variant's label column needs: its longest service name (or the consortium's)."""
    job = f.job
    labels = [] if job.regional else [c.service for c in job.contacts]
    size = contact_size(f)
    return max((f.block(t, "label", "contatos", NO_BREAK_WIDTH, size=size).width() for t in labels), default=0.0)


def contact_rows(f: Frame, label_col: float) -> list[Row]:
    """Return the front's contact rows (service, then phone, and the address in print), or the regional list."""
    job, width, size = f.job, f.inner - label_col - f.unit, contact_size(f)
    if job.regional:
        r = job.regional
        return [
            (None, f.block(r.heading, "label", "contato.regional", f.inner, size=size)),
            (None, f.block(SEPARATOR.join(r.municipalities), "small", "contato.regional", f.inner)),
        ]
    return [
        (
            f.block(c.service, "label", f"contato.{c.kind}", label_col, size=size),
            f.block(compact_value(c, f.fmt.medium), "small", f"contato.{c.kind}", width, size=size),
        )
        for c in job.contacts
    ]


def rows_height(f: Frame, rows: list[Row]) -> float:
    """Return the height of contact rows with a small gap between them."""
    if not rows:
        return 0.0
    return sum(max(a.height if a else 0.0, b.height) for a, b in rows) + ROW_GAP * f.small * (len(rows) - 1)


def place_rows(f: Frame, rows: list[Row], x: float, y: float, label_col: float, fg: Paint, bg: Paint) -> list:
    """Place contact rows: labels in their column, details beside them (or across the full width)."""
    out: list = []
    for a, b in rows:
        if a is not None:
            out += f.place(a, x, y, fg, bg)
            out += f.place(b, x + label_col + f.unit, y, fg, bg)
        else:
            out += f.place(b, x, y, fg, bg)
        y += max(a.height if a else 0.0, b.height) + ROW_GAP * f.small
    return out


ROW_GAP = 0.45
"""Gap between contact rows, in small-text sizes."""


def back_blocks(f: Frame, width: float) -> list[list[Block]]:
    """Return the back's contact cards as the hero of the page: name and phone large, the rest readable.

    The regional back lists the services, the seven municipalities and the consortium's channel instead.
    """
    job = f.job
    name, strong, detail = _back_sizes(f)
    if job.regional:
        r = job.regional
        return [
            [
                f.block(r.heading, "label", "contato.regional", width, size=strong),
                f.block(SEPARATOR.join(r.municipalities), "small", "contato.regional", width, size=detail),
            ],
            [f.block(r.channel, "label", "canal", width, size=detail)],
        ]
    cards = []
    for c in job.contacts:
        field = f"contato.{c.kind}"
        card = [f.block(c.label, "label", field, width, size=name)]
        if not c.verified:
            card.append(f.block("Telefone, endereço e horário a confirmar", "small", field, width, size=detail))
        else:
            calls = [f"Telefone {c.phone}" if c.phone else "", f"WhatsApp {c.whatsapp}" if c.whatsapp else ""]
            calls = [x for x in calls if x]
            if calls:
                card.append(f.block("\n".join(calls), "label", field, width, size=strong))
            rest = "\n".join(x for x in (c.address, c.hours, c.email) if x)
            if rest:
                card.append(f.block(rest, "small", field, width, size=detail))
        cards.append(card)
    return cards


def _back_sizes(f: Frame) -> tuple[float, float, float]:
    """Return the sizes of the back's contact names, phones and details (the page exists for them)."""
    detail = f._round(max(f.small, f.sizes["body"] * 0.8))
    return f._round(detail * 1.2), f._round(detail * 1.2), detail


def cards_height(f: Frame, cards: list[list[Block]]) -> float:
    """Return the height of the back's cards: lines of a card close together, a unit and a half between cards."""
    if not cards:
        return 0.0
    inner = sum(stack_height(card, f.small * 0.3) for card in cards)
    return inner + 1.5 * f.unit * (len(cards) - 1)


def place_cards(f: Frame, cards: list[list[Block]], x: float, y: float, fg: Paint, bg: Paint) -> list:
    """Place the back's cards one under another."""
    out: list = []
    for card in cards:
        placed, bottom = stack(f, card, x, y, fg, bg, f.small * 0.3)
        out += placed
        y = bottom + 1.5 * f.unit
    return out


def pairs_height(f: Frame, pairs: list[tuple[Block, Block]]) -> float:
    """Return the height of contact pairs stacked with a small gap inside a pair and a unit between pairs."""
    if not pairs:
        return 0.0
    return sum(a.height + f.small * 0.2 + b.height for a, b in pairs) + f.unit * (len(pairs) - 1)


def place_pairs(f: Frame, pairs: list[tuple[Block, Block]], x: float, y: float, fg: Paint, bg: Paint) -> list:
    """Place contact pairs one under another."""
    out: list = []
    for a, b in pairs:
        out += f.place(a, x, y, fg, bg)
        y += a.height + f.small * 0.2
        out += f.place(b, x, y, fg, bg)
        y += b.height + f.unit
    return out


# QR lockup --------------------------------------------------------------------------------------------

QR_CAPTION = "Aponte a câmera do celular ou acesse:"


def qr_visible(f: Frame) -> float:
    """Return the printed width of the code's modules: a tenth of the page, never below 18 mm (22 mm from A4)."""
    return max(QR_SMALL_MM if f.w < QR_LARGE_FROM_MM else QR_LARGE_MM, QR_SHARE * f.w)


def qr_side(f: Frame) -> float:
    """Return the printed size of this variant's QR code with its quiet zone (it depends on the URL's length)."""
    modules = qrcode.side(f.job.url)
    return qr_visible(f) * modules / (modules - 2 * qrcode.QUIET)


def qr_blocks(f: Frame) -> list[Block]:
    """Return the caption and the URL (one unbroken line) beside the QR code."""
    caption = f.block(QR_CAPTION, "small", "qr", NO_BREAK_WIDTH)
    url = f.block(f.job.short_url, "small", "url", NO_BREAK_WIDTH)
    return [caption, url]


def qr_row_width(f: Frame, side: float) -> float:
    """Return the width the QR row needs: the visible code, a gap and the longer of caption and URL."""
    quiet = side * qrcode.QUIET / qrcode.side(f.job.url)
    return side - quiet + f.unit + max(b.width() for b in qr_blocks(f))


def qr_row(f: Frame, y: float, side: float, fg: Paint, bg: Paint) -> list:
    """Draw the QR code with its modules on the text margin (the quiet zone reaches into the margin) and the
    caption and URL beside it, centred on the code."""
    quiet = side * qrcode.QUIET / qrcode.side(f.job.url)
    blocks = qr_blocks(f)
    out: list = [QR(f.left - quiet, y, side, f.job.url, fg, bg, quiet)]
    ty = y + (side - stack_height(blocks, QR_GAP * f.small)) / 2
    return out + stack(f, blocks, f.left + side - quiet + f.unit, ty, fg, bg, QR_GAP * f.small)[0]


QR_GAP = 0.3
"""Gap between the QR caption and the URL, in small-text sizes."""


# Hero -------------------------------------------------------------------------------------------------


def hero_blocks(f: Frame, width: float, note: bool = True) -> list[Block]:
    """Return the call to action and, when the campaign has one, the hotline as the largest text of the piece."""
    job = f.job
    if job.hotline is None:
        return [
            f.block(job.call_to_action, "hero", "texts.call_to_action", width, size=f.sizes["headline"], balance=True)
        ]
    blocks = [
        f.block(job.call_to_action, "cta", "texts.call_to_action", width, balance=True),
        f.block(job.hotline.name, "hero", "hotline", width),
    ]
    if job.hotline.note and note and not f.fmt.landscape:
        size = max(f.small, f.sizes["body"] * 0.85, NOTE_MIN_PT * 25.4 / 72 if f.fmt.medium == "print" else 0.0)
        on = (job.paint("accent_text"), job.paint("accent"))
        blocks.append(f.block(job.hotline.note, "small", "hotline", width, size=f._round(size), on=on))
    return blocks


NOTE_MIN_PT = 12
"""The hotline's note is reversed out of a dark band: never below 12 pt in print."""


def hero_gap(f: Frame) -> float:
    """Return the gap between the hero's lines."""
    return f.small * 0.35


# Marks ------------------------------------------------------------------------------------------------


MARK_BAND = 0.55
"""The RASCUNHO / PRÉVIA band's height as a share of the safe margin (it lives in the margin)."""


def mark(f: Frame) -> list:
    """Draw the RASCUNHO, PRÉVIA or EXEMPLO ERRADO band in the top margin (just under a platform's covered
    band, where the platform shows it): always visible, never over the piece's content."""
    job = f.job
    if not (job.draft or job.preview or not job.checks) or f.fmt.medium == "print":
        return []  # a print proof carries the diagonal stamp instead (layout.proof)
    if not job.checks:
        text, field = "EXEMPLO ERRADO — NÃO USAR", "exemplo"
    elif job.draft:
        text, field = "RASCUNHO — NÃO PUBLICAR", "rascunho"
    else:
        text, field = "PRÉVIA — CONTATOS A CONFIRMAR", "previa"
    fg, bg = job.paint("draft_text"), job.paint("draft")
    block = f.block(text, "label", field, NO_BREAK_WIDTH)
    zone = f.fmt.platform_zone
    top = zone.top if zone and zone.top else 0.0
    height = mark_height(f)
    y = top + (height - block.height) / 2
    texts = [_overlay(t) for t in f.place(block, f.left, y, fg, bg)]
    return [f.band(top if top else -f.bleed, top + height, bg), *texts]


def mark_height(f: Frame) -> float:
    """Return the height of the RASCUNHO / PRÉVIA band: it lives in the margin, and grows only to fit its line."""
    line = f.block("PRÉVIA", "label", "previa", NO_BREAK_WIDTH)
    return max(MARK_BAND * f.m, line.height + 0.5 * f.small)


def _overlay(t: Text) -> Text:
    """Mark a text as a margin overlay."""

    return replace(t, overlay=True)
