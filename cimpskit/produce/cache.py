"""Content keys of every output, the manifest that remembers which key made which files, and the one helper that
reuses what a key already made and makes the rest."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from pydantic import BaseModel

from cimpskit.core import fonts
from cimpskit.core.writer import write_atomic
from cimpskit.produce.result import OutFile, Piece

MANIFEST = ".manifest.json"
SHAPE = 2
"""The manifest's shape; a manifest of another shape is ignored (everything is made again once)."""
PACKAGE = Path(__file__).resolve().parent.parent
RENDER = ("core", "plan", "layout", "render", "inputs/visuals.py")
"""Code that shapes an asset's bytes; site, CLI and validation changes re-render nothing."""
CODE: dict[str, tuple[str, ...]] = {
    "pieces": RENDER,
    "fichas": ("produce/printorder.py", "render/pdf.py", "render/pdfx.py"),
    "bundles": ("produce/bundle.py",),
    "kits": ("produce/kits.py", "produce/bundle.py"),
    "signatures": (*RENDER, "produce/brandkit.py"),
}
"""The one code-version scheme: per kind of output, the sources (package-relative) that shape its bytes."""
SECTIONS = ("fichas", "bundles", "kits", "signatures")
"""The manifest's sections of made files (pieces have their own, with their texts)."""


@cache
def code_version(kind: str) -> str:
    """Return a digest of the source of every module that shapes the bytes of a kind of output."""
    h = hashlib.sha256()
    paths = {
        p for name in CODE[kind] for p in ([PACKAGE / name] if name.endswith(".py") else (PACKAGE / name).rglob("*.py"))
    }
    for path in sorted(paths):
        h.update(path.relative_to(PACKAGE).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _plain(value: object) -> object:
    """Turn what json cannot write (dataclasses, pydantic models, dates) into canonical JSON data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot hash {type(value).__name__}")


def content_key(version: str, *parts: object) -> str:
    """Return the content key of an output: its code and font version and the canonical JSON of its data."""
    h = hashlib.sha256(version.encode())
    for part in parts:
        h.update(b"\n")
        h.update(json.dumps(part, sort_keys=True, default=_plain, ensure_ascii=False).encode())
    return h.hexdigest()


def version(kind: str, face: fonts.Typeface | None = None) -> str:
    """Return the version of a kind of output: its code's digest and, when it draws text, the fonts' bytes."""
    return f"{kind}:{code_version(kind)}:{fonts.digest(face) if face else ''}"


def job_digest(job: object, versions: str) -> str:
    """Return the content digest of a job: its data (logo digests included), the fonts' bytes and the code."""
    return content_key(versions, job)


@dataclass(frozen=True)
class Made:
    """What one output's content key made: the key and its files by role."""

    digest: str
    files: dict[str, OutFile]

    def to_data(self) -> dict:
        """Return plain data for the manifest."""
        return {"digest": self.digest, "files": {role: [f.path, f.size, f.sha256] for role, f in self.files.items()}}

    @classmethod
    def from_data(cls, data: dict) -> Made:
        """Rebuild a record from manifest data."""
        return cls(data["digest"], by_role({role: OutFile(*values) for role, values in data["files"].items()}))


def by_role(files: Mapping[str, OutFile]) -> dict[str, OutFile]:
    """Return files in the one order every output keeps, made now or reused: by role name."""
    return dict(sorted(files.items()))


@dataclass
class Manifest:
    """What the last successful build produced: every piece with its key, and every other output's key and files."""

    pieces: dict[str, Piece] = field(default_factory=dict)
    """Piece stem → the piece (its digest, files, alt texts and captions)."""
    fichas: dict[str, Made] = field(default_factory=dict)
    """Piece stem → its ficha técnica."""
    bundles: dict[str, Made] = field(default_factory=dict)
    """'<campaign>/<variant>' → the ZIP of that campaign × variant."""
    kits: dict[str, Made] = field(default_factory=dict)
    """Municipality slug → the ZIP of every campaign of that municipality."""
    signatures: dict[str, Made] = field(default_factory=dict)
    """Variant slug → its signature files by kind."""

    def files(self) -> set[str]:
        """Return the path of every file the manifest remembers."""
        made = [m for name in SECTIONS for m in getattr(self, name).values()]
        return {f.path for m in (*self.pieces.values(), *made) for f in m.files.values()}

    def to_bytes(self) -> bytes:
        """Serialise deterministically."""
        data: dict = {"shape": SHAPE, "pieces": {k: v.to_data() for k, v in sorted(self.pieces.items())}}
        data |= {name: {k: v.to_data() for k, v in sorted(getattr(self, name).items())} for name in SECTIONS}
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def load_manifest(out: Path) -> Manifest:
    """Read the manifest in out, or an empty one when missing, unreadable or of another shape."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        if data.get("shape") != SHAPE:
            return Manifest()
        pieces = {k: Piece.from_data(v) for k, v in data["pieces"].items()}
        made = {name: {k: Made.from_data(v) for k, v in data[name].items()} for name in SECTIONS}
        return Manifest(pieces, **made)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return Manifest()


class Record(Protocol):
    """Anything the manifest remembers: the content key it came from and its files."""

    @property
    def digest(self) -> str: ...

    @property
    def files(self) -> dict[str, OutFile]: ...


R = TypeVar("R", bound=Record)
W = TypeVar("W")
Drawn = dict[str, tuple[str, bytes]]
"""The files one output made, by role: (path under the output folder, bytes)."""


@dataclass(frozen=True)
class Task(Generic[W]):
    """One output to have: its key in the manifest, its content key, and what drawing it needs."""

    key: str
    digest: str
    work: W


def present(files: Iterable[OutFile], out: Path) -> bool:
    """Tell whether every file is there at the size it was written with (a crash may leave a file cut short)."""
    for f in files:
        try:
            if (out / f.path).stat().st_size != f.size:
                return False
        except OSError:
            return False
    return True


def reusable(record: R | None, digest: str, out: Path) -> R | None:
    """Return the remembered record when it came from this content key and every one of its files is there."""
    if record is None or record.digest != digest:
        return None
    return record if present(record.files.values(), out) else None


def split(
    tasks: Iterable[Task[W]], records: Mapping[str, R], out: Path, force: bool
) -> tuple[dict[str, R], list[Task[W]]]:
    """Split tasks into what can be reused (by key) and what must be made (in order)."""
    reused: dict[str, R] = {}
    todo: list[Task[W]] = []
    for task in tasks:
        record = None if force else reusable(records.get(task.key), task.digest, out)
        if record is None:
            todo.append(task)
        else:
            reused[task.key] = record
    return reused, todo


def produce(
    tasks: list[Task[W]],
    records: dict[str, Made],
    out: Path,
    make: Callable[[list[W]], Iterable[Drawn]],
    *,
    force: bool = False,
) -> tuple[dict[str, dict[str, OutFile]], int]:
    """Reuse what each task's content key already made, make the rest in one call (so it may use a pool), write
    those files atomically and remember them; return every task's files by key, in task order, and how many
    were made."""
    reused, todo = split(tasks, records, out, force)
    for task, drawn in zip(todo, make([t.work for t in todo]), strict=True):
        for path, data in drawn.values():
            write_atomic(out / path, data)
        records[task.key] = Made(task.digest, by_role({role: OutFile.of(p, d) for role, (p, d) in drawn.items()}))
    return {t.key: records[t.key].files if t.key not in reused else reused[t.key].files for t in tasks}, len(todo)
