"""Deterministic ZIP of one campaign × municipality: a top folder, social and print parts, a guide and checksums."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path, PurePosixPath

from cimpskit.core import paths
from cimpskit.core.paths import MANUAL
from cimpskit.produce import cache
from cimpskit.produce.result import Piece

SOCIAL, PRINT = "redes-sociais", "impressao"
SERIES, VIDEOS = f"{SOCIAL}/serie", f"{SOCIAL}/videos"
"""Where the series' pieces and the videos go inside the social part."""
GUIDE = "LEIA-ME.txt"
ZIP = "zip"
"""The role of a ZIP among the files its content key made."""


def sha256sums(files: dict[str, bytes]) -> bytes:
    """Return a SHA256SUMS file (sha256sum format) for the files."""
    lines = [f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items())]
    return "".join(lines).encode()


def make_zip(top: str, files: dict[str, bytes], date: dt.date) -> bytes:
    """Return a ZIP of files under one top folder, plus SHA256SUMS, with the given date and a fixed order."""
    members = dict(files)
    members["SHA256SUMS"] = sha256sums(files)
    stamp = (date.year, date.month, date.day, 12, 0, 0)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(members):
            info = zipfile.ZipInfo(f"{top}/{name}", stamp)
            info.external_attr = 0o644 << 16
            already_compressed = name.endswith((".png", ".webp", ".pdf", ".mp4"))
            info.compress_type = zipfile.ZIP_STORED if already_compressed else zipfile.ZIP_DEFLATED
            zf.writestr(info, members[name])
    return buf.getvalue()


def groups(pieces: list[Piece]) -> dict[tuple[str, str], list[Piece]]:
    """Group pieces by campaign × variant, in plan order (brand manual examples get no ZIP)."""
    out: dict[tuple[str, str], list[Piece]] = {}
    for piece in pieces:
        if piece.campaign != MANUAL:
            out.setdefault((piece.campaign, piece.municipality), []).append(piece)
    return out


def digest(date: dt.date, pieces: list[Piece]) -> str:
    """Return the content key of a ZIP: its date and every member's key and files (paths, which carry print
    versions, and digests)."""
    members = [(p.stem, p.digest, {role: (f.path, f.sha256) for role, f in p.files.items()}) for p in pieces]
    return cache.content_key(cache.version("bundles"), date, sorted(members))


def members(pieces: list[Piece]) -> dict[str, str]:
    """Map each member's name inside the top folder to its file: social files, print files of final pieces only."""
    out = {}
    for piece in pieces:
        if piece.medium == "print" and piece.preview:
            continue
        part = PRINT if piece.medium == "print" else SOCIAL
        if piece.series:
            part = VIDEOS if piece.series == "video" else SERIES
        for role, f in piece.files.items():
            if not role.startswith("preview"):
                out[f"{part}/{PurePosixPath(f.path).name}"] = f.path
    return out


def guide(title: str, pieces: list[Piece]) -> str:
    """Return the bundle's LEIA-ME in Portuguese: what each folder holds and, for a preview, why print is missing."""
    lines = [title, ""]
    lines.append(f"{SOCIAL}/: imagens PNG para redes sociais, legendas (.legenda.txt para o Instagram, .facebook.txt e")
    lines.append("  .whatsapp.txt) e textos alternativos (.alt.txt) para descrever cada imagem ao publicar.")
    if any(p.series and p.series != "video" for p in pieces):
        lines.append(f"{SERIES}/: a série da campanha (carrossel em cartões numerados, datas, contagem regressiva,")
        lines.append("  eventos e a moldura para foto de perfil, um PNG com o centro transparente), com legendas e")
        lines.append("  textos alternativos (uma linha por cartão).")
    if any(p.series == "video" for p in pieces):
        lines.append(f"{VIDEOS}/: vídeos MP4 sem som para Reels e status (9:16) e para o feed (4:5); os últimos")
        lines.append("  segundos mostram a peça completa. Acrescente uma música no aplicativo, se quiser.")
    if any(p.medium == "print" and not p.preview for p in pieces):
        lines.append(f"{PRINT}/: arquivos PDF/X-1a para a gráfica (sangria, marcas de corte, cores CMYK FOGRA39),")
        lines.append("  com a versão no nome (-v1, -v2…);")
        lines.append("  -sem-marcas.pdf: a mesma peça só com formato final + sangria, para quem monta a folha;")
        lines.append("  .ficha.pdf e .ficha.csv: a ficha técnica de cada item (papel, cores, acabamento, medidas,")
        lines.append("  quantidade, entrega, prazos e o SHA-256 de cada arquivo).")
    if any(p.preview for p in pieces):
        lines += [
            "",
            "PRÉVIA: os contatos deste município ainda não foram confirmados. As peças de tela levam a faixa",
            "'PRÉVIA — CONTATOS A CONFIRMAR'; os impressos são provas ('PROVA — NÃO IMPRIMIR', no site) e os",
            "arquivos de impressão não estão neste pacote. Assim que o município confirmar os dados ao consórcio,",
            "o pacote sai completo, sem a faixa.",
        ]
    lines += ["", "SHA256SUMS: confira a integridade dos arquivos com `sha256sum -c SHA256SUMS`."]
    return "\n".join(lines) + "\n"


def draw(out: Path, key: tuple[str, str], pieces: list[Piece], date: dt.date, title: str) -> cache.Drawn:
    """Make one campaign × variant ZIP from the written files of its pieces."""
    top = f"{key[0]}-{key[1]}"
    files = {name: (out / path).read_bytes() for name, path in members(pieces).items()}
    files[GUIDE] = guide(title, pieces).encode()
    return {ZIP: (paths.bundle(*key), make_zip(top, files, date))}
