"""The build manifest: which digest produced which files, for content-keyed reuse."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".manifest.json"


@dataclass
class Entry:
    """What one job produced last time, and from which digest."""

    digest: str
    files: list[str]
    alt: str = ""
    caption: str = ""


@dataclass
class Manifest:
    """Job and bundle digests of the last successful build."""

    jobs: dict[str, Entry] = field(default_factory=dict)
    bundles: dict[str, str] = field(default_factory=dict)

    def fresh(self, stem: str, digest: str, out: Path) -> bool:
        """Tell whether a job's outputs exist and came from this digest."""
        entry = self.jobs.get(stem)
        return entry is not None and entry.digest == digest and all((out / f).is_file() for f in entry.files)

    def to_bytes(self) -> bytes:
        """Serialise deterministically."""
        data = {
            "jobs": {k: vars(v) for k, v in sorted(self.jobs.items())},
            "bundles": dict(sorted(self.bundles.items())),
        }
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def load_manifest(out: Path) -> Manifest:
    """Read the manifest in out, or an empty one when missing or unreadable."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        jobs = {k: Entry(**v) for k, v in data.get("jobs", {}).items()}
        return Manifest(jobs, dict(data.get("bundles", {})))
    except (OSError, ValueError, TypeError):
        return Manifest()
