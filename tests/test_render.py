"""Rendering: reference images, contrast checked on the drawn layout, interrupted builds."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import REPO, assert_similar_to_reference, make_tiny
from PIL import Image

from cimpskit.core.scene import Paint
from cimpskit.inputs.validate import check_project
from cimpskit.layout import layout
from cimpskit.layout.legibility import scene_problems
from cimpskit.layout.planned import make_plan
from cimpskit.render import raster
from cimpskit.render.assets import render_job

REFERENCE = Path(__file__).parent / "reference"
OUTPUT = Path(__file__).parent / "output"
TOLERANCE = 1.5  # mean absolute difference per channel, out of 255


def _job(campaign: str, municipality: str, fmt: str):
    project, _ = check_project(REPO)
    plan = make_plan(project, drafts=True, campaign=campaign, municipality=municipality)
    return next(j for j in plan.jobs if j.format.name == fmt)


@pytest.mark.parametrize(
    ("campaign", "municipality", "fmt", "page", "width"),
    [
        ("maio-laranja-2026", "vinhedo", "social-portrait", 0, 540),
        ("maio-laranja-2026", "bom-jesus-dos-perdoes", "poster-a4", 0, 420),
        ("maio-laranja-2026", "regional", "landscape", 0, 600),
        ("cadastro-unico-2026", "itupeva", "flyer-a5", 1, 420),
        ("agosto-lilas-2026", "jarinu", "story", 0, 360),
    ],
)
def test_assets_match_reference_images(campaign, municipality, fmt, page, width):
    scene = layout(_job(campaign, municipality, fmt))
    image = raster.draw_page(scene, scene.pages[page], REPO, width)
    assert_similar_to_reference(image, f"{campaign}-{municipality}-{fmt}-{page}.png")


def test_low_contrast_pair_in_the_layout_fails_with_its_ratio():
    job = _job("maio-laranja-2026", "vinhedo", "social-square")
    white = Paint("branco", "#FFFFFF", (0, 0, 0, 0))
    paints = tuple((role, white if role == "text" else paint) for role, paint in job.paints)
    result = render_job(dataclasses.replace(job, paints=paints), REPO)
    assert result.files == {}
    low = "contraste 2,45:1 entre 'branco' e 'laranja' abaixo do mínimo"
    assert {(f.field, f.message) for f in result.findings} == {
        ("hotline", f"{low} 3:1"),  # large text (the numeral and the word before it, bold)
        ("texts.key_line", f"{low} 4,5:1"),  # the square shows no headline: the key line says the fact
        ("texts.call_to_action", f"{low} 4,5:1"),
        # The mark's name is reversed out of the text colour in the field's colour: the same pair, swapped.
        ("marca", "contraste 2,45:1 entre 'laranja' e 'branco' abaixo do mínimo 4,5:1"),
    }


def test_every_drawn_text_meets_contrast_and_minimum_size():
    project, _ = check_project(REPO)
    for job in make_plan(project, drafts=True, campaign=None, municipality="louveira").jobs:
        scene = layout(job)
        assert scene_problems(scene, job.format.min_text, job.format.medium) == [], job.stem


def _complete(path: Path) -> bool:
    """Tell whether an output file is whole (PDF trailer, decodable image, any text)."""
    if path.suffix == ".pdf":
        return path.read_bytes().rstrip().endswith(b"%%EOF")
    if path.suffix in (".png", ".webp"):
        try:
            with Image.open(path) as img:
                img.load()
            return True
        except OSError:
            return False
    return True


def test_killed_build_leaves_no_truncated_file(tmp_path):
    formats = ("poster-a3", "poster-a4", "flyer-a5", "story")
    root = make_tiny(tmp_path, formats=formats, municipalities=("jarinu", "vinhedo", "itupeva"))
    out = tmp_path / "out"
    cmd = [sys.executable, str(REPO / "build_assets.py"), "--root", str(root), "build", "--out", str(out)]
    cmd += ["--campaign", "maio-laranja-2026"]  # 16 pieces, 12 of them PDFs: killed after the third
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if out.is_dir() and sum(1 for p in out.rglob("*.pdf")) >= 3:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the build ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    files = [p for p in out.rglob("*") if p.is_file() and not p.name.endswith(".tmp")]
    assert files, "the build was killed before it wrote anything"
    assert [p for p in files if not _complete(p)] == []
    rerun = subprocess.run(cmd, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert not list(out.rglob("*.tmp"))
    assert all(_complete(p) for p in out.rglob("*") if p.is_file())
