"""Legibility of a laid-out scene: contrast of every drawn text against its background, and minimum sizes."""

from __future__ import annotations

from cimpskit.core.contrast import contrast, is_large, ratio_text, required_ratio
from cimpskit.layout.frame import LEGIBLE_AT
from cimpskit.layout.text import ink


def scene_problems(scene, min_text: float, medium: str) -> list[tuple[str, str]]:
    """Check every drawn text: contrast against its actual background and minimum size."""
    out = []
    pt_mm = 25.4 / 72
    for t in scene.texts():
        ratio = contrast(t.paint.hex, t.background.hex)
        need = required_ratio(is_large(t.size_pt, t.weight == "bold"))
        if ratio < need:
            limit = str(need).replace(".", ",").rstrip("0").rstrip(",")
            msg = (
                f"contraste {ratio_text(ratio)} entre '{t.paint.name}' e '{t.background.name}' "
                f"abaixo do mínimo {limit}:1"
            )
            out.append((t.field, msg))
        size = t.size / pt_mm if medium == "print" else t.size
        if size + 1e-6 < min_text:
            unit = "pt" if medium == "print" else "px"
            out.append((t.field, f"texto de {size:.1f} {unit} abaixo do mínimo de {min_text:g} {unit}"))
    return out


FAR_FIELDS = ("hotline", "texts.call_to_action", "contato")
"""Fields read from afar on a piece with a reading distance: the hero and the contacts."""
QUIET_FIELDS = FAR_FIELDS + ("assinatura", "canal", "url", "marca")
"""Fields that do not count towards a far piece's words: hero, contacts, signatures and the campaign mark."""
FAR_WORDS = 12
"""A piece read from afar carries at most this many words besides the hero, contacts and signatures."""


def cap_height(t) -> float:
    """Return the height of a text's capitals, in the scene's unit."""
    return ink("H", t.font, t.size)[0]


def min_cap(distance_m: float) -> float:
    """Return the smallest cap height, in mm, read at a distance in metres."""
    return distance_m * 1000 / LEGIBLE_AT


def far_problems(scene, distance_m: float) -> list[tuple[str, str]]:
    """Check a piece read from afar: hero and contacts with capitals tall enough, and few other words."""
    out = []
    need = min_cap(distance_m)
    for t in scene.texts():
        if t.field.startswith(FAR_FIELDS) and cap_height(t) + 1e-6 < need:
            msg = f"letras de {cap_height(t):.1f} mm de altura; lido a {distance_m:g} m pede {need:.1f} mm"
            out.append((t.field, msg.replace(".", ",")))
    words = [w for t in scene.texts() if not t.overlay and not t.field.startswith(QUIET_FIELDS) for w in t.text.split()]
    if len(words) > FAR_WORDS:
        msg = (
            f"a peça lida a {distance_m:g} m mostra {len(words)} palavras além do canal, dos contatos e das "
            f"assinaturas (o máximo é {FAR_WORDS}): encurte o título ou a marca"
        )
        out.append(("texts.headline", msg))
    return out
