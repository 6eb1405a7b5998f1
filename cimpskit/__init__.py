"""Regional campaign communication kit for the CIMPS consortium."""

from __future__ import annotations

__version__ = "0.1.0"
