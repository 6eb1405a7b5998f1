"""Test helpers: throwaway copies of the kit tree with some files replaced."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
INPUT_DIRS = ("brand", "calendar", "campaigns", "atas")


def make_project(tmp: Path, files: dict[str, str | bytes] | None = None, overlay: Path | None = None) -> Path:
    """Copy the shipped inputs to tmp, then overlay a folder and/or a dict of files."""
    for name in INPUT_DIRS:
        shutil.copytree(REPO / name, tmp / name)
    if overlay is not None:
        if (overlay / "campaigns").is_dir():
            shutil.rmtree(tmp / "campaigns")
        shutil.copytree(overlay, tmp, dirs_exist_ok=True)
        (tmp / "expected.txt").unlink(missing_ok=True)
    for rel, content in (files or {}).items():
        path = tmp / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            path.unlink()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return tmp
