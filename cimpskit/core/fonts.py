"""The brand typeface, found by family name in an installed font package, and text measurement.

The kit draws with copies of the package's files whose zero is plain (cimpskit.plainzero), derived at first
use and cached under $XDG_CACHE_HOME/cimpskit/fonts (else ~/.cache/cimpskit/fonts) by the source bytes and that
module's code. A Typeface's paths are those copies, so digest() and every content key hash the bytes drawn.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont

from cimpskit.core import plainzero
from cimpskit.core.writer import write_atomic

REFERENCE_SIZE = 1000
WEIGHTS = {"regular": 400, "bold": 700}
FONT_SUFFIXES = (".ttf", ".otf")


class FontNotFound(LookupError):
    """The brand's font package or family is missing; the message is for editors (Portuguese)."""


@dataclass(frozen=True)
class Typeface:
    """The brand typeface: where it comes from and which file serves each weight."""

    family: str
    package: str
    files: tuple[tuple[str, str], ...]

    def path(self, weight: str) -> Path:
        """Return the font file of a weight ('regular' or 'bold')."""
        return Path(dict(self.files)[weight])


def package_dir(package: str) -> Path:
    """Return the folder of an installed Python package given its distribution name."""
    module_name = package.replace("-", "_")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        raise FontNotFound(
            f"o pacote de fonte '{package}' não está instalado: acrescente-o a requirements.in e requirements.lock"
        ) from None
    root = getattr(module, "ROOT", None)
    if root:
        return Path(root)
    if module.__file__ is None:
        raise FontNotFound(f"o pacote de fonte '{package}' não tem uma pasta própria com os arquivos da fonte")
    return Path(module.__file__).parent


def _describe(path: Path) -> tuple[str, int, bool]:
    """Return a font file's family name, weight class and whether it is italic."""
    font = TTFont(str(path), lazy=True)
    try:
        names = font["name"]
        family = names.getDebugName(16) or names.getDebugName(1) or ""
        os2 = font["OS/2"]
        return family, os2.usWeightClass, bool(os2.fsSelection & 1)
    finally:
        font.close()


@cache
def typeface(package: str, family: str) -> Typeface:
    """Find the upright regular and bold files of a family inside an installed font package."""
    folder = package_dir(package)
    found: dict[int, str] = {}
    families: set[str] = set()
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in FONT_SUFFIXES):
        name, weight, italic = _describe(path)
        families.add(name)
        if name == family and not italic:
            found.setdefault(weight, str(path))
    missing = [w for w, n in WEIGHTS.items() if n not in found]
    if family not in families:
        known = ", ".join(sorted(families)) or "nenhuma"
        raise FontNotFound(f"a família '{family}' não está no pacote '{package}' (famílias do pacote: {known})")
    if missing:
        raise FontNotFound(f"a família '{family}' não tem os pesos {' e '.join(missing)} no pacote '{package}'")
    return Typeface(family, package, tuple((w, drawn(found[n])) for w, n in WEIGHTS.items()))


def _cache_dir() -> Path:
    """Return the folder of derived fonts: $XDG_CACHE_HOME/cimpskit/fonts, else ~/.cache/cimpskit/fonts."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cimpskit" / "fonts"


@cache
def drawn(path: str) -> str:
    """Return the file the kit draws with for a font file: its plain-zero copy, derived once, then reused."""
    data = Path(path).read_bytes()
    folder = _cache_dir() / hashlib.sha256(plainzero.CODE.encode() + data).hexdigest()[:32]
    made = sorted(folder.glob("*" + Path(path).suffix))
    if made:
        return str(made[0])
    derived = plainzero.derive(data)
    target = folder / f"{plainzero.postscript_name(derived)}{Path(path).suffix}"
    write_atomic(target, derived)
    return str(target)


@cache
def _reference(path: str) -> ImageFont.FreeTypeFont:
    """Load a font at the reference size, with basic layout to match PDF advances."""
    return ImageFont.truetype(path, REFERENCE_SIZE, layout_engine=ImageFont.Layout.BASIC)


@cache
def pil_font(path: str, size: float) -> ImageFont.FreeTypeFont:
    """Return a Pillow font of the given pixel size."""
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=65536)
def _reference_width(text: str, path: str) -> float:
    """Return the advance width of text at the reference size (widths scale linearly)."""
    return _reference(path).getlength(text)


def width(text: str, path: str, size: float) -> float:
    """Return the advance width of text at size, in the same unit as size."""
    return _reference_width(text, path) * size / REFERENCE_SIZE


@cache
def _metrics(path: str) -> tuple[int, int]:
    """Return ascent and descent at the reference size."""
    return _reference(path).getmetrics()


def ascent(path: str, size: float) -> float:
    """Return the font ascent at size, in the same unit as size."""
    return _metrics(path)[0] * size / REFERENCE_SIZE


def descent(path: str, size: float) -> float:
    """Return the font descent at size, in the same unit as size."""
    return _metrics(path)[1] * size / REFERENCE_SIZE


@cache
def coverage(path: str) -> frozenset[int]:
    """Return the code points a font file has glyphs for (its character map)."""
    font = TTFont(path, lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


def missing(text: str, path: str) -> list[str]:
    """Return the characters of text (in order, once each) that the font cannot draw; line breaks are fine."""
    have = coverage(path)
    out: list[str] = []
    for ch in text:
        if ord(ch) not in have and ch not in "\n\r\t" and ch not in out:
            out.append(ch)
    return out


@cache
def digest(face: Typeface) -> str:
    """Return a digest of the typeface's font bytes, for cache keys."""
    h = hashlib.sha256()
    for weight, path in face.files:
        h.update(weight.encode())
        h.update(Path(path).read_bytes())
    return h.hexdigest()
