"""Pull-request review: which pieces a change touches (by content digest), in a Markdown summary with sheets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cimpskit.core.errors import Problem
from cimpskit.core.paths import MANUAL
from cimpskit.inputs.project import Project
from cimpskit.produce import pending
from cimpskit.produce.cache import Manifest

Key = tuple[str, str, str]
"""A piece as (campaign, format, municipality)."""


@dataclass(frozen=True)
class Changes:
    """Pieces added, changed and removed between two builds."""

    added: tuple[Key, ...]
    changed: tuple[Key, ...]
    removed: tuple[Key, ...]
    labels: dict[str, str] = field(default_factory=dict)
    """The names of the series' pieces and videos for people, by piece name (formats have their own)."""

    @property
    def campaigns(self) -> tuple[str, ...]:
        """Return the campaigns whose pieces changed, in name order."""
        return tuple(sorted({k[0] for k in self.added + self.changed + self.removed}))


def _keys(manifest: Manifest) -> dict[Key, str]:
    """Return every piece's key and content digest (brand manual examples left out)."""
    return {(p.campaign, p.format, p.municipality): p.digest for p in manifest.pieces.values() if p.campaign != MANUAL}


def compare(base: Manifest, head: Manifest) -> Changes:
    """Compare two builds' manifests: a piece changed when its content digest did."""
    old, new = _keys(base), _keys(head)
    pieces = [*base.pieces.values(), *head.pieces.values()]
    return Changes(
        tuple(sorted(set(new) - set(old))),
        tuple(sorted(k for k in set(new) & set(old) if new[k] != old[k])),
        tuple(sorted(set(old) - set(new))),
        {p.format: p.label for p in pieces if p.series},
    )


def _by_format(
    project: Project, changes: Changes, keys: tuple[Key, ...], campaign: str, names: dict[str, str]
) -> list[str]:
    """Describe a campaign's pieces per format: 'Cartaz A3 (Jarinu, Vinhedo)' or 'Cartaz A3 (8 versões)'."""
    labels = {f.name: f.label for f in project.formats.model.formats} | changes.labels
    groups: dict[str, list[str]] = {}
    for c, fmt, muni in keys:
        if c == campaign:
            groups.setdefault(fmt, []).append(names.get(muni, muni))
    every = len(names)
    out = []
    for fmt, munis in groups.items():
        which = f"{len(munis)} versões" if len(munis) == every else ", ".join(munis)
        out.append(f"{labels.get(fmt, fmt)} ({which})")
    return out


def summary(project: Project, changes: Changes, problems: list[Problem], today: dt.date, sheets: dict[str, str]) -> str:
    """Return the job summary in Markdown: changed campaigns and pieces, check results, pending items, sheets."""
    titles = {c.model.slug: c.model.title for c in project.campaigns}
    names = {m.slug: m.name for m in project.municipalities.model.municipalities}
    versions = {**names, "regional": "regional"}
    lines = ["# Revisão das peças", ""]
    errors = [p for p in problems if p.severity == "error"]
    if problems:
        lines += [f"**Conferência:** {len(errors)} erro(s) e {len(problems) - len(errors)} aviso(s):", ""]
        lines += [f"- `{p.path}:{p.line}:{p.col}` {p.message}" for p in problems] + [""]
    else:
        lines += ["**Conferência:** texto que cabe, contraste, tamanhos, geometria e dados: tudo certo.", ""]
    if not changes.campaigns:
        lines += ["Nenhuma peça mudou em relação ao ramo de base.", ""]
    board = pending.items(project, [c.model for c in project.campaigns if c.model.status == "approved"], today)
    for slug in changes.campaigns:
        lines += [f"## {titles.get(slug, slug)}", ""]
        for label, keys in (("Novas", changes.added), ("Alteradas", changes.changed), ("Removidas", changes.removed)):
            found = _by_format(project, changes, keys, slug, versions)
            if found:
                count = sum(1 for k in keys if k[0] == slug)
                lines += [f"**{label} ({count}):** " + "; ".join(found), ""]
        if slug in sheets:
            lines += [f"Folha de contato: `{sheets[slug]}` (nos artefatos desta execução).", ""]
        touching = [i for i in board if i.campaign == titles.get(slug)]
        if touching:
            lines += [f"**Pendências que afetam esta campanha ({len(touching)}):**", ""]
            owners = pending.board_names(project)
            lines += [f"- {owners[i.municipality]}: {pending.KINDS[i.kind]}: {i.what}" for i in touching] + [""]
    return "\n".join(lines) + "\n"
