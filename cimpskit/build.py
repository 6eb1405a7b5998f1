"""The build command: validate, then run the pipeline stages and write their outputs."""

from __future__ import annotations

import argparse
import sys

from .cli import report
from .errors import errors_only
from .validate import check_project


def run_build(args: argparse.Namespace) -> int:
    """Validate the inputs and stop on any error before anything is written."""
    project, problems = check_project(args.root)
    if errors_only(problems) or (args.strict and problems):
        return report(problems, args.strict)
    report(problems, strict=False)
    print(f"ok: {len(project.campaigns)} campanha(s) validadas", file=sys.stderr)
    return 0
