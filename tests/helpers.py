"""Test helpers: throwaway copies of the kit tree with some files replaced."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image, ImageChops, ImageStat

from cimpskit.core.paths import REGIONAL

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


def make_project(
    tmp: Path, files: dict[str, str | bytes] | None = None, overlay: Path | None = None, *, copy: bool = True
) -> Path:
    """Copy the shipped inputs to tmp (unless copy is false), then overlay a folder (files; edits in replace.yml)
    and/or a dict of files.

    An overlay holding campaign files replaces the shipped campaigns; one holding only key visuals keeps them.
    """
    for name in INPUT_DIRS if copy else ():
        shutil.copytree(REPO / name, tmp / name, ignore=shutil.ignore_patterns(HISTORY))
    if overlay is not None:
        if any((overlay / "campaigns").glob("*.y*ml")):
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


SMALL_MUNICIPALITIES = """\
municipalities:
  - slug: jarinu
    name: Jarinu
    population: 37535
    ibge: "3525201"
    secretariat: Secretaria Municipal de Assistência Social
    contacts:
      - {kind: cras, name: CRAS de Jarinu}
  - slug: bom-jesus-dos-perdoes
    name: Bom Jesus dos Perdões
    population: 21942
    ibge: "3507100"
    secretariat: Secretaria Municipal de Assistência Social
    contacts:
      - kind: cras
        name: CRAS de Bom Jesus dos Perdões
        phone: "(11) 4012-3456"
        address: "Rua Exemplo, 100 – Centro"
        hours: "Segunda a sexta, das 8h às 17h"
        verification: {date: 2026-11-20, source: "E-mail da Secretaria Municipal de Assistência Social"}
"""
SMALL_CAMPAIGN = """\
slug: cadastro-unico-2026
title: Cadastro Único em dia
purpose: Lembrar as famílias de atualizar o Cadastro Único.
status: approved
approval: {meeting: ct-2026-02-10}
period: {start: 2026-07-01, end: 2026-08-31}
texts:
  headline: Atualize seu Cadastro Único
  body: Mudou de endereço, de telefone ou de renda? Atualize seus dados no CRAS.
  call_to_action: Procure o CRAS mais perto de você
contacts: [cras]
colors: {background: azul, text: branco, accent: amarelo, accent_text: grafite}
visual: cadastro-unico.svg
formats: [social-square, poster-a4]
"""


LONG_NAME = "Vila Bela da Santíssima Trindade"
EIGHTH = """\
  - slug: vila-bela
    name: Vila Bela da Santíssima Trindade
{short}    population: 14493
    ibge: "5105507"
    secretariat: Secretaria Municipal de Assistência Social
    contacts:
      - kind: cras
        name: CRAS de Vila Bela da Santíssima Trindade
      - kind: creas
        name: CREAS de Vila Bela da Santíssima Trindade
      - kind: conselho-tutelar
        name: Conselho Tutelar de Vila Bela da Santíssima Trindade
      - kind: cadastro-unico
        name: Posto do Cadastro Único de Vila Bela da Santíssima Trindade
"""


def eighth(root: Path, short: bool = True) -> Path:
    """Add an 8th municipality with a long official name (and, if asked, its short name) to a project copy."""
    path = root / "brand/municipalities.yml"
    path.write_text(path.read_text() + EIGHTH.format(short="    short_name: Vila Bela\n" if short else ""))
    return root


def small_project(tmp: Path) -> Path:
    """Return a project with two municipalities (one confirmed) and one campaign in two formats."""
    root = make_project(tmp, {"brand/municipalities.yml": SMALL_MUNICIPALITIES})
    for path in (root / "campaigns").glob("*.yml"):
        path.unlink()
    for path in (root / "atas").glob("*.yml"):
        path.unlink()
    (root / "campaigns/cadastro-unico-2026.yml").write_text(SMALL_CAMPAIGN)
    return root


def make_tiny(
    tmp: Path,
    campaigns: tuple[str, ...] = ("maio-laranja-2026",),
    formats: tuple[str, ...] = ("social-square", "poster-a3"),
    municipalities: tuple[str, ...] = ("jarinu",),
    files: dict[str, str | bytes] | None = None,
) -> Path:
    """Copy the shipped inputs cut down to some campaigns, formats and municipalities: a build of seconds.

    Every kept campaign makes the given formats; quantities of anything cut are dropped. Files are overlaid last.
    """
    root = make_project(tmp)
    keep = set(municipalities) | {REGIONAL}
    munis = _read_yaml(root / "brand/municipalities.yml")
    munis["municipalities"] = [m for m in munis["municipalities"] if m["slug"] in keep]
    _write_yaml(root / "brand/municipalities.yml", munis)
    for path in (root / "campaigns").glob("*.yml"):
        if path.stem not in campaigns:
            path.unlink()
            continue
        data = _read_yaml(path)
        quantities = data.get("print_quantities") or {}
        data["formats"] = list(formats)
        data["print_quantities"] = {f: _only(q, keep) for f, q in quantities.items() if f in formats}
        _write_yaml(path, data)
    for path in (root / "atas").glob("*.yml"):
        data = _read_yaml(path)
        if "items" in data:
            data["items"] = [item | {"quantities": _only(item.get("quantities") or {}, keep)} for item in data["items"]]
        if (data.get("purchase") or {}).get("empenhos"):
            data["purchase"]["empenhos"] = _only(data["purchase"]["empenhos"], keep)
        _write_yaml(path, data)
    return make_project(root, files, copy=False)


def _only(quantities: dict, keep: set[str]) -> dict:
    """Return the quantities of kept municipalities."""
    return {k: v for k, v in quantities.items() if k in keep}


def _read_yaml(path: Path) -> dict:
    """Read a YAML file of the copied kit."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write_yaml(path: Path, data: dict) -> None:
    """Write a YAML file of the copied kit (comments are lost: fine for a test's copy)."""
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


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
