"""Characters the brand font cannot draw (read from the font's character map), found before any layout."""

from __future__ import annotations

from cimpskit.core import fonts
from cimpskit.core.errors import Problem
from cimpskit.inputs.model import Campaign
from cimpskit.inputs.project import Loaded, Project

CAMPAIGN_TEXT_FIELDS = {
    "title": ("title",),
    "texts.kicker": ("texts", "kicker"),
    "texts.headline": ("texts", "headline"),
    "texts.body": ("texts", "body"),
    "texts.call_to_action": ("texts", "call_to_action"),
}


def campaign_problems(project: Project, loaded: Loaded[Campaign]) -> list[Problem]:
    """Report characters of a campaign's texts that the brand font cannot draw."""
    face = project.typeface
    c = loaded.model
    texts = {loc: _get(c, loc) or "" for loc in CAMPAIGN_TEXT_FIELDS.values()}
    if c.hotline:
        texts |= {("hotline", "name"): c.hotline.name, ("hotline", "note"): c.hotline.note or ""}
    for i, card in enumerate(c.carousel):
        texts |= {("carousel", i, "title"): card.title, ("carousel", i, "text"): card.text}
    for i, event in enumerate(c.events):
        texts |= {("events", i, "title"): event.title, ("events", i, "place"): event.place}
    return [p for loc, text in texts.items() for p in _glyphs(loaded.doc, loc, text, face)]


def municipality_problems(project: Project) -> list[Problem]:
    """Report characters of municipal names and contacts that the brand font cannot draw."""
    loaded, out = project.municipalities, []
    for i, m in enumerate(loaded.model.municipalities):
        out += _glyphs(loaded.doc, ("municipalities", i, "name"), m.name, project.typeface)
        out += _glyphs(loaded.doc, ("municipalities", i, "secretariat"), m.secretariat, project.typeface)
        for j, ct in enumerate(m.contacts):
            for key in ("name", "phone", "address"):
                value = getattr(ct, key) or ""
                out += _glyphs(loaded.doc, ("municipalities", i, "contacts", j, key), value, project.typeface)
        out += _delivery(loaded.doc, ("municipalities", i, "delivery"), m.delivery, project.typeface)
    return out


def brand_problems(project: Project) -> list[Problem]:
    """Report characters of the consortium's delivery address that the brand font cannot draw (ficha técnica)."""
    return _delivery(project.brand.doc, ("delivery",), project.brand.model.delivery, project.typeface)


def _delivery(doc, loc: tuple, delivery, face: fonts.Typeface) -> list[Problem]:
    """Report characters of a delivery address, contact and hours that the brand font cannot draw."""
    if delivery is None:
        return []
    fields = {key: getattr(delivery, key) or "" for key in ("address", "contact", "hours")}
    return [p for key, text in fields.items() for p in _glyphs(doc, (*loc, key), text, face)]


def _get(obj, loc: tuple) -> str:
    """Return the value at a key path of a model."""
    for key in loc:
        obj = getattr(obj, key)
    return obj


def _glyphs(doc, loc: tuple, text: str, face: fonts.Typeface) -> list[Problem]:
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
