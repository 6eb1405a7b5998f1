"""User-error family, usage errors and the Problem record every check reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in a user's file, located by line and column."""

    path: str
    line: int
    col: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "aviso: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.col}: {prefix}{self.message}"


class KitError(Exception):
    """A user error: bad input that the kit reports without a traceback (exit status 1)."""

    def __init__(self, problems: list[Problem] | Problem):
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """A command used the wrong way (unknown campaign, bad option value): exit status 2, no location."""


def errors_only(problems: list[Problem]) -> list[Problem]:
    """Return the problems that are errors, dropping warnings."""
    return [p for p in problems if p.severity == "error"]
