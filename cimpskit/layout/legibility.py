"""Legibility of a laid-out scene: contrast of every drawn text against its background, and minimum sizes."""

from __future__ import annotations

from cimpskit.core.contrast import contrast, is_large, ratio_text, required_ratio


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
