"""The only module that writes files: atomic writes, bundles and stale-output removal."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, *, durable: bool = False) -> bool:
    """Write data to path atomically (a killed build never leaves half a file); return False when the bytes were
    already there. Only durable writes (the manifest's, the build stamp's) wait for the disk: an asset a crash
    cut short has the wrong size, and the cache, which checks sizes, makes it again."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_tree(root: Path, files: dict[str, bytes]) -> list[str]:
    """Write each relative path under root atomically; return the paths that changed."""
    return [rel for rel, data in sorted(files.items()) if write_atomic(root / rel, data)]


def remove_stale(root: Path, keep: set[str]) -> list[str]:
    """Delete files under root not in keep (and empty folders); return what was removed."""
    removed: list[str] = []
    if not root.is_dir():
        return removed
    for path in sorted(root.rglob("*"), reverse=True):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel not in keep:
            path.unlink()
            removed.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed


def remove_files(root: Path, paths: set[str]) -> list[str]:
    """Delete the given files under root (and the folders they leave empty); return what was removed."""
    removed = []
    for rel in sorted(paths):
        path = root / rel
        if path.is_file():
            path.unlink()
            removed.append(rel)
            for folder in path.parents:
                if folder == root or not folder.is_relative_to(root) or any(folder.iterdir()):
                    break
                folder.rmdir()
    return removed


def discard(folder: Path) -> None:
    """Delete a staging folder and everything in it."""
    shutil.rmtree(folder, ignore_errors=True)


def stage(staging: Path, root: Path, files: dict[str, bytes]) -> list[str]:
    """Write into staging the files whose bytes differ from those already under root."""
    staged = []
    for rel, data in sorted(files.items()):
        try:
            if (root / rel).read_bytes() == data:
                continue
        except OSError:
            pass
        write_atomic(staging / rel, data)
        staged.append(rel)
    return staged


def promote(staging: Path, root: Path) -> list[str]:
    """Move every staged file into root, each with an atomic rename, then drop the staging folder."""
    moved = []
    if staging.is_dir():
        for path in sorted(p for p in staging.rglob("*") if p.is_file()):
            rel = path.relative_to(staging).as_posix()
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, root / rel)
            moved.append(rel)
    discard(staging)
    return moved
