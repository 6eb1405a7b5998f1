"""Municipal logos: decoded and verified once (format, integrity, pixel limit) before anything draws them."""

from __future__ import annotations

import hashlib
import io
import struct
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from cimpskit.core.errors import KitError
from cimpskit.inputs.sources import read_bytes

LOGO_DIR = "brand/logos"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 10_000_000
MAX_SIDE = 6000
"""Longest side accepted: enough for a 40 cm banner signature at 300 dpi, far below decompression bombs."""
MAX_PIXELS = 24_000_000
CONSORTIUM_LOGO = "@consorcio"
"""Key of the consortium's own logo among the project's logos (municipality slugs never start with @)."""


@dataclass(frozen=True)
class Logo:
    """A verified logo: its path in the repository, pixel size and content digest."""

    rel: str
    width: int
    height: int
    digest: str

    @property
    def aspect(self) -> float:
        """Return width over height."""
        return self.width / self.height


def inspect(root: Path, name: str) -> Logo | str:
    """Decode a logo named in brand/municipalities.yml; return it, or the Portuguese reason it is refused."""
    rel = f"{LOGO_DIR}/{name}"
    folder = (root / LOGO_DIR).absolute()
    path = (folder / name).absolute()
    if ".." in Path(name).parts or not path.is_relative_to(folder) or Path(name).is_absolute():
        return f"o logo deve ficar dentro de {LOGO_DIR}/: '{name}'"
    if not path.exists() and not path.is_symlink():
        return f"arquivo de logo não encontrado: {rel}"
    try:
        data = read_bytes(path, root, rel, MAX_BYTES)
    except KitError as exc:
        return f"logo {rel}: {exc.problems[0].message}"
    return _decode(rel, data)


def _decode(rel: str, data: bytes) -> Logo | str:
    """Check format, pixel size (from the PNG header, before decoding) and integrity of the logo bytes."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return f"o logo deve ser um arquivo PNG: {rel}"
    w, h = struct.unpack(">II", data[16:24])
    if max(w, h) > MAX_SIDE or w * h > MAX_PIXELS:
        msg = f"logo grande demais ({w}×{h} px; limite {MAX_SIDE} px no lado maior): exporte-o com até 3000 px: {rel}"
        return msg
    if min(w, h) < 1:
        return f"o PNG do logo está corrompido ou incompleto: exporte-o de novo: {rel}"
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return f"o PNG do logo está corrompido ou incompleto: exporte-o de novo: {rel}"
    return Logo(rel, w, h, hashlib.sha256(data).hexdigest())
