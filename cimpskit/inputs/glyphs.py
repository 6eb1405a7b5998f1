"""Characters the brand font cannot draw (read from the font's character map), found before any layout."""

from __future__ import annotations

from cimpskit.core import fonts
from cimpskit.core.errors import Problem
from cimpskit.inputs.model import Ata, Brand, Campaign, Municipality, MunicipalityList
from cimpskit.inputs.project import Loaded, Project
from cimpskit.inputs.sources import Document, Loc

CAMPAIGN_TEXT_FIELDS = {
    "title": ("title",),
    "texts.kicker": ("texts", "kicker"),
    "texts.headline": ("texts", "headline"),
    "texts.body": ("texts", "body"),
    "texts.call_to_action": ("texts", "call_to_action"),
    "hotline.note": ("hotline", "note"),
    "texts.key_line": ("texts", "key_line"),
    "mark.name": ("mark", "name"),
    "mark.line": ("mark", "line"),
}
"""Campaign texts a piece sets by its own field name, and where each is in the campaign file."""


def campaign_problems(project: Project, loaded: Loaded[Campaign]) -> list[Problem]:
    """Report characters of a campaign's texts that the brand font cannot draw."""
    c = loaded.model
    texts: dict[Loc, str] = {
        ("title",): c.title,
        ("texts", "kicker"): c.texts.kicker or "",
        ("texts", "headline"): c.texts.headline,
        ("texts", "body"): c.texts.body,
        ("texts", "call_to_action"): c.texts.call_to_action,
        ("texts", "key_line"): c.texts.key_line or "",
        ("mark", "name"): c.mark.name or "",
        ("mark", "line"): c.mark.line or "",
    }
    if c.hotline:
        texts |= {("hotline", "name"): c.hotline.name, ("hotline", "note"): c.hotline.note or ""}
    for i, card in enumerate(c.carousel):
        texts |= {("carousel", i, "title"): card.title, ("carousel", i, "text"): card.text}
    for i, event in enumerate(c.events):
        texts |= {("events", i, "title"): event.title, ("events", i, "place"): event.place}
    return [p for loc, text in texts.items() for p in _glyphs(loaded.doc, loc, text, project.typeface)]


def municipality_problems(loaded: Loaded[MunicipalityList], face: fonts.Typeface) -> list[Problem]:
    """Report characters of municipal names and contacts that the brand font cannot draw."""
    out: list[Problem] = []
    for i, m in enumerate(loaded.model.municipalities):
        out += _glyphs(loaded.doc, ("municipalities", i, "name"), m.name, face)
        out += _glyphs(loaded.doc, ("municipalities", i, "secretariat"), m.secretariat, face)
        for j, ct in enumerate(m.contacts):
            for key, value in (("name", ct.name), ("phone", ct.phone), ("address", ct.address)):
                out += _glyphs(loaded.doc, ("municipalities", i, "contacts", j, key), value or "", face)
        out += _delivery(loaded.doc, ("municipalities", i), m, face)
    return out


def brand_problems(brand: Loaded[Brand], face: fonts.Typeface) -> list[Problem]:
    """Report characters of the consortium's buyer and delivery addresses that the brand font cannot draw."""
    return _delivery(brand.doc, (), brand.model, face)


def ata_problems(loaded: Loaded[Ata], face: fonts.Typeface) -> list[Problem]:
    """Report characters of an ata's purchase data that the brand font cannot draw (order sheet and fichas)."""
    p = loaded.model.purchase
    if p is None:
        return []
    texts: dict[Loc, str | None] = {
        ("purchase", "ata_number"): p.ata_number,
        ("purchase", "process_number"): p.process_number,
        ("purchase", "supplier", "name"): p.supplier.name,
        ("purchase", "technical_contact", "name"): p.technical_contact.name,
        ("purchase", "technical_contact", "phone"): p.technical_contact.phone,
        ("purchase", "technical_contact", "email"): p.technical_contact.email,
        ("purchase", "packing"): p.packing,
    }
    texts |= {("purchase", "empenhos", slug): number for slug, number in p.empenhos.items()}
    return [q for loc, text in texts.items() for q in _glyphs(loaded.doc, loc, text or "", face)]


def _delivery(doc: Document, loc: Loc, owner: Brand | Municipality, face: fonts.Typeface) -> list[Problem]:
    """Report characters of a buyer's name and of delivery addresses, contacts and hours the brand font lacks."""
    out = _glyphs(doc, (*loc, "buyer", "name"), owner.buyer.name or "", face)
    for j, point in enumerate(owner.delivery):
        fields = {"address": point.address, "contact": point.contact or "", "hours": point.hours or ""}
        for key, text in fields.items():
            out += _glyphs(doc, (*loc, "delivery", j, key), text, face)
    return out


def _glyphs(doc: Document, loc: Loc, text: str, face: fonts.Typeface) -> list[Problem]:
    """Report the characters of one text missing from any weight of the typeface."""
    lacking: list[str] = []
    for _, path in face.files:
        lacking += [ch for ch in fonts.missing(text, path) if ch not in lacking]
    if not lacking:
        return []
    shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in lacking)
    one = len(lacking) == 1
    msg = (
        f"a fonte {face.family} não tem {'o caractere' if one else 'os caracteres'} {shown}: "
        f"{'ele sairia' if one else 'eles sairiam'} como um quadrado vazio; apague ou troque por texto "
        "(emojis e símbolos não são impressos)"
    )
    return [doc.problem(loc, msg)]
