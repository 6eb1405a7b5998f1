"""Same inputs, same bytes, whatever the cache held; partial builds remove the stale files of what they rebuilt."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import REPO, small_project
from sites import TODAY as SHARED_DAY

from cimpskit.cli import main

CAMPAIGN = "cadastro-unico-2026"
TODAY = "2026-06-01"


def build(root: Path, *args: str) -> str:
    """Run a full build of a project in-process (pages under docs/ too); fail with its messages; return stderr."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(["--root", str(root), "build", "--jobs", "1", "--today", TODAY, *args])
    assert status == 0, err.getvalue()
    return err.getvalue()


def tree(folder: Path) -> dict[str, bytes]:
    """Return every file under a folder with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    """Name the files that only one tree has or that differ."""
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """A small project built once from an empty cache, and its whole docs/ tree."""
    root = small_project(tmp_path_factory.mktemp("clean"))
    build(root)
    return root, tree(root / "docs")


def test_a_warm_cache_after_an_edit_and_its_undo_gives_the_clean_bytes(clean, tmp_path):
    root, expected = clean
    again = small_project(tmp_path)
    build(again)
    path = again / "campaigns" / f"{CAMPAIGN}.yml"
    original = path.read_text(encoding="utf-8")
    # The print versions are a ledger: an edit sent to the shop stays v2 forever, so the undo restores it too.
    ledger = again / "atas/historico-impressos.json"
    versions = ledger.read_bytes()
    path.write_text(original.replace("Atualize seu Cadastro Único", "Cadastro Único em dia"), encoding="utf-8")
    build(again)
    assert differences(tree(again / "docs"), expected), "the edit changed nothing: the test would prove nothing"
    path.write_text(original, encoding="utf-8")
    ledger.write_bytes(versions)
    assert "0 geradas" not in build(again)
    assert differences(tree(again / "docs"), expected) == []
    assert "peças: 0 geradas" in build(again)
    assert differences(tree(again / "docs"), expected) == []


def test_a_killed_build_then_a_build_gives_the_clean_bytes(clean, tmp_path):
    root, expected = clean
    again = small_project(tmp_path)
    build(again)
    path = again / "campaigns" / f"{CAMPAIGN}.yml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("Atualize seu Cadastro Único", "Cadastro Único em dia"), encoding="utf-8")
    staging = again / "docs/downloads/.staging"
    cmd = [sys.executable, str(REPO / "build_assets.py"), "--root", str(again), "build", "--jobs", "1"]
    proc = subprocess.Popen(
        [*cmd, "--today", TODAY], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    # Wait for a state, not for a time: the first changed piece staged (the build has more pieces to draw).
    while proc.poll() is None and not (staging.is_dir() and any(p.is_file() for p in staging.rglob("*"))):
        time.sleep(0.005)
    assert proc.poll() is None, "the build ended before it staged a piece: nothing was killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    path.write_text(original, encoding="utf-8")
    build(again)
    assert differences(tree(again / "docs"), expected) == []


def test_a_rebuild_of_the_shipped_data_over_its_warm_cache_changes_no_byte(project_root):
    before = tree(project_root / "docs")
    with contextlib.redirect_stderr(io.StringIO()) as err:
        assert main(["--root", str(project_root), "build", "--jobs", "2", "--today", SHARED_DAY]) == 0, err.getvalue()
    assert "peças: 0 geradas" in err.getvalue()
    assert differences(tree(project_root / "docs"), before) == []


def test_a_partial_build_removes_the_files_of_a_format_taken_out(clean, tmp_path):
    root, expected = clean
    again = small_project(tmp_path)
    build(again)
    out = again / "docs/downloads"
    poster = sorted(p.relative_to(out).as_posix() for p in out.rglob(f"{CAMPAIGN}-*-poster-a4*"))
    assert any(p.endswith(".ficha.pdf") for p in poster) and any(p.endswith("-sem-marcas.pdf") for p in poster)
    path = again / "campaigns" / f"{CAMPAIGN}.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("poster-a4]", "]").replace(", ]", "]"), encoding="utf-8")
    err = build(again, "--campaign", CAMPAIGN)
    assert f"arquivos removidos: {len(poster)}" in err
    assert [p for p in out.rglob("*poster-a4*")] == []
    assert (out / CAMPAIGN / "jarinu" / f"{CAMPAIGN}-jarinu-social-square.png").is_file()
    assert "poster-a4" not in (out / ".manifest.json").read_text(encoding="utf-8")


def test_a_partial_build_keeps_the_files_of_what_it_did_not_rebuild(clean, tmp_path):
    root, expected = clean
    again = small_project(tmp_path)
    build(again)
    before = tree(again / "docs/downloads")
    build(again, "--municipality", "jarinu")
    assert differences(tree(again / "docs/downloads"), before) == []


def test_a_build_with_nothing_changed_says_what_the_last_said_and_a_missing_file_is_made_again(clean, tmp_path):
    root, _ = clean
    again = small_project(tmp_path)
    first = build(again)
    assert build(again).splitlines()[-1] == first.splitlines()[-1]
    square = again / "docs/downloads" / CAMPAIGN / "jarinu" / f"{CAMPAIGN}-jarinu-social-square.png"
    square.unlink()
    assert "peças: 1 geradas" in build(again)
    assert square.is_file()
    (again / "docs/pendencias.md").unlink()
    build(again)
    assert (again / "docs/pendencias.md").is_file()


BACKENDS = ("reportlab", "svglib", "pikepdf", "resvg_py", "cimpskit.app", "cimpskit.site.pages")
LOADED = (
    "import sys; from cimpskit.cli import main; status = main(sys.argv[1:]); print(sorted(set({}) & set(sys.modules)))"
)


def test_check_and_a_build_with_nothing_to_do_never_load_the_drawing_backends(clean):
    root, _ = clean
    for args in (["check"], ["build", "--jobs", "1", "--today", TODAY]):
        command = [sys.executable, "-c", LOADED.format(BACKENDS), "--root", str(root), *args]
        done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=True)
        loaded = done.stdout.strip().splitlines()[-1]
        assert loaded == "[]", (args, done.stderr)
