"""Shared fixtures."""

from __future__ import annotations

import pytest

from cimpskit.cli import main


@pytest.fixture
def run(capsys):
    """Run the command line in-process and return (status, stdout, stderr)."""

    def _run(*args: str):
        status = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return status, out, err

    return _run
