"""Entry point of the CIMPS campaign kit generator."""

from __future__ import annotations

import sys

from cimpskit.cli import main

if __name__ == "__main__":
    sys.exit(main())
