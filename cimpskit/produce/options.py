"""Options of a build, gathered in one value below the command line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from cimpskit.core.report import Style

DEFAULT_OUT = "docs/downloads"


@dataclass(frozen=True)
class BuildOptions:
    """What to build and how: selection, drafts, cache, parallelism, output folder and message style."""

    out: Path | None = None
    campaign: str | None = None
    municipality: str | None = None
    drafts: bool = False
    force: bool = False
    strict: bool = False
    jobs: int = 0
    videos: bool = True
    """False: no videos (a quicker build to review the pieces)."""
    style: Style = "text"
    today: dt.date = field(default_factory=dt.date.today)
    """The day the pending-items board is computed for (overdue items are the ones before it)."""

    @property
    def full(self) -> bool:
        """Tell whether every campaign and municipality is built (the only case that removes stale files)."""
        return not (self.campaign or self.municipality)

    def out_dir(self, root: Path) -> Path:
        """Return the downloads folder of this build."""
        return self.out or root / DEFAULT_OUT

    def writes_site(self, root: Path) -> bool:
        """Tell whether this build also writes the site's generated pages (full build into docs/)."""
        return self.full and self.out_dir(root).resolve() == (root / DEFAULT_OUT).resolve()
