"""Benchmarks: ours vs Material's social plugin, vs the Pillow encoding floor, no-op rebuild, growth.

Run with `make bench` (it builds .venv-bench with the peer's imaging extras). Prints Markdown tables.
"""

from __future__ import annotations

import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from PIL import Image

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cimpskit import fonts  # noqa: E402
from cimpskit.render.raster import encode  # noqa: E402

RUNS = 3
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed(cmd: list[str], cwd: Path | None = None) -> float:
    """Run a command and return its wall time, failing loudly on error."""
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stderr}")
    return elapsed


def median(fn, runs: int = RUNS) -> float:
    """Return the median of several timings."""
    return statistics.median(fn() for _ in range(runs))


def project(tmp: Path, formats: list[str], municipalities: int | None = None) -> Path:
    """Copy the shipped inputs, restricting approved campaigns to formats (and synthetic municipalities)."""
    root = tmp / "proj"
    for name in ("brand", "calendar", "campaigns"):
        shutil.copytree(REPO / name, root / name)
    for path in (root / "campaigns").glob("*.yml"):
        data = yaml.safe_load(path.read_text())
        if data["status"] != "approved" or (municipalities and data["slug"] != "maio-laranja-2026"):
            path.unlink()
            continue
        text = path.read_text()
        text = re.sub(
            r"^formats:\n(  - .*\n)+", "formats:\n" + "".join(f"  - {f}\n" for f in formats), text, flags=re.M
        )
        text = re.sub(r"^print_quantities:\n(?:(?:  .*)?\n)*", "", text, flags=re.M)
        path.write_text(text)
    if municipalities:
        lines = ["municipalities:"]
        for i in range(municipalities):
            lines += [
                f"  - slug: municipio-{i:04d}",
                f"    name: Município {i:04d}",
                "    population: 10000",
                f'    ibge: "{3500000 + i}"',
                "    secretariat: Secretaria Municipal de Assistência Social",
                "    contacts:",
                "      - {kind: conselho-tutelar, name: Conselho Tutelar, verified: false}",
                "      - {kind: creas, name: CREAS, verified: false}",
            ]
        (root / "brand/municipalities.yml").write_text("\n".join(lines) + "\n")
    return root


def ours(root: Path, out: Path, *extra: str) -> float:
    """Time one forced build of a project."""
    cmd = [sys.executable, str(REPO / "build_assets.py"), "--root", str(root), "build", "--out", str(out)]
    return timed([*cmd, "--force", *extra])


def peer(tmp: Path, titles: list[str]) -> tuple[float, float]:
    """Time mkdocs build with and without the social plugin over the same pages."""
    site = tmp / "peer"
    (site / "docs").mkdir(parents=True)
    for i, title in enumerate(titles):
        (site / "docs" / f"p{i:04d}.md").write_text(f"# {title}\n\nTexto.\n")
    font_dir = site / ".cache/plugin/social/fonts/Atkinson Hyperlegible"
    font_dir.mkdir(parents=True)
    for weight, name in (("regular", "Regular"), ("bold", "Bold")):
        shutil.copy(fonts.font_path(weight), font_dir / f"{name}.ttf")
    base = "site_name: Bench\nsite_url: https://example.invalid/\ntheme:\n  name: material\n"
    base += "  font:\n    text: Atkinson Hyperlegible\n"
    (site / "plain.yml").write_text(base + "plugins: []\n")
    (site / "social.yml").write_text(base + "plugins:\n  - social:\n      cache: false\n")
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    social = median(lambda: timed([mkdocs, "build", "-q", "-f", "social.yml"], cwd=site))
    cards = list((site / "site/assets/images/social").rglob("*.png"))
    assert len(cards) == len(titles), f"peer made {len(cards)} cards for {len(titles)} pages"
    plain = median(lambda: timed([mkdocs, "build", "-q", "-f", "plain.yml"], cwd=site))
    return social, plain


def floor(out: Path) -> float:
    """Time Pillow encoding the same PNG and WebP images our build wrote, from memory."""
    images = []
    for path in sorted(out.rglob("*.png")) + sorted(out.rglob("*.webp")):
        with Image.open(path) as img:
            images.append((img.convert("RGB"), "png" if path.suffix == ".png" else "webp"))

    def run() -> float:
        start = time.perf_counter()
        for img, kind in images:
            encode(img, kind)
        return time.perf_counter() - start

    return median(run)


def peak_rss_mb() -> float:
    """Return the largest resident set of any finished child process, in MB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def machine() -> str:
    """Describe this machine."""
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    """Run every benchmark and print the tables."""
    print(f"Machine: {machine()}; medians of {RUNS} runs\n")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        root = project(tmp, ["landscape"])
        out = tmp / "out"
        ours_parallel = median(lambda: ours(root, out))
        ours_serial = median(lambda: ours(root, out, "--jobs", "1"))
        noop_cmd = [sys.executable, str(REPO / "build_assets.py"), "--root", str(root), "build", "--out", str(out)]
        fixed = median(lambda: timed(noop_cmd))
        n = len(list(out.rglob("*.png")))
        titles = [p.stem for p in sorted(out.rglob("*.png"))]
        social, plain = peer(tmp, titles)
        peer_per = (social - plain) / n
        encode_floor = floor(out)
        print(f"## 1200×630 images ({n} images)\n")
        rows = [
            ("peer: Material `social` plugin, all cores (build with it minus build without)", social - plain),
            ("ours, all cores, whole command", ours_parallel),
            ("ours, all cores, rendering only (whole command minus no-op rebuild)", ours_parallel - fixed),
            ("ours, --jobs 1, whole command", ours_serial),
            ("ours, --jobs 1, rendering only", ours_serial - fixed),
            ("floor: Pillow encoding the same PNG + WebP images, one core", encode_floor),
        ]
        print("| measure | seconds | per image (ms) | vs peer | vs floor |")
        print("| --- | --- | --- | --- | --- |")
        for label, t in rows:
            print(f"| {label} | {t:.2f} | {t / n * 1000:.1f} | {t / n / peer_per:.2f}× | {t / encode_floor:.2f}× |")
        print()

        full = project(
            tmp / "full", ["social-square", "story", "landscape", "poster-a3", "poster-a4", "flyer-a5", "banner"]
        )
        full_out = tmp / "full-out"
        ours(full, full_out)
        cmd = [sys.executable, str(REPO / "build_assets.py"), "--root", str(full), "build", "--out", str(full_out)]
        noop = median(lambda: timed(cmd), runs=5)
        print(f"## No-op rebuild of all shipped campaigns\n\n{noop:.2f} s (median of 5)\n")

        print("## Growth: Maio Laranja in 3 formats (square, landscape, A4)\n")
        print("| municipalities | assets | seconds | ms per asset | peak RSS of one process (MB) |")
        print("| --- | --- | --- | --- | --- |")
        for count in (7, 70, 700):
            grow = project(tmp / f"g{count}", ["social-square", "landscape", "poster-a4"], municipalities=count)
            seconds = ours(grow, tmp / f"g{count}-out")
            assets = 3 * (count + 1)
            print(f"| {count} | {assets} | {seconds:.1f} | {seconds / assets * 1000:.0f} | {peak_rss_mb():.0f} |")


if __name__ == "__main__":
    main()
