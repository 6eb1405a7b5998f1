"""One ZIP per municipality with every campaign of the build: "Baixar tudo de <município>" on its hub page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cimpskit.core import paths
from cimpskit.produce import bundle, cache
from cimpskit.produce.result import Piece


def plan_kits(
    groups: dict[tuple[str, str], list[Piece]], digests: dict[tuple[str, str], str], municipalities: list[str]
) -> dict[str, tuple[str, dict[str, list[Piece]]]]:
    """Gather each municipality's campaign ZIPs; return each kit's content key (from theirs) and pieces by campaign."""
    out = {}
    for slug in municipalities:
        own = {campaign: members for (campaign, muni), members in sorted(groups.items()) if muni == slug}
        if own:
            keys = [(campaign, digests[(campaign, slug)]) for campaign in own]
            out[slug] = (cache.content_key(cache.version("kits"), keys), own)
    return out


def guide(name: str, titles: dict[str, str]) -> str:
    """Return the kit's LEIA-ME in Portuguese: one folder per campaign, each organised like its own ZIP."""
    lines = [f"Materiais de todas as campanhas — {name}", ""]
    lines.append("Uma pasta por campanha, cada uma organizada como o pacote da campanha:")
    lines += [f"  {slug}/: {title}" for slug, title in titles.items()]
    lines += ["", "Dentro de cada pasta, o LEIA-ME.txt explica as partes (redes sociais e impressão)."]
    lines += ["", "SHA256SUMS: confira a integridade dos arquivos com `sha256sum -c SHA256SUMS`."]
    return "\n".join(lines) + "\n"


def draw(
    out: Path, slug: str, name: str, by_campaign: dict[str, list[Piece]], titles: dict[str, str], date: dt.date
) -> cache.Drawn:
    """Make one municipality's ZIP from the written files of its pieces, one folder per campaign."""
    files: dict[str, bytes] = {bundle.GUIDE: guide(name, {c: titles[c] for c in by_campaign}).encode()}
    for campaign, pieces in by_campaign.items():
        for member, path in bundle.members(pieces).items():
            files[f"{campaign}/{member}"] = (out / path).read_bytes()
        files[f"{campaign}/{bundle.GUIDE}"] = bundle.guide(f"{titles[campaign]} — {name}", pieces).encode()
    return {bundle.ZIP: (paths.kit(slug), bundle.make_zip(f"{slug}-campanhas", files, date))}
