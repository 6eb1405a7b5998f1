"""Test helpers: throwaway copies of the kit tree with some files replaced."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image, ImageChops, ImageStat

REPO = Path(__file__).resolve().parent.parent
REFERENCE = Path(__file__).parent / "reference"
OUTPUT = Path(__file__).parent / "output"
TOLERANCE = 1.5  # mean absolute difference per channel, out of 255
INPUT_DIRS = ("brand", "calendar", "campaigns", "atas")
HISTORY = "historico-impressos.json"
"""The committed version history is left out of test copies: every test project starts at version 1, whatever
the code has changed since the history was last committed."""


def apply_replacements(tmp: Path, spec: Path) -> None:
    """Edit copied files in place: spec maps a relative path to [old, new] pairs, each old text present once."""
    for rel, pairs in yaml.safe_load(spec.read_text(encoding="utf-8")).items():
        path = tmp / rel
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert text.count(old) == 1, f"{spec}: {old!r} must occur once in {rel}"
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")


def make_project(tmp: Path, files: dict[str, str | bytes] | None = None, overlay: Path | None = None) -> Path:
    """Copy the shipped inputs to tmp, then overlay a folder (files; edits in replace.yml) and/or a dict of files."""
    for name in INPUT_DIRS:
        shutil.copytree(REPO / name, tmp / name, ignore=shutil.ignore_patterns(HISTORY))
    if overlay is not None:
        if (overlay / "campaigns").is_dir():
            shutil.rmtree(tmp / "campaigns")
        shutil.copytree(overlay, tmp, dirs_exist_ok=True)
        (tmp / "expected.txt").unlink(missing_ok=True)
        if (tmp / "replace.yml").is_file():
            apply_replacements(tmp, tmp / "replace.yml")
            (tmp / "replace.yml").unlink()
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


def assert_similar_to_reference(image: Image.Image, name: str) -> None:
    """Compare with tests/reference/<name>; save both on failure; UPDATE_REFERENCES=1 rewrites."""
    path = REFERENCE / name
    if os.environ.get("UPDATE_REFERENCES") == "1":
        image.save(path)
    expected = Image.open(path).convert("RGB")
    assert expected.size == image.size
    diff = sum(ImageStat.Stat(ImageChops.difference(expected, image.convert("RGB"))).mean) / 3
    if diff > TOLERANCE:
        OUTPUT.mkdir(exist_ok=True)
        image.save(OUTPUT / f"actual-{name}")
        expected.save(OUTPUT / f"expected-{name}")
        pytest.fail(f"{name} differs from its reference by {diff:.2f} (> {TOLERANCE}); see {OUTPUT}")
