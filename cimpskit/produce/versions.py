"""Versions of the print files: a number in each file's name, bumped when the file's bytes change.

The rule, reproducible from the inputs: `atas/historico-impressos.json` (committed) lists, for every final print
piece, each version it has had and the SHA-256 of its files. A build renders a piece, then looks at the last
version recorded for it: the same checksums keep that number; different ones (new art, new code, new data) add
the next number with the new checksums; a piece never seen starts at 1. The build writes the history back, so the
next build from the same inputs (the history included) gives the same numbers and the same bytes. A file's bytes
never depend on its number (the number is only in its name), so the rule has no loop.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cimpskit.core.errors import KitError, Problem

HISTORY_FILE = "atas/historico-impressos.json"
NOTE = (
    "Histórico das versões dos arquivos de impressão, escrito por build_assets.py build: não edite à mão. "
    "Cada peça final tem a lista das suas versões e o SHA-256 de cada arquivo; quando os bytes mudam, a peça ganha "
    "a versão seguinte (o número vai no nome do arquivo, como -v2.pdf). Faça commit deste arquivo junto com a mudança."
)
VERSIONED_ROLES = {"main": "pdf", "trim-bleed": "sem-marcas"}
"""The print files that carry the version in their name, by role, and their kind in the history."""


@dataclass(frozen=True)
class Version:
    """One version of a print piece: its number and the SHA-256 of each of its files by kind."""

    number: int
    sha256: tuple[tuple[str, str], ...]


History = dict[str, tuple[Version, ...]]
"""Every final print piece's versions, oldest first, by the piece's file name without extension."""


def load(root: Path) -> History:
    """Read the history of the project (empty when the file does not exist yet)."""
    path = root / HISTORY_FILE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {
            name: tuple(Version(int(v["version"]), tuple(sorted(v["sha256"].items()))) for v in versions)
            for name, versions in data["files"].items()
        }
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        message = (
            f"histórico de versões ilegível ({exc.__class__.__name__}): recupere o arquivo do git "
            "(git checkout -- atas/historico-impressos.json); ele é escrito pelo build"
        )
        raise KitError(Problem(HISTORY_FILE, 1, 1, message)) from None


def to_bytes(history: History) -> bytes:
    """Serialise the history deterministically (sorted names, one version per block)."""
    files = {
        name: [{"version": v.number, "sha256": dict(v.sha256)} for v in versions]
        for name, versions in sorted(history.items())
    }
    return (json.dumps({"note": NOTE, "files": files}, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def assign(history: History, name: str, sha256: dict[str, str]) -> int:
    """Return the version of a piece's files, recording a new one in history when their bytes changed."""
    key = tuple(sorted(sha256.items()))
    versions = history.get(name, ())
    if versions and versions[-1].sha256 == key:
        return versions[-1].number
    number = versions[-1].number + 1 if versions else 1
    history[name] = (*versions, Version(number, key))
    return number


def previous(history: History, name: str, number: int) -> tuple[Version, ...]:
    """Return the versions of a piece older than number, newest first (what the order history shows)."""
    return tuple(reversed([v for v in history.get(name, ()) if v.number < number]))


def versioned(path: str, number: int) -> str:
    """Put a version number in a print file's name: x-poster-a3.pdf -> x-poster-a3-v2.pdf (-sem-marcas stays last)."""
    p = PurePosixPath(path)
    stem, suffix = p.name[: -len(p.suffix)], p.suffix
    tail = "-sem-marcas" if stem.endswith("-sem-marcas") else ""
    base = stem[: len(stem) - len(tail)]
    return str(p.with_name(f"{base}-v{number}{tail}{suffix}"))
