"""Fixed lockups every variant shares in shape: signature, contacts, QR and URL, the hero, the marks."""

from __future__ import annotations

from dataclasses import replace

from cimpskit.core import qrcode
from cimpskit.core.scene import LIST_FIELDS, QR, Image, Line, Paint, Rect, Text
from cimpskit.layout.frame import TYPE_SCALE, Frame, stack, stack_height
from cimpskit.layout.text import Block, wrap_list
from cimpskit.plan.jobs import ContactLine, Job, Signature

SUBTITLE_LINE = 0.5
"""The municipality's secretariat stays on one line when that keeps its column within half the width."""
TITLE_RATIO = 1.25
"""Signature titles (municipality, consortium) are this much larger than small text."""
CLEAR = 0.8
"""Clear space on each side of the signature's divider, in spacing units."""
LOGO_MAX_ASPECT = 1.5
"""A coat of arms may be at most one and a half times as wide as its slot is tall."""
QR_SHARE = 0.1
"""A printed QR code's modules span a tenth of the page width, and never less than QR_SMALL_MM / QR_LARGE_MM."""
QR_SMALL_MM, QR_LARGE_MM, QR_LARGE_FROM_MM = 18.0, 22.0, 200.0
NO_BREAK_WIDTH = 1e9


# Signature: the logo bar ------------------------------------------------------------------------------


LIST_LINES = 2
"""The regional logo bar lists the municipalities when they fit in this many lines, else it says how many."""
LIST_FIELD, REGIONAL_FIELD = LIST_FIELDS
"""The logo bar's list of municipalities; the regional contacts (their heading and their list)."""


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


def _logo_room(f: Frame, sig: Signature) -> float:
    """Return the width a signature's logo takes with its clear space (0 without a logo file)."""
    if not sig.logo:
        return 0.0
    clear = max(f.unit, f.job.clear_space * _logo_side(f))
    return _logo_box(f, sig)[0] + clear


def first(job: Job) -> Signature:
    """Return the signature of the logo bar's first column: the municipality's, or the consortium's (regional)."""
    return next((s for s in job.signatures if s.role == "municipio"), job.signatures[0])


def title(f: Frame, sig: Signature) -> str:
    """Return the title a signature shows: its name, or its short name when the name would not fit its column."""
    limit = NAME_COLUMN_MAX * (f.sig_right - f.sig_left) - _logo_room(f, sig)
    if sig.short_title and _text_width(f, sig.title, _title_size(f)) > limit:
        return sig.short_title
    return sig.title


NAME_COLUMN_MAX = 0.6
"""The first column of the logo bar may take at most this share of the text width."""


def _text_width(f: Frame, text: str, size: float) -> float:
    """Return the width of an unbroken bold label."""
    return f.block(text, "label", "assinatura", NO_BREAK_WIDTH, size=size).width()


def name_column(f: Frame) -> float:
    """Return the width this variant's first column needs: logo (if any) and the unbroken title, with the subtitle
    on one line when that keeps the column within SUBTITLE_LINE of the width."""
    sig = first(f.job)
    head = f.block(title(f, sig), "label", f"assinatura.{sig.role}", NO_BREAK_WIDTH, size=_title_size(f))
    lines = sig.subtitle.split("\n")
    subtitle = max(f.block(line, "small", "assinatura", NO_BREAK_WIDTH).width() for line in lines)
    logo = _logo_room(f, sig)
    one_line = logo + max(head.width(), subtitle) + f.small * 0.01
    if one_line <= SUBTITLE_LINE * (f.sig_right - f.sig_left) or len(lines) > 1:
        return one_line
    return logo + max(head.width(), _two_lines(f, sig.subtitle)) + f.small * 0.01


def _two_lines(f: Frame, text: str) -> float:
    """Return the width at which text breaks into two balanced lines (a secretariat's name under its city)."""
    width = f.block(text, "small", "assinatura", NO_BREAK_WIDTH).width() / 2
    while len(f.block(text, "small", "assinatura", width, balance=True).lines) > 2:
        width += f.small / 2
    return f.block(text, "small", "assinatura", width, balance=True).width()


def _signature_blocks(f: Frame, sig: Signature, width: float) -> list[Block]:
    """Return the title and subtitle blocks of one signature."""
    field = f"assinatura.{sig.role}"
    return [
        f.block(title(f, sig), "label", field, width, size=_title_size(f)),
        f.block(_subtitle(f, sig, width), "small", field, width),
    ]


def _subtitle(f: Frame, sig: Signature, width: float) -> str:
    """Return a signature's subtitle: its decided lines, or one line on a landscape piece when that fits (a
    horizontal lockup keeps the signature band low)."""
    lines = sig.subtitle.split("\n")
    if not f.fmt.landscape or len(lines) < 2:
        return sig.subtitle
    joined = " ".join(lines)
    fits = f.block(joined, "small", f"assinatura.{sig.role}", NO_BREAK_WIDTH).width() <= width
    return joined if fits else sig.subtitle


def _list_blocks(f: Frame, width: float) -> list[Block]:
    """Return the regional logo bar's second column: the municipalities (or how many they are) and the channel."""
    r = f.job.regional
    if r is None:
        return []
    lines, too_wide = wrap_list(r.municipalities, f.job.font("small"), f.small, width)
    if too_wide > 0 or len(lines) > LIST_LINES:
        names = f.block(r.summary[0].upper() + r.summary[1:], "small", LIST_FIELD, width)
    else:
        names = list_block(f, r.municipalities, LIST_FIELD, width, f.small)
    return [names, f.block(r.channel, "small", "canal", width)]


def uses_summary(f: Frame, width: float) -> bool:
    """Tell whether the regional logo bar says how many municipalities there are instead of naming them."""
    return _list_blocks(f, width)[0].lines[0].startswith("Os ")


def _column_blocks(f: Frame, column: tuple[Signature | None, float, float]) -> list[Block]:
    """Return the blocks of one logo-bar column (a signature, or the regional list when sig is None)."""
    sig, _, width = column
    if sig is None:
        return _list_blocks(f, width)
    return _signature_blocks(f, sig, width)


def signature_height(f: Frame, name_col: float) -> float:
    """Return the height of this variant's logo bar."""
    heights = []
    for column in _columns(f, name_col):
        text_h = stack_height(_column_blocks(f, column), f.small * 0.25)
        heights.append(max(text_h, _logo_side(f) if column[0] is not None and column[0].logo else 0.0))
    return max(heights)


def _columns(f: Frame, name_col: float) -> list[tuple[Signature | None, float, float]]:
    """Return the logo bar's columns with their x and text width: the first signature, the divider, then the
    consortium (municipal variants) or the list of municipalities (regional, where the first is the consortium)."""
    clear = f.unit * CLEAR
    lead = first(f.job)
    out: list[tuple[Signature | None, float, float]] = [(lead, f.sig_left, name_col - _logo_room(f, lead))]
    x = f.sig_left + name_col + 2 * clear
    second = next((s for s in f.job.signatures if s is not lead), None)
    out.append((second, x, f.sig_right - x))
    return out


def signature(f: Frame, name_col: float, y: float, height: float, fg: Paint, bg: Paint) -> list:
    """Draw the logo bar with its top at y: the divider at the same x in every variant, logos only where their
    files exist (never an invented mark), each with its clear space."""
    out: list = []
    clear = f.unit * CLEAR
    for index, column in enumerate(_columns(f, name_col)):
        sig, x, _ = column
        text_x = x
        if sig is not None and sig.logo:
            w, h = _logo_box(f, sig)
            out.append(Image(x, y + (_logo_side(f) - h) / 2, w, h, sig.logo, bg))
            text_x = x + _logo_room(f, sig)
        out += stack(f, _column_blocks(f, column), text_x, y, fg, bg, f.small * 0.25)[0]
        if index == 0 and f.job.separator:
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
    return max(f.far, f.small if f.job.hotline else f._round(f.small * LOCAL_LEAD))


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
        # The logo bar names the municipalities: the contacts say where to go in each of them.
        return [(None, f.block(job.regional.heading, "label", REGIONAL_FIELD, f.inner, size=size))]
    return [
        (
            f.block(c.service, "label", f"contato.{c.kind}", label_col, size=size),
            f.block(compact_value(c, f.fmt.medium), "small", f"contato.{c.kind}", width, size=size),
        )
        for c in job.contacts
    ]


def list_block(f: Frame, items: tuple[str, ...], field: str, width: float, size: float) -> Block:
    """Return a list of names as a block broken between names (no separator at a line's end)."""
    font = f.job.font("small")
    lines, too_wide = wrap_list(items, font, size, width)
    return Block(lines, font, f.job.weight("small"), size, size * f.job.line_height("small"), field, too_wide)


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
    name, strong, detail = back_sizes(f)
    if job.regional:
        r = job.regional
        return [
            [
                f.block(r.heading, "label", REGIONAL_FIELD, width, size=strong),
                list_block(f, r.municipalities, REGIONAL_FIELD, width, detail),
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


def back_sizes(f: Frame) -> tuple[float, float, float]:
    """Return the sizes of the back's contact names, phones and details (the page exists for them): the standard
    body size boosted, whatever the front's type scale (the back's room is decided once, for every variant)."""
    detail = f._round(max(f.small, TYPE_SCALE["body"] * f.base * 0.8) * f.boost)
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
        blocks.append(f.block(job.hotline.note, "small", "hotline.note", width, size=f._round(size), on=on))
    return blocks


NOTE_MIN_PT = 12
"""The hotline's note is reversed out of a dark band: never below 12 pt in print."""


def hero_gap(f: Frame) -> float:
    """Return the gap between the hero's lines."""
    return f.small * 0.35


# Marks ------------------------------------------------------------------------------------------------


MARK_BAND = 0.55
"""The RASCUNHO / PRÉVIA band's height as a share of the safe margin (it lives in the margin)."""


def mark(f: Frame, x0: float | None = None) -> list:
    """Draw the RASCUNHO, PRÉVIA or EXEMPLO ERRADO band in the top margin (just under a platform's covered
    band, where the platform shows it): always visible, never over the piece's content (from x0 to the right edge
    when the key visual takes the page's top left corner)."""
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
    if x0 is None:
        texts = [_overlay(t) for t in f.place(block, f.left, y, fg, bg)]
        return [f.band(top if top else -f.bleed, top + height, bg), *texts]
    texts = [_overlay(t) for t in f.place(block, x0 + f.unit / 2, y, fg, bg)]
    y0 = top if top else -f.bleed
    return [Rect(x0, y0, f.w + f.bleed - x0, top + height - y0, bg), *texts]


def mark_height(f: Frame) -> float:
    """Return the height of the RASCUNHO / PRÉVIA band: it lives in the margin, and grows only to fit its line."""
    line = f.block("PRÉVIA", "label", "previa", NO_BREAK_WIDTH)
    return max(MARK_BAND * f.m, line.height + 0.5 * f.small)


def _overlay(t: Text) -> Text:
    """Mark a text as a margin overlay."""

    return replace(t, overlay=True)
