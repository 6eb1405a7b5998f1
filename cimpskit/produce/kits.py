"""One ZIP per municipality with every campaign of the build: "Baixar tudo de <município>" on its hub page."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from cimpskit.produce import bundle
from cimpskit.produce.result import Kit, OutFile, Piece

FOLDER = "municipios"
"""Where the municipality ZIPs live under the downloads folder (beside the campaign folders)."""
CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
"""This module's own digest: a change in how kits are made rebuilds them."""


def kit_path(municipality: str) -> str:
    """Return where the ZIP of a municipality lives under the downloads folder."""
    return f"{FOLDER}/{municipality}/{municipality}-todas-as-campanhas.zip"


def plan_kits(
    groups: dict[tuple[str, str], tuple[str, list[Piece]]], municipalities: list[str]
) -> dict[str, tuple[str, dict[str, list[Piece]]]]:
    """Gather each municipality's campaign bundles; return each kit's digest (from theirs) and pieces by campaign."""
    out = {}
    for slug in municipalities:
        own = {campaign: value for (campaign, muni), value in sorted(groups.items()) if muni == slug}
        if not own:
            continue
        h = hashlib.sha256(f"{CODE}\n{bundle.CODE}\n".encode())
        h.update("".join(f"{campaign}:{digest}\n" for campaign, (digest, _) in own.items()).encode())
        out[slug] = (h.hexdigest(), {campaign: members for campaign, (_, members) in own.items()})
    return out


def guide(name: str, titles: dict[str, str]) -> str:
    """Return the kit's LEIA-ME in Portuguese: one folder per campaign, each organised like its own ZIP."""
    lines = [f"Materiais de todas as campanhas — {name}", ""]
    lines.append("Uma pasta por campanha, cada uma organizada como o pacote da campanha:")
    lines += [f"  {slug}/: {title}" for slug, title in titles.items()]
    lines += ["", "Dentro de cada pasta, o LEIA-ME.txt explica as partes (redes sociais e impressão)."]
    lines += ["", "SHA256SUMS: confira a integridade dos arquivos com `sha256sum -c SHA256SUMS`."]
    return "\n".join(lines) + "\n"


def build_kit(
    out: Path, slug: str, name: str, by_campaign: dict[str, list[Piece]], titles: dict[str, str], date: dt.date
) -> tuple[Kit, bytes]:
    """Make one municipality's ZIP from the written files of its pieces, one folder per campaign."""
    files: dict[str, bytes] = {bundle.GUIDE: guide(name, {c: titles[c] for c in by_campaign}).encode()}
    for campaign, pieces in by_campaign.items():
        for member, path in bundle.members(pieces).items():
            files[f"{campaign}/{member}"] = (out / path).read_bytes()
        files[f"{campaign}/{bundle.GUIDE}"] = bundle.guide(f"{titles[campaign]} — {name}", pieces).encode()
    data = bundle.make_zip(f"{slug}-campanhas", files, date)
    return Kit(slug, OutFile.of(kit_path(slug), data), tuple(by_campaign)), data
