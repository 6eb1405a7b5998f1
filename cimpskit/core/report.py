"""Print problems for people (`path:line:col: message`) or as GitHub workflow annotations."""

from __future__ import annotations

import os
import sys
from typing import Literal, TextIO

from cimpskit.core.errors import Problem, errors_only

Style = Literal["text", "github"]


def default_style() -> Style:
    """Return 'github' inside GitHub Actions, 'text' elsewhere."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _escape_data(text: str) -> str:
    """Escape an annotation message as the GitHub runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Escape an annotation property value (file name, title)."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """Return one problem as a GitHub workflow command (`::error file=…,line=…,col=…::…`)."""
    kind = "warning" if problem.severity == "warning" else "error"
    props = f"file={_escape_property(problem.path)},line={problem.line},col={problem.col}"
    return f"::{kind} {props}::{_escape_data(problem.message)}"


def tally(problems: list[Problem]) -> str:
    """Return the closing count line, like '2 erro(s), 1 aviso(s)'."""
    errors = len(errors_only(problems))
    return f"{errors} erro(s), {len(problems) - errors} aviso(s)"


def report(problems: list[Problem], strict: bool, style: Style = "text", stream: TextIO | None = None) -> int:
    """Print problems and return the exit status they imply (1 on errors, or on warnings when strict)."""
    stream = stream or sys.stderr
    for problem in problems:
        print(annotation(problem) if style == "github" else problem, file=stream)
    if problems:
        print(tally(problems), file=stream)
    errors = errors_only(problems)
    return 1 if errors or (strict and len(problems) > len(errors)) else 0
