"""Every broken input under tests/broken gives exactly the messages in its expected.txt."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_project

BROKEN = Path(__file__).parent / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES)
def test_broken_input_gives_exact_messages(case, tmp_path, run):
    root = make_project(tmp_path, overlay=BROKEN / case)
    expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8")
    status, out, err = run("--root", root, "check")
    assert err == expected
    assert "Traceback" not in out + err
    errors = int(expected.splitlines()[-1].split()[0])
    assert status == (1 if errors else 0)


def test_every_case_has_expected_messages():
    for case in CASES:
        assert (BROKEN / case / "expected.txt").is_file(), case
