"""The stamp of a print proof: 'PROVA — NÃO IMPRIMIR', the reason and what is missing, across the page.

A print piece that cannot go to the shop yet (a draft, or a municipality whose contacts are not confirmed) is a
proof: its PDF is not PDF/X, has no bleed and no crop marks, and carries this stamp along the page's diagonal
from the upper left down (clear of the QR code at the lower left, so reviewers can still scan it). Every corner
of the stamp stays at least INSET inside the trim, so no trim or crop can cut it off.
"""

from __future__ import annotations

import math

from cimpskit.core import fonts
from cimpskit.core.scene import Scene, Stamp, StampLine
from cimpskit.layout.frame import PT_MM, Frame
from cimpskit.layout.text import protect, wrap

TITLE = "PROVA — NÃO IMPRIMIR"
INSET = 5.0
"""Every mark of a proof stays at least this far (mm) inside the trim."""
OPACITY = 0.88
"""The band lets a little of the piece show through: the proof is still read as the piece it is."""
LENGTH = 0.92
"""The band starts as long as this share of the page's diagonal, and shrinks until it fits inside the inset."""
SHRINK = 0.96
TRIES = 60
"""Shrink steps tried (down to about 9 % of the first length) before the stamp is reported as not fitting."""
PAD = 0.045
"""Padding inside the band, as a share of its length."""
SMALL_SHARE = 0.3
"""The reason and the list of what is missing, as a share of the title's size (never below the format's minimum)."""
NOTE = "Arquivo de conferência, sem sangria nem marcas de corte: o PDF/X para a gráfica sai quando isso for resolvido."


def reasons(f: Frame) -> tuple[str, str]:
    """Return why a piece is a proof and what is missing, in the words of the person who must act."""
    job = f.job
    why, missing = [], []
    if job.draft:
        why.append("campanha em rascunho, ainda não aprovada pela Câmara Técnica")
        missing.append("aprovação da Câmara Técnica (status: approved, com a reunião em approval)")
    pending = [c.label for c in job.contacts if not c.verified]
    if job.preview and pending:
        why.append(f"contatos de {job.municipality_name} ainda não confirmados pelo município")
        names = ", ".join(pending[:-1]) + (" e " if len(pending) > 1 else "") + pending[-1]
        missing.append(f"{job.municipality_name} confirmar {names}: telefone, endereço, horário e quem confirmou")
    return "Motivo: " + "; ".join(why) + ".", "Falta: " + "; ".join(missing) + "."


def _lines(f: Frame, width: float) -> tuple[list[StampLine], float]:
    """Set the stamp's lines for a band of this length; return them and the band's height."""
    job = f.job
    bold, regular = job.font("headline"), job.font("body")
    pad = PAD * width
    title = (width - 2 * pad) / fonts.width(TITLE, bold, 1.0)
    small = max(f.min_size, title * SMALL_SHARE)
    out, y = [], pad + fonts.ascent(bold, title)
    out.append(StampLine(TITLE, bold, title, y))
    y += fonts.descent(bold, title) + 0.5 * small
    for text in (*reasons(f), NOTE):
        lines, _ = wrap(protect(text, job.names), regular, small, width - 2 * pad, True)
        for line in lines:
            y += fonts.ascent(regular, small)
            out.append(StampLine(line, regular, small, y))
            y += fonts.descent(regular, small) + 0.2 * small
    return out, y - 0.2 * small + pad


def _inside(s: Stamp, width: float, height: float) -> bool:
    """Tell whether every corner of a stamp is at least INSET inside the trim."""
    return all(INSET <= x <= width - INSET and INSET <= y <= height - INSET for x, y in s.corners())


def stamp(f: Frame) -> list[Stamp]:
    """Return the proof stamp of a print piece that cannot be printed yet (nothing for a final piece)."""
    job, fmt = f.job, f.fmt
    if fmt.medium != "print" or not (job.draft or job.preview):
        return []
    angle = -math.degrees(math.atan2(fmt.height, fmt.width))  # top left to bottom right: clear of the QR code
    length = LENGTH * math.hypot(fmt.width, fmt.height)
    ink, ground = job.paint("draft"), job.paint("footer")
    for _ in range(TRIES):
        lines, height = _lines(f, length)
        s = Stamp(fmt.width / 2, fmt.height / 2, length, height, angle, tuple(lines), ink, ground, OPACITY, 0.8 * PT_MM)
        if _inside(s, fmt.width, fmt.height):
            break
        length *= SHRINK
    return [s]  # one that never fits is reported by stamp_problems


def stamp_problems(scene: Scene) -> list[tuple[str, str]]:
    """Prove that every proof stamp stays at least INSET inside the trim."""
    out = []
    for page in scene.pages:
        for e in page.elements:
            if isinstance(e, Stamp) and not _inside(e, scene.width, scene.height):
                out.append((e.field, f"a marca de prova sai da área a {INSET:g} mm do corte ({page.name})"))
    return out
