"""Deterministic ZIP bundles of one campaign × municipality, with a SHA256SUMS list."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path, PurePosixPath

from .plan import MANUAL
from .result import Bundle, OutFile, Piece

FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def sha256sums(files: dict[str, bytes]) -> bytes:
    """Return a SHA256SUMS file (sha256sum format) for the files."""
    lines = [f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items())]
    return "".join(lines).encode()


def make_zip(files: dict[str, bytes]) -> bytes:
    """Return a ZIP of files plus SHA256SUMS, with fixed dates and order."""
    members = dict(files)
    members["SHA256SUMS"] = sha256sums(files)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.external_attr = 0o644 << 16
            already_compressed = name.endswith((".png", ".webp", ".pdf"))
            info.compress_type = zipfile.ZIP_STORED if already_compressed else zipfile.ZIP_DEFLATED
            zf.writestr(info, members[name])
    return buf.getvalue()


def bundle_path(campaign: str, municipality: str) -> str:
    """Return where the ZIP of a campaign × municipality lives under the downloads folder."""
    return f"{campaign}/{municipality}/{campaign}-{municipality}.zip"


def plan_bundles(pieces: list[Piece]) -> dict[tuple[str, str], tuple[str, list[Piece]]]:
    """Group pieces by campaign × municipality; return each group's content digest and pieces."""
    groups: dict[tuple[str, str], list[Piece]] = {}
    for piece in pieces:
        if piece.campaign == MANUAL:
            continue
        groups.setdefault((piece.campaign, piece.municipality), []).append(piece)
    out = {}
    for key, members in groups.items():
        h = hashlib.sha256()
        for piece in sorted(members, key=lambda p: p.stem):
            h.update(f"{piece.stem}:{piece.digest}\n".encode())
        out[key] = (h.hexdigest(), members)
    return out


def members(pieces: list[Piece]) -> list[str]:
    """Return the files a bundle holds: everything but the site previews."""
    return sorted(f.path for p in pieces for role, f in p.files.items() if not role.startswith("preview"))


def build_bundle(out: Path, key: tuple[str, str], pieces: list[Piece]) -> tuple[Bundle, bytes]:
    """Make one bundle from the written files of its pieces."""
    files = {PurePosixPath(m).name: (out / m).read_bytes() for m in members(pieces)}
    data = make_zip(files)
    return Bundle(key[0], key[1], OutFile.of(bundle_path(*key), data)), data
