"""The whole build's content key: when no input, option, line of the kit's code or pinned dependency changed since
the last successful build and every file it wrote is still there at its size, a build has nothing to do; it then
says what the last one said, without loading, planning or drawing anything.

The same skip rule as every output's ("digest unchanged and file present"), one level up.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from cimpskit.core.errors import Problem
from cimpskit.core.writer import write_atomic
from cimpskit.produce.options import BuildOptions

STAMP = ".cache/build.json"
"""Where the last successful build's key lives, under the project root (never published)."""
SHAPE = 1
INPUTS = ("brand", "calendar", "campaigns", "atas")
"""The project's input folders: every file in them is part of the key."""
PACKAGE = Path(__file__).resolve().parent.parent
CODE_SUFFIXES = (".py", ".j2", ".html", ".css", ".js", ".json", ".yml")
LOCK = PACKAGE.parent / "requirements.lock"
"""The pinned dependencies (the brand font's package among them), when the kit runs from its repository."""


def _files(root: Path) -> list[tuple[str, Path]]:
    """Return every file the build reads, by a stable name: inputs, the kit's code and templates, the lock file."""
    found = [(f"in:{p.relative_to(root).as_posix()}", p) for d in INPUTS for p in (root / d).rglob("*") if p.is_file()]
    found += [
        (f"kit:{p.relative_to(PACKAGE).as_posix()}", p)
        for p in PACKAGE.rglob("*")
        if p.suffix in CODE_SUFFIXES and "__pycache__" not in p.parts
    ]
    if LOCK.is_file():
        found.append(("lock", LOCK))
    return sorted(found)


def key(root: Path, opts: BuildOptions) -> str:
    """Return the build's content key: options, Python, every input and code file's bytes."""
    out = opts.out_dir(root).resolve()
    options = {
        "shape": SHAPE,
        "python": sys.version,
        "prefix": sys.prefix,
        "out": str(out),
        "site": opts.writes_site(root),
        "selection": [opts.campaign, opts.municipality, opts.drafts],
        "report": [opts.strict, opts.style],
        "today": opts.today.isoformat(),
    }
    h = hashlib.sha256(json.dumps(options, sort_keys=True).encode())
    for name, path in _files(root):
        h.update(f"\0{name}\0".encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@dataclass(frozen=True)
class Stamp:
    """What a successful build wrote and said: its key, its files with their sizes, its reports and summary."""

    key: str
    files: dict[str, int]
    """Absolute path → size of every file the build wrote or kept (assets, manifest, generated pages)."""
    reports: list[list[Problem]]
    """The warnings it printed, report by report."""
    pieces: int
    summary: list[str]
    """Its closing lines after the counts (the pending-items board)."""

    def to_bytes(self) -> bytes:
        """Serialise deterministically."""
        data = {
            "shape": SHAPE,
            "key": self.key,
            "files": dict(sorted(self.files.items())),
            "reports": [[list(vars(p).values()) for p in found] for found in self.reports],
            "pieces": self.pieces,
            "summary": self.summary,
        }
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()


def load(root: Path) -> Stamp | None:
    """Read the last build's stamp, or None when missing, unreadable or of another shape."""
    try:
        data = json.loads((root / STAMP).read_text(encoding="utf-8"))
        if data["shape"] != SHAPE:
            return None
        reports = [[Problem(*values) for values in found] for found in data["reports"]]
        return Stamp(data["key"], dict(data["files"]), reports, int(data["pieces"]), list(data["summary"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def unchanged(root: Path, opts: BuildOptions, build_key: str) -> Stamp | None:
    """Return the last build's stamp when it had this key and every file it wrote is there at its size."""
    if opts.force:
        return None
    stamp = load(root)
    if stamp is None or stamp.key != build_key:
        return None
    for path, size in stamp.files.items():
        try:
            if Path(path).stat().st_size != size:
                return None
        except OSError:
            return None
    return stamp


def forget(root: Path) -> None:
    """Drop the last build's stamp before a build writes anything (a failed or killed build leaves none)."""
    (root / STAMP).unlink(missing_ok=True)


def save(root: Path, stamp: Stamp) -> None:
    """Remember a successful build (written last, after every file it names)."""
    write_atomic(root / STAMP, stamp.to_bytes(), durable=True)
