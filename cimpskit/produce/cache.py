"""Content keys of every output and the manifest that remembers which key produced which files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from cimpskit.core import fonts
from cimpskit.produce.result import Piece

MANIFEST = ".manifest.json"
CODE_DIR = Path(__file__).resolve().parent.parent
# Code that shapes an asset's bytes; site, CLI and validation changes re-render nothing.
RENDER_CODE = ("core", "plan", "layout", "render", "inputs/visuals.py")


def code_version() -> str:
    """Return a digest of the source of every module that shapes an asset's bytes."""
    h = hashlib.sha256()
    paths = [
        p
        for name in RENDER_CODE
        for p in ([CODE_DIR / name] if name.endswith(".py") else (CODE_DIR / name).rglob("*.py"))
        if p.exists()
    ]
    for path in sorted(paths):
        h.update(path.relative_to(CODE_DIR).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _plain(value: object) -> object:
    """Turn the pydantic models inside a job into canonical JSON data for hashing."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot hash {type(value).__name__} in a job")


def job_digest(job, versions: str) -> str:
    """Return the content digest of a job: its data (logo digests included), the fonts' bytes and the code."""
    h = hashlib.sha256(versions.encode())
    h.update(json.dumps(dataclasses.asdict(job), sort_keys=True, default=_plain).encode())
    return h.hexdigest()


def versions(face: fonts.Typeface) -> str:
    """Return the code and font digests joined, for job digests."""
    return f"{code_version()}:{fonts.digest(face)}"


@dataclass
class Manifest:
    """What the last successful build produced: every piece with its key, and every bundle's key."""

    pieces: dict[str, Piece] = field(default_factory=dict)
    bundles: dict[str, dict] = field(default_factory=dict)
    """Bundle path → its content digest, size and SHA-256."""
    fichas: dict[str, dict] = field(default_factory=dict)
    """Piece stem → the content digest of its ficha técnica and its files by role."""
    signatures: dict[str, dict] = field(default_factory=dict)
    """Variant slug → the content digest of its signature files and those files by kind."""

    def fresh(self, stem: str, digest: str, out: Path) -> Piece | None:
        """Return the remembered piece when it came from this digest and its files are all there."""
        piece = self.pieces.get(stem)
        if piece is None or piece.digest != digest:
            return None
        return piece if all((out / f.path).is_file() for f in piece.files.values()) else None

    def to_bytes(self) -> bytes:
        """Serialise deterministically."""
        data = {
            "pieces": {k: v.to_data() for k, v in sorted(self.pieces.items())},
            "bundles": dict(sorted(self.bundles.items())),
            "fichas": dict(sorted(self.fichas.items())),
            "signatures": dict(sorted(self.signatures.items())),
        }
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def load_manifest(out: Path) -> Manifest:
    """Read the manifest in out, or an empty one when missing, unreadable or of an older shape."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        pieces = {k: Piece.from_data(v) for k, v in data["pieces"].items()}
        bundles, fichas = dict(data.get("bundles", {})), dict(data.get("fichas", {}))
        return Manifest(pieces, bundles, fichas, dict(data.get("signatures", {})))
    except (OSError, ValueError, TypeError, KeyError):
        return Manifest()
